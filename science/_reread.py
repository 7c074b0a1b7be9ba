"""Shared by the scripts that score maps without training (`map_scale.py`, `map_variants.py`, `region_read.py`,
`box_ceiling.py`): the runs of a results file whose checkpoint `science/protocol.py` kept, each loaded with the loaders
it was scored on; a way to score them under another map reading; and a stand-in model that hands `evaluate` maps
computed beforehand."""
import json
import torch
from contextlib import contextmanager
from pathlib import Path
import infomask_nb.evaluate as E
from infomask_nb.cam import localize
from infomask_nb.phantom import PROTOCOL_COHORTS
from infomask_nb.data import read_nih, split_patients, cxr_dls
from infomask_nb.runs import load_run

def done_keys(out:Path, *extra:str)->set:
    "Keys (cohort, method, tag, seed, size, *extra) of the rows already in `out`, so that a killed re-scoring resumes."
    if not out.exists(): return set()
    return {tuple(r[k] for k in ('cohort', 'method', 'tag', 'seed', 'size') + extra) for r in map(json.loads, out.read_text().splitlines())}

def kept_runs(rows:Path, work:Path, keep=lambda r, size: True):
    "Yield (row, size, model, dls) for every row of `rows` that `keep(row, size)` accepts and whose checkpoint was kept under `work`."
    for r in map(json.loads, Path(rows).read_text().splitlines()):
        size = int(r.get('size') or 64)
        if not keep(r, size): continue
        run = work / 'runs' / f"{r['cohort']}_{r['method']}_{r['tag']}_e{r['epochs']}_s{r['seed']}"
        if not (run / 'best.pth').exists(): print('no checkpoint:', run); continue
        model, _ = load_run(run)
        df = split_patients(read_nih(work / 'cohorts' / r['cohort'], negatives='all'), seed=PROTOCOL_COHORTS[r['cohort']][2])
        yield r, size, model, cxr_dls(df, size=size, bs=r.get('bs', 32), seed=r['seed'], aug=r.get('aug', True))

@contextmanager
def reading(loc):
    "Within the block, `evaluate` reads every map through `loc(model, x)` instead of `localize`."
    E.localize = loc
    try: yield
    finally: E.localize = localize

class Cached:
    "Stands in for a model: `cached_localize` hands out its precomputed probabilities and maps, film by film, in loader order."
    def __init__(self, probs:torch.Tensor, maps:torch.Tensor): self.probs, self.maps, self.i = probs, maps, 0   # (n,), (n, H, W)

def cached_localize(m:Cached, xb):
    "`localize` for a `Cached`: the next len(xb) films' probabilities and maps."
    i, n = m.i, len(xb); m.i += n
    if m.i > len(m.maps): raise IndexError(f"the loaders asked for {m.i} films, {len(m.maps)} were cached")
    return m.probs[i:i + n], m.maps[i:i + n]
