"Every export cell of the numbered notebooks is followed by a test cell before the next export cell (exit 1 if not); export cells longer than MAX lines are listed."
import json, sys
from pathlib import Path
MAX = int(sys.argv[1]) if len(sys.argv) > 1 else 60
bad, long = [], []
for p in sorted(Path(__file__).parent.parent.glob('nbs/[0-9][0-9]_*.ipynb')):
    code = [(''.join(c['source'])) for c in json.loads(p.read_text())['cells'] if c['cell_type'] == 'code']
    code = [s for s in code if not s.startswith('#| hide') and not s.startswith('#| default_exp')]
    for i, s in enumerate(code):
        if not s.startswith('#| export') or 'from __future__' in s: continue
        first = s.splitlines()[1][:60]
        if len(s.splitlines()) > MAX: long.append(f"{p.name}: export cell '{first}' has {len(s.splitlines())} lines (> {MAX})")
        nxt = code[i + 1] if i + 1 < len(code) else ''
        if not nxt or nxt.startswith('#| export'): bad.append(f"{p.name}: export cell '{first}' is not followed by a test")
print('\n'.join(long) or f'no export cell is longer than {MAX} lines')
print('\n'.join(bad) or 'every export cell is followed by a test'); sys.exit(1 if bad else 0)
