"""The evaluation protocol of nbs/tutorials/protocol.ipynb: train one method on one protocol cohort for a few
seeds, evaluate it (threshold calibrated on validation, scored on test) and append one JSON row per run to
science/results/protocol.jsonl as it goes (a run already in the file is skipped, so a killed sweep resumes).
Each run's maps are read with the margin its validation chose (`evaluate`'s default since library 0.2.0; the row's
`margin`, `reading='chosen'`), and the same run read raw is kept beside it (`raw_iou`, ...); rows without a `reading`
were scored on the raw maps only, as `--raw-maps` still does.

Cohorts are `PROTOCOL_COHORTS` (infomask_nb.phantom): development cohorts choose defaults, report cohorts only
report. Every run: 800 films drawn at 128 px (--draw; the same cohort at every --size), trained at 64 px (--size), the library's defaults unless --kw says
otherwise, one thread (two runs share this 2-core machine).

  python science/protocol.py --cohort dev-nih --method infomask --seeds 0 1 2
  python science/protocol.py --cohort report-nih-faint --method gradcam --seeds 0 1 2 --epochs 16
  python science/protocol.py --cohort dev-nih --method infomask --seeds 0 --tag warm0 --kw '{"warm": 0}'
"""
import argparse, json, os, time
from pathlib import Path
import torch
ap = argparse.ArgumentParser()
ap.add_argument('--cohort', required=True); ap.add_argument('--method', default='infomask')
ap.add_argument('--seeds', type=int, nargs='+', default=[0]); ap.add_argument('--epochs', type=int, default=None)
ap.add_argument('--n', type=int, default=800); ap.add_argument('--size', type=int, default=64)
ap.add_argument('--draw', type=int, default=128, help='side of the drawn films (the cohort); --size resizes them for training')
ap.add_argument('--kw', default='{}', help='JSON: extra train_method options (model config, alpha, warm, ...)')
ap.add_argument('--tag', default='default', help='name of the variant, for the table')
ap.add_argument('--out', default=str(Path(__file__).parent / 'results' / 'protocol.jsonl'))
ap.add_argument('--work', default=os.environ.get('INFOMASK_WORK', '/tmp/infomask_protocol'))
ap.add_argument('--threads', type=int, default=1)
ap.add_argument('--bs', type=int, default=32, help='batch size (the CLI default is 32)')
ap.add_argument('--no-aug', action='store_true', help='train without the data block augmentation (cxr_dls aug=False)')
ap.add_argument('--raw-maps', action='store_true', help='score the raw maps (margin 0), as every row before library 0.2.0 was; default: the margin chosen on validation')
a = ap.parse_args()
torch.set_num_threads(a.threads)
from infomask_nb.phantom import PROTOCOL_COHORTS
from infomask_nb.data import cxr_dls
from _cohort import cohort_table, default_budget
from infomask_nb.train import train_method
from infomask_nb.evaluate import evaluate
from infomask_nb.runs import Recipe, RunConfig, left_prior
LEFT_PRIOR_AUC = Recipe().start_auc
role = PROTOCOL_COHORTS[a.cohort][0]
work = Path(a.work)
df = cohort_table(a.cohort, work, n=a.n, draw=a.draw)
epochs = a.epochs or default_budget(df)
kw = json.loads(a.kw)
out = Path(a.out); out.parent.mkdir(parents=True, exist_ok=True)
done = {(r['cohort'], r['method'], r['tag'], r['seed'], r['epochs']) for r in map(json.loads, out.read_text().splitlines())} if out.exists() else set()
for seed in a.seeds:
    if (a.cohort, a.method, a.tag, seed, epochs) in done: print('skip', a.cohort, a.method, a.tag, seed); continue
    t0 = time.time()
    dls = cxr_dls(df, size=a.size, bs=a.bs, seed=seed, aug=not a.no_aug)
    run = work / 'runs' / f'{a.cohort}_{a.method}_{a.tag}_e{epochs}_s{seed}'
    model, hist, ep = train_method(dls, a.method, run, epochs=epochs, seed=seed, progress=False, **kw)
    t_train = time.time() - t0
    per, summ, _ = evaluate({a.method: model}, dls, size=a.size, n_boot=200, margins=(0,) if a.raw_maps else None)
    s = summ.iloc[0]
    raw = s if a.raw_maps else evaluate({a.method: model}, dls, size=a.size, n_boot=200, margins=(0,))[1].iloc[0]   # the same run read raw, beside it
    lp = left_prior(hist, LEFT_PRIOR_AUC)
    cfg = json.loads((run / 'config.json').read_text())
    sel = cfg['selection']   # learned: the bar reached at an epoch that could be selected
    row = dict(cohort=a.cohort, role=role, family=PROTOCOL_COHORTS[a.cohort][1], harder=PROTOCOL_COHORTS[a.cohort][3],
               method=a.method, tag=a.tag, kw=kw, alpha=RunConfig.load(run).alpha, size=a.size, bs=a.bs, aug=not a.no_aug, seed=seed, epochs=epochs, selected_epoch=int(ep), left_prior_epoch=lp,
               learned=sel['learned'], first_candidate=sel.get('first_candidate', 0), val_auc=[round(float(v), 4) for v in hist.roc_auc],
               val_loc_iou=[None if v != v else round(float(v), 4) for v in hist.get('loc_iou', hist.roc_auc * float('nan'))],
               **{k: float(s[k]) for k in ('iou', 'iop', 'fpr', 'fnr', 'auc', 'accuracy', 'pxap', 'threshold')}, margin=int(s['margin']), reading='raw' if a.raw_maps else 'chosen',
               **{f'raw_{k}': float(raw[k]) for k in ('iou', 'iop', 'fpr', 'fnr', 'threshold', 'maxboxacc_v2')},
               n_test_boxed=int(s['n_boxed']), train_min=round(t_train / 60, 2), n_train=len(dls.tables['train']))
    att = sel.get('attempts') or [dict(seed=seed, epochs=epochs, kept=True)]
    row.update(attempts=att, epochs_trained=sum(x['epochs'] for x in att))   # restarts: every attempt and the epochs they cost
    with open(out, 'a') as f: f.write(json.dumps(row) + '\n')
    print(f"{a.cohort} {a.method} {a.tag} seed {seed}: {len(row['attempts'])} attempt(s), left prior at epoch {lp}, selected {ep}, test IoU {row['iou']:.3f} "
          f"AUC {row['auc']:.3f} ({t_train / 60:.1f} min)", flush=True)
