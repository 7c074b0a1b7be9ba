"""Inference speed: `localize` images/s for InfoMask (one forward pass) vs the Grad-CAM baseline (forward +
backward to the last convolution), and the end-to-end latency of `infomask_localize` on one 1024x1024 PNG.

Both networks at the paper's width, 224 px, batch 32, random weights (speed does not depend on training),
interleaved, best of `--repeats`. The command's latency is measured in a subprocess (Python start-up and
imports included, as a user sees it) and, separately, the in-process part (`localize_files`).

  python bench/inference.py --repeats 3
"""
import sys as _sys, os as _os
_sys.path.insert(0, _os.path.dirname(_os.path.abspath(__file__)))
from _common import saver
import argparse, json, subprocess, sys, tempfile, time
from pathlib import Path
import numpy as np, torch
from PIL import Image
from infomask_nb.model import build_model
from infomask_nb.cam import localize

def ips(model, x, reps):
    localize(model, x[:2])
    best = 0.0
    for _ in range(reps):
        t0 = time.perf_counter(); localize(model, x); best = max(best, len(x) / (time.perf_counter() - t0))
    return best

save = saver('inference')

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--size', type=int, default=224); ap.add_argument('--bs', type=int, default=32)
    ap.add_argument('--repeats', type=int, default=3); ap.add_argument('--threads', type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads); torch.manual_seed(0)
    x = torch.randn(a.bs, 1, a.size, a.size)
    im, gc = build_model('infomask', width=1.0).eval(), build_model('gradcam', width=1.0).eval()
    r_im, r_gc = 0.0, 0.0
    for _ in range(a.repeats):
        r_im = max(r_im, ips(im, x, 1)); r_gc = max(r_gc, ips(gc, x, 1))
    save(dict(size=a.size, bs=a.bs, infomask_images_per_s=round(r_im, 1), gradcam_images_per_s=round(r_gc, 1),
              infomask_over_gradcam=round(r_im / r_gc, 2)), first=True)
    # end to end on a 1024x1024 PNG with a run folder of the paper-width model
    from infomask_nb.model import net_config
    from infomask_nb.runs import RunConfig, save_weights
    d = Path(tempfile.mkdtemp())
    run = d / 'run'; run.mkdir()
    RunConfig('infomask', net_config(im), size=a.size).save(run)
    save_weights(im.state_dict(), run / 'epoch_000.pth')
    png = d / 'film.png'
    Image.fromarray((np.random.default_rng(0).random((1024, 1024)) * 255).astype(np.uint8)).save(png)
    from infomask_nb.cli import localize_files
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
