"""The student edition (``make student``) runs from top to bottom and gives nothing away,
in English (``build/student/``) and in Korean (``build/student/ko/``).

It is built from the stored notebooks by tools/make_student.py and executed on a fresh
kernel, two notebooks at a time: every cell runs without an error, every check prints
its "not yet" line (``✗ not yet: replace the ... with your answer.`` in English) and
none prints ``✓``.  The Korean edition's kernels must run in Korean (the language file
went with the notebooks), and its checks print what the checker says in Korean.
"""

from __future__ import annotations

import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from mlelib.exercises import exercise, feedback

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
# edition -> its folder in the student edition (English at the top)
EDITIONS = {"en": "", "ko": "ko"}
CASES = [(language, path.name) for language in EDITIONS for path in NOTEBOOKS]
CHECK = re.compile(r'^check\("([^"]+)"', re.MULTILINE)
PROBE = "from mlelib.i18n import course_language as _language\nprint(_language())"

pytestmark = pytest.mark.student


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> dict[tuple[str, str], tuple[nbformat.NotebookNode, str]]:
    """Both student editions, built and executed: (language, notebook name) -> (executed
    notebook, the language its kernel ran in)."""
    from nbclient import NotebookClient

    out = tmp_path_factory.mktemp("student")
    subprocess.run([sys.executable, str(REPO / "tools" / "make_student.py"), "--out", str(out)],
                   check=True, capture_output=True)

    def execute(case: tuple[str, Path]):
        language, path = case
        nb = nbformat.read(path, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell(PROBE))
        NotebookClient(nb, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        spoken = "".join(o.get("text", "") for o in nb.cells.pop().outputs).strip()
        return (language, path.name), (nb, spoken)

    cases = [(language, path) for language, folder in EDITIONS.items()
             for path in sorted((out / folder).glob("*.ipynb"))]
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(execute, cases))


@pytest.mark.parametrize("language", EDITIONS)
def test_every_notebook_is_in_the_edition_in_the_same_order(edition, language):
    assert [name for lang, name in edition if lang == language] == [p.name for p in NOTEBOOKS]


def _not_yet(key: str, language: str, monkeypatch) -> str:
    """What the checker says to the scaffold's ``...`` in ``language``."""
    monkeypatch.setenv("MLELIB_LANG", language)
    return feedback(exercise(key), ...)


@pytest.mark.parametrize(("language", "name"), CASES)
def test_the_edition_has_no_solution_and_every_check_says_not_yet(edition, language, name,
                                                                   monkeypatch):
    nb, spoken = edition[(language, name)]
    assert spoken == language, f"{language}/{name}: the kernel ran in {spoken!r}"
    checks = 0
    for cell in nb.cells:
        assert not {"solution", "solution-link", "solutions", "autograde"} & set(
            cell.metadata.get("tags", [])), name
        assert "### BEGIN SOLUTION" not in cell.source and "is_right" not in cell.source, name
        assert "Solution" not in cell.source.split("\n", 1)[0], (name, cell.source)
        if cell.cell_type != "code":
            continue
        text = "".join(out.get("text", "") for out in cell.outputs if out.output_type == "stream")
        assert not any(line.startswith("✓") for line in text.splitlines()), (name, cell.source)
        for key in CHECK.findall(cell.source):
            checks += 1
            assert text.strip() == _not_yet(key, language, monkeypatch), (name, cell.source)
            if language == "en":
                assert text.startswith("✗ not yet:"), (name, cell.source, text)
            else:
                assert text.startswith("✗ 아직 아닙니다:"), f"{name}: not Korean: {text!r}"
    assert checks >= 3, f"{language}/{name}: {checks} checks"
