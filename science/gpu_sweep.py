"""Many training runs at once on one GPU: InfoMask variants and Grad-CAM over 8 seeds each, and CheXCAM (DenseNet-121)
over 3 seeds, on the demo's 1,600-film phantom cohort (128 px, seed 0, trained at 64 px), same protocol as
the removed science/stability_variants.py (final-epoch model, `evaluate` with the threshold calibrated on validation by mean IoU)
and, for CheXCAM, as nbs/tutorials/reproduce_table1.ipynb (`train_method`, the paper's checkpoint rule).

Why a GPU: one 8-epoch run takes 1.2-1.5 min on the 2-core CPU this library was built on, so the CPU gave 3 seeds per
variant; the question of issue 3 (is InfoMask stable over seeds?) needs more seeds. Runs go to a process pool (spawn,
one CPU thread each) in priority order until a deadline; each finished run is one JSON line, written at once.
On CUDA `infomask_learner` turns on bfloat16 autocast and channels-last, so these runs are not bit-identical to CPU
runs of the same seed: compare variants within this file, not with CPU rows.

  python science/gpu_sweep.py --out OUT --workers 14 --deadline 410

That command, on one NVIDIA H200 with 16 CPU cores, wrote science/results/gpu_sweep.jsonl (74 of 135 runs
finished by the deadline: seeds 0-3 of every variant and part of the fainter cohort),
science/results/chexcam_gpu.jsonl (CheXCAM seeds 0-2, read by nbs/tutorials/reproduce_table1.ipynb) and
science/results/gpu_sweep_cohorts.jsonl (the hash of each cohort it drew). The `im8_musigF` rows were run while
`musig='features'` still built the unused attention convolution (other initial weights than the present
library draws for the same seed). The base configuration pins
`musig='attention'`, the library's default when the rows were run; the rows name only what they change. That machine had no fastai; it ran with
fastai 2.8.7, fastcore 1.14.5, fasttransform 0.0.2, plum-dispatch 2.9.0, beartype 0.23.1, fastdownload 0.0.8
and fastprogress 1.0.3 (1.1.x needs python-fasthtml) installed from wheels with `--no-deps`.

Variants that the library does not ship are patched onto the learner here (`PATCHES`); the rest are
`infomask_learner` keywords.
"""
import os, json, time, argparse, hashlib, traceback
from pathlib import Path

VARIANTS = {   # name: (method, learner kw, epochs, patch)
    'im8': ('infomask', {}, 8, None),
    'gc8': ('gradcam', {}, 8, None),
    'im16': ('infomask', {}, 16, None),
    'gc16': ('gradcam', {}, 16, None),
    'im8_aux': ('infomask', {}, 8, 'aux'),
    'im8_mu1': ('infomask', {}, 8, 'mu1'),
    'im8_att1': ('infomask', {}, 8, 'att1'),
    'im8_musigF': ('infomask', dict(musig='features'), 8, None),
    'im8_lr1e-2': ('infomask', dict(lr=1e-2), 8, None),
    'gc8_lr1e-2': ('gradcam', dict(lr=1e-2), 8, None),
    'im8_w1': ('infomask', dict(width=1.0), 8, None),
    'gc8_w1': ('gradcam', dict(width=1.0), 8, None),
    'im16_aux': ('infomask', {}, 16, 'aux'),
    'im8_aux_mu1': ('infomask', {}, 8, 'aux+mu1'),
}
HARD = ('im16', 'gc16', 'im8_aux', 'gc8', 'im8')   # also on the fainter cohort harder(1), seeds 0-3

def apply_patch(learn, patch):
    "Variants the library does not ship: 'aux' (an auxiliary unmasked evidence loss fading out over the first half),"
    " 'mu1' (mu head starts at mu = A), 'att1' (attention bias starts at +1 so A = ReLU(.) starts alive everywhere)."
    import torch, torch.nn.functional as F
    from fastai.callback.core import Callback
    m = learn.model
    for p in (patch or '').split('+'):
        if p == 'mu1':
            with torch.no_grad(): m.mu_head.weight.fill_(1.0); m.mu_head.bias.zero_()
        elif p == 'att1':
            with torch.no_grad(): m.att.bias.fill_(1.0)
        elif p == 'aux':
            store = {}
            m.classifier.register_forward_hook(lambda mod, i, o: store.__setitem__('ev', o))
            class Aux(Callback):
                order = 95
                def after_loss(self):
                    if not self.training: return
                    w = max(0.0, 1.0 - self.pct_train / 0.5)
                    if w > 0: self.learn.loss_grad = self.learn.loss_grad + w * F.cross_entropy(store['ev'].float().mean((2, 3)), self.yb[0].long())
            learn.add_cb(Aux())
        elif p: raise ValueError(p)

N_IMAGES, EPOCHS = int(os.environ.get('SWEEP_N', 1600)), os.environ.get('SWEEP_EPOCHS')   # smaller only to test the script

def cohort(root, harder):
    from infomask_nb.phantom import make_cohort, PhantomConfig
    cfg = PhantomConfig(size=128, seed=0)
    if harder: cfg = cfg.harder(harder)
    dest = Path(root) / f'cohort_n{N_IMAGES}_h{harder}'
    if not (dest / 'Data_Entry_2017.csv').exists(): make_cohort(dest, n_images=N_IMAGES, cfg=cfg)
    return dest

