"""nbgrader, for real: the shipped configuration (course/nbgrader_config.py) on the notebooks.

The release must hold the same lesson cells as ``make student`` and run from top to
bottom; autograding must give full marks to a submission with every exercise right, half
to one with half of them right, and zero to a blank one; ``nbgrader validate`` must say
that a blank one fails.  The round trip uses three short notebooks (ten exercises) to
stay near a minute; the release is compared for all the notebooks.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from mlelib.exercises import load_key

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
ROUND_TRIP = ["02_likelihood_of_a_line", "03_closed_form_mle",
              "08_kl_divergence_and_cross_entropy"]
CHECK = re.compile(r'^check\("(\d\d-[a-z0-9-]+)", (\w+)\)', re.MULTILINE)

pytestmark = pytest.mark.teacher


def nbgrader(course: Path, *args: str) -> str:
    """Run the nbgrader command line in ``course``; its output (it logs to stderr)."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], check=False,
                          cwd=course, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def make_course(root: Path, names: list[str]) -> Path:
    """A course directory as the README lays it out, with the notebooks ``names``."""
    (root / "notebooks").mkdir(parents=True)
    for name in names:
        shutil.copy(REPO / "notebooks" / f"{name}.ipynb", root / "notebooks")
    (root / "course").mkdir()
    shutil.copy(REPO / "course" / "nbgrader_config.py", root / "course")
    return root / "course"


def fill(nb: nbformat.NotebookNode, right: int) -> int:
    """Answer the first ``right`` exercises of ``nb`` with the key's answer; how many left."""
    key = load_key()
    for cell in nb.cells:
        found = CHECK.findall(cell.source) if cell.cell_type == "code" else []
        for exercise_key, name in found:
            if right > 0:
                answer = key[exercise_key].answer
                cell.source = re.sub(rf"^{name} = \.\.\..*$", f"{name} = {answer!r}",
                                     cell.source, flags=re.MULTILINE)
            right -= 1
    return right


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The round trip: release, three submissions, autograde; student -> (score, max)."""
    from nbgrader.api import Gradebook

    course = make_course(tmp_path_factory.mktemp("round_trip"), ROUND_TRIP)
    nbgrader(course, "generate_assignment", "notebooks")
    release = course / "release" / "notebooks"
    total = sum(len(CHECK.findall(c.source)) for name in ROUND_TRIP
                for c in nbformat.read(release / f"{name}.ipynb", as_version=4).cells)
    budget = {"all_right": total, "half_right": total // 2, "blank": 0}
    for student, right in budget.items():
        folder = course / "submitted" / student / "notebooks"
        folder.mkdir(parents=True)
        for name in ROUND_TRIP:
            nb = nbformat.read(release / f"{name}.ipynb", as_version=4)
            right = fill(nb, right)
            nbformat.write(nb, folder / f"{name}.ipynb")
    nbgrader(course, "autograde", "notebooks")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as book:
        scores = {student: (book.find_submission("notebooks", student).score,
                            book.find_submission("notebooks", student).max_score)
                  for student in budget}
    print(f"\nnbgrader autograde scores: {scores}")
    return course, scores, total


def test_every_exercise_right_gets_full_marks(graded):
    _, scores, total = graded
    assert total >= 9 and scores["all_right"] == (total, total)  # ten exercises today


def test_half_right_gets_half_and_blank_gets_zero(graded):
    _, scores, total = graded
    assert scores["half_right"] == (total // 2, total)
    assert scores["blank"] == (0, total)


def test_the_release_runs_to_the_end_only_the_hidden_tests_fail(graded):
    course, _, _ = graded
    for path in sorted((course / "autograded" / "blank" / "notebooks").glob("*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        failed = [c for c in cells if c.cell_type == "code"
                  and any(o.output_type == "error" for o in c.outputs)]
        assert failed and all(c.metadata["nbgrader"].get("grade") for c in failed), path.name
        assert sum(c.execution_count is not None for c in cells if c.cell_type == "code") == \
            sum(c.cell_type == "code" for c in cells), f"{path.name}: Run All stopped"


def test_validate_reports_the_failures_of_a_blank_submission(graded):
    course, _, _ = graded
    blank = course / "submitted" / "blank" / "notebooks" / f"{ROUND_TRIP[0]}.ipynb"
    asked = sum(len(CHECK.findall(c.source)) for c in nbformat.read(blank, as_version=4).cells)
    said = nbgrader(course, "validate", str(blank))
    assert f"VALIDATION FAILED ON {asked} CELL(S)" in said, said
    assert ": replace the ... with your answer" in said


def test_the_release_has_the_lesson_cells_of_the_student_edition(tmp_path):
    course = make_course(tmp_path, [p.stem for p in NOTEBOOKS])
    nbgrader(course, "generate_assignment", "notebooks")
    student = tmp_path / "student"
    subprocess.run([sys.executable, str(REPO / "tools" / "make_student.py"), "--out",
                    str(student)], check=True, capture_output=True)
    for path in NOTEBOOKS:
        release = nbformat.read(course / "release" / "notebooks" / path.name, as_version=4)
        edition = nbformat.read(student / path.name, as_version=4)
        graded_cells = [c for c in release.cells if c.metadata.get("nbgrader", {}).get("grade")]
        lesson = [c.source for c in release.cells if c not in graded_cells]
        assert lesson == [c.source for c in edition.cells], path.name
        assert all("BEGIN" not in c.source and "is_right" not in c.source
                   for c in release.cells), f"{path.name}: a solution or test is visible"
        assert len(graded_cells) == len(CHECK.findall("\n".join(lesson))), path.name
