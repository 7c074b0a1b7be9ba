"""How often does one training attempt leave the class prior within the first quarter of its budget? The start
clause of the protocol (nbs/tutorials/protocol.ipynb) in isolation: train a method with the library's defaults
(a one-cycle schedule of --budget epochs, default the library's budget for the cohort's training set, `Recipe.budget`) for the first quarter of it only, from several
initialisations on one data order (--order, the loader's shuffle seed; 0 unless given), on the development cohorts, and record the best validation AUC by then (StartCheck's bar: 0.75). One JSON row per
attempt is appended to science/results/start_screen.jsonl as it goes (rows already there are skipped).

  python science/start_screen.py --cohort dev-simple --method infomask --inits 0 1 2 3 4 5 6 7 --tag hold_r1 --budget 8
  python science/start_screen.py --cohort dev-simple --method infomask --inits 0 1 2 3 --tag lr1e-2 --budget 8 --kw '{"lr": 0.01}'
  python science/start_screen.py --cohort dev-simple --method infomask --inits 0 1 2 3 --tag e16 --budget 16
  python science/start_screen.py --cohort dev-simple --method infomask --inits 0 1 2 3 --tag e16 --budget 16 --order 1
"""
import argparse, json, os, time, tempfile
from pathlib import Path
import torch
import pandas as pd
from fastai.callback.core import Callback, CancelFitException
ap = argparse.ArgumentParser()
ap.add_argument('--cohort', required=True); ap.add_argument('--method', default='infomask')
ap.add_argument('--inits', type=int, nargs='+', default=[0], help='initialisation seeds')
ap.add_argument('--order', type=int, default=0, help="data order: the training loader's shuffle seed, the same for every init")
ap.add_argument('--kw', default='{}', help='JSON: train_method options (lr, pct_start, model config, ...)')
ap.add_argument('--tag', default='default'); ap.add_argument('--n', type=int, default=800); ap.add_argument('--size', type=int, default=64)
ap.add_argument('--draw', type=int, default=128, help='side of the drawn films (the cohort); --size resizes them for training')
ap.add_argument('--out', default=str(Path(__file__).parent / 'results' / 'start_screen.jsonl'))
ap.add_argument('--work', default=os.environ.get('INFOMASK_WORK', '/tmp/infomask_protocol'))
ap.add_argument('--bs', type=int, default=32)
ap.add_argument('--no-aug', action='store_true', help='train without the data block augmentation (cxr_dls aug=False)')
ap.add_argument('--budget', type=int, default=None, help='epochs of the schedule (default: the library default); trained: its first quarter')
a = ap.parse_args()
torch.set_num_threads(1)
from infomask_nb.data import cxr_dls
from _cohort import cohort_table, default_budget
from infomask_nb.train import train_method
from infomask_nb.runs import Recipe, RunConfig
LEFT_PRIOR_AUC = Recipe().start_auc
df = cohort_table(a.cohort, a.work, n=a.n, draw=a.draw, development=True)
kw = json.loads(a.kw); budget = a.budget or default_budget(df)
by = max(1, -(-budget // 4)) - 1      # last epoch of the first quarter, as StartCheck
class StopAfter(Callback):
    "Keep the recorder's rows (history.csv is written after this) and stop at the end of the first quarter."
    order = 60
    def after_epoch(self):
        self.rows = [dict(zip(self.learn.recorder.metric_names[1:], v)) for v in self.learn.recorder.values]
        if self.epoch >= by: raise CancelFitException()
out = Path(a.out); out.parent.mkdir(parents=True, exist_ok=True)
done = {(r['cohort'], r['method'], r['tag'], r['init'], r['epochs_budget'], r.get('order', 0), r.get('size', 64)) for r in map(json.loads, out.read_text().splitlines())} if out.exists() else set()
for s in a.inits:
    if (a.cohort, a.method, a.tag, s, budget, a.order, a.size) in done: print('skip', a.cohort, a.tag, s); continue
    t0 = time.time()
    dls = cxr_dls(df, size=a.size, bs=a.bs, seed=a.order, aug=not a.no_aug)
    with tempfile.TemporaryDirectory() as run:
        stop = StopAfter()
        train_method(dls, a.method, run, epochs=budget, seed=s, restarts=0, progress=False, cbs=[stop], **kw)   # stopped: nothing selected
        hist = pd.DataFrame(stop.rows)
        alpha = RunConfig.load(run).alpha   # the regulariser weight the run used (kw or the recipe's)
    auc = [round(float(v), 4) for v in hist.roc_auc]
    row = dict(cohort=a.cohort, method=a.method, tag=a.tag, kw=kw, alpha=alpha, bs=a.bs, size=a.size, aug=not a.no_aug, init=s, order=a.order, epochs_budget=budget, by=by, val_auc=auc,
               best_auc=max(auc), started=max(auc) >= LEFT_PRIOR_AUC, train_loss=[round(float(v), 4) for v in hist.train_loss],
               minutes=round((time.time() - t0) / 60, 2))
    with open(out, 'a') as f: f.write(json.dumps(row) + '\n')
    print(f"{a.cohort} {a.method} {a.tag} order {a.order} init {s}: validation AUC {auc} -> {'started' if row['started'] else 'flat'} ({row['minutes']} min)", flush=True)
