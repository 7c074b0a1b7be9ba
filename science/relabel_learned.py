"""Recompute `learned` in science/results/protocol.jsonl under the library's present definition (run once, after
`train_method` changed it): a run has learned when its validation AUC reached LEFT_PRIOR_AUC at an epoch that
`select_epoch` could pick (epoch >= the run's first candidate; earlier epochs belong to the warm start). Rows written
before counted any epoch. Each row gets `first_candidate` from its run folder's config.json; a row whose folder is gone
must be unaffected whatever its first candidate (no run's first candidate is past the middle of its budget: the warm
start is at most half of it), else the script stops. Prints every row it changes.

  python science/relabel_learned.py [--work /tmp/infomask_protocol]
"""
import argparse, json, math, os
from pathlib import Path
import pandas as pd
from infomask_nb.runs import Recipe, left_prior
ap = argparse.ArgumentParser()
ap.add_argument('--rows', default=str(Path(__file__).parent / 'results' / 'protocol.jsonl'))
ap.add_argument('--work', default=os.environ.get('INFOMASK_WORK', '/tmp/infomask_protocol'))
a = ap.parse_args()
p = Path(a.rows); rows = [json.loads(l) for l in p.read_text().splitlines()]
def hit(r, first): return left_prior(pd.DataFrame(dict(epoch=range(len(r['val_auc'])), roc_auc=r["val_auc"])), Recipe().start_auc, min_epoch=first) is not None   # the library's rule
changed = 0
for r in rows:
    cfg = Path(a.work) / 'runs' / f"{r['cohort']}_{r['method']}_{r['tag']}_e{r['epochs']}_s{r['seed']}" / 'config.json'
    if cfg.exists():
        sel = json.loads(cfg.read_text())['selection']
        if sel['selected_epoch'] != r['selected_epoch']: raise SystemExit(f"{cfg}: selected epoch {sel['selected_epoch']} is not the row's {r['selected_epoch']}")
        first = sel.get('first_candidate', 0)
    elif 'first_candidate' in r: first = r['first_candidate']
    else:
        first = None
        if hit(r, 0) != hit(r, math.ceil(r['epochs'] / 2)):
            raise SystemExit(f"{cfg.parent.name}: run folder gone and the first candidate decides whether it learned")
    new = hit(r, first or 0)
    if new != r['learned']:
        changed += 1
        print(f"{r['cohort']} {r['method']} {r['tag']} seed {r['seed']}: learned {r['learned']} -> {new} (left the prior at epoch "
              f"{r['left_prior_epoch']}, first candidate {first}, best validation AUC from then {max(r['val_auc'][first or 0:]):.3f})")
    r['learned'] = new
    if first is not None: r['first_candidate'] = first
tmp = p.with_suffix('.tmp'); tmp.write_text(''.join(json.dumps(r) + '\n' for r in rows)); tmp.replace(p)
print(f"{len(rows)} rows, {changed} changed")
