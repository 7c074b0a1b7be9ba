"""Build a browsable docs site without Quarto: `python tools/build_site.py [OUT] [--screenshot]` (default `_site/`).

nbdev's own processing (`nbdev_proc_nbs`: directives applied, `show_doc` sections added) runs first, then every
page listed in `nbs/sidebar.yml` is rendered to HTML with nbconvert, in that order, each with the same navigation
sidebar (sections and pages as the sidebar file gives them), links between notebooks pointing at the rendered pages,
and the Quarto-only syntax nbconvert would print as text removed. Where Quarto is installed, `nbdev_docs` builds
the real site from the same processed notebooks.
"""
import copy, html, json, re, shutil, subprocess, sys, tempfile
from pathlib import Path
import nbformat
from nbconvert import HTMLExporter
from traitlets.config import Config

root = Path(__file__).resolve().parent.parent
QUARTO_ATTR = re.compile(r'\{(?:target|style|\.)[^{}\n]*\}')   # [source](...){target="_blank" style="..."}, {.class}
CSS = """<style>
body { margin: 0; }
nav.imnb-side { position: fixed; top: 0; left: 0; bottom: 0; width: 240px; overflow-y: auto; padding: 16px 12px;
  background: #f6f7f9; border-right: 1px solid #dde; font: 14px/1.5 system-ui, sans-serif; }
nav.imnb-side h2 { font-size: 16px; margin: 0 0 10px; } nav.imnb-side h3 { font-size: 12px; margin: 14px 0 4px; color: #667;
  text-transform: uppercase; letter-spacing: .04em; }
nav.imnb-side a { display: block; padding: 2px 6px; color: #234; text-decoration: none; border-radius: 4px; }
nav.imnb-side a.here { background: #dbe6f5; font-weight: 600; } nav.imnb-side a:hover { background: #e8eef7; }
main.imnb-main { margin-left: 264px; max-width: 1100px; }
.jp-RenderedMarkdown pre { background: #f4f6f8; border: 1px solid #dde; border-radius: 6px; padding: 10px 14px; overflow-x: auto;
  font-size: 13px; line-height: 1.45; }
.jp-RenderedMarkdown code { background: #f4f6f8; border-radius: 3px; padding: 0 3px; } .jp-RenderedMarkdown pre code { padding: 0; }
.jp-OutputArea-output pre { font-size: 12px; }
</style>"""

def sidebar_entries(path:Path)->list:
    "(section or None, notebook path) in the order of sidebar.yml (a tiny reader for its one-list-per-section layout)."
    out, section = [], None
    for line in path.read_text().splitlines():
        s = line.strip()
        if s.startswith('- section:'): section = s.split(':', 1)[1].strip()
        elif s.startswith('- ') and s.endswith('.ipynb'): out.append((section if line.startswith(' ' * 10) else None, s[2:].strip()))
    return out

def front_matter(nb)->dict:
    "The page's front matter (title, description) that nbdev's processing moved into a raw cell."
    for c in nb.cells:
        if c.cell_type == 'raw' and c.source.lstrip().startswith('---'):
            return {k: ' '.join(v.split()).strip('"\'') for k, v in re.findall(r'^(\w[\w-]*):[ \t]*(.*(?:\n[ \t]+.*)*)', c.source, re.M)}
    return {}

def title_of(nb)->str:
    "The page's title: its front matter's, else its first Markdown heading."
    t = front_matter(nb).get('title')
    if t: return t
    for c in nb.cells:
        if c.cell_type == 'markdown':
            m = re.search(r'^#\s+(.+)$', c.source, re.M)
            if m: return m.group(1).strip()
    return 'infomask_nb'