def job(args):
    name, seed, harder, root = args
    t0 = time.time()
    try:
        import torch
        torch.set_num_threads(1)
        from fastai.torch_core import set_seed
        from infomask_nb.data import read_nih, split_patients, cxr_dls
        from infomask_nb.learner import infomask_learner
        from infomask_nb.cam import localize
        from infomask_nb.evaluate import evaluate
        from infomask_nb.train import train_method
        df = split_patients(read_nih(cohort(root, harder), negatives='all'), seed=0)
        if name == 'chexcam':
            dls = cxr_dls(df, size=64, bs=32, seed=seed)
            m, hist, ep = train_method(dls, 'chexcam', Path(root) / f'chexcam_s{seed}', epochs=int(EPOCHS or 8), seed=seed, progress=False, select_by='accuracy')   # the rule these rows were run with
            per, s, _ = evaluate({'chexcam': m}, cxr_dls(df, size=64, bs=32, seed=0), size=64, margins=(0,))
            s['seed'] = seed; per['seed'] = seed
            return dict(name=name, seed=seed, harder=harder, selected_epoch=int(ep), min=round((time.time() - t0) / 60, 2),
                        summary=s.to_dict('records'), per_image=per.to_dict('records'), history=hist.to_dict('records'))
        method, kw, epochs, patch = VARIANTS[name]
        epochs = int(EPOCHS or epochs)
        kw = {**dict(alpha=0.01, width=0.5, lr=3e-3, musig='attention'), **kw}   # musig: the default when the rows were run
        lr = kw.pop('lr')
        set_seed(seed, reproducible=True)
        dls = cxr_dls(df, size=64, bs=32, seed=seed)
        learn = infomask_learner(dls, method, lr=lr, localizer=localize if method == 'gradcam' else None, **{'warm': 0, **kw})   # rows predate the warm start
        apply_patch(learn, patch)
        with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(epochs, lr)
        hist = [[round(float(v), 3) if v is not None else None for v in r] for r in learn.recorder.values]
        _, s, _ = evaluate({name: learn.model.eval()}, dls, size=64, n_boot=100, margins=(0,))
        r = s.iloc[0]
        return dict(name=name, method=method, kw=kw, lr=lr, epochs=epochs, patch=patch, seed=seed, harder=harder,
                    min=round((time.time() - t0) / 60, 2), hist=hist,
                    **{k: round(float(r[k]), 3) for k in ('threshold', 'iou', 'iop', 'fpr', 'fnr', 'auc', 'accuracy', 'pxap')})
    except Exception as e:
        return dict(name=name, seed=seed, harder=harder, error=repr(e), tb=traceback.format_exc()[-2000:])

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True); ap.add_argument('--workers', type=int, default=12)
    ap.add_argument('--deadline', type=float, default=420, help='seconds from start after which no result is waited for')
    ap.add_argument('--seeds', type=int, default=8); ap.add_argument('--root', default='/tmp/gpu_sweep')
    ap.add_argument('--only', nargs='*', default=None, help='variant names to run (default: all, and chexcam)')
    ap.add_argument('--no_chexcam', action='store_true'); ap.add_argument('--no_hard', action='store_true')
    a = ap.parse_args()
    t_start = time.time(); out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    import multiprocessing as mp
    names = a.only if a.only is not None else list(VARIANTS)
    jobs = [] if a.no_chexcam else [('chexcam', s, 0, a.root) for s in (0, 1, 2)]
    for seed in range(min(4, a.seeds)): jobs += [(n, seed, 0, a.root) for n in names]        # seeds 0-3 first,
    if not a.no_hard:                                                                      # then the fainter cohort,
        for seed in range(4): jobs += [(n, seed, 1.0, a.root) for n in HARD if n in names]
    for seed in range(4, a.seeds): jobs += [(n, seed, 0, a.root) for n in names]           # then more seeds
    for h in sorted({j[2] for j in jobs}):      # build each cohort once, before the workers start
        d = cohort(a.root, h)
        print(json.dumps(dict(cohort=str(d), harder=h, sha1=hashlib.sha1(b''.join(p.read_bytes() for p in sorted(d.rglob('*.png'))[:50]) + (d / 'Data_Entry_2017.csv').read_bytes()).hexdigest(),
                              seconds=round(time.time() - t_start, 1))), flush=True)
    print(f'{len(jobs)} jobs, {a.workers} workers', flush=True)
    done = 0
    ctx = mp.get_context('spawn')
    pool = ctx.Pool(a.workers, maxtasksperchild=4)
    it = pool.imap_unordered(job, jobs)
    with open(out / 'gpu_sweep.jsonl', 'a') as f, open(out / 'chexcam_gpu.jsonl', 'a') as fc:
        while True:
            left = a.deadline - (time.time() - t_start)
            if left <= 0: print('deadline reached', flush=True); break
            try: r = it.next(timeout=left)
            except StopIteration: break
            except mp.TimeoutError: print('deadline reached', flush=True); break
            done += 1
            if 'error' in r: print('ERROR', json.dumps(r), flush=True); (fc if r['name'] == 'chexcam' else f).write(json.dumps(r) + '\n'); continue
            if r['name'] == 'chexcam':
                fc.write(json.dumps(r, default=float) + '\n'); fc.flush()
                print(json.dumps({k: r[k] for k in ('name', 'seed', 'selected_epoch', 'min')} | {k: round(r['summary'][0][k], 3) for k in ('iou', 'auc')}), flush=True)
            else:
                f.write(json.dumps(r) + '\n'); f.flush()
                print(json.dumps({k: v for k, v in r.items() if k not in ('hist', 'kw')}), flush=True)
    print(f'{done} of {len(jobs)} jobs finished in {time.time() - t_start:.0f} s', flush=True)
    pool.terminate()
