"""What test IoU against an annotator's box can a map reach on a protocol cohort? The ceiling of the metric, not a method.

The phantom draws every opacity with its exact pixel mask (`masks/*_mask.png`) and boxes it the way a radiologist would
(`annotator_box`: the tight box plus a margin). This script scores maps made from that truth through the protocol's own
scoring (`evaluate.score_split`, the threshold calibrated on validation by `calibrate`, mean per-image IoU on the boxed
test films), on the same loaders `science/protocol.py` builds, so its numbers sit beside the methods' IoU in one table:

- `lesion`: the exact opacity mask (what a perfect segmentation of the finding's pixels would mark);
- `lesion_blur_S`: the mask blurred by a Gaussian of S pixels of the input (S given at 128 px, scaled with --size) and
  min-max scaled per film: a map that marks where the opacity is, as bluntly as a coarse map;
- `lesion_box`: the tight box around the opacity pixels inside each annotator box (what a detector would draw).

No model is trained or read. One JSON row per cohort and size is appended to --out.

  python science/box_ceiling.py --cohorts dev-nih dev-nih-faint --sizes 64 128 --out science/results/box_ceiling_dev.jsonl
"""
import argparse, json, os
from pathlib import Path
import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from scipy.ndimage import gaussian_filter
ap = argparse.ArgumentParser()
ap.add_argument('--cohorts', nargs='+', default=['dev-nih', 'dev-nih-faint'])
ap.add_argument('--sizes', type=int, nargs='+', default=[64, 128])
ap.add_argument('--blur', type=float, nargs='+', default=[2, 4, 8], help='Gaussian sigmas in pixels at 128 px')
ap.add_argument('--n', type=int, default=800); ap.add_argument('--draw', type=int, default=128)
ap.add_argument('--out', required=True)
ap.add_argument('--work', default=os.environ.get('INFOMASK_WORK', '/tmp/infomask_protocol'))
a = ap.parse_args()
torch.set_num_threads(1)
import infomask_nb.evaluate as E
from infomask_nb.cam import _minmax
from infomask_nb.data import cxr_dls
from _cohort import cohort_table
from _reread import Cached, cached_localize

def truth(file:str, size:int)->torch.Tensor:
    "The film's exact opacity mask at the input size (zeros for a film without one), as a float map."
    f = Path(file).parent.parent / 'masks' / (Path(file).stem + '_mask.png')
    if not f.exists(): return torch.zeros(size, size)
    m = torch.from_numpy((np.array(Image.open(f)) > 0).astype(np.float32))[None, None]
    return F.interpolate(m, size=(size, size), mode='bilinear', align_corners=False)[0, 0]

def blur(m:torch.Tensor, sigma:float)->torch.Tensor:
    "Gaussian blur of a (H, W) map (scipy's, kernel cut at 3 sigma, edges repeated), min-max scaled."
    x = torch.from_numpy(gaussian_filter(m.double().numpy(), sigma, mode='nearest', truncate=3.0)).float()
    return _minmax(x[None, None])[0, 0]

def tight_box(m:torch.Tensor, boxes:list)->torch.Tensor:
    "1 inside the tight box of the opacity pixels within each annotator box ((x, y, w, h) in input pixels)."
    out = torch.zeros_like(m); H, W = m.shape
    for x0, y0, w, h in boxes:
        x1, y1 = x0 + w, y0 + h
        sub = m[max(0, int(y0)):min(H, int(np.ceil(y1))), max(0, int(x0)):min(W, int(np.ceil(x1)))] > 0.5
        if not sub.any(): continue
        ys, xs = torch.nonzero(sub, as_tuple=True)
        out[int(y0) + ys.min():int(y0) + ys.max() + 1, int(x0) + xs.min():int(x0) + xs.max() + 1] = 1
    return out

E.localize = cached_localize   # the truth-made maps stand in for a model's
out = Path(a.out); out.parent.mkdir(parents=True, exist_ok=True)
for cohort in a.cohorts:
    df = cohort_table(cohort, a.work, n=a.n, draw=a.draw)
    for size in a.sizes:
        dls = cxr_dls(df, size=size, bs=32, seed=0, aug=False)
        kinds = ['lesion'] + [f'lesion_blur_{s:g}' for s in a.blur] + ['lesion_box']
        row = dict(cohort=cohort, size=size, draw=a.draw, n_test_boxed=None)
        for kind in kinds:
            sc = []
            for split in ('valid', 'test'):
                tab = dls.tables[split]
                maps = []
                for r in tab.itertuples():
                    t = truth(r.file, size)
                    if kind.startswith('lesion_blur_'): t = blur(t, float(kind.rsplit('_', 1)[1]) * size / 128) if t.any() else t
                    if kind == 'lesion_box': t = tight_box(t, E.scale_boxes(r.boxes, E.box_frame(r), size) if len(r.boxes) else [])
                    maps.append(t)
                sc.append(E.score_split(Cached(torch.ones(len(maps)), torch.stack(maps)), getattr(dls, split), tab, size, rsna=False))
            v, t = sc; j = E.calibrate(v, 'iou'); m = E.per_image(t)
            row['n_test_boxed'] = int(t.has_box.sum())
            row.update({f'{kind}_iou': round(float(m['iou'][:, j].mean()), 4), f'{kind}_iop': round(float(m['iop'][:, j].mean()), 4),
                        f'{kind}_fnr': round(float(m['fnr'][:, j].mean()), 4), f'{kind}_threshold': round(float(t.thresholds[j]), 2)})
        with open(out, 'a') as f: f.write(json.dumps(row) + '\n')
        print({k: v for k, v in row.items() if k.endswith('_iou') or k in ('cohort', 'size', 'n_test_boxed')}, flush=True)
