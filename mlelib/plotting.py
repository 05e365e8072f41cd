"""One look for every figure of the course: a colour-blind-safe palette and readable fonts.

The palette is Okabe & Ito's (2008) set of eight colours, distinguishable under the
common forms of colour blindness.  Figures never rely on colour alone: each series also
gets its own marker or line style (see :data:`STYLES`).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import matplotlib as mpl
from cycler import cycler
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from mlelib.i18n import course_language, install_figure_hook

__all__ = [
    "COLORS",
    "HANGUL_FONT",
    "OKABE_ITO",
    "STYLES",
    "course_rc",
    "course_style",
    "latin_ticks",
    "new_figure",
    "use_course_style",
]

#: Okabe–Ito colours by name.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Roles used consistently across the notebooks.
COLORS = {
    "data": OKABE_ITO["black"],
    "model": OKABE_ITO["blue"],
    "mle": OKABE_ITO["vermillion"],
    "map": OKABE_ITO["bluish_green"],
    "posterior_mean": OKABE_ITO["reddish_purple"],
    "prior": OKABE_ITO["orange"],
    "likelihood": OKABE_ITO["sky_blue"],
    "posterior": OKABE_ITO["blue"],
    "marker": OKABE_ITO["vermillion"],
    "outlier": OKABE_ITO["vermillion"],
}

#: Line style and marker per role, so that no series is told apart by colour alone.
STYLES = {
    "mle": {"linestyle": "-", "marker": "o"},
    "map": {"linestyle": "--", "marker": "s"},
    "posterior_mean": {"linestyle": ":", "marker": "D"},
    "prior": {"linestyle": "--"},
    "likelihood": {"linestyle": "-."},
    "posterior": {"linestyle": "-"},
}

_CYCLE_ORDER = ["blue", "vermillion", "bluish_green", "orange", "reddish_purple", "sky_blue",
                "black", "yellow"]


#: The font with Hangul that Korean figures use: NanumGothic (SIL Open Font Licence), as
#: the PyPI package koreanize-matplotlib ships it, so that it installs with the rest.
HANGUL_FONT = "NanumGothic"


def _register_hangul_font() -> None:
    """Make NanumGothic known to matplotlib (its files, not koreanize_matplotlib's code,
    which would switch every figure's font on import)."""
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return
    folder = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for path in sorted(folder.glob(f"{HANGUL_FONT}*.ttf")):
        if str(path) not in known:
            font_manager.fontManager.addfont(str(path))


_register_hangul_font()


def _font_family() -> list[str]:
    """DejaVu Sans in English; in Korean NanumGothic first, because the words around a
    formula in a label (``"가능도 $L(\\mu)$"``) are set in the first font of the list, and
    DejaVu Sans for the glyphs NanumGothic lacks (the minus sign of tick labels)."""
    if course_language() == "ko":
        return [HANGUL_FONT, "DejaVu Sans"]
    return ["DejaVu Sans"]


def course_rc() -> dict:
    """The matplotlib rcParams of the course (palette, fonts, grid, PNG output).

    The font follows the course's language (:func:`mlelib.i18n.course_language`); tick
    labels keep DejaVu Sans in Korean too (:func:`latin_ticks`).
    """
    return {
        "font.family": _font_family(),
        "axes.prop_cycle": cycler(color=[OKABE_ITO[c] for c in _CYCLE_ORDER])
        + cycler(linestyle=["-", "--", "-.", ":", "-", "--", "-.", ":"]),
        "font.size": 11,
        "axes.titlesize": 12,
        "axes.labelsize": 11,
        "legend.fontsize": 10,
        "xtick.labelsize": 10,
        "ytick.labelsize": 10,
        "axes.grid": True,
        # grid, ticks and spines under the data: and so under every moving artist, which
        # keeps them out of what an explorer must redraw per frame
        "axes.axisbelow": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "image.cmap": "viridis",
        "lines.linewidth": 2.0,
        "lines.markersize": 7,
    }


def latin_ticks(fig: Figure) -> None:
    """In Korean, set ``fig``'s tick labels and axis offsets in DejaVu Sans first, in place
    (NanumGothic after it, for the Hangul of a word tick).

    They are numbers, and a log axis or an offset (``×10⁻²``) writes them as formulas
    (``$\\mathdefault{10^{-2}}$``) in the first font of the family, whose minus sign
    NanumGothic lacks.  Figures shown by IPython get it from :func:`use_course_style`'s
    hook, explorers from :func:`new_figure`.  No-op in English.
    """
    if course_language() == "en":
        return
    latin_first = ["DejaVu Sans", HANGUL_FONT]
    for ax in fig.axes:
        ax.tick_params(labelfontfamily=latin_first)
        for axis in (ax.xaxis, ax.yaxis):
            axis.get_offset_text().set_fontfamily(latin_first)


def _typeset_for_language(fig: Figure) -> None:
    """Before IPython shows ``fig`` in Korean: numbers in DejaVu Sans (:func:`latin_ticks`),
    and a figure the code left to matplotlib's default margins laid out again, by the
    constrained layout, around its translated words (NanumGothic's are taller and often
    longer than the English that the margins were fine for).  Not a figure with a
    colorbar: its colorbar took its room from the default layout, which the constrained
    layout cannot take over."""
    if course_language() == "en":
        return
    latin_ticks(fig)
    mappables = [m for ax in fig.axes for m in (*ax.collections, *ax.images)]
    has_colorbar = any(getattr(m, "colorbar", None) is not None for m in mappables)
    if fig.get_layout_engine() is None and not has_colorbar:
        fig.set_layout_engine("constrained")


def course_style():
    """Context manager applying :func:`course_rc` only inside a ``with`` block."""
    return mpl.rc_context(course_rc())


def use_course_style() -> None:
    """Apply :func:`course_rc` globally (call once at the top of a notebook).

    In a notebook it also puts the words of every figure it shows in the course's
    language (:func:`mlelib.i18n.install_figure_hook`).
    """
    mpl.rcParams.update(course_rc())
    install_figure_hook(prepare=_typeset_for_language)


def new_figure(nrows: int = 1, ncols: int = 1, *, figsize: tuple[float, float] = (9.0, 3.6),
               dpi: int = 100, **subplot_kw):
    """A figure of the course's style that pyplot does not manage, with its axes.

    Call it inside :func:`course_style` (or after :func:`use_course_style`) so that the
    axes and the artists drawn on them take the course's look.  Explorer figures live
    outside pyplot so that the inline backend never displays or
    leaks them; they are drawn by an Agg canvas and shown through a widget.

    Returns
    -------
    (matplotlib.figure.Figure, axes)
        ``axes`` as :meth:`Figure.subplots` returns it.
    """
    fig = Figure(figsize=figsize, dpi=dpi, layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(nrows, ncols, **subplot_kw)
    latin_ticks(fig)
    return fig, axes

