"""Channels-last memory format on this CPU: training images/s of the networks `infomask_learner` builds, NCHW vs NHWC.

The recipe's width (0.5), InfoMask and the plain CNN behind Grad-CAM, the same in-memory batches, the same optimizer
(AdamW) and loss in a plain training loop, so that only the weights' memory format differs (the batches stay as the
loader gives them, NCHW, as in `infomask_learner`). Interleaved, best of `--repeats`; the ratio is measured in the same run.
`infomask_learner(channels_last=True)`, the default, is what this script justifies.

  python bench/channels_last.py --sizes 64 128 --batches 6 --repeats 3
"""
import sys as _sys, os as _os
_sys.path.insert(0, _os.path.dirname(_os.path.abspath(__file__)))
from _common import saver
import argparse, platform, time
import torch
from infomask_nb.model import build_model
from infomask_nb.learner import InfoMaskLoss

def cpu_name()->str:
    "The CPU's model name (the ratio depends on its vector units: AVX2, AVX-512, AMX)."
    try: return next(l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name'))
    except (OSError, StopIteration): return platform.processor() or platform.machine()

def train_ips(model, xs, ys, bs, opt, lf):
    n = len(xs) // bs
    t0 = time.perf_counter()
    for k in range(n):
        loss = lf(model(xs[k * bs:(k + 1) * bs]), ys[k * bs:(k + 1) * bs]); loss.backward(); opt.step(); opt.zero_grad()
    return n * bs / (time.perf_counter() - t0)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--sizes', type=int, nargs='+', default=[64, 128]); ap.add_argument('--bs', type=int, default=32)
    ap.add_argument('--batches', type=int, default=6); ap.add_argument('--repeats', type=int, default=3)
    ap.add_argument('--threads', type=int, default=2); ap.add_argument('--width', type=float, default=0.5)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    save, first = saver('channels_last'), True
    for size in a.sizes:
        g = torch.Generator().manual_seed(0)
        xs = torch.randn(a.batches * a.bs, 1, size, size, generator=g); ys = torch.randint(0, 2, (len(xs),), generator=g)
        for method, reg in (('infomask', 'kl'), ('gradcam', 'none')):
            torch.manual_seed(0)
            nets = {'nchw': build_model(method, width=a.width).train()}
            nets['nhwc'] = build_model(method, width=a.width).train(); nets['nhwc'].load_state_dict(nets['nchw'].state_dict())
            nets['nhwc'] = nets['nhwc'].to(memory_format=torch.channels_last)
            opts = {k: torch.optim.AdamW(m.parameters(), 1e-3) for k, m in nets.items()}
            lf = InfoMaskLoss(0.001 if reg == 'kl' else 0.0, reg)
            for k, m in nets.items(): train_ips(m, xs[:a.bs], ys[:a.bs], a.bs, opts[k], lf)   # first step (allocation) not timed
            best = {k: 0.0 for k in nets}
            for _ in range(a.repeats):
                for k, m in nets.items(): best[k] = max(best[k], train_ips(m, xs, ys, a.bs, opts[k], lf))
            save(dict(size=size, method=method, width=a.width, bs=a.bs, threads=a.threads, torch=torch.__version__, cpu=cpu_name(),
                      nchw_train_ips=round(best['nchw'], 1), nhwc_train_ips=round(best['nhwc'], 1),
                      ratio=round(best['nhwc'] / best['nchw'], 2)), first=first)
            first = False

if __name__ == '__main__': main()
