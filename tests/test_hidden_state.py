"""No hidden-state trap: what a learner writes in an exercise never changes the lesson.

A learner answering an exercise reuses the notebook's names (``k, n = 7, 10`` in an
exercise on the phones, while the lesson's ``k`` and ``n`` were the coin's).  Every
notebook (``notebooks/*.ipynb``, so notebooks added later too) is executed as such a
learner would run it: each learner's cell is replaced by the exercise's solution code (a
right answer) followed, unless the answer is a word from a list of choices, by a rebinding
of every plain number, array of numbers and tuple or list of numbers the notebook had
defined, to another value of the same kind; the solution cells themselves, wherever they
are stored, are left out.  Then

* every check still prints ``✓``: later exercises accept their right answers whatever an
  earlier answer left behind;
* every lesson cell prints exactly what the stored notebook shows (text and the plain-text
  summary of explorers): lesson cells rebuild their inputs right before use.  A cell
  that shows hidden state on purpose is tagged ``shows-hidden-state`` and not compared.

nbgrader's grading cells at the back (tag ``autograde``) are left out too: they read the
learner's answers by name, which is what a grader must do, not a lesson.

The Korean edition (``notebooks/ko/``) is not run here: its code cells are the English
ones byte for byte (tools/translations.py translates markdown only), so what a learner's
names can do to its lesson is what they do to the English one.  Only the words printed
differ, and tests/test_student_edition.py runs every Korean notebook's checks.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from mlelib.exercises import exercise

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
CHECK = re.compile(r'^check\("(\d\d-[a-z0-9-]+)", \w+\)$', re.MULTILINE)

pytestmark = pytest.mark.student
# a lesson cell that shows hidden state on purpose (notebook 05's stale ``ll``) is tagged so
DEMO_TAG = "shows-hidden-state"

# Run after each learner's answer: every global a learner could plausibly reuse for a
# number of their own (a number, an array of numbers, a tuple or list of numbers) gets
# another value of the same kind and shape.
REBIND = """
def _rebind_like_a_learner():
    import numbers as _numbers
    import numpy as _np
    def other(value):
        if isinstance(value, (bool, _np.bool_)):
            return value
        if isinstance(value, _numbers.Integral):
            return value + 3
        if isinstance(value, _numbers.Real):
            return 0.7 * value + 0.05
        if isinstance(value, _np.ndarray) and value.dtype.kind in "iuf":
            return value + 3 if value.dtype.kind in "iu" else 0.7 * value + 0.05
        if type(value) in (tuple, list) and value and all(
                isinstance(v, _numbers.Real) and not isinstance(v, bool) for v in value):
            return type(value)(other(v) for v in value)
        return value
    space = globals()
    for name in [n for n in space if not n.startswith("_") and n not in ("In", "Out")]:
        space[name] = other(space[name])
_rebind_like_a_learner()
del _rebind_like_a_learner
"""


def _is_solution(cell) -> bool:
    return "solution" in cell.metadata.get("tags", [])


def _is_grading(cell) -> bool:
    return "autograde" in cell.metadata.get("tags", [])


def _is_learner(cell) -> bool:
    return cell.cell_type == "code" and not _is_solution(cell) and bool(CHECK.search(cell.source))


def _shown(cell) -> str:
    """What a cell shows as text: its printed lines and the plain text of its results."""
    parts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type in ("execute_result", "display_data"):
            text = out.get("data", {}).get("text/plain", "")
            if not text.startswith("<Figure size"):
                parts.append(text)
        elif out.output_type == "error":
            parts.append(f"{out.ename}: {out.evalue}")
    return "".join(parts)


def _as_a_learner(stored: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, list]:
    """The notebook with every learner's cell answered, and what each cell is: (index in
    the stored notebook, "learner" or "lesson") for every cell kept."""
    nb = nbformat.v4.new_notebook(metadata=stored.metadata)
    solutions = {key: cell for cell in stored.cells if _is_solution(cell)
                 for key in CHECK.findall(cell.source)}        # wherever they are stored
    roles = []
    for i, cell in enumerate(stored.cells):
        if cell.cell_type != "code" or _is_solution(cell) or _is_grading(cell):
            continue
        if _is_learner(cell):
            key = CHECK.findall(cell.source)[0]
            code = solutions[key].source.replace("### BEGIN SOLUTION", "").replace("### END SOLUTION", "")
            if not exercise(key).choices:          # a word, for a concept, reuses no name
                code += "\n" + REBIND
            nb.cells.append(nbformat.v4.new_code_cell(code))
            roles.append((i, "learner"))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(cell.source))
            roles.append((i, "lesson"))
    return nb, roles


@pytest.fixture(scope="module")
def runs() -> dict[str, tuple]:
    """Notebook name -> (stored notebook, executed learner's notebook, roles)."""
    from nbclient import NotebookClient

    def execute(path: Path):
        stored = nbformat.read(path, as_version=4)
        nb, roles = _as_a_learner(stored)
        NotebookClient(nb, timeout=180, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        return path.name, (stored, nb, roles)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(execute, NOTEBOOKS))


@pytest.mark.parametrize("name", [path.name for path in NOTEBOOKS])
def test_later_exercises_accept_their_right_answers_whatever_earlier_answers_left(runs, name):
    _, nb, roles = runs[name]
    rejected = [f"cell {i}: {_shown(cell).strip()}" for cell, (i, role) in zip(nb.cells, roles)
                if role == "learner" and not _shown(cell).startswith("✓")]
    assert not rejected, f"{name}: right answers rejected after earlier answers:\n" + "\n".join(rejected)


@pytest.mark.parametrize("name", [path.name for path in NOTEBOOKS])
def test_the_lesson_shows_the_same_whatever_the_learner_wrote(runs, name):
    stored, nb, roles = runs[name]
    changed = [f"cell {i}: stored {_shown(stored.cells[i])[:200]!r}\n      now {_shown(cell)[:200]!r}"
               for cell, (i, role) in zip(nb.cells, roles)
               if role == "lesson" and _shown(cell) != _shown(stored.cells[i])
               and DEMO_TAG not in stored.cells[i].metadata.get("tags", [])]
    assert not changed, f"{name}: lesson cells changed by the learner's names:\n" + "\n".join(changed)
