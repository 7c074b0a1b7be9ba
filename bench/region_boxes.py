"""Connected-region boxes at every threshold (`region_boxes`, the box metrics' inner step): the library's
`ndimage.find_objects` version against the per-pixel `np.minimum.at` / `np.maximum.at` reduction it replaced.

A 256 px map scored at 100 thresholds labels 6.5 million voxels; the old reduction visited every labelled one in
numpy's slow unbuffered `ufunc.at`, and made `infomask_evaluate` of 1,000 films at 256 px take 2 minutes on an
H200 machine (bench/results/gpu_e2e.jsonl, 2026-11-29). Checks that both give the same regions and boxes, and
prints the speed ratio measured in the same run, per map size.

  python bench/region_boxes.py --maps 20 --thresholds 100
"""
import sys as _sys, os as _os
_sys.path.insert(0, _os.path.dirname(_os.path.abspath(__file__)))
from _common import saver
import argparse, time
import numpy as np
from scipy import ndimage
from infomask_nb.metrics import region_boxes, _STRUCT

def reference(m, thresholds):
    "The replaced implementation: per-pixel minimum/maximum reductions over the label image."
    m = np.asarray(m, np.float64); thr = np.asarray(thresholds, np.float64)
    lab, n = ndimage.label(m[None] >= thr[:, None, None], structure=_STRUCT)
    if n == 0: return np.zeros(0, int), np.zeros((0, 4))
    t_idx, yy, xx = np.nonzero(lab)
    l = lab[t_idx, yy, xx] - 1
    x0 = np.full(n, np.inf); y0 = np.full(n, np.inf); x1 = np.full(n, -np.inf); y1 = np.full(n, -np.inf); ti = np.zeros(n, int)
    np.minimum.at(x0, l, xx); np.minimum.at(y0, l, yy); np.maximum.at(x1, l, xx + 1); np.maximum.at(y1, l, yy + 1)
    ti[l] = t_idx
    return ti, np.stack([x0, y0, x1, y1], 1)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--maps', type=int, default=20); ap.add_argument('--thresholds', type=int, default=100)
    a = ap.parse_args(); save = saver('region_boxes'); rng = np.random.default_rng(0)
    thr = np.linspace(0, 1, a.thresholds, endpoint=False)
    for i, size in enumerate((64, 128, 256)):
        maps = [ndimage.gaussian_filter(rng.random((size, size)), size / 32) for _ in range(a.maps)]
        maps = [(m - m.min()) / (m.max() - m.min()) for m in maps]
        t0 = time.perf_counter(); ref = [reference(m, thr) for m in maps]
        t1 = time.perf_counter(); new = [region_boxes(m, thr) for m in maps]; t2 = time.perf_counter()
        for (ra, rb), (na, nb) in zip(ref, new):
            assert np.array_equal(ra, na) and np.array_equal(rb, nb), 'the two implementations disagree'
        save(dict(size=size, maps=a.maps, thresholds=a.thresholds, regions=int(sum(len(r[0]) for r in ref)),
                  reference_ms_per_map=round(1e3 * (t1 - t0) / a.maps, 1), library_ms_per_map=round(1e3 * (t2 - t1) / a.maps, 1),
                  ratio=round((t1 - t0) / (t2 - t1), 1)), first=i == 0)
