"""The Korean edition is the English notebooks plus their catalogs, never out of date.

* every paragraph and figure word of every English notebook has a Korean translation
  that is not stale (``fuzzy``), and uses the glossary's terms;
* notebooks/ko/ holds exactly the notebooks of notebooks/, with the same cells, the code
  cells byte for byte, and markdown that is what the catalog makes of the English today
  (so an edited catalog or English notebook without ``make notebooks`` fails);
* the links of the Korean notebooks land on their Korean headings;
* the tools behind it: an edited English paragraph is reported as stale by notebook,
  cell and English text; maths and code blocks stay whole; an off-glossary term is named.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import polib
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))
from translations import (
    apply,
    blocks,
    catalog_path,
    glossary,
    load,
    merge,
    problems,
    term_problems,
    units,
)

ENGLISH = sorted((REPO / "notebooks").glob("*.ipynb"))
KOREAN = REPO / "notebooks" / "ko"
LINK = re.compile(r"\]\(#([^)\s]+)\)")
HEADING = re.compile(r"^#+ (.+)$", re.MULTILINE)
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.stem[:2])
def test_every_string_has_a_current_translation(path):
    wanted = units(_read(path), path.name)
    po = load(catalog_path(path, "ko"), "ko")
    found = problems(po, wanted) + term_problems(po, glossary("ko"))
    assert not found, (f"{len(found)} string(s) of {path.name} need work in "
                       f"{catalog_path(path, 'ko').relative_to(REPO)} (then make notebooks):\n"
                       + "\n".join(found[:25]))


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.stem[:2])
def test_korean_notebook_is_the_english_one_translated(path):
    korean_path = KOREAN / path.name
    assert korean_path.exists(), f"{korean_path.relative_to(REPO)} is missing: make notebooks"
    english, korean = _read(path), _read(korean_path)
    assert [c.id for c in korean.cells] == [c.id for c in english.cells], \
        f"{korean_path.name}: its cells are not the English cells (make notebooks)"
    expected = apply(english, load(catalog_path(path, "ko"), "ko"))
    for mine, want, source in zip(korean.cells, expected.cells, english.cells):
        assert mine.cell_type == source.cell_type
        if source.cell_type == "code":
            assert mine.source == source.source, \
                f"{korean_path.name}, cell {source.id}: code differs from the English"
        else:
            assert mine.source == want.source, \
                (f"{korean_path.name}, cell {source.id}: markdown is not what the catalog "
                 f"makes of the English today (make notebooks)")
    assert sum(bool(HANGUL.search(c.source)) for c in korean.cells
               if c.cell_type == "markdown") >= 0.9 * sum(c.cell_type == "markdown"
                                                         for c in korean.cells)


def test_korean_edition_has_every_notebook_and_nothing_else():
    assert sorted(p.name for p in KOREAN.glob("*.ipynb")) == [p.name for p in ENGLISH]
    assert (KOREAN / ".mlelib-language").read_text(encoding="utf-8").strip() == "ko"


@pytest.mark.parametrize("path", sorted(KOREAN.glob("*.ipynb")), ids=lambda p: p.stem[:2])
def test_korean_links_land_on_korean_headings(path):
    nb = _read(path)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    anchors = {h.strip().replace(" ", "-") for h in HEADING.findall(markdown)}
    broken = sorted(set(LINK.findall(markdown)) - anchors)
    assert not broken, f"{path.name}: links to headings that are not there: {broken}"


# -- the tools, on a notebook made up here ------------------------------------------------

def _notebook(paragraph: str):
    nb = new_notebook(cells=[
        new_markdown_cell(f"## Likelihood\n\n{paragraph}\n\n$$\nL = 1\n\n+ 2\n$$\n\n"
                          "[Solution 1.1](#Solution-1.1)"),
        new_code_cell("x = 1"),
        new_markdown_cell("### Solution 1.1"),
    ])
    for index, cell in enumerate(nb.cells):
        cell.id = f"c{index}"
    return nb


def _translated(nb) -> polib.POFile:
    po = merge(polib.POFile(), units(nb, "t.ipynb"))
    korean = {"## Likelihood": "## 가능도", "### Solution 1.1": "### 풀이 1.1",
              "[Solution 1.1](#Solution-1.1)": "[풀이 1.1](#Solution-1.1)"}
    for entry in po:
        entry.msgstr = korean.get(entry.msgid, "가능도를 계산합니다.")
    return po


def test_blocks_keep_display_maths_whole():
    assert blocks("a\n\n$$\nx\n\ny\n$$\n\nb") == ["a", "$$\nx\n\ny\n$$", "b"]
    assert blocks("```\nx\n\ny\n```\nz") == ["```\nx\n\ny\n```\nz"]


def test_an_edited_paragraph_is_named_as_stale_and_keeps_its_old_translation():
    before = _notebook("The likelihood of the data.")
    po = _translated(before)
    assert problems(po, units(before, "t.ipynb")) == []
    after = _notebook("The likelihood of the five points.")
    merged = merge(po, units(after, "t.ipynb"))
    found = problems(merged, units(after, "t.ipynb"))
    assert found == [("t.ipynb, cell c0: stale (fuzzy) translation of "
                      "'The likelihood of the five points.'")]
    stale = next(e for e in merged if e.fuzzy)
    assert stale.previous_msgid == "The likelihood of the data."
    assert stale.msgstr == "가능도를 계산합니다."


def test_a_new_paragraph_is_named_as_missing():
    nb = _notebook("The likelihood of the data.")
    po = _translated(nb)
    nb.cells.append(new_markdown_cell("A new remark."))
    nb.cells[-1].id = "c9"
    assert problems(merge(po, units(nb, "t.ipynb")), units(nb, "t.ipynb")) == [
        "t.ipynb, cell c9: missing translation of 'A new remark.'"]


def test_apply_translates_markdown_only_and_points_links_at_translated_headings():
    nb = _notebook("The likelihood of the data.")
    korean = apply(nb, _translated(nb))
    assert korean.cells[1].source == "x = 1"
    assert "[풀이 1.1](#풀이-1.1)" in korean.cells[0].source
    assert "$$\nL = 1\n\n+ 2\n$$" in korean.cells[0].source
    assert korean.cells[2].source == "### 풀이 1.1"


def test_an_off_glossary_term_is_named():
    po = polib.POFile()
    po.append(polib.POEntry(msgctxt="c0", msgid="The likelihood of $x$.", msgstr="우도입니다.",
                            occurrences=[("t.ipynb", "c0")]))
    po.append(polib.POEntry(msgctxt="c1", msgid="The log-likelihood.", msgstr="로그 가능도.",
                            occurrences=[("t.ipynb", "c1")]))
    found = term_problems(po, glossary("ko"))
    assert len(found) == 1 and "'likelihood' should read '가능도'" in found[0]
