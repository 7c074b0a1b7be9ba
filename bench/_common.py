"""What every bench script shares: keep each printed result row in bench/results/ for the README's table."""
import json, os
from pathlib import Path

RESULTS = Path(os.environ.get("INFOMASK_BENCH_RESULTS") or Path(__file__).parent / "results")   # smoke runs (tools/bench_smoke.sh) write elsewhere

def saver(name:str):
    "A function `save(row, first=False)` that prints a row and writes it to bench/results/<name>.jsonl (`first` starts the file anew)."
    path = RESULTS / f'{name}.jsonl'
    def save(row:dict, first:bool=False):
        print(json.dumps(row), flush=True)
        RESULTS.mkdir(exist_ok=True)
        with open(path, 'w' if first else 'a') as f: f.write(json.dumps(row) + '\n')
    return save

def film_cohort(root:str, n:int, film:int):
    "The split table of a phantom cohort of `n` films drawn at `film` px, written under `root` once and reused."
    from pathlib import Path
    from infomask_nb.phantom import make_cohort
    from infomask_nb.data import read_nih, split_patients
    coh = Path(root) / f"n{n}_px{film}"
    if not (coh / 'Data_Entry_2017.csv').exists(): make_cohort(coh, n_images=n, size=film, seed=0)
    return split_patients(read_nih(coh, negatives='all'), seed=0)
