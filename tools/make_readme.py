"""Write README.md (and its figures in README_files/) from nbs/index.ipynb, with the notebook's saved outputs.

nbdev_readme needs Quarto; this does the same job with nbconvert: `#| hide` cells are dropped, `#| echo: false` cells show their output only,
`#|` directives are removed, and progress bars, CSS and empty HTML are left out of the outputs. `--check` exits 1 if README.md is not what index.ipynb gives (used by .ci/run).
"""
import sys, copy, re, shutil
from pathlib import Path
import nbformat
from nbconvert import MarkdownExporter
from traitlets.config import Config

root = Path(__file__).resolve().parent.parent

def _clean_output(o):
    "An output as a README shows it: no progress bars, no CSS, no empty HTML (None: drop the output)."
    html = o.get('data', {}).get('text/html') if o.get('output_type') in ('display_data', 'execute_result') else None
    if html is None: return o
    if '<progress' in html or not re.sub(r'<style.*?</style>|<div>\s*</div>|\s', '', html, flags=re.S): return None
    o = copy.deepcopy(o)
    o['data']['text/html'] = re.sub(r'<style.*?</style>\s*', '', html, flags=re.S)   # pandas' scoped CSS
    return o

def render():
    nb = nbformat.read(root / 'nbs' / 'index.ipynb', as_version=4)
    nb = copy.deepcopy(nb)
    cells = []
    for c in nb.cells:
        lines = c.source.splitlines()
        if c.cell_type == 'code' and any(l.strip().startswith('#| hide') or l.strip().startswith('#|hide') for l in lines): continue
        if c.cell_type == 'code':
            echo = not any(l.replace(' ', '') == '#|echo:false' for l in lines)
            c.source = '\n'.join(l for l in lines if not l.lstrip().startswith('#|')).strip('\n')
            if not echo: c.metadata.setdefault('tags', []).append('remove_input')
            c.outputs = [o for o in map(_clean_output, c.outputs) if o is not None]
        if c.cell_type == 'markdown':   # links between notebooks: the site renders them, GitHub shows the notebooks under nbs/
            c.source = re.sub(r'\]\((?![a-z]+:)([^)\s]+\.ipynb)\)', r'](nbs/\1)', c.source)
        cells.append(c)
    nb.cells = cells
    cfg = Config(); cfg.TagRemovePreprocessor.enabled = True; cfg.TagRemovePreprocessor.remove_input_tags = {'remove_input'}
    body, res = MarkdownExporter(config=cfg).from_notebook_node(nb, resources={'output_files_dir': 'README_files'})
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
