"""Build the course as a static web site whose explorers move without a kernel (``make site``).

Each notebook is run on a fresh kernel with nbclient's ``store_widget_state``, then
:func:`mlelib.engine.export.embed_all` stores every explorer's reachable pictures and
readouts in its widgets' state, and nbconvert's HTML exporter writes the page with the
template in ``tools/site_template`` (JupyterLab's look; require.js, the widget manager,
anywidget and KaTeX served from ``static/``, copied from ``node_modules`` where
``npm ci`` put the versions pinned in ``package-lock.json``).  The index page is the
notebook table and course map of ``README.md``, converted the same way.  Why nbconvert
and not Jupyter Book: ``docs/site.md``.

The Korean edition (``notebooks/ko/``, the same names) is built beside it in ``ko/``,
each notebook run in its own folder so that mlelib speaks Korean: its pages say
``lang="ko"``, share ``static/`` with the English ones, and every page links to the
same page in the other language.  Its index lists the notebooks by their Korean titles.

Usage: ``python tools/build_site.py [--out build/site] [notebooks/NN_x.ipynb ...]``
(English notebooks; their Korean editions are built with them)
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

from mlelib.i18n import LANGUAGES

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
# The words of the pages that are the site's own (navigation, index), per language; the
# folder of each edition under the site and of its notebooks under notebooks/.
FOLDERS = {language: "" if language == "en" else language for language in LANGUAGES}
WORDS = {
    "en": {
        "title": "Likelihood, hands on",
        "name": "English",
        "contents": "Course map",
        "previous": "previous",
        "next": "next",
        "still": "The explorer's picture where its sliders start; the sliders appear once "
                 "the page has loaded.",
        "intro": "The course's notebooks as web pages, with their figures and outputs. Every "
                 "explorer's sliders move in the page, without Python: its pictures and "
                 "readouts were computed when the site was built (every position of each "
                 "slider, the others where the page starts). To change the code, run the "
                 "notebooks in JupyterLab (see the course's README).",
    },
    "ko": {
        "title": "가능도, 손으로 익히기",
        "name": "한국어",
        "contents": "목차",
        "previous": "이전",
        "next": "다음",
        "still": "슬라이더가 처음 놓인 자리의 그림입니다. 페이지를 다 불러오면 슬라이더가 "
                 "나타납니다.",
        "intro": "이 강의의 노트북을 그림과 출력까지 그대로 웹 페이지로 옮겼습니다. 탐색기의 "
                 "슬라이더는 파이썬 없이 페이지 안에서 움직입니다. 그림과 수치는 사이트를 만들 "
                 "때 미리 계산해 두었습니다(슬라이더마다 모든 위치, 나머지 슬라이더는 페이지가 "
                 "열릴 때의 위치). 코드를 바꿔 보려면 JupyterLab에서 노트북을 실행하세요(강의 "
                 "README 참고).",
        "notebooks": "노트북",
    },
}


def execute(path: Path, timeout: int = 600) -> tuple[nbformat.NotebookNode, list[dict]]:
    """The notebook run on a fresh kernel, its explorers' positions in the widget state,
    and what :func:`mlelib.engine.export.embed_all` reported for each explorer."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(EXPORT_CELL))
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            record_timing=False, store_widget_state=True, allow_errors=False)
    client.execute()
    printed = "".join(out.get("text", "") for out in nb.cells.pop().outputs
                      if out.get("name") == "stdout")     # not a warning on stderr
    return nb, json.loads(printed)


def exporter(language: str = "en") -> HTMLExporter:
    """nbconvert's HTML exporter with the site's template (tools/site_template), for the
    pages of ``language``'s edition (``static/`` one folder up outside English)."""
    html = HTMLExporter(template_name="site_template", extra_template_basedirs=[
        str(TEMPLATE_DIR)], language_code=language)
    static = static_path(language)
    html.require_js_url = f"{static}/require.js"
    html.widget_renderer_url = f"{static}/embed-amd.js"
    html.mathjax_url = ""
    html.exclude_input_prompt = False
    return html


def static_path(language: str) -> str:
    """Where the pages of ``language``'s edition find the shared ``static/``."""
    return f"../{STATIC}" if FOLDERS[language] else STATIC


def other_editions(language: str, page: str) -> list[tuple[str, str, str]]:
    """(address, language, its name) of ``page`` in every other edition, from a page of
    ``language``'s edition."""
    up = "../" if FOLDERS[language] else ""
    return [(f"{up}{FOLDERS[other] + '/' if FOLDERS[other] else ''}{page}", other,
             WORDS[other]["name"]) for other in FOLDERS if other != language]


