"""Write the student edition of the course (``make student``): no solutions, no outputs.

Every notebook of ``notebooks/`` is copied, in the same order and under the same name,
to the output directory (``build/student/`` by default) with

* every cell tagged ``solution`` removed (its code sits between nbgrader's
  ``### BEGIN SOLUTION`` / ``### END SOLUTION`` markers; a solution cell without them
  stops the build, so a teacher never hands out a solution by mistake), and with them
  the cells tools/place_solutions.py wrote around the solutions (the links to them, the
  Solutions headings and nbgrader's hidden-test cells, which only a grader needs);
* every output and execution count cleared, so nothing computed by a solution is left.

The learner's cells (``answer = ...`` and its ``check``) stay: run in the student
edition, every check prints ``✗ not yet: replace the ... with your answer.``

A folder's language file (``.mlelib-language``, see :mod:`mlelib.i18n`) goes with its
notebooks, so the checker of the Korean student edition speaks Korean.  Without
notebooks named, every edition is written: ``notebooks/`` to the output directory and
each translated edition (``notebooks/ko/``) to the folder of the same name in it
(``build/student/ko/``).

Usage: ``python tools/make_student.py [--out build/student] [NOTEBOOK ...]``
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import nbformat
from place_solutions import OWNED
from translations import TRANSLATED, edition_folder

from mlelib.i18n import MARKER

REPO = Path(__file__).resolve().parents[1]
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"


def is_solution(cell) -> bool:
    """Whether ``cell`` is a solution cell (tagged ``solution``)."""
    return "solution" in cell.get("metadata", {}).get("tags", [])


def student_notebook(nb: nbformat.NotebookNode, name: str = "notebook") -> int:
    """Remove the solution cells and every output from ``nb`` in place; return how many went."""
    solutions = [cell for cell in nb.cells if is_solution(cell)]
    for cell in solutions:
        lines = [line.strip() for line in cell.source.splitlines()]
        if BEGIN not in lines or END not in lines:
            raise SystemExit(f"{name}: a cell tagged 'solution' lacks the {BEGIN!r} / "
                             f"{END!r} markers:\n{cell.source}")
    nb.cells = [cell for cell in nb.cells if not is_solution(cell)
                and not set(OWNED) & set(cell.get("metadata", {}).get("tags", []))]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("widgets", None)
    return len(solutions)


def write_student_edition(notebooks: list[Path], out: Path) -> dict[str, int]:
    """Write the student edition of ``notebooks`` to ``out``; solutions removed per notebook.

    The language file of the notebooks' folder, if it has one, is copied to ``out``.
    """
    out.mkdir(parents=True, exist_ok=True)
    removed = {}
    for path in sorted(notebooks):
        nb = nbformat.read(path, as_version=4)
        removed[path.name] = student_notebook(nb, path.name)
        nbformat.validate(nb)
        nbformat.write(nb, out / path.name)
    for marker in sorted({path.parent / MARKER for path in notebooks}):
        if marker.is_file():
            shutil.copyfile(marker, out / MARKER)
    return removed


def editions(out: Path) -> dict[Path, list[Path]]:
    """Every edition of the course: output folder -> its notebooks (English in ``out``,
    each translation in ``out/<language>``, as in ``notebooks/``)."""
    found = {out: sorted(edition_folder("en").glob("*.ipynb"))}
    for language in TRANSLATED:
        found[out / language] = sorted(edition_folder(language).glob("*.ipynb"))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to write (default: every edition)")
    parser.add_argument("--out", type=Path, default=REPO / "build" / "student")
    args = parser.parse_args(argv)
    chosen = {args.out: args.notebooks} if args.notebooks else editions(args.out)
    for out, notebooks in chosen.items():
        removed = write_student_edition(notebooks, out)
        for name, count in removed.items():
            print(f"{out / name}: {count} solution cell(s) removed, outputs cleared")
    return 0


if __name__ == "__main__":
    sys.exit(main())
