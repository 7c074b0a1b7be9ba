"""Does the data path keep up with training at 256 px from 1024 px films? (issue 14, item 7)

One phantom cohort drawn at 1024 px (NIH's film size). In the same run: the training loader's images/s at 256 px
(`cxr_dls`, batch 16, augmentation on) decoding the PNGs in the main process, with `--workers` processes, and from a
`FilmCache`; and the training images/s of the model that would consume them (the CLI's InfoMask, width 0.5, and the
Grad-CAM baseline, fastai `fit` of the same number of batches from the cache, so loading is not what is timed).
Prints each loader's images/s divided by the model's: >= 1 means the loader keeps up. Absolute numbers mean little
on a shared machine; the ratios are measured minutes apart in one process.

  python bench/data_vs_train.py --n 200 --batches 5 --workers 2
"""
import sys as _sys, os as _os
_sys.path.insert(0, _os.path.dirname(_os.path.abspath(__file__)))
from _common import saver, film_cohort
import argparse, shutil, tempfile, time
from pathlib import Path
import torch
from fastai.callback.core import Callback
from infomask_nb.data import cxr_dls
from infomask_nb.learner import infomask_learner

class TimeTrain(Callback):
    order = 100
    def before_train(self): self.t0 = time.perf_counter()
    def after_train(self): self.learn.train_seconds = time.perf_counter() - self.t0

def loader_rate(dl, batches):
    "Images/s of `batches` training batches (after one warm-up batch: worker start-up is not counted)."
    it = iter(dl); next(it); n = 0; t0 = time.perf_counter()
    for _ in range(batches): n += len(next(it)[0])
    return n / (time.perf_counter() - t0)

save = saver('data_vs_train')

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--n', type=int, default=200); ap.add_argument('--film', type=int, default=1024); ap.add_argument('--size', type=int, default=256)
    ap.add_argument('--bs', type=int, default=16); ap.add_argument('--batches', type=int, default=5); ap.add_argument('--workers', type=int, default=2)
    ap.add_argument('--threads', type=int, default=2); ap.add_argument('--cohort', default='/tmp/infomask_cachebench')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    df = film_cohort(a.cohort, a.n, a.film)
    croot = Path(tempfile.mkdtemp())
    rates = {}
    for name, kw in (('decode, 0 workers', {}), (f'decode, {a.workers} workers', dict(num_workers=a.workers)), ('FilmCache, 0 workers', dict(cache=croot))):
        dls = cxr_dls(df, size=a.size, bs=a.bs, device='cpu', **kw)
        if len(dls.train) < a.batches + 1: raise SystemExit(f"--n {a.n} gives {len(dls.train)} training batches; need {a.batches + 1}")
        rates[name] = loader_rate(dls.train, a.batches)
    dls = cxr_dls(df, size=a.size, bs=a.bs, device='cpu', cache=croot)
    dls.train.n = a.bs * a.batches   # the same number of batches as the loaders above
    for method in ('infomask', 'gradcam'):
        learn = infomask_learner(dls, method, width=0.5, cbs=[TimeTrain()])
        learn.metrics = []
        with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-3)
        train = a.bs * a.batches / learn.train_seconds
        for name, r in rates.items():
            save(dict(film_px=a.film, input_px=a.size, bs=a.bs, threads=a.threads, model=method, train_images_per_s=round(train, 2),
                      loader=name, loader_images_per_s=round(r, 2), loader_over_training=round(r / train, 2)))
    shutil.rmtree(croot)

if __name__ == '__main__': main()
