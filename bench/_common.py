"""What every bench script shares: keep each printed result row in bench/results/ for the README's table."""
import json
from pathlib import Path

RESULTS = Path(__file__).parent / 'results'

def saver(name:str):
    "A function `save(row, first=False)` that prints a row and writes it to bench/results/<name>.jsonl (`first` starts the file anew)."
    path = RESULTS / f'{name}.jsonl'
    def save(row:dict, first:bool=False):
        print(json.dumps(row), flush=True)
        RESULTS.mkdir(exist_ok=True)
        with open(path, 'w' if first else 'a') as f: f.write(json.dumps(row) + '\n')
    return save
