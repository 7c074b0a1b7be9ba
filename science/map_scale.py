"""Re-score finished protocol runs with InfoMask's map scaled per film, as Grad-CAM's is.

Grad-CAM's map is min-max scaled per film (`cam._minmax`), so one validation threshold means "this share of the
film's own peak"; InfoMask's map is E[M] / (1 - tau), one absolute scale for every film. This script takes the
checkpoints `science/protocol.py` kept (its --work folder) for the rows of a results file, rebuilds the same loaders,
and scores each masked run twice with `evaluate`: as trained ('absolute', which must reproduce the row's IoU) and with
the map min-max scaled per film ('per_film'). Nothing is trained. One JSON row per run is appended to --out.

  python science/map_scale.py --rows science/results/recipe29_dev.jsonl --out science/results/map_scale_dev.jsonl
"""
import argparse, json, os
from pathlib import Path
import torch
ap = argparse.ArgumentParser()
ap.add_argument('--rows', required=True); ap.add_argument('--out', required=True)
ap.add_argument('--work', default=os.environ.get('INFOMASK_WORK', '/tmp/infomask_protocol'))
ap.add_argument('--methods', nargs='+', default=['infomask'])
a = ap.parse_args()
torch.set_num_threads(1)
import infomask_nb.evaluate as E
from infomask_nb.cam import localize, _minmax
from _reread import done_keys, kept_runs, reading

def per_film(model, x):
    "`localize` with the map min-max scaled per film, as `grad_cam` scales its maps."
    p, m = localize(model, x); return p, _minmax(m[:, None])[:, 0]

work, out = Path(a.work), Path(a.out)
done = done_keys(out)
for r, size, model, dls in kept_runs(a.rows, work, lambda r, size: r['method'] in a.methods and (r['cohort'], r['method'], r['tag'], r['seed'], size) not in done):
    row = dict(cohort=r['cohort'], method=r['method'], tag=r['tag'], seed=r['seed'], size=size, row_iou=r['iou'])
    for name, loc in (('absolute', localize), ('per_film', per_film)):
        with reading(loc): s = E.evaluate({r['method']: model}, dls, size=size, n_boot=200, margins=(0,))[1].iloc[0]
        row.update({f'{name}_{k}': round(float(s[k]), 4) for k in ('iou', 'iop', 'fnr', 'threshold', 'pxap', 'hit_rate')})
    with open(out, 'a') as f: f.write(json.dumps(row) + '\n')
    print({k: row[k] for k in ('cohort', 'tag', 'seed', 'size', 'row_iou', 'absolute_iou', 'per_film_iou', 'absolute_iop', 'per_film_iop')}, flush=True)
