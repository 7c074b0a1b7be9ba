"""Shared by the science scripts that train or score on a protocol cohort (`protocol.py`, `start_screen.py`,
`flat_start.py`, `slow_start.py`, `box_ceiling.py`): draw the cohort once under the work folder (one writer at a time,
so two scripts started together draw it once), refuse to go on with another draw of it than the one asked for, and split
it by patient with the cohort's own seed, as every table of the protocol does."""
import fcntl, json, sys
from pathlib import Path
import pandas as pd
from infomask_nb.phantom import protocol_cohort, PROTOCOL_COHORTS
from infomask_nb.data import read_nih, split_patients

def cohort_table(name:str, work, n:int=800, draw:int=128, development:bool=False)->pd.DataFrame:
    "The patient-split table of protocol cohort `name` under `work`/cohorts, drawn first (`n` films at `draw` px) if missing."
    if name not in PROTOCOL_COHORTS: sys.exit(f"unknown cohort {name!r}: one of {', '.join(PROTOCOL_COHORTS)}")
    role, _, split_seed, _ = PROTOCOL_COHORTS[name]
    if development and role != 'development':
        sys.exit(f"{name} is a {role} cohort: choices are screened and diagnosed on development cohorts only")
    work = Path(work); coh = work / 'cohorts' / name; work.mkdir(parents=True, exist_ok=True)
    with open(work / f'.{name}.lock', 'w') as lk:   # one writer per cohort
        fcntl.flock(lk, fcntl.LOCK_EX)
        if not (coh / 'phantom_config.json').exists(): protocol_cohort(name, coh, n_images=n, size=draw, overwrite=True)
    drawn = json.loads((coh / 'phantom_config.json').read_text())
    if (drawn['size'], drawn['n_images']) != (draw, n):   # never train on another draw of the cohort than the one asked for
        sys.exit(f"{coh}: drawn with {drawn['n_images']} films at {drawn['size']} px, not {n} at {draw}; pass that --draw/--n or another --work")
    return split_patients(read_nih(coh, negatives='all'), seed=split_seed)

def default_budget(df:pd.DataFrame)->int:
    "The library's default budget (`Recipe.budget`) for the training set of a cohort table from `cohort_table`."
    from infomask_nb.runs import Recipe
    return Recipe().budget(int((df.split == 'train').sum()))
