"""Re-score finished InfoMask runs with other maps read from the same checkpoint: does the network know more of the box
than its mask marks?

For every masked run of a results file whose checkpoint `science/protocol.py` kept (its --work folder), this rebuilds the
same loaders and scores the kept model with `evaluate` (threshold calibrated on validation, scored on test) under maps:

- `mask`: the map as trained, E[M] / (1 - tau) (must reproduce the row's IoU);
- `evidence`: the local evidence for the finding, ev[finding] - ev[no finding] on the feature grid (what the mask pools),
  upsampled to the input and min-max scaled per film, as Grad-CAM's map is: a CAM of InfoMask's own classifier;
- `mask_s8`: the mask averaged over 2x2 cells first (stride 8, the grid Grad-CAM's layer has), then upsampled.

Nothing is trained. One JSON row per run is appended to --out.

  python science/map_variants.py --rows science/results/recipe29_dev.jsonl --tags recipe29 recipe29_s128 --out science/results/map_variants_dev.jsonl
"""
import argparse, json, os
from pathlib import Path
import torch
import torch.nn.functional as F
ap = argparse.ArgumentParser()
ap.add_argument('--rows', required=True); ap.add_argument('--out', required=True)
ap.add_argument('--work', default=os.environ.get('INFOMASK_WORK', '/tmp/infomask_protocol'))
ap.add_argument('--tags', nargs='*', default=None, help='only rows with these tags')
a = ap.parse_args()
torch.set_num_threads(1)
import infomask_nb.evaluate as E
from infomask_nb.cam import localize, _minmax
from _reread import done_keys, kept_runs, reading

def _out(model, x):
    x = x.as_subclass(torch.Tensor).to(next(model.parameters()).device)
    model.eval()
    with torch.inference_mode():
        out = model(x); deep, feats = model.encode_both(x)
        ev = model.evidence(feats, deep)
    return x, out, ev

def evidence_map(model, x):
    "The finding's local evidence against no finding, upsampled and min-max scaled per film."
    p, _ = localize(model, x); x, out, ev = _out(model, x)
    d = (ev[:, 1:2] - ev[:, 0:1]).float()
    return p, _minmax(F.interpolate(_minmax(d), size=x.shape[-2:], mode='bilinear', align_corners=False))[:, 0]

def mask_s8(model, x):
    "The mask averaged to stride 8 (2x2 cells of the stride-4 grid), upsampled back."
    p, m = localize(model, x)
    g = F.avg_pool2d(m[:, None], 8)
    return p, F.interpolate(g, size=m.shape[-2:], mode='bilinear', align_corners=False)[:, 0]

work, out = Path(a.work), Path(a.out)
done = done_keys(out)
keep = lambda r, size: r['method'] != 'gradcam' and (r['cohort'], r['method'], r['tag'], r['seed'], size) not in done and (not a.tags or r['tag'] in a.tags)
for r, size, model, dls in kept_runs(a.rows, work, keep):
    row = dict(cohort=r['cohort'], method=r['method'], tag=r['tag'], seed=r['seed'], size=size, kw=r.get('kw', {}), row_iou=r['iou'])
    for name, loc in (('mask', localize), ('evidence', evidence_map), ('mask_s8', mask_s8)):
        with reading(loc): s = E.evaluate({r['method']: model}, dls, size=size, n_boot=200, margins=(0,))[1].iloc[0]
        row.update({f'{name}_{k}': round(float(s[k]), 4) for k in ('iou', 'iop', 'fnr', 'threshold', 'pxap')})
    with open(out, 'a') as f: f.write(json.dumps(row) + '\n')
    print({k: row[k] for k in ('cohort', 'tag', 'seed', 'size', 'row_iou', 'mask_iou', 'evidence_iou', 'mask_s8_iou', 'mask_fnr', 'evidence_fnr')}, flush=True)
