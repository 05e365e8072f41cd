"""The language a learner reads: English, or Korean in the Korean edition.

Both editions run the same code cells, byte for byte, so the language cannot be an
argument.  It is read from, in this order:

1. the environment variable ``MLELIB_LANG`` (``en`` or ``ko``);
2. a file ``.mlelib-language`` in the kernel's working directory, which is the
   notebook's folder in JupyterLab, nbclient and nbval (``notebooks/ko/`` has one);
3. otherwise English.

Translations are gettext PO catalogs in ``mlelib/locale/<language>/``, read with polib:
``mlelib.po`` for the package's own words (the checker's hints, slider labels, readout
words, explorer pictures), and one catalog per notebook whose ``figure`` entries give the
words of the notebook's static figures.  A string with no translation (or a ``fuzzy`` one)
is shown in English; ``tools/translations.py check`` and the tests make sure none is left.

Static figures are translated where IPython turns them into PNG (:func:`install_figure_hook`):
the words of every figure are looked up, replaced in place, and recorded in the output's
metadata (``mlelib/figure-text``), which is how the English run tells the catalogs which
words its figures show.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
from collections.abc import Callable
from pathlib import Path

import matplotlib as mpl
import polib
from matplotlib.figure import Figure
from matplotlib.text import Text

__all__ = ["FIGURE_TEXT", "LANGUAGES", "course_language", "gettext", "gettext_noop",
           "install_figure_hook", "translate_figure", "translate_words", "translated"]

#: The languages the course is written in.
LANGUAGES = ("en", "ko")
ENVIRONMENT = "MLELIB_LANG"
MARKER = ".mlelib-language"
FIGURE_TEXT = "mlelib/figure-text"
LOCALE = Path(__file__).resolve().parent / "locale"
INLINE = ("inline", "module://matplotlib_inline.backend_inline")


def _checked(value: str, source: str) -> str:
    language = value.strip().lower()
    if language not in LANGUAGES:
        raise ValueError(f"{source} must be one of {', '.join(LANGUAGES)}; got {value!r}")
    return language


@functools.lru_cache(maxsize=8)
def _language_of(environment: str | None, folder: str) -> str:
    if environment:
        return _checked(environment, f"the environment variable {ENVIRONMENT}")
    marker = Path(folder) / MARKER
    if marker.is_file():
        return _checked(marker.read_text(encoding="utf-8"), f"the file {marker}")
    return "en"


def course_language() -> str:
    """``"en"`` or ``"ko"``: the language of the edition this kernel runs."""
    return _language_of(os.environ.get(ENVIRONMENT), os.getcwd())


def _entries(path: Path):
    if not path.is_file():
        return
    for entry in polib.pofile(str(path)):
        if entry.msgstr and not entry.fuzzy and not entry.obsolete:
            yield entry


@functools.cache
def _messages(language: str) -> dict[tuple[str | None, str], str]:
    return {(e.msgctxt, e.msgid): e.msgstr for e in _entries(LOCALE / language / "mlelib.po")}


@functools.cache
def _figure_words(language: str) -> dict[str, str]:
    words: dict[str, str] = {}
    for path in sorted((LOCALE / language / "notebooks").glob("*.po")):
        words.update((e.msgid, e.msgstr) for e in _entries(path) if e.msgctxt == "figure")
    return words


def gettext(message: str, context: str | None = None) -> str:
    """``message`` in the course's language (English when it has no translation).

    ``context`` tells two uses of the same English apart (gettext's ``msgctxt``), as the
    answer key does with an exercise's key.
    """
    language = course_language()
    if language == "en":
        return message
    return _messages(language).get((context, message), message)


def translated(text: str, context: str | None = None) -> str:
    """``text`` in the course's language, for a text whose English is extracted elsewhere:
    the answer key's texts (``answer_key.toml``), constants marked with :func:`gettext_noop`.

    The lookup of :func:`gettext`; a separate name because the catalog tools extract the
    string literal of every ``gettext("...")`` call and reject any other argument
    (``tools/package_messages.py``).
    """
    return gettext(text, context)


def translate_words(text: str) -> str:
    """Words a notebook's code gives a figure (an explorer's slider label or title), in the
    course's language: looked up, as :func:`translate_figure` does, among the figure
    entries of the notebook catalogs (the English run records them, see
    :data:`FIGURE_TEXT`)."""
    language = course_language()
    if language == "en":
        return text
    return _figure_words(language).get(text, text)


def gettext_noop(message: str) -> str:
    """``message`` unchanged: marks a constant for the catalog (``N_`` by custom), whose
    translation is looked up where it is shown (:func:`translated`, or an explorer's
    quantity names, which the engine passes through ``gettext``)."""
    return message


def _words(text: str) -> bool:
    """True for a text with a word outside maths: a label, not a tick's number or
    ``a = 1, b = 1``."""
    plain = "".join(part for i, part in enumerate(text.split("$")) if i % 2 == 0)
    return re.search(r"[^\W\d_]{2,}", plain) is not None


def translate_figure(fig: Figure) -> list[str]:
    """Put ``fig``'s words (titles, labels, legends, notes) in the course's language.

    Returns the words the figure showed before, in drawing order, without repeats: in the
    English edition, the strings its catalog must translate.
    """
    language = course_language()
    table = _figure_words(language) if language != "en" else {}
    shown: list[str] = []
    for artist in fig.findobj(Text):
        text = artist.get_text()
        if not _words(text):
            continue
        if text not in shown:
            shown.append(text)
        if text in table:
            artist.set_text(table[text])
    return shown


def _figure_png(printer: Callable, prepare: Callable[[Figure], None] | None) -> Callable:
    def png(fig: Figure):
        if prepare is not None:
            prepare(fig)
        shown = translate_figure(fig)
        data = printer(fig)
        if data is None:
            return None
        data, metadata = data if isinstance(data, tuple) else (data, {})
        return data, {**(metadata or {}), FIGURE_TEXT: shown}

    png.mlelib_figure_hook = True
    return png


def install_figure_hook(prepare: Callable[[Figure], None] | None = None) -> bool:
    """Translate (and record the words of) every figure IPython shows as a PNG.

    Wraps the PNG formatter that matplotlib's inline backend registered for figures;
    ``prepare(fig)``, if given, runs first (the course's typesetting of the language).
    Returns False outside IPython or before the inline backend is active; calling it
    again is harmless (the first ``prepare`` stays).
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None:
        return False
    formatter = shell.display_formatter.formatters["image/png"]
    if Figure not in formatter and mpl.get_backend(auto_select=False) in INLINE:
        # pyplot picks its backend at the first figure: importing the inline backend now
        # registers its figure formatters, so the first figure is translated too
        importlib.import_module("matplotlib_inline.backend_inline")
    if Figure not in formatter:
        return False
    printer = formatter.lookup_by_type(Figure)
    if not getattr(printer, "mlelib_figure_hook", False):
        formatter.for_type(Figure, _figure_png(printer, prepare))
    return True
