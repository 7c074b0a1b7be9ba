#!/usr/bin/env bash
# Check the docs build as far as this machine allows (Quarto is not installable here): nbdev's
# processing of every notebook (show_doc cells added, directives applied) into _proc/, then each
# processed notebook rendered to HTML with nbconvert into _proc/html/. With Quarto present,
# `nbdev_docs` renders the real site from the same _proc/ step.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf _proc
nbdev_proc_nbs
# nbdev marks show_doc cells with a 'has_sd' key that Quarto ignores and nbformat's validator rejects: drop it here
python - <<'PY'
import json, pathlib
for p in pathlib.Path('_proc').rglob('*.ipynb'):
    nb = json.loads(p.read_text())
    for c in nb['cells']: c.pop('has_sd', None)
    p.write_text(json.dumps(nb, indent=1))
PY
# every exported name must have its show_doc section in the processed notebooks
python - <<'PY'
import ast, pathlib, re, sys
missing = []
for mod in sorted(pathlib.Path('infomask_nb').glob('[!_]*.py')):
    tree = ast.parse(mod.read_text())   # public functions and classes (constants get no show_doc)
    names = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and not n.name.startswith('_')]
    nb = next(pathlib.Path('_proc').glob(f"*_{mod.stem}.ipynb"), None)
    text = nb.read_text() if nb else ''
    missing += [f"{mod.stem}.{n}" for n in names if f"show_doc({n})" not in text]
print(f"show_doc sections missing: {missing or 'none'}"); sys.exit(1 if missing else 0)
PY
mkdir -p _proc/html
n=0
while IFS= read -r -d '' nb; do
  rel=${nb#_proc/}; out="_proc/html/${rel%.ipynb}.html"; mkdir -p "$(dirname "$out")"
  jupyter nbconvert --to html --log-level WARN "$nb" --output "$PWD/$out" >/dev/null
  n=$((n+1))
done < <(find _proc -name '*.ipynb' -not -path '*/html/*' -print0)
echo "processed and rendered $n notebooks to _proc/html/"
# screenshots of the rendered site for a person to look at: python tools/build_site.py _site --screenshot
