"""tools/place_solutions.py on a notebook written the way an author writes one (a new
notebook 11, say): solutions in place come out at the back, once, whatever the reruns."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from place_solutions import place_solutions


def _authored(with_second_solution: bool = True):
    solution_metadata = {"tags": ["solution"], "jupyter": {"source_hidden": True}}
    cells = [
        new_markdown_cell("# 11 · A new notebook"),
        new_code_cell("from mlelib.exercises import check\nx = 2.0"),
        new_markdown_cell("**Exercise 11.1** (compute) Square x."),
        new_code_cell('squared = ...\ncheck("11-square", squared)'),
        new_code_cell('### BEGIN SOLUTION\nsquared = x**2\n### END SOLUTION\n'
                      'check("11-square", squared)', metadata=dict(solution_metadata)),
        new_markdown_cell("## More lesson\n\n**Exercise 11.2** Halve x."),
        new_code_cell('half = ...\ncheck("11-half", half)'),
        new_markdown_cell("## Summary"),
    ]
    if with_second_solution:
        cells.insert(7, new_code_cell('### BEGIN SOLUTION\nhalf = x / 2\n### END SOLUTION\n'
                                      'check("11-half", half)',
                                      metadata=copy.deepcopy(solution_metadata)))
    return new_notebook(cells=cells)


def _layout(nb):
    return [(c.metadata.get("tags", ["lesson"])[0], c.source.splitlines()[0]) for c in nb.cells]


def test_the_authoring_layout_becomes_the_shipped_one_and_stays_so():
    nb = _authored()
    assert place_solutions(nb, "11.ipynb") == 2
    assert _layout(nb) == [
        ("lesson", "# 11 · A new notebook"), ("lesson", "from mlelib.exercises import check"),
        ("lesson", "**Exercise 11.1** (compute) Square x."),
        ("solution-link", "###### Your answer to exercise 11.1"),
        ("lesson", "squared = ..."),
        ("lesson", "## More lesson"), ("solution-link", "###### Your answer to exercise 11.2"),
        ("lesson", "half = ..."), ("lesson", "## Summary"),
        ("solutions", "## Solutions"),
        ("solutions", "### Solution 11.1"), ("solution", "### BEGIN SOLUTION"),
        ("autograde", "# exercise 11.1 is graded here: answered (this test), right (a hidden one)"),
        ("solutions", "### Solution 11.2"), ("solution", "### BEGIN SOLUTION"),
        ("autograde", "# exercise 11.2 is graded here: answered (this test), right (a hidden one)"),
    ]
    assert "(#Solution-11.1)" in nb.cells[3].source
    assert "(#Your-answer-to-exercise-11.1)" in nb.cells[10].source
    assert "jupyter" not in nb.cells[11].metadata  # shown at the back, not collapsed
    assert 'is_right("11-square", squared)' in nb.cells[12].source
    once = copy.deepcopy(nb)
    place_solutions(nb, "11.ipynb")
    assert nb == once


def test_an_exercise_without_its_solution_stops_with_its_key():
    with pytest.raises(ValueError, match="11-half has no cell tagged 'solution'"):
        place_solutions(_authored(with_second_solution=False), "11.ipynb")


def test_a_solution_without_its_exercise_stops_with_its_key():
    nb = _authored()
    del nb.cells[6]  # the learner's cell of 11.2
    with pytest.raises(ValueError, match="11-half"):
        place_solutions(nb, "11.ipynb")
