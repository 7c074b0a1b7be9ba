"""Re-score finished protocol runs of *both* methods with their maps read at a region's scale: does marking the
region around a map's marks (not only its pixels) close InfoMask's gap to Grad-CAM in IoU against a box?

`science/box_ceiling.py` found that on `dev-nih` at 128 px a map marking exactly the opacity's pixels scores IoU 0.385
against the boxes while the same map blurred by 2 px scores 0.68: the box rewards the region around a patchy opacity.
InfoMask's mask marks pixels (IoP ~0.6, FNR ~0.5); Grad-CAM's coarse map marks regions. This script asks whether a
reading that closes the gaps between a map's marks, or grows them, helps InfoMask more than Grad-CAM, with each method's
reading chosen on *validation* boxes (as its threshold is), never on test.

Readings are grey-level morphology with a square of side 2r+1 px, applied to the map before the threshold sweep
(for a flat element, thresholding the result equals the same operation on the thresholded region; the film's border
neither erodes nor grows anything):
- `raw`: the map as the library reads it (must reproduce the run's IoU);
- `close{r}`: dilation then erosion: fills gaps narrower than ~2r between marks, grows nothing outward;
- `erode{r}`: every mark shrunk by r px on each side (for a map that marks too loosely);
- `dilate{r}`: every mark grown by r px on each side (a margin, as an annotator draws one around an opacity).

Which reading a method gets is its own validation's choice (the reading with the highest mean validation IoU at its
calibrated threshold); the test IoU of every reading is kept, so that the choice can be checked.

For every run of --rows whose checkpoint `science/protocol.py` kept (its --work folder), the loaders are rebuilt, the
maps computed once, and `evaluate` scores every reading (threshold calibrated on validation, scored on test).
Nothing is trained. One JSON row per run and reading is appended to --out.

  python science/region_read.py --rows science/results/region_runs_dev.jsonl --out science/results/region_read_dev.jsonl
"""
import argparse, json, os
from pathlib import Path
import torch
import torch.nn.functional as F
ap = argparse.ArgumentParser()
ap.add_argument('--rows', required=True); ap.add_argument('--out', required=True)
ap.add_argument('--work', default=os.environ.get('INFOMASK_WORK', '/tmp/infomask_protocol'))
ap.add_argument('--radii', type=int, nargs='+', default=[2, 4, 8], help='half-sides r of the square for close, in input pixels')
ap.add_argument('--grow', type=int, nargs='+', default=[2, 4, 8, 12, 16], help='half-sides r of the square for erode and dilate, in input pixels')
a = ap.parse_args()
torch.set_num_threads(1)
import infomask_nb.evaluate as E
from infomask_nb.cam import localize
from _reread import Cached, cached_localize, done_keys, kept_runs, reading

def dilate(m:torch.Tensor, r:int)->torch.Tensor:
    "Grey dilation of (n, H, W) maps by a (2r+1)-square (max filter; the border pads with -inf)."
    return F.max_pool2d(m[:, None], 2 * r + 1, stride=1, padding=r)[:, 0]

def erode(m:torch.Tensor, r:int)->torch.Tensor: return -dilate(-m, r)
def close(m:torch.Tensor, r:int)->torch.Tensor: return erode(dilate(m, r), r)

t = torch.zeros(1, 15, 15); t[0, 7, 5] = t[0, 7, 9] = 1.   # two marks 3 px apart: closing by 2 fills the gap, grows nothing
assert close(t, 2)[0, 7, 5:10].eq(1).all() and close(t, 2).sum() == 5 and dilate(t, 1).sum() == 18 and erode(dilate(t, 1), 1).equal(t)

readings = {'raw': lambda m: m} | {f'close{r}': (lambda m, r=r: close(m, r)) for r in a.radii} \
           | {f'erode{r}': (lambda m, r=r: erode(m, r)) for r in a.grow} | {f'dilate{r}': (lambda m, r=r: dilate(m, r)) for r in a.grow}
work, out = Path(a.work), Path(a.out)
done = done_keys(out, 'reading')
todo = lambda r, size: [k for k in readings if (r['cohort'], r['method'], r['tag'], r['seed'], size, k) not in done]
for r, size, model, dls in kept_runs(a.rows, work, lambda r, size: bool(todo(r, size))):
    base = [localize(model, xb) for dl in (dls.valid, dls.test) for xb, *_ in dl]   # the maps, once: valid then test, as evaluate asks
    probs, maps = torch.cat([p for p, _ in base]), torch.cat([m for _, m in base])
    for name in todo(r, size):
        f = readings[name]
        with reading(cached_localize): _, summ, sc = E.evaluate({r['method']: Cached(probs, f(maps))}, dls, size=size, n_boot=200, margins=(0,))
        v, s = sc[r['method']][0], summ.iloc[0]
        row = dict(cohort=r['cohort'], method=r['method'], tag=r['tag'], seed=r['seed'], size=size, reading=name, row_iou=r['iou'],
                   val_iou=round(float(E.per_image(v)['iou'][:, E.calibrate(v, 'iou')].mean()), 4),
                   **{k: round(float(s[k]), 4) for k in ('iou', 'iop', 'fpr', 'fnr', 'threshold', 'pxap', 'maxboxacc_v2', 'iobb>0.5', 'hit_rate', 'auc')})
        with open(out, 'a') as fo: fo.write(json.dumps(row) + '\n')
        print({k: row[k] for k in ('method', 'seed', 'reading', 'row_iou', 'val_iou', 'iou', 'iop', 'fnr', 'maxboxacc_v2')}, flush=True)
