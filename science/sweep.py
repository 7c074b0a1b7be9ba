"""Train InfoMask variants and the Grad-CAM baseline on one phantom cohort; score each with `evaluate`.

Every configuration gets the same budget (cohort, split, epochs, schedule, width, seed); each is scored
with the library's protocol: map threshold calibrated on validation (mean IoU), applied to test.
Rows are appended to science/results/sweep_<tag>.csv as each run finishes, so an interrupted sweep keeps
what it measured.

Usage (the run whose output nbs/tutorials/what_we_tried.ipynb shows, with --threads 1):
  python science/sweep.py --n_images 2000 --epochs 8 --seeds 0 --tag configs_s0 --configs default gradcam paper_bn
The rows in science/results/sweep_configs_s0.csv were run when the default read its evidence from the
bottleneck, mu and sigma from the attention map; to reproduce them now, add evidence_from='bottleneck' and
musig='attention' to each InfoMask config's overrides.
More configurations (CONFIGS below) are added to the same table with --append, e.g.
  python science/sweep.py --n_images 2000 --epochs 8 --seeds 0 --tag configs_s0 --append --configs image evid_mean evid_a1e-3
"""
import argparse, json, time
from pathlib import Path
import pandas as pd, torch
from fastai.torch_core import set_seed
from infomask_nb.phantom import make_cohort, PhantomConfig
from infomask_nb.data import read_nih, split_patients, cxr_dls
from infomask_nb.learner import infomask_learner
from infomask_nb.cam import localize
from infomask_nb.evaluate import evaluate

CONFIGS = {  # name: (method, overrides of the defaults) -- what each changes is in the name
    'default':        ('infomask', {}),
    'gradcam':        ('gradcam', {}),
    'paper':          ('infomask', dict(reads='mask', norm='none')),
    'paper_bn':       ('infomask', dict(reads='mask')),
    'image':          ('infomask', dict(reads='image')),
    'features':       ('infomask', dict(reads='features')),
    'evid_mean':      ('infomask', dict(infer='mean')),
    'evid_a1e-3':     ('infomask', dict(alpha=1e-3)),
    'evid_a1e-1':     ('infomask', dict(alpha=1e-1)),
    'evid_tau0.7':    ('infomask', dict(tau=0.7)),
    'evid_const':     ('infomask', dict(schedule='constant')),
    'evid_cos':       ('infomask', dict(schedule='cosine')),
    'evid_featmusig': ('infomask', dict(musig='features')),
    'featuremask':    ('featuremask', {}),
    'regl1':          ('regl1', {}),
}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--n_images', type=int, default=2000); ap.add_argument('--size', type=int, default=64)
    ap.add_argument('--epochs', type=int, default=8); ap.add_argument('--width', type=float, default=0.5)
    ap.add_argument('--bs', type=int, default=32); ap.add_argument('--lr', type=float, default=3e-3)
    ap.add_argument('--alpha', type=float, default=0.01); ap.add_argument('--harder', type=float, default=0.0)
    ap.add_argument('--seeds', type=int, nargs='+', default=[0]); ap.add_argument('--configs', nargs='+', default=['default', 'gradcam'])
    ap.add_argument('--data_seed', type=int, default=0); ap.add_argument('--tag', default='run')
    ap.add_argument('--cohort', default='/tmp/infomask_sweep'); ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--append', action='store_true', help='add rows to an existing results file')
    a = ap.parse_args()
    unknown = [c for c in a.configs if c not in CONFIGS]
    if unknown: ap.error(f"unknown config(s) {unknown}; known: {list(CONFIGS)}")
    torch.set_num_threads(a.threads)
    cfg = PhantomConfig(size=2 * a.size, seed=a.data_seed)
    if a.harder: cfg = cfg.harder(a.harder)
    dest = Path(a.cohort) / f"n{a.n_images}_s{a.data_seed}_h{a.harder}_px{2 * a.size}"
    if not (dest / 'Data_Entry_2017.csv').exists(): make_cohort(dest, n_images=a.n_images, cfg=cfg)
    df = split_patients(read_nih(dest, negatives='all'), seed=a.data_seed)
    out = Path(__file__).parent / 'results'; out.mkdir(exist_ok=True)
    csv = out / f'sweep_{a.tag}.csv'
    if csv.exists() and not a.append: csv.unlink()
    for name in a.configs:
        method, over = CONFIGS[name]
        kw = dict(alpha=a.alpha, width=a.width); kw.update(over)
        for seed in a.seeds:
            set_seed(seed, reproducible=True)
            dls = cxr_dls(df, size=a.size, bs=a.bs, seed=seed)
            learn = infomask_learner(dls, method, lr=a.lr, localizer=localize if method == 'gradcam' else None, warm=0, **kw)   # rows predate the warm start
            t0 = time.time()
            with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(a.epochs, a.lr)
            _, s, _ = evaluate({name: learn.model.eval()}, dls, size=a.size, n_boot=200, margins=(0,))
            r = dict(config=name, changes=json.dumps(over), seed=seed, train_min=round((time.time() - t0) / 60, 2),
                     **s.iloc[0][['threshold', 'iou', 'iou_se', 'iop', 'fpr', 'fnr', 'auc', 'accuracy', 'pxap', 'maxboxacc_v2']].to_dict())
            pd.DataFrame([r]).to_csv(csv, mode='a', header=not csv.exists(), index=False)
            print(json.dumps(r), flush=True)
    res = pd.read_csv(csv)
    print(res.groupby('config', sort=False)[['iou', 'iop', 'fpr', 'fnr', 'auc', 'accuracy']].mean().round(3).to_string())

if __name__ == '__main__': main()