def title_of(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The first Markdown heading of the notebook, without its #s."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found = re.search(r"^#+\s+(.+)$", cell.source, flags=re.MULTILINE)
            if found:
                return found.group(1).strip()
    return fallback


def write_page(nb, out: Path, *, title: str, previous=None, following=None,
               language: str = "en") -> int:
    """Write one page of ``language``'s edition; return its size in bytes."""
    resources = {"metadata": {"name": title}, "site_static": static_path(language),
                 "site_previous": previous, "site_next": following,
                 "site_words": WORDS[language], "site_others": other_editions(language, out.name)}
    body, _ = exporter(language).from_notebook_node(nb, resources=resources)
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
    intro = f"# {WORDS['en']['title']}\n\n{WORDS['en']['intro']}"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(intro),
                nbformat.v4.new_markdown_cell("## The notebooks\n\n" + table),
                nbformat.v4.new_markdown_cell("## Course map\n\n" + course_map)]
    return nb


def translated_index(language: str, pages: dict[str, str], titles: dict[str, str]):
    """The index page of a translated edition: its notebooks by their translated titles
    (README's table and course map are English)."""
    words = WORDS[language]
    rows = "\n".join(f"| [{stem[:2]}]({href}) | {titles[stem]} |" for stem, href in pages.items())
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {words['title']}\n\n{words['intro']}"),
                nbformat.v4.new_markdown_cell(f"## {words['notebooks']}\n\n| | |\n|---|---|\n"
                                              + rows)]
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


def editions(notebooks: list[Path]) -> dict[str, list[Path]]:
    """Language -> its notebooks: ``notebooks`` in English, and in every other language the
    notebooks of the same names in ``notebooks/<language>/``."""
    found = {"en": notebooks}
    for language, folder in FOLDERS.items():
        if folder:
            found[language] = [path.parent / folder / path.name for path in notebooks]
            missing = [str(p) for p in found[language] if not p.is_file()]
            if missing:
                raise SystemExit(f"no {language} edition of {missing}: run `make notebooks`")
    return found


def run_all(notebooks: list[Path]) -> tuple[dict, dict, dict]:
    """Every notebook executed: (stem -> executed notebook, stem -> title, report)."""
    report, titles, executed = {}, {}, {}
    for path in notebooks:
        start = time.perf_counter()
        executed[path.stem], explorers = execute(path)
        titles[path.stem] = title_of(executed[path.stem], path.stem)
        report[path.stem] = {"seconds": time.perf_counter() - start, "explorers": explorers}
        print(f"ran {path} in {report[path.stem]['seconds']:.0f} s", flush=True)
        for row in explorers:
            thinned = "".join(f", {name} every {stride} steps"
                              for name, stride in row["strides"].items() if stride > 1)
            print(f"  {row['title']}: {row['readouts']} readouts, {row['pictures']} pictures "
                  f"({row['picture_bytes'] / 1e6:.2f} MB{thinned})", flush=True)
    return executed, titles, report


def build_edition(language: str, notebooks: list[Path], out: Path) -> dict[str, dict]:
    """Write ``language``'s pages and index to ``out`` (static/ is shared, see
    :func:`static_path`); per page, its size and build time."""
    out.mkdir(parents=True, exist_ok=True)
    pages = {path.stem: f"{path.stem}.html" for path in notebooks}
    executed, titles, report = run_all(notebooks)
    stems = list(pages)
    for i, stem in enumerate(stems):
        near = [(pages[stems[j]], titles[stems[j]]) if 0 <= j < len(stems) else None
                for j in (i - 1, i + 1)]
        report[stem]["bytes"] = write_page(executed[stem], out / pages[stem],
                                           title=titles[stem], previous=near[0],
                                           following=near[1], language=language)
    index = index_notebook(pages) if language == "en" else translated_index(language, pages,
                                                                              titles)
    write_page(index, out / "index.html", title=WORDS[language]["title"], language=language)
    return report


def build(notebooks: list[Path], out: Path) -> dict[str, dict]:
    """Write the site to ``out``, every edition of ``notebooks``; per page (``ko/`` before
    a translated page's name), its size and build time."""
    chosen = editions(notebooks)
    out.mkdir(parents=True, exist_ok=True)
    copy_static(out)
    report = {}
    for language, paths in chosen.items():
        prefix = f"{FOLDERS[language]}/" if FOLDERS[language] else ""
        for stem, row in build_edition(language, paths, out / FOLDERS[language]).items():
            report[prefix + stem] = row
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
