"""Build the course as a static web site whose explorers move without a kernel (``make site``).

Each notebook is run on a fresh kernel with nbclient's ``store_widget_state``, then
:func:`mlelib.engine.export.embed_all` stores every explorer's reachable pictures and
readouts in its widgets' state, and nbconvert's HTML exporter writes the page with the
template in ``tools/site_template`` (JupyterLab's look; require.js, the widget manager,
anywidget and KaTeX served from ``static/``, copied from ``node_modules`` where
``npm ci`` put the versions pinned in ``package-lock.json``).  The index page is the
notebook table and course map of ``README.md``, converted the same way.  Why nbconvert
and not Jupyter Book: ``docs/site.md``.

Usage: ``python tools/build_site.py [--out build/site] [notebooks/NN_x.ipynb ...]``
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
NODE = ROOT / "node_modules"
TEMPLATE_DIR = Path(__file__).resolve().parent
STATIC = "static"
# node_modules file -> where the pages find it under static/
STATIC_FILES = {
    "requirejs/require.js": "require.js",
    "anywidget/dist/index.js": "anywidget.js",
    "@jupyter-widgets/html-manager/dist/embed-amd.js": "embed-amd.js",
    "katex/dist/katex.min.js": "katex/katex.min.js",
    "katex/dist/katex.min.css": "katex/katex.min.css",
    "katex/dist/contrib/auto-render.min.js": "katex/auto-render.min.js",
}
# the widget manager falls back to this address for a module it cannot find: point it
# inside the site, where nothing is found, so that no page ever reaches the internet
CDN = "https://cdn.jsdelivr.net/npm/"
EXPORT_CELL = ("import json as _json\nfrom mlelib.engine import export as _site_export\n"
               "print(_json.dumps(_site_export.embed_all()))")


def execute(path: Path, timeout: int = 600) -> tuple[nbformat.NotebookNode, list[dict]]:
    """The notebook run on a fresh kernel, its explorers' positions in the widget state,
    and what :func:`mlelib.engine.export.embed_all` reported for each explorer."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(EXPORT_CELL))
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            record_timing=False, store_widget_state=True, allow_errors=False)
    client.execute()
    printed = "".join(out.get("text", "") for out in nb.cells.pop().outputs)
    return nb, json.loads(printed)


def exporter() -> HTMLExporter:
    """nbconvert's HTML exporter with the site's template (tools/site_template)."""
    html = HTMLExporter(template_name="site_template", extra_template_basedirs=[
        str(TEMPLATE_DIR)])
    html.require_js_url = f"{STATIC}/require.js"
    html.widget_renderer_url = f"{STATIC}/embed-amd.js"
    html.mathjax_url = ""
    html.exclude_input_prompt = False
    return html


def title_of(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The first Markdown heading of the notebook, without its #s."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found = re.search(r"^#+\s+(.+)$", cell.source, flags=re.MULTILINE)
            if found:
                return found.group(1).strip()
    return fallback


def write_page(nb, out: Path, *, title: str, previous=None, following=None) -> int:
    """Write one page; return its size in bytes."""
    resources = {"metadata": {"name": title}, "site_static": STATIC,
                 "site_previous": previous, "site_next": following}
    body, _ = exporter().from_notebook_node(nb, resources=resources)
    out.write_text(body, encoding="utf-8")
    return out.stat().st_size


def readme_section(text: str, heading: str) -> str:
    """The Markdown under README heading ``heading``, up to the next heading of its level or above."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        level = len(line) - len(line.lstrip("#"))
        if level and line[level:].strip() == heading:
            body = []
            for following in lines[i + 1:]:
                depth = len(following) - len(following.lstrip("#"))
                if depth and depth <= level:
                    break
                body.append(following)
            return "\n".join(body).strip()
    raise SystemExit(f"README.md has no section {heading!r}")


def index_notebook(pages: dict[str, str]) -> nbformat.NotebookNode:
    """The index page: README's notebook table and course map, each notebook a link."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme_section(readme, "The notebooks").split("\n\nEvery notebook")[0]
    course_map = readme_section(readme, "Course map")
    for stem, href in pages.items():
        table = table.replace(f"`{stem}`", f"[{stem}]({href})")
        course_map = course_map.replace(f"| {stem[:2]} |", f"| [{stem[:2]}]({href}) |")
    intro = ("# Likelihood, hands on\n\nThe course's notebooks as web pages, with their "
             "figures and outputs. Every explorer's sliders move in the page, without "
             "Python: its pictures and readouts were computed when the site was built "
             "(every position of each slider, the others where the page starts). To "
             "change the code, run the notebooks in JupyterLab (see the course's README).")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(intro),
                nbformat.v4.new_markdown_cell("## The notebooks\n\n" + table),
                nbformat.v4.new_markdown_cell("## Course map\n\n" + course_map)]
    return nb


