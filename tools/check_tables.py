"""Check that the tables a page shows are what its code gives from the committed results files (run by .ci/run).

  python tools/check_tables.py [NOTEBOOK ...]   (default: TABLE_PAGES)

A notebook's saved outputs are what the docs site and README.md show; `nbdev_test` runs the code but never compares
what it prints with what was saved, so a table could go stale when its results file grows or its code changes. This
runs every cell of each page again (in the notebook's folder, as `nbdev_test` does; cells marked `slow` or
`eval: false` are skipped, as `nbdev_test` skips them) and compares, cell by cell, every saved text output (printed
text and the plain-text form of displayed tables) with the fresh one. Figures are not compared (their bytes vary with
library versions). Exit 1, naming the page and cell, when a saved text differs: re-execute the page and commit it.
"""
import os, re, sys, json
from pathlib import Path

root = Path(__file__).resolve().parent.parent
TABLE_PAGES = ['nbs/index.ipynb', 'nbs/tutorials/history.ipynb', 'nbs/tutorials/first_attempt.ipynb', 'nbs/tutorials/protocol.ipynb',
               'nbs/tutorials/fresh_report.ipynb', 'nbs/tutorials/what_we_tried.ipynb', 'nbs/tutorials/speed.ipynb']   # the pages whose tables come from results files
SKIP = re.compile(r'^#\|\s*(slow|eval:\s*false)\s*$', re.M)

def texts(outputs:list)->list:
    "The comparable texts of a cell's outputs: printed text, and the text/plain form of results (in order)."
    out = []
    for o in outputs:
        if o.get('output_type') == 'stream' and o.get('name') == 'stdout': out.append(''.join(o['text']))
        elif o.get('output_type') in ('execute_result', 'display_data') and 'text/plain' in o.get('data', {}) and not any(
                k.startswith('image/') for k in o['data']):
            t = ''.join(o['data']['text/plain'])
            if not t.startswith('<Figure size'): out.append(t)
    return [re.sub(r'[ \t]+\n', '\n', t).strip() for t in out if t.strip()]

def check(nb_path:Path)->list:
    "Problems of one page: (cell number, what differs)."
    from execnb.shell import CaptureShell
    nb = json.loads(nb_path.read_text())
    old = os.getcwd(); os.chdir(nb_path.parent)
    problems = []
    try:
        sh = CaptureShell()
        sh.run("import pandas as _pd; _pd.set_option('display.max_columns', 20, 'display.width', 80)")   # a Jupyter kernel's display, not a terminal's
        for i, c in enumerate(nb['cells']):
            if c['cell_type'] != 'code': continue
            src = ''.join(c['source'])
            if SKIP.search(src): continue
            fresh = sh.run(src)
            err = [o for o in fresh if o.get('output_type') == 'error']
            if err: problems.append((i, f"raised {err[0].get('ename')}: {err[0].get('evalue')}")); continue
            saved, now = texts(c.get('outputs', [])), texts(fresh)
            if now and not saved: problems.append((i, f"prints a table but has no saved output (the page was committed unexecuted): {now[0][:80]!r}")); continue
            if sorted(saved) != sorted(now):   # execnb puts printed text before displayed results: compare as sets of texts
                a, b = '\n'.join(sorted(saved)), '\n'.join(sorted(now))
                k = next((j for j, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
                problems.append((i, f"saved output differs from a fresh run at character {k}: saved {a[max(0, k - 60):k + 60]!r}, now {b[max(0, k - 60):k + 60]!r}"))
    finally: os.chdir(old)
    return problems

def main():
    pages = [Path(p) for p in sys.argv[1:]] or [root / p for p in TABLE_PAGES]
    bad = 0
    for p in pages:
        probs = check(p.resolve())
        for i, what in probs: print(f"{p} cell {i}: {what}")
        print(f"{p}: {'STALE' if probs else 'every saved table is what its code gives now'}")
        bad += bool(probs)
    sys.exit(1 if bad else 0)

if __name__ == '__main__': main()
