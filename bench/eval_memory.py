"""Peak resident memory of scoring a test split with `score_split`, for 1,000 and 4,000 images.

Each size runs in its own process (peak RSS is per process). The maps are never kept: only per-image
histograms at 101 thresholds and box scores; `kept_kb_per_image` is what `score_split` still holds when it
returns, per image (tracemalloc, which sees numpy's buffers). Peak RSS also includes what the allocator
keeps after freeing (glibc arenas, torch's CPU caching), which is why it grows more than what is kept. Writes bench/results/eval_memory.csv (shown in
nbs/13_reliability.ipynb).

Usage: python bench/eval_memory.py [--sizes 1000 4000] [--px 64]
"""
import argparse, json, resource, subprocess, sys, time
from pathlib import Path
import pandas as pd

CHILD = r'''
import json, resource, sys, time, torch
from pathlib import Path
from infomask_nb.data import read_nih, split_patients, cxr_dls
from infomask_nb.model import build_model
from infomask_nb.evaluate import score_split
coh, n, px = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
torch.set_num_threads(2)
df = split_patients(read_nih(coh, negatives='all'), seed=0)
dls = cxr_dls(df, size=px, bs=32)
tab = df.iloc[:n].reset_index(drop=True).assign(split='test')
dl = dls.test_dl(tab, with_labels=True)
model = build_model('infomask', width=0.5).eval()
import tracemalloc
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
tracemalloc.start(); m0 = tracemalloc.get_traced_memory()[0]
t0 = time.time(); s = score_split(model, dl, tab, px); dt = time.time() - t0
kept = (tracemalloc.get_traced_memory()[0] - m0) / 1024; tracemalloc.stop()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(dict(n_images=len(s.probs), px=px, rss_before_mb=round(base, 1), peak_rss_mb=round(peak, 1),
                      growth_mb=round(peak - base, 1), kept_kb_per_image=round(kept / len(s.probs), 2), seconds=round(dt, 1))))
'''

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--sizes', type=int, nargs='+', default=[1000, 4000]); ap.add_argument('--px', type=int, default=64)
    ap.add_argument('--cohort', default='/tmp/infomask_evalmem')
    a = ap.parse_args()
    from infomask_nb.phantom import make_cohort
    coh = Path(a.cohort) / f"n{max(a.sizes)}_px{a.px}"
    if not (coh / 'Data_Entry_2017.csv').exists(): make_cohort(coh, n_images=max(a.sizes), size=a.px, seed=0)
    rows = []
    for n in a.sizes:
        out = subprocess.run([sys.executable, '-c', CHILD, str(coh), str(n), str(a.px)], capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1])); print(rows[-1], flush=True)
    res = pd.DataFrame(rows)
    res['growth_per_1000_images_mb'] = (res.growth_mb / res.n_images * 1000).round(2)
    from _common import RESULTS as dest; dest.mkdir(exist_ok=True)
    res.to_csv(dest / 'eval_memory.csv', index=False)
    print(res.to_string(index=False))
    print(f"peak RSS {res.n_images.iloc[-1]} vs {res.n_images.iloc[0]} images: x{res.peak_rss_mb.iloc[-1] / res.peak_rss_mb.iloc[0]:.2f}")

if __name__ == '__main__': main()
