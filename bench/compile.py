"""`torch.compile` of the InfoMask model on this machine: training and inference images/s, compiled vs eager.

Same model (paper width, the library's default configuration), same in-memory batches, same optimizer
(AdamW), a plain training loop on both sides so that only the model differs. The compiled model's first
steps (where it compiles) are timed separately and not counted in its images/s. Runs are interleaved,
best of `--repeats`. The library does not compile by default; this script is what decides whether it should.

  python bench/compile.py --size 64 --batches 10 --repeats 3
"""
import sys as _sys, os as _os
_sys.path.insert(0, _os.path.dirname(_os.path.abspath(__file__)))
from _common import saver
import argparse, time
import torch
from infomask_nb.model import build_model
from infomask_nb.learner import InfoMaskLoss

def train_ips(model, xs, ys, bs, opt):
    lf = InfoMaskLoss(0.01, 'kl'); n = len(xs) // bs
    t0 = time.perf_counter()
    for k in range(n):
        loss = lf(model(xs[k * bs:(k + 1) * bs]), ys[k * bs:(k + 1) * bs]); loss.backward(); opt.step(); opt.zero_grad()
    return n * bs / (time.perf_counter() - t0)

@torch.no_grad()
def infer_ips(model, xs, bs):
    n = len(xs) // bs
    t0 = time.perf_counter()
    for k in range(n): model(xs[k * bs:(k + 1) * bs])
    return n * bs / (time.perf_counter() - t0)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--size', type=int, default=64); ap.add_argument('--bs', type=int, default=32)
    ap.add_argument('--batches', type=int, default=10); ap.add_argument('--repeats', type=int, default=3)
    ap.add_argument('--threads', type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    g = torch.Generator().manual_seed(0)
    xs = torch.randn(a.batches * a.bs, 1, a.size, a.size, generator=g); ys = torch.randint(0, 2, (len(xs),), generator=g)
    torch.manual_seed(0)
    eager = build_model('infomask', width=1.0).train()
    comp_base = build_model('infomask', width=1.0).train(); comp_base.load_state_dict(eager.state_dict())
    comp = torch.compile(comp_base)
    opt_e = torch.optim.AdamW(eager.parameters(), 1e-3); opt_c = torch.optim.AdamW(comp_base.parameters(), 1e-3)
    t0 = time.perf_counter(); train_ips(comp, xs[:2 * a.bs], ys[:2 * a.bs], a.bs, opt_c); compile_train_s = time.perf_counter() - t0
    comp.eval(); t0 = time.perf_counter(); infer_ips(comp, xs[:2 * a.bs], a.bs); compile_infer_s = time.perf_counter() - t0; comp.train()
    te, tc, ie, ic = [], [], [], []
    for _ in range(a.repeats):
        eager.train(); comp.train()
        te.append(train_ips(eager, xs, ys, a.bs, opt_e)); tc.append(train_ips(comp, xs, ys, a.bs, opt_c))
        eager.eval(); comp.eval()
        ie.append(infer_ips(eager, xs, a.bs)); ic.append(infer_ips(comp, xs, a.bs))
    save = saver('compile')
    save(dict(size=a.size, bs=a.bs, threads=a.threads, torch=torch.__version__, eager_train_ips=round(max(te), 1), compiled_train_ips=round(max(tc), 1),
              train_ratio=round(max(tc) / max(te), 2), eager_infer_ips=round(max(ie), 1), compiled_infer_ips=round(max(ic), 1),
              infer_ratio=round(max(ic) / max(ie), 2), compile_train_s=round(compile_train_s, 1), compile_infer_s=round(compile_infer_s, 1)), first=True)

if __name__ == '__main__': main()
