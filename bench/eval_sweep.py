"""Threshold sweep of the localisation metrics: the vectorised implementation against a plain loop.

1,000 maps at 256 px with box masks, 100 thresholds. The reference computes IoP, FPR, FNR and IoU image by
image and threshold by threshold with numpy (what a straightforward implementation does); the library's
`pixel_metrics` does all of them from per-image histograms in one pass. Checks the two agree to 1e-9 and
prints the speed ratio measured in the same run. Memory: how much `pixel_metrics` raises the peak resident
memory of a fresh process that holds only the maps and boxes, for 10, 100 and 1,000 thresholds (the counts
are n x T integers, so it should barely depend on T). Data generation makes no copy, so the peak before the
call is the data itself and the growth is `pixel_metrics`' own.

  python bench/eval_sweep.py --n 1000 --size 256 --thresholds 100
"""
import sys as _sys, os as _os
_sys.path.insert(0, _os.path.dirname(_os.path.abspath(__file__)))
from _common import saver
import argparse, json, subprocess, sys, time
import numpy as np, torch
from infomask_nb.metrics import pixel_metrics

def data(n, size, seed=0):
    g = torch.Generator().manual_seed(seed)
    maps = torch.rand(n, size // 8, size // 8, generator=g)
    maps = torch.nn.functional.interpolate(maps[:, None], size=(size, size), mode='bilinear', align_corners=False)[:, 0]
    maps.clamp_(0, 1)   # in place: a copy here would set the process's peak memory before `pixel_metrics` runs
    boxes = torch.zeros(n, size, size)
    for i in range(n):
        x, y = torch.randint(0, size // 2, (2,), generator=g).tolist(); w, h = torch.randint(8, size // 2, (2,), generator=g).tolist()
        boxes[i, y:y + h, x:x + w] = 1
    return maps, boxes

def reference(maps, boxes, thr):
    m, b = maps.numpy().astype(np.float64), boxes.numpy().astype(bool)
    out = {k: np.zeros((len(m), len(thr))) for k in ('iop', 'fpr', 'fnr', 'iou')}
    for i in range(len(m)):
        for j, t in enumerate(thr):
            p = m[i] >= t
            tp = np.sum(p & b[i]); fp = np.sum(p & ~b[i]); fn = np.sum(~p & b[i]); tn = np.sum(~p & ~b[i])
            out['iop'][i, j] = tp / (tp + fp) if tp + fp else 0.0
            out['fpr'][i, j] = fp / (fp + tn) if fp + tn else 0.0
            out['fnr'][i, j] = fn / (tp + fn) if tp + fn else 0.0
            out['iou'][i, j] = tp / (tp + fp + fn) if tp + fp + fn else 1.0
    return out

MEM = r'''
import resource, sys, torch
sys.path.insert(0, '.')
from bench.eval_sweep import data
from infomask_nb.metrics import pixel_metrics
n, size, T = map(int, sys.argv[1:4])
maps, boxes = data(n, size)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
pixel_metrics(maps, boxes, torch.linspace(0, 1, T, dtype=torch.float64))
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024)
'''

save = saver('eval_sweep')

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--n', type=int, default=1000); ap.add_argument('--size', type=int, default=256)
    ap.add_argument('--thresholds', type=int, default=100); ap.add_argument('--threads', type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    mem = []   # first, while this process is small: Linux starts a child's peak-memory count at its parent's
    for T in (10, 100, 1000):
        r = subprocess.run([sys.executable, '-c', MEM, str(a.n), str(a.size), str(T)], capture_output=True, text=True, check=True,
                           cwd=str(__import__('pathlib').Path(__file__).parent.parent))
        mem.append(dict(n=a.n, size=a.size, thresholds=T, pixel_metrics_peak_rss_growth_mb=round(float(r.stdout.split()[-1]), 1)))
    maps, boxes = data(a.n, a.size)
    thr = torch.linspace(0, 1, a.thresholds, dtype=torch.float64)
    t0 = time.perf_counter(); fast = pixel_metrics(maps, boxes, thr); t_fast = time.perf_counter() - t0
    t0 = time.perf_counter(); ref = reference(maps, boxes, thr.numpy()); t_ref = time.perf_counter() - t0
    err = max(float(np.abs(fast[k].numpy() - ref[k]).max()) for k in ref)
    save(dict(n=a.n, size=a.size, thresholds=a.thresholds, vectorised_s=round(t_fast, 2), loop_s=round(t_ref, 2),
              speedup=round(t_ref / t_fast, 1), max_abs_diff=err), first=True)
    assert err < 1e-9, err
    for row in mem: save(row)

if __name__ == '__main__': main()
