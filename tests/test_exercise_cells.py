"""The exercises in the stored notebooks follow the course's pattern, solutions at the back.

Per exercise, in the lesson: a markdown prompt; a cell (tag ``solution-link``) whose
heading is the exercise's anchor and which links to the solution; the learner's cell with
a scaffold (``name = ...``) and ``check("NN-name", name)``, stored with one line starting
``✗ not yet:``.  After the lesson, under ``## Solutions``: a heading linking back, the
solution cell tagged ``solution`` (code between nbgrader's markers, ending with the same
check, stored with one line starting ``✓``) and a locked nbgrader test cell.  The layout is
made by tools/place_solutions.py (docs/writing-an-exercise.md); these tests read the
stored notebooks, so they hold whoever edited them.
"""

from __future__ import annotations

import ast
import copy
import re
import sys
from pathlib import Path

import nbformat
import pytest

from mlelib.exercises import load_key

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))
from place_solutions import place_solutions

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
CHECK = re.compile(r'^check\("(\d\d-[a-z0-9-]+)", (\w+)\)$', re.MULTILINE)
SCAFFOLD = re.compile(r"^(\w+) = \.\.\.", re.MULTILINE)
LINK = re.compile(r"\]\(#([^)\s]+)\)")
HEADING = re.compile(r"^#+ (.+)$", re.MULTILINE)


def _tags(cell) -> list[str]:
    return cell.metadata.get("tags", [])


def _cells(path: Path):
    return nbformat.read(path, as_version=4).cells


def _solutions_start(cells) -> int:
    starts = [i for i, c in enumerate(cells) if c.source.startswith("## Solutions")
              and "solutions" in _tags(c)]
    assert len(starts) == 1, "one '## Solutions' section per notebook"
    return starts[0]


def _exercises(cells):
    """(cell index, key, learner's cell) for every exercise of the lesson, in order."""
    end = _solutions_start(cells)
    return [(i, key, cell) for i, cell in enumerate(cells[:end]) if cell.cell_type == "code"
            for key, _name in CHECK.findall(cell.source)]


def _solution(cells, key):
    found = [i for i, c in enumerate(cells) if "solution" in _tags(c)
             and c.metadata.get("exercise") == key]
    assert len(found) == 1, f"{key}: {len(found)} solution cells"
    return found[0]


def _text(cell) -> str:
    return "".join(out.get("text", "") for out in cell.outputs if out.output_type == "stream")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_has_three_exercises_placed_along_the_way(path):
    cells = _cells(path)
    found = _exercises(cells)
    assert len(found) >= 3, f"{path.name}: {len(found)} exercises, the course asks for 3 or more"
    assert found[0][0] < _solutions_start(cells) / 2, f"{path.name}: the first exercise is late"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_exercise_follows_the_pattern(path):
    cells, number = _cells(path), path.name[:2]
    start = _solutions_start(cells)
    for i, key, learner in _exercises(cells):
        where = f"{path.name} cell {i} ({key})"
        assert key.startswith(number + "-"), f"{where}: a key of another notebook"
        link, prompt = cells[i - 1], cells[i - 2]
        assert "solution-link" in _tags(link) and link.metadata.get("exercise") == key, where
        assert prompt.cell_type == "markdown", f"{where}: no prompt above the learner's cell"
        assert SCAFFOLD.findall(learner.source), f"{where}: no scaffold 'answer = ...'"
        assert _text(learner).startswith("✗ not yet:") and _text(learner).count("\n") == 1, where
        j = _solution(cells, key)
        solution, heading, test = cells[j], cells[j - 1], cells[j + 1]
        assert j > start, f"{where}: the solution is not in the Solutions section"
        assert "solutions" in _tags(heading) and heading.metadata.get("exercise") == key, where
        lines = [line.strip() for line in solution.source.splitlines()]
        assert "### BEGIN SOLUTION" in lines and "### END SOLUTION" in lines, where
        assert lines.index("### BEGIN SOLUTION") < lines.index("### END SOLUTION"), where
        assert CHECK.findall(solution.source) == CHECK.findall(learner.source), where
        assert lines[-1].startswith("check("), f"{where}: the solution must end with the check"
        assert _text(solution).startswith("✓") and _text(solution).count("\n") == 1, where
        grading = test.metadata.get("nbgrader", {})
        assert grading.get("grade") is True and grading.get("locked") is True, where
        assert grading.get("points") == 1 and grading.get("grade_id") == f"test-{key}", where
        assert "### BEGIN HIDDEN TESTS" in test.source and f'is_right("{key}"' in test.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_stored_tick_before_the_solutions(path):
    cells = _cells(path)
    for i, cell in enumerate(cells[:_solutions_start(cells)]):
        if cell.cell_type == "code":
            shown = "".join(str(out.get("text", "")) + str(out.get("data", {}))
                            for out in cell.outputs)
            assert "✓" not in shown, f"{path.name} cell {i} shows an answer: {shown[:80]}"
            assert "solution" not in _tags(cell), f"{path.name} cell {i}: a solution in the lesson"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_links_go_to_the_solution_and_back(path):
    cells = _cells(path)
    anchors = {h.strip().replace(" ", "-") for c in cells if c.cell_type == "markdown"
               for h in HEADING.findall(c.source)}
    links = [t for c in cells if set(_tags(c)) & {"solution-link", "solutions"}
             for t in LINK.findall(c.source)]
    assert len(links) == 2 * len(_exercises(cells)), f"{path.name}: a link is missing"
    assert all(target in anchors for target in links), (path.name, set(links) - anchors)