def clean(nb):
    "Front matter as a heading; `echo: false` inputs hidden and `#|` lines dropped; Quarto-only syntax out; links to the rendered pages."
    for c in nb.cells:
        if c.cell_type == 'raw' and c.source.lstrip().startswith('---'):
            fm = front_matter(nb)
            c.cell_type, c.source = 'markdown', f"# {title_of(nb)}\n\n> {fm.get('description', '').strip()}"
            c.pop('attachments', None)
        if c.cell_type == 'code':
            lines = c.source.splitlines()
            if any(l.replace(' ', '') == '#|echo:false' for l in lines): c.metadata.setdefault('tags', []).append('remove_input')
            c.source = '\n'.join(l for l in lines if not l.lstrip().startswith('#|'))
        c.pop('has_sd', None); c.metadata.pop('has_sd', None)
        if c.cell_type == 'markdown': c.source = re.sub(r'\(([^)\s]+)\.ipynb\)', r'(\1.html)', QUARTO_ATTR.sub('', c.source))
        for o in c.get('outputs', []):
            d = o.get('data', {})
            if 'text/markdown' in d: d['text/markdown'] = QUARTO_ATTR.sub('', d['text/markdown'])
    return nb

def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    out = Path(args[0]) if args else root / '_site'
    subprocess.run(['nbdev_proc_nbs'], cwd=root, check=True, capture_output=True)
    entries = sidebar_entries(root / 'nbs' / 'sidebar.yml')
    nbs = {p: clean(nbformat.read(root / '_proc' / p, as_version=4)) for _, p in entries}
    titles = {p: title_of(nb) for p, nb in nbs.items()}
    cfg = Config(); cfg.HTMLExporter.template_name = 'lab'
    cfg.HTMLExporter.exclude_input_prompt = cfg.HTMLExporter.exclude_output_prompt = True
    cfg.TagRemovePreprocessor.enabled = True; cfg.TagRemovePreprocessor.remove_input_tags = {'remove_input'}
    exp = HTMLExporter(config=cfg)
    if out.exists(): shutil.rmtree(out)
    for sec, p in entries:
        page = out / p.replace('.ipynb', '.html'); page.parent.mkdir(parents=True, exist_ok=True)
        up = '../' * p.count('/')
        links, last = ['<h2>infomask_nb</h2>'], None
        for s2, q in entries:
            if s2 != last and s2: links.append(f'<h3>{html.escape(s2)}</h3>')
            last = s2
            cls = ' class="here"' if q == p else ''
            links.append(f'<a{cls} href="{up}{q.replace(".ipynb", ".html")}">{html.escape(titles[q])}</a>')
        body, _ = exp.from_notebook_node(nbs[p])
        body = body.replace('</head>', CSS + '</head>', 1)
        body = re.sub(r'(<body[^>]*>)', lambda m: m.group(1) + '<nav class="imnb-side">' + ''.join(links) + '</nav><main class="imnb-main">', body, count=1)
        body = body.replace('</body>', '</main></body>', 1)
        page.write_text(body)
    print(f"wrote {len(entries)} pages with a sidebar to {out} (open {out / 'index.html'})")
    if '--screenshot' in sys.argv: screenshots(out)

SHOTS = ['index.html', '07_learner.html']   # the start page and one module page

def screenshots(out:Path):
    "Headless-browser screenshots of SHOTS into OUT/screenshots/ (for a person to look at); a line saying so where no Chromium is installed."
    exe = next(filter(None, map(shutil.which, ('chromium', 'chromium-browser', 'google-chrome'))), None)
    if exe is None: print("no chromium on PATH: no screenshots (apt-get install chromium)"); return
    (out / 'screenshots').mkdir(exist_ok=True)
    for page in SHOTS:
        png = out / 'screenshots' / page.replace('.html', '.png')
        subprocess.run([exe, '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--window-size=1400,2000', '--no-first-run',
                        '--disable-background-networking', '--disable-component-update', f'--user-data-dir={tempfile.mkdtemp()}',
                        f'--screenshot={png}', (out / page).resolve().as_uri()], check=True, capture_output=True, timeout=120)
        print(f"screenshot: {png}")

if __name__ == '__main__': main()
