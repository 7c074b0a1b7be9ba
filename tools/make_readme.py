"""Write README.md (and its figures in README_files/) from nbs/index.ipynb, with the notebook's saved outputs.

nbdev_readme needs Quarto; this does the same job with nbconvert: `#| hide` cells are dropped and
`#|` directives removed. `--check` exits 1 if README.md is not what index.ipynb gives (used by .ci/run).
"""
import sys, copy, shutil
from pathlib import Path
import nbformat
from nbconvert import MarkdownExporter

root = Path(__file__).resolve().parent.parent

def render():
    nb = nbformat.read(root / 'nbs' / 'index.ipynb', as_version=4)
    nb = copy.deepcopy(nb)
    cells = []
    for c in nb.cells:
        lines = c.source.splitlines()
        if c.cell_type == 'code' and any(l.strip().startswith('#| hide') or l.strip().startswith('#|hide') for l in lines): continue
        if c.cell_type == 'code': c.source = '\n'.join(l for l in lines if not l.lstrip().startswith('#|')).strip('\n')
        cells.append(c)
    nb.cells = cells
    body, res = MarkdownExporter().from_notebook_node(nb, resources={'output_files_dir': 'README_files'})
    return body.rstrip() + '\n', res.get('outputs', {})

def main():
    body, outs = render()
    if '--check' in sys.argv:
        ok = (root / 'README.md').exists() and (root / 'README.md').read_text() == body
        ok = ok and all((root / k).exists() and (root / k).read_bytes() == v for k, v in outs.items())
        print('README.md is in sync with nbs/index.ipynb' if ok else 'README.md is out of date: run python tools/make_readme.py')
        sys.exit(0 if ok else 1)
    shutil.rmtree(root / 'README_files', ignore_errors=True)
    for k, v in outs.items():
        (root / k).parent.mkdir(parents=True, exist_ok=True); (root / k).write_bytes(v)
    (root / 'README.md').write_text(body)
    print(f"wrote README.md and {len(outs)} figure(s)")

if __name__ == '__main__': main()
