"""Train InfoMask variants and the Grad-CAM baseline on one phantom cohort and score localisation on test.

Thresholds are calibrated on validation (best mean IoU over a sweep), then applied unchanged to test.
Usage: python bench/sweep.py --n_images 3000 --size 64 --epochs 8 --seeds 0 1 2 --configs default paper gradcam
Prints one row per (config, seed) and writes bench/results/sweep_<tag>.csv.
"""
import argparse, json, time, sys
from pathlib import Path
import numpy as np, pandas as pd, torch
from fastai.torch_core import set_seed
from infomask_nb.phantom import make_cohort, PhantomConfig
from infomask_nb.data import read_nih, split_patients, cxr_dls
from infomask_nb.learner import infomask_learner, iou_sweep, roc_auc, LOC_THRESHOLDS
from infomask_nb.cam import localize

CONFIGS = {
    'default':        dict(method='infomask'),
    'paper':          dict(method='infomask', reads='mask', norm='none'),
    'paper_bn':       dict(method='infomask', reads='mask'),
    'image':          dict(method='infomask', reads='image'),
    'features':       dict(method='infomask', reads='features'),
    'evid_mean':      dict(method='infomask', infer='mean'),
    'evid_a1e-3':     dict(method='infomask', alpha=1e-3),
    'evid_a3e-2':     dict(method='infomask', alpha=3e-2),
    'evid_a1e-1':     dict(method='infomask', alpha=1e-1),
    'evid_tau0.7':    dict(method='infomask', tau=0.7),
    'evid_const':     dict(method='infomask', schedule='constant'),
    'evid_cos':       dict(method='infomask', schedule='cosine'),
    'evid_featmusig': dict(method='infomask', musig='features'),
    'featuremask':    dict(method='featuremask'),
    'regl1':          dict(method='regl1'),
    'gradcam':        dict(method='gradcam'),
}

def scores(model, dl):
    P, M, B, Y = [], [], [], []
    for xb, yb, mb in dl:
        p, m = localize(model, xb)
        P.append(p.cpu()); M.append(m.cpu()); B.append(mb.cpu()); Y.append(yb.cpu())
    return torch.cat(P), torch.cat(M), torch.cat(B), torch.cat(Y)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--n_images', type=int, default=3000); ap.add_argument('--size', type=int, default=64)
    ap.add_argument('--epochs', type=int, default=8); ap.add_argument('--width', type=float, default=0.5)
    ap.add_argument('--bs', type=int, default=32); ap.add_argument('--lr', type=float, default=3e-3)
    ap.add_argument('--alpha', type=float, default=0.01)
    ap.add_argument('--seeds', type=int, nargs='+', default=[0]); ap.add_argument('--configs', nargs='+', default=['default', 'gradcam'])
    ap.add_argument('--harder', type=float, default=0.0); ap.add_argument('--data_seed', type=int, default=0)
    ap.add_argument('--tag', default='run'); ap.add_argument('--cohort', default='/tmp/infomask_sweep')
    a = ap.parse_args()
    torch.set_num_threads(2)
    cfg = PhantomConfig(size=128, seed=a.data_seed, box_frac=0.3)
    if a.harder: cfg = cfg.harder(a.harder)
    dest = Path(a.cohort) / f"n{a.n_images}_s{a.data_seed}_h{a.harder}"
    if not (dest / 'Data_Entry_2017.csv').exists(): make_cohort(dest, n_images=a.n_images, cfg=cfg)
    df = split_patients(read_nih(dest, negatives='all'), seed=a.data_seed)
    print(df.groupby('split').agg(n=('image', 'size'), pos=('target', 'sum'), boxed=('boxes', lambda b: int((b.map(len) > 0).sum()))).to_dict(), flush=True)
    rows = []
    for name in a.configs:
        c = dict(CONFIGS[name]); method = c.pop('method')
        kw = dict(alpha=a.alpha, lr=a.lr, width=a.width); kw.update(c)
        for seed in a.seeds:
            set_seed(seed, reproducible=True)
            dls = cxr_dls(df, size=a.size, bs=a.bs, seed=seed)
            learn = infomask_learner(dls, method, localizer=localize if method == 'gradcam' else None, **kw)
            t0 = time.time()
            with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(a.epochs, a.lr)
            tt = time.time() - t0
            model = learn.model.eval()
            pv, mv, bv, yv = scores(model, dls.valid); pt, mt, bt, yt = scores(model, dls.test)
            kv, kt = bv.flatten(1).any(1), bt.flatten(1).any(1)
            iv = iou_sweep(mv[kv], bv[kv]).mean(0); j = int(iv.argmax()); thr = float(LOC_THRESHOLDS[j])
            it = iou_sweep(mt[kt], bt[kt], LOC_THRESHOLDS[j:j + 1])[:, 0]
            pred = (mt[kt] >= thr); box = bt[kt].bool()
            iop = ((pred & box).sum((1, 2)).double() / pred.sum((1, 2)).clamp(min=1)).mean()
            fpr = ((pred & ~box).sum((1, 2)).double() / (~box).sum((1, 2)).clamp(min=1)).mean()
            fnr = ((~pred & box).sum((1, 2)).double() / box.sum((1, 2)).clamp(min=1)).mean()
            cover = pred.double().mean()
            r = dict(config=name, seed=seed, thr=thr, val_iou=float(iv[j]), test_iou=float(it.mean()), test_iou_se=float(it.std() / len(it) ** 0.5),
                     iop=float(iop), fpr=float(fpr), fnr=float(fnr), mask_area=float(cover),
                     auc=roc_auc(pt, yt), acc=float(((pt >= 0.5).long() == yt).double().mean()), n_test_boxed=int(kt.sum()), train_s=round(tt, 1))
            rows.append(r); print(json.dumps(r), flush=True)
    out = Path(__file__).parent / 'results'; out.mkdir(exist_ok=True)
    res = pd.DataFrame(rows); res.to_csv(out / f'sweep_{a.tag}.csv', index=False)
    print(res.groupby('config')[['test_iou', 'iop', 'fpr', 'fnr', 'auc', 'acc']].agg(['mean', 'std']).round(3).to_string())

if __name__ == '__main__': main()
