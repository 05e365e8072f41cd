"""The student edition (``make student``) runs from top to bottom and gives nothing away.

It is built from the stored notebooks by tools/make_student.py and executed on a fresh
kernel, two notebooks at a time: every cell runs without an error, every check prints
``✗ not yet`` and none prints ``✓``.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))

pytestmark = pytest.mark.student


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> dict[str, nbformat.NotebookNode]:
    """The student edition, built and executed; notebook name -> executed notebook."""
    from nbclient import NotebookClient

    out = tmp_path_factory.mktemp("student")
    subprocess.run([sys.executable, str(REPO / "tools" / "make_student.py"), "--out", str(out)],
                   check=True, capture_output=True)

    def execute(path: Path) -> tuple[str, nbformat.NotebookNode]:
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(out)}}).execute()
        return path.name, nb

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(execute, sorted(out.glob("*.ipynb"))))


def test_every_notebook_is_in_the_edition_in_the_same_order(edition):
    assert list(edition) == [path.name for path in NOTEBOOKS]


@pytest.mark.parametrize("name", [path.name for path in NOTEBOOKS])
def test_the_edition_has_no_solution_and_every_check_says_not_yet(edition, name):
    nb = edition[name]
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
        if 'check("' in cell.source:
            checks += 1
            assert text.startswith("✗ not yet:"), (name, cell.source, text)
    assert checks >= 3, f"{name}: {checks} checks"