def _statements(cell):
    """(names read, names bound) per top-level statement of a code cell, in order."""
    source = "\n".join(line for line in cell.source.splitlines()
                       if not line.lstrip().startswith(("%", "!")))
    for statement in ast.parse(source).body:
        loads, stores = set(), set()
        for node in ast.walk(statement):
            if isinstance(node, ast.Name):
                (stores if isinstance(node.ctx, ast.Store) else loads).add(node.id)
            elif isinstance(node, ast.arg):  # a parameter, read only inside its function
                stores.add(node.arg)
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                stores.add(node.name)
            elif isinstance(node, ast.alias):
                stores.add((node.asname or node.name).split(".")[0])
        yield loads, stores


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_lesson_cell_reads_a_value_only_a_solution_computes(path):
    """Walk the cells in the order the author wrote them (each solution right after its
    exercise): a lesson cell that reads a name whose latest binding is a solution's would
    change or fail with the solution at the back, or in the student edition."""
    cells = _cells(path)
    lesson = [c for c in cells[:_solutions_start(cells)] if c.cell_type == "code"]
    by_key = {c.metadata.get("exercise"): c for c in cells if "solution" in _tags(c)}
    bound_by: dict[str, str] = {}
    for cell in lesson:
        for loads, stores in _statements(cell):
            used = {n: bound_by[n] for n in loads - stores
                    if bound_by.get(n, "").startswith("solution")}
            assert not used, f"{path.name}: a lesson cell reads {used}:\n{cell.source}"
            bound_by.update({n: "lesson" for n in stores})
        for key, _ in CHECK.findall(cell.source):  # its answer name too: the edition has ...
            for _loads, stores in _statements(by_key[key]):
                bound_by.update({n: f"solution {key}" for n in stores})


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_placing_the_solutions_again_changes_nothing_and_undoes_the_authoring_layout(path):
    stored = nbformat.read(path, as_version=4)
    again = copy.deepcopy(stored)
    place_solutions(again, path.name)
    assert again == stored, f"{path.name}: tools/place_solutions.py is not idempotent"
    # the authoring layout: each solution right after its learner's cell, no placed cells
    authored = copy.deepcopy(stored)
    keep = [c for c in authored.cells if not set(_tags(c)) & {"solution-link", "solutions",
                                                               "autograde", "solution"}]
    by_key = {c.metadata["exercise"]: c for c in authored.cells if "solution" in _tags(c)}
    authored.cells = []
    for cell in keep:
        authored.cells.append(cell)
        authored.cells += [by_key[k] for k, _ in CHECK.findall(cell.source)
                           if cell.cell_type == "code"]
    place_solutions(authored, path.name)
    assert [c.source for c in authored.cells] == [c.source for c in stored.cells]


def test_every_exercise_of_the_key_is_in_exactly_one_notebook():
    used = [key for path in NOTEBOOKS for _, key, _ in _exercises(_cells(path))]
    assert sorted(used) == sorted(set(used)), "an exercise is asked twice"
    assert sorted(set(used)) == sorted(load_key()), "the key and the notebooks disagree"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_asks_at_least_one_concept_item(path):
    key = load_key()
    concepts = [k for _, k, _ in _exercises(_cells(path)) if key[k].choices]
    assert concepts, f"{path.name}: no concept item (an exercise with choices)"
