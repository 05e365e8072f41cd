"""Words a notebook's code gives an explorer (a slider's label, a title).

The code cells of both editions are the same, so these words arrive in English.  They are
shown through the figure entries of the notebook's catalog (:func:`mlelib.i18n.translate_words`),
and the explorer lists them in its output's metadata, where the English run records them
for that catalog as it records the words of a static figure.
"""

from __future__ import annotations

from ..engine import Explorer
from ..i18n import FIGURE_TEXT, translate_words

__all__ = ["given_words", "shown"]


def shown(text: str | None) -> str | None:
    """``text``, given by a notebook, in the course's language (None stays None)."""
    return None if text is None else translate_words(text)


def given_words(explorer: Explorer, *texts: str | None) -> Explorer:
    """Record on ``explorer`` the English words its notebook gave it; return it."""
    words = [text for text in texts if text]
    if words:
        explorer.png_metadata[FIGURE_TEXT] = words
    return explorer