def copy_static(out: Path) -> None:
    """Copy the pinned front-end files from node_modules into ``out/static``."""
    missing = [name for name in STATIC_FILES if not (NODE / name).exists()]
    if missing:
        raise SystemExit(f"missing {missing} under node_modules: run `npm ci` (make site does)")
    static = out / STATIC
    for source, target in STATIC_FILES.items():
        (static / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(NODE / source, static / target)
    manager = static / "embed-amd.js"
    manager.write_text(manager.read_text(encoding="utf-8").replace(CDN, f"./{STATIC}/none/"),
                       encoding="utf-8")
    for font in (NODE / "@jupyter-widgets/html-manager/dist").glob("*.woff2"):
        shutil.copyfile(font, static / font.name)
    (static / "katex" / "fonts").mkdir(exist_ok=True)
    for font in (NODE / "katex/dist/fonts").glob("*.woff2"):
        shutil.copyfile(font, static / "katex" / "fonts" / font.name)


def build(notebooks: list[Path], out: Path) -> dict[str, dict]:
    """Write the site to ``out``; per page, its size and build time."""
    out.mkdir(parents=True, exist_ok=True)
    copy_static(out)
    pages = {path.stem: f"{path.stem}.html" for path in notebooks}
    report, titles, executed = {}, {}, {}
    for path in notebooks:
        start = time.perf_counter()
        executed[path.stem], explorers = execute(path)
        titles[path.stem] = title_of(executed[path.stem], path.stem)
        report[path.stem] = {"seconds": time.perf_counter() - start, "explorers": explorers}
        print(f"ran {path.name} in {report[path.stem]['seconds']:.0f} s", flush=True)
        for row in explorers:
            thinned = "".join(f", {name} every {stride} steps"
                              for name, stride in row["strides"].items() if stride > 1)
            print(f"  {row['title']}: {row['readouts']} readouts, {row['pictures']} pictures "
                  f"({row['picture_bytes'] / 1e6:.2f} MB{thinned})", flush=True)
    stems = list(pages)
    for i, stem in enumerate(stems):
        near = [(pages[stems[j]], titles[stems[j]]) if 0 <= j < len(stems) else None
                for j in (i - 1, i + 1)]
        report[stem]["bytes"] = write_page(executed[stem], out / pages[stem],
                                           title=titles[stem], previous=near[0],
                                           following=near[1])
    write_page(index_notebook(pages), out / "index.html", title="Likelihood, hands on")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to build (default: every notebook)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "site")
    args = parser.parse_args(argv)
    notebooks = sorted(args.notebooks or (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    report = build([p.resolve() for p in notebooks], args.out)
    total = sum(f.stat().st_size for f in args.out.rglob("*") if f.is_file())
    for stem, row in report.items():
        print(f"{stem:40s} {row['bytes'] / 1e6:6.2f} MB  built in {row['seconds']:.0f} s")
    print(f"site: {args.out} ({total / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
