"""Data loading per epoch: decoding full-size PNGs every epoch vs the `FilmCache` memory map.

A phantom cohort drawn at 1024 px (NIH's film size), loaded at 256 px through `cxr_dls` (same DataBlock,
same augmentation, batch 32, no model): the time to iterate one training epoch, without and with the cache,
interleaved, best of `--repeats`. The one-off cache build is timed separately. Also the cache's size per
film and per 100,000 films.

  python bench/cache.py --n 160 --repeats 2
"""
import sys as _sys, os as _os
_sys.path.insert(0, _os.path.dirname(_os.path.abspath(__file__)))
from _common import saver, film_cohort
import argparse, shutil, tempfile, time
from pathlib import Path
import torch
from infomask_nb.data import cxr_dls, FilmCache

def epoch_seconds(dl):
    t0 = time.perf_counter()
    for _ in dl: pass
    return time.perf_counter() - t0

save = saver('cache')

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--n', type=int, default=160); ap.add_argument('--film', type=int, default=1024)
    ap.add_argument('--size', type=int, default=256); ap.add_argument('--repeats', type=int, default=2)
    ap.add_argument('--threads', type=int, default=2); ap.add_argument('--cohort', default='/tmp/infomask_cachebench')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    df = film_cohort(a.cohort, a.n, a.film)
    croot = Path(tempfile.mkdtemp())
    t0 = time.perf_counter(); fc = FilmCache(df.file.tolist(), a.size, croot); build = time.perf_counter() - t0
    plain = cxr_dls(df, size=a.size, bs=32, device='cpu').train
    cached = cxr_dls(df, size=a.size, bs=32, device='cpu', cache=croot).train
    tp, tc = 1e9, 1e9
    for _ in range(a.repeats):
        tp = min(tp, epoch_seconds(plain)); tc = min(tc, epoch_seconds(cached))
    n = len(plain.dataset)
    per = fc.path.stat().st_size / len(fc)
    save(dict(films=n, film_px=a.film, input_px=a.size, decode_each_epoch_s=round(tp, 2), cache_s=round(tc, 2),
                          speedup=round(tp / tc, 1), cache_build_s=round(build, 2), cache_bytes_per_film=int(per),
                          cache_gb_per_100k_films=round(per * 1e5 / 1e9, 2)), first=True)
    shutil.rmtree(croot)

if __name__ == '__main__': main()
