"""Put every exercise's solution at the back of its notebook (run by ``make notebooks``).

An author writes an exercise in place (docs/writing-an-exercise.md): the prompt, the
learner's cell (``name = ...`` and ``check("NN-key", name)``) and, right after it, the
solution cell tagged ``solution``.  Left there, the solution and its stored ✓ would sit
under every exercise, in plain sight on GitHub and nbviewer, which ignore collapse flags.
This tool rearranges a notebook into the layout the course ships:

* before each learner's cell, a short cell (tag ``solution-link``) whose heading is the
  exercise's anchor and which links to its solution;
* at the end, a ``## Solutions`` section (tag ``solutions``): per exercise, in the order
  asked, a heading that links back, the solution cell (moved, not copied, source shown)
  and nbgrader's autograded test (tag ``autograde``): a locked cell that asserts the
  exercise is answered (what ``nbgrader validate`` shows a learner) and whose
  ``### BEGIN HIDDEN TESTS`` region asserts ``is_right(key, name)`` from the answer key.

Every cell this tool writes is rebuilt from the exercise it belongs to, with an id made
from the exercise's key, and keeps the outputs it had: a second run changes nothing, and
a notebook in the authoring layout (solutions in place) gets the final layout.  It runs
before execution (tools/run_notebooks.py) because it changes the order cells run in.

Usage: ``python tools/place_solutions.py notebooks/*.ipynb`` (layout only, no execution;
``make notebooks`` does both).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell

CHECK = re.compile(r'^check\("(\d\d-[a-z0-9-]+)", (\w+)\)\s*$', re.MULTILINE)
LABEL = re.compile(r"\*\*Exercise (\d+\.\d+)\*\*")
SOLUTION, LINK, HEADINGS, AUTOGRADE = "solution", "solution-link", "solutions", "autograde"
OWNED = (LINK, HEADINGS, AUTOGRADE)  # the cells this tool writes (and rewrites)
BEGIN_TESTS, END_TESTS = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


def tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def solution_key(cell) -> str:
    """The exercise a solution cell solves: the key of the check it ends with."""
    found = CHECK.findall(cell.source)
    if len(found) != 1:
        raise ValueError(f"a cell tagged 'solution' must run exactly one check(...):\n"
                         f"{cell.source}")
    return found[0][0]


def _label(cells, index: int, key: str) -> str:
    """'2.1' from the last '**Exercise 2.1**' since the previous exercise, else the key."""
    for cell in reversed(cells[:index]):
        if cell.cell_type == "code" and CHECK.search(cell.source):
            break
        found = LABEL.findall(cell.source) if cell.cell_type == "markdown" else []
        if found:
            return found[-1]
    return key


def _anchor(heading: str) -> str:
    """The id JupyterLab and nbconvert (nbviewer) give a markdown heading: spaces to '-'."""
    return heading.replace(" ", "-")


def _cell(kind: str, cell_id: str, source: str, metadata: dict, old: dict):
    """A cell this tool owns; an earlier run's cell with the same id gives its outputs."""
    cell = (new_code_cell if kind == "code" else new_markdown_cell)(source, metadata=metadata)
    cell.id = cell_id
    previous = old.get(cell_id)
    if kind == "code" and previous is not None and previous.source == source:
        cell.outputs, cell.execution_count = previous.outputs, previous.execution_count
    return cell


def _link_cell(key: str, label: str, old: dict):
    mine, theirs = f"Your answer to exercise {label}", f"Solution {label}"
    source = (f"###### {mine}\n\nWrite it in the cell below and run it. The worked solution "
              f"is at the back of the notebook, [{theirs}](#{_anchor(theirs)}): try first.")
    return _cell("markdown", f"answer-{key}", source, {"tags": [LINK], "exercise": key}, old)


def _solution_heading(key: str, label: str, old: dict):
    mine, theirs = f"Solution {label}", f"Your answer to exercise {label}"
    source = f"### {mine}\n\n[Back to exercise {label}](#{_anchor(theirs)})"
    return _cell("markdown", f"solution-{key}", source, {"tags": [HEADINGS], "exercise": key},
                 old)


def _test_cell(key: str, name: str, label: str, old: dict):
    source = "\n".join([
        f"# exercise {label} is graded here: answered (this test), right (a hidden one)",
        f'assert {name} is not ..., "exercise {label}: replace the ... with your answer"',
        BEGIN_TESTS,
        "from mlelib.exercises import is_right",
        f'assert is_right("{key}", {name}), "exercise {label} ({key}) is not right"',
        END_TESTS,
    ])
    nbgrader = {"grade": True, "grade_id": f"test-{key}", "locked": True, "points": 1,
                "schema_version": 3, "solution": False, "task": False}
    metadata = {"tags": [AUTOGRADE], "exercise": key, "nbgrader": nbgrader,
                "deletable": False, "editable": False}
    return _cell("code", f"autograde-{key}", source, metadata, old)


SECTION = ("## Solutions\n\nThe worked solution of every exercise above, in the order they "
           "are asked. Each runs here, after the whole lesson, and ends with its exercise's "
           "check; the locked cell after it is the test nbgrader grades that exercise with.")


def place_solutions(nb: nbformat.NotebookNode, name: str = "notebook") -> int:
    """Rearrange ``nb`` in place into the shipped layout; return how many exercises it has."""
    old = {cell.get("id"): cell for cell in nb.cells if any(t in OWNED for t in tags(cell))}
    solutions, lesson = {}, []
    for cell in nb.cells:
        if SOLUTION in tags(cell):
            key = solution_key(cell)
            if key in solutions:
                raise ValueError(f"{name}: two solutions of {key}")
            solutions[key] = cell
        elif not any(t in OWNED for t in tags(cell)):
            lesson.append(cell)
    cells, back = [], []
    for index, cell in enumerate(lesson):
        found = CHECK.findall(cell.source) if cell.cell_type == "code" else []
        for key, answer_name in found:
            if key not in solutions:
                raise ValueError(f"{name}: exercise {key} has no cell tagged 'solution'")
            label = _label(lesson, index, key)
            cells.append(_link_cell(key, label, old))
            solution = solutions.pop(key)
            solution.metadata.pop("jupyter", None)  # at the back, the source is shown
            solution.metadata["exercise"] = key
            back += [_solution_heading(key, label, old), solution,
                     _test_cell(key, answer_name, label, old)]
        cells.append(cell)
    if solutions:
        raise ValueError(f"{name}: solution(s) of {sorted(solutions)} but no learner's cell "
                         "running that check")
    if back:
        cells += [_cell("markdown", "solutions", SECTION, {"tags": [HEADINGS]}, old)] + back
    nb.cells = cells
    return len(back) // 3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4)
        count = place_solutions(nb, path.name)
        nbformat.validate(nb)
        nbformat.write(nb, path)
        print(f"{path}: {count} exercise(s), solutions at the back")
    return 0


if __name__ == "__main__":
    sys.exit(main())
