"""The demo's two trainings side by side (one process per method, half the cores each) vs one after the other (all cores).

`run_demo(parallel=...)` both ways, interleaved, on the same cohort size; wall minutes of each and their ratio, measured in
the same run. `run_demo`'s default (`parallel=None`: side by side on a CPU with 2+ cores) is what this script justifies.
The defaults are the demo's own (1,600 films, 16 epochs, 64 px): about 9 minutes for both modes on 2 cores.

  python bench/demo_parallel.py
"""
import sys as _sys, os as _os
_sys.path.insert(0, _os.path.dirname(_os.path.abspath(__file__)))
from _common import saver
import argparse, contextlib, io, json, tempfile, time, warnings
from pathlib import Path
import torch
from infomask_nb.evaluate import run_demo, _cpus

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--n_images', type=int, default=1600); ap.add_argument('--epochs', type=int, default=16)
    ap.add_argument('--size', type=int, default=64); ap.add_argument('--repeats', type=int, default=1)
    a = ap.parse_args()
    save, first = saver('demo_parallel'), True
    tmp = Path(tempfile.mkdtemp())
    best = {}
    for r in range(a.repeats):
        for mode in (True, False):
            with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
                warnings.simplefilter('ignore')
                t0 = time.perf_counter(); run_demo(tmp / f'demo_{mode}', n_images=a.n_images, epochs=a.epochs, size=a.size, parallel=mode)
            dt = (time.perf_counter() - t0) / 60
            best[mode] = min(best.get(mode, dt), dt)
    info = {m: json.loads((tmp / f'demo_{m}' / 'demo.json').read_text()) for m in (True, False)}
    save(dict(n_images=a.n_images, epochs=a.epochs, size=a.size, cpus=_cpus(), torch=torch.__version__,
              threads_side_by_side=info[True]['threads'], threads_one_after_other=info[False]['threads'],
              minutes_side_by_side=round(best[True], 2), minutes_one_after_other=round(best[False], 2),
              ratio=round(best[False] / best[True], 2)), first=first)

if __name__ == '__main__': main()
