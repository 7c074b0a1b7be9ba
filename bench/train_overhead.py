"""fastai Learner vs a hand-written PyTorch loop: training images/s on the same model, batches, optimizer, precision.

Both sides train the paper-width InfoMask (`width=1`, about 0.7 M parameters) on the same in-memory batches
(random films, labels and box masks; data loading is not what is measured), with the same loss
(`InfoMaskLoss`, KL weight set by `KLAnneal` in the Learner, fixed in the loop) and the same optimizer
family. Two learner settings are timed: `infomask_learner` as shipped (fastai's Adam), and the same learner
with PyTorch's fused-foreach AdamW through fastai's `OptimWrapper`; the plain loop uses `torch.optim.AdamW`.
Only the training phase is timed (a callback brackets fastai's `before_train`/`after_train`), interleaved
runs, best of `--repeats`. Achieved training GFLOP/s is counted with `torch.utils.flop_counter.FlopCounterMode`
(forward + backward of one batch) and compared with the machine's dense float32 matmul GFLOP/s measured
in the same run. Prints ratios; absolute numbers mean little on a shared machine.

  python bench/train_overhead.py --sizes 64 128 --batches 20 --repeats 3
"""
import argparse, time, json
from functools import partial
import torch
from torch.utils.flop_counter import FlopCounterMode
from fastai.data.core import DataLoaders
from fastai.data.load import DataLoader
from fastai.callback.core import Callback
from fastai.optimizer import OptimWrapper
from infomask_nb.learner import infomask_learner, InfoMaskLoss

class TimeTrain(Callback):
    order = 100
    def before_train(self): self.t0 = time.perf_counter()
    def after_train(self): self.learn.train_seconds = time.perf_counter() - self.t0

def batches(n, bs, size, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n * bs, 1, size, size, generator=g)
    y = torch.randint(0, 2, (n * bs,), generator=g)
    m = (torch.rand(n * bs, size, size, generator=g) > 0.9).float()
    return list(zip(x, y, m))

def fastai_ips(items, valid, bs, opt=None):
    dls = DataLoaders(DataLoader(items, bs=bs, shuffle=False, drop_last=True), DataLoader(valid, bs=bs), device='cpu')
    dls.n_inp = 1                                   # (image) in, (label, box mask) out, as `cxr_dls` gives
    torch.manual_seed(0)
    learn = infomask_learner(dls, 'infomask', width=1.0, warm=0, cbs=[TimeTrain()])   # the plain loop it is compared with has no warm start
    if opt is not None: learn.opt_func = opt
    with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-3)
    return len(items) // bs * bs / learn.train_seconds

def plain_ips(items, bs):
    from infomask_nb.model import build_model
    torch.manual_seed(0)
    model = build_model('infomask', width=1.0).train()
    lf = InfoMaskLoss(0.01, 'kl')
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-4, foreach=True)
    xs = torch.stack([i[0] for i in items]); ys = torch.stack([i[1] for i in items])
    n = len(items) // bs
    t0 = time.perf_counter()
    for k in range(n):
        xb, yb = xs[k * bs:(k + 1) * bs], ys[k * bs:(k + 1) * bs]
        loss = lf(model(xb), yb); loss.backward(); opt.step(); opt.zero_grad()
    return n * bs / (time.perf_counter() - t0)

def train_flops(size, bs):
    from infomask_nb.model import build_model
    model = build_model('infomask', width=1.0).train(); lf = InfoMaskLoss(0.01, 'kl')
    x = torch.randn(bs, 1, size, size); y = torch.randint(0, 2, (bs,))
    with FlopCounterMode(display=False) as fc:
        lf(model(x), y).backward()
    return fc.get_total_flops()

def matmul_gflops(n=2048, reps=10):
    a, b = torch.randn(n, n), torch.randn(n, n)
    a @ b
    t0 = time.perf_counter()
    for _ in range(reps): a @ b
    return 2 * n ** 3 * reps / (time.perf_counter() - t0) / 1e9

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--sizes', type=int, nargs='+', default=[64, 128]); ap.add_argument('--bs', type=int, default=32)
    ap.add_argument('--batches', type=int, default=20); ap.add_argument('--repeats', type=int, default=3)
    ap.add_argument('--threads', type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    peak = max(matmul_gflops() for _ in range(3))
    print(f"dense float32 matmul: {peak:.1f} GFLOP/s ({a.threads} threads)")
    rows = []
    for size in a.sizes:
        items, valid = batches(a.batches, a.bs, size), batches(1, a.bs, size, seed=1)
        fl = train_flops(size, a.bs) / a.bs
        best = dict(fastai=0.0, fastai_torch_adamw=0.0, plain=0.0)
        wrapped = partial(OptimWrapper, opt=torch.optim.AdamW, foreach=True)
        for _ in range(a.repeats):   # interleaved, best of
            best['plain'] = max(best['plain'], plain_ips(items, a.bs))
            best['fastai'] = max(best['fastai'], fastai_ips(items, valid, a.bs))
            best['fastai_torch_adamw'] = max(best['fastai_torch_adamw'], fastai_ips(items, valid, a.bs, wrapped))
        for k, v in best.items():
            rows.append(dict(size=size, loop=k, images_per_s=round(v, 1), ratio_to_plain=round(v / best['plain'], 3),
                             train_gflops=round(v * fl / 1e9, 1), share_of_matmul_peak=round(v * fl / 1e9 / peak, 3)))
            print(json.dumps(rows[-1]), flush=True)
    import pandas as pd
    from pathlib import Path
    res = pd.DataFrame(rows); print(res.to_string(index=False))
    from _common import RESULTS as d; d.mkdir(exist_ok=True); res.assign(matmul_gflops=round(peak, 1)).to_csv(d / 'train_overhead.csv', index=False)

if __name__ == '__main__': main()
