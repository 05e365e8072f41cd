"""The exercises in the stored notebooks follow the course's pattern (docs/writing-an-exercise.md).

Per exercise: a markdown prompt; a learner's cell with a scaffold (``name = ...``) and
``check("NN-name", name)``, stored with one line starting ``✗ not yet:``; right below, a
collapsed solution cell tagged ``solution`` whose code sits between nbgrader's markers and
which ends with the same check, stored with one line starting ``✓``.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from mlelib.exercises import load_key

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
CHECK = re.compile(r'^check\("(\d\d-[a-z0-9-]+)", (\w+)\)$', re.MULTILINE)
SCAFFOLD = re.compile(r"^(\w+) = \.\.\.", re.MULTILINE)


def _exercises(path: Path):
    """(cell index, key, learner's cell, solution cell or None) for every exercise."""
    cells = nbformat.read(path, as_version=4).cells
    found = []
    for i, cell in enumerate(cells):
        if cell.cell_type != "code" or "solution" in cell.metadata.get("tags", []):
            continue
        for key, _name in CHECK.findall(cell.source):
            after = cells[i + 1] if i + 1 < len(cells) else None
            found.append((i, key, cell, after, cells[i - 1], len(cells)))
    return found


def _text(cell) -> str:
    return "".join(out.get("text", "") for out in cell.outputs if out.output_type == "stream")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_has_three_exercises_placed_along_the_way(path):
    found = _exercises(path)
    assert len(found) >= 3, f"{path.name}: {len(found)} exercises, the course asks for 3 or more"
    first, total = found[0][0], found[0][5]
    assert first < total / 2, f"{path.name}: the first exercise comes only at cell {first}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_exercise_follows_the_pattern(path):
    number = path.name[:2]
    for i, key, learner, solution, prompt, _ in _exercises(path):
        where = f"{path.name} cell {i} ({key})"
        assert key.startswith(number + "-"), f"{where}: a key of another notebook"
        assert prompt.cell_type == "markdown", f"{where}: no prompt above the learner's cell"
        names = SCAFFOLD.findall(learner.source)
        assert names, f"{where}: no scaffold 'answer = ...'"
        assert _text(learner).startswith("✗ not yet:") and _text(learner).count("\n") == 1, where
        assert solution is not None and "solution" in solution.metadata.get("tags", []), \
            f"{where}: the next cell must be its solution, tagged 'solution'"
        assert solution.metadata.get("jupyter", {}).get("source_hidden") is True, \
            f"{where}: the solution's source must be collapsed (jupyter.source_hidden)"
        lines = [line.strip() for line in solution.source.splitlines()]
        assert "### BEGIN SOLUTION" in lines and "### END SOLUTION" in lines, where
        assert lines.index("### BEGIN SOLUTION") < lines.index("### END SOLUTION"), where
        assert CHECK.findall(solution.source) == CHECK.findall(learner.source), where
        assert solution.source.rstrip().endswith(lines[-1]) and lines[-1].startswith("check("), \
            f"{where}: the solution must end by running the same check"
        assert _text(solution).startswith("✓") and _text(solution).count("\n") == 1, where


def test_every_exercise_of_the_key_is_in_exactly_one_notebook():
    used = [key for path in NOTEBOOKS for _, key, *_ in _exercises(path)]
    assert sorted(used) == sorted(set(used)), "an exercise is asked twice"
    assert sorted(set(used)) == sorted(load_key()), "the key and the notebooks disagree"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_asks_at_least_one_concept_item(path):
    key = load_key()
    concepts = [k for _, k, *_ in _exercises(path) if key[k].choices]
    assert concepts, f"{path.name}: no concept item (an exercise with choices)"
