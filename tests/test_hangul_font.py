"""Korean figures have no tofu: every glyph they use is in the font matplotlib picks.

The words Korean figures show are the translations of the notebooks' figure words
(``mlelib/locale/ko/notebooks/*.po``, context ``figure``) and of mlelib's own words
(``mlelib/locale/ko/mlelib.po``: explorer labels and pictures).  The font is NanumGothic,
installed by pip with koreanize-matplotlib; nothing is asked of the system.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import polib
import pytest
from glyph_log import missing_glyphs
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font

from mlelib.plotting import HANGUL_FONT, course_rc, course_style

LOCALE = Path(__file__).resolve().parents[1] / "mlelib" / "locale" / "ko"


def _korean_figure_words() -> list[str]:
    words = []
    for path in sorted((LOCALE / "notebooks").glob("*.po")):
        words += [e.msgstr for e in polib.pofile(str(path)) if e.msgctxt == "figure"]
    package = LOCALE / "mlelib.po"
    if package.exists():
        words += [e.msgstr for e in polib.pofile(str(package))]
    return sorted({w for w in words if w})


#: Hangul's blocks: jamo, compatibility jamo, jamo extended A, syllables, jamo extended B.
HANGUL_BLOCKS = [(0x1100, 0x11FF), (0x3131, 0x318E), (0xA960, 0xA97F), (0xAC00, 0xD7A3),
                 (0xD7B0, 0xD7FF)]


def _hangul(text: str) -> set[str]:
    return {ch for ch in text if any(a <= ord(ch) <= b for a, b in HANGUL_BLOCKS)}


def _missing(text: str, charmap: dict[int, int]) -> set[str]:
    return {ch for ch in _hangul(text) if ord(ch) not in charmap}


@pytest.fixture
def korean(monkeypatch):
    monkeypatch.setenv("MLELIB_LANG", "ko")


def _picked_font() -> str:
    family = course_rc()["font.family"]
    return font_manager.findfont(font_manager.FontProperties(family=family),
                                 fallback_to_default=False)


def test_korean_figures_pick_the_font_pip_installed(korean):
    path = Path(_picked_font())
    assert path.name == f"{HANGUL_FONT}.ttf"
    assert "koreanize_matplotlib" in path.parts, f"{path}: not the font pip installed"


def test_english_figures_keep_dejavu_sans(monkeypatch):
    monkeypatch.setenv("MLELIB_LANG", "en")
    assert Path(_picked_font()).name == "DejaVuSans.ttf"


def test_there_are_korean_figure_words_to_check():
    words = _korean_figure_words()
    assert len(words) >= 50 and sum(bool(_hangul(w)) for w in words) >= 40


def test_every_hangul_glyph_of_every_figure_word_is_in_the_font(korean):
    charmap = FT2Font(_picked_font()).get_charmap()
    missing = {w: sorted(_missing(w, charmap)) for w in _korean_figure_words()}
    missing = {w: m for w, m in missing.items() if m}
    assert not missing, f"glyphs missing from {HANGUL_FONT}: {missing}"


def test_the_glyph_check_finds_a_glyph_the_font_lacks(korean):
    charmap = FT2Font(_picked_font()).get_charmap()
    archaic = "\ud7b0"                  # a jamo of old Korean, which NanumGothic lacks
    assert _missing(f"가능도 {archaic}", charmap) == {archaic}


def _render(words: list[str]) -> list[str]:
    """Draw every string as a figure text in the course's style; return what matplotlib
    said about missing glyphs."""
    with course_style(), missing_glyphs() as found:
        for text in words:
            fig = Figure(figsize=(6, 1))
            FigureCanvasAgg(fig)
            fig.text(0.01, 0.5, text)
            fig.canvas.draw()
    return found


def test_korean_figure_words_render_without_a_missing_glyph(korean):
    found = _render(_korean_figure_words())
    assert not found, found[:10]


def test_the_render_check_sees_tofu(monkeypatch):
    monkeypatch.setenv("MLELIB_LANG", "en")            # DejaVu Sans has no Hangul
    with mpl.rc_context():
        found = _render(["가능도 $L(\\mu)$", "가능도"])
    assert any("does not have a glyph" in line for line in found)       # mathtext's log
    assert any("missing from font" in line for line in found)          # plain text's warning
