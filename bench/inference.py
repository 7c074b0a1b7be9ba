"""Inference speed: `localize` images/s for InfoMask (one forward pass) vs the Grad-CAM baseline (forward +
backward to the last convolution), and the end-to-end latency of `infomask_localize` on one 1024x1024 PNG.

Both networks at the paper's width, 224 px, batch 32, random weights (speed does not depend on training).
Two pairs: the models as trained (BatchNorm separate; what `evaluate` runs) and `fold_bn` copies of both (what
`infomask_localize` and `predict` run). The four are timed interleaved, `--repeats` rounds, so a slow minute
of this shared machine hits all of them; the ratio is of the medians, the best-of ratio beside it (CPU time on
this machine swings by 2x between minutes: earlier single-shot runs gave 1.67x and 2.19x for one model pair).
The command's latency is measured in a subprocess (Python start-up and imports included, as a user sees it)
and, separately, the in-process part (`localize_files`).

  python bench/inference.py --repeats 5
"""
import sys as _sys, os as _os
_sys.path.insert(0, _os.path.dirname(_os.path.abspath(__file__)))
from _common import saver
import argparse, json, subprocess, sys, tempfile, time
from pathlib import Path
import numpy as np, torch
from PIL import Image
from infomask_nb.model import build_model
from infomask_nb.cam import localize, fold_bn

def seconds(model, x):
    t0 = time.perf_counter(); localize(model, x); return time.perf_counter() - t0

save = saver('inference')

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--size', type=int, default=224); ap.add_argument('--bs', type=int, default=32)
    ap.add_argument('--repeats', type=int, default=5); ap.add_argument('--threads', type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads); torch.manual_seed(0)
    x = torch.randn(a.bs, 1, a.size, a.size)
    im, gc = build_model('infomask', width=1.0).eval(), build_model('gradcam', width=1.0).eval()
    models = dict(infomask=im, gradcam=gc, infomask_folded=fold_bn(im), gradcam_folded=fold_bn(gc))
    for m in models.values(): localize(m, x[:2])
    t = {k: [] for k in models}
    for _ in range(a.repeats):
        for k, m in models.items(): t[k].append(seconds(m, x))
    med = {k: float(np.median(v)) for k, v in t.items()}; best = {k: min(v) for k, v in t.items()}
    for tag, i_, g_ in (('', 'infomask', 'gradcam'), ('folded', 'infomask_folded', 'gradcam_folded')):
        save(dict(size=a.size, bs=a.bs, models='fold_bn copies' if tag else 'as trained', repeats=a.repeats,
                  infomask_images_per_s=round(a.bs / med[i_], 1), gradcam_images_per_s=round(a.bs / med[g_], 1),
                  infomask_over_gradcam=round(med[g_] / med[i_], 2), infomask_over_gradcam_best=round(best[g_] / best[i_], 2),
                  folded_over_trained_infomask=round(med['infomask'] / med['infomask_folded'], 2) if tag else None), first=not tag)
    # end to end on a 1024x1024 PNG with a run folder of the paper-width model
    from infomask_nb.model import net_config
    from infomask_nb.runs import RunConfig, save_weights
    d = Path(tempfile.mkdtemp())
    run = d / 'run'; run.mkdir()
    RunConfig('infomask', net_config(im), size=a.size).save(run)
    save_weights(im.state_dict(), run / 'epoch_000.pth')
    png = d / 'film.png'
    Image.fromarray((np.random.default_rng(0).random((1024, 1024)) * 255).astype(np.uint8)).save(png)
    from infomask_nb.localize import localize_files
    localize_files(run, [png], d / 'warm')
    t0 = time.perf_counter(); localize_files(run, [png], d / 'out'); t_in = time.perf_counter() - t0
    exe = Path(sys.executable).parent / 'infomask_localize'
    best = 1e9
    for _ in range(a.repeats):
        t0 = time.perf_counter()
        subprocess.run([str(exe), str(run), str(png), '--out', str(d / 'cli')], check=True, capture_output=True)
        best = min(best, time.perf_counter() - t0)
    save(dict(image='1024x1024 PNG', localize_files_s=round(t_in, 3), infomask_localize_command_s=round(best, 2),
              startup_share=round(1 - t_in / best, 2)))

if __name__ == '__main__': main()
