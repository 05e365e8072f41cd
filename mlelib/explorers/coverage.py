r"""The explorer of notebook 11: how often four 95 % intervals for a coin's ``p`` hold it.

For ``n`` tosses of a coin with true ``p``, every rule of :mod:`mlelib.intervals` gives
an interval from the number of heads ``k``.  Its *coverage*, the probability that the
interval holds ``p``, is summed exactly over ``k``; 100 drawn data sets show the same
thing one interval at a time.  How to write an explorer: ``docs/writing-an-explorer.md``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import numpy as np

from ..engine import Explorer, Layer, Picture, float_slider, int_slider, step_button
from ..figures.intervals import RULE_STYLES, coverage_lines, rule_label
from ..i18n import gettext as _
from ..intervals import INTERVAL_RULES, exact_coverage
from ..plotting import COLORS, course_style, new_figure

__all__ = ["coverage_explorer"]

#: How many data sets the explorer draws for each seed.
SAMPLES = 100
#: An interval narrower than this is drawn this wide (see _as_segments).
_DASH = 0.02
#: How the panel writes each rule's numbers.
_FORMATS = {f"{name}: {part}": spec for name in INTERVAL_RULES
            for part, spec in (("exact coverage", ".4f"), (f"share of the {SAMPLES} drawn", ".2f"))}


class RuleAt(NamedTuple):
    """One rule at the sliders' values: exact coverage, and the drawn data sets' intervals."""

    coverage: float
    share: float            # of the drawn data sets whose interval holds p
    lower: np.ndarray       # one end per drawn data set
    upper: np.ndarray
    covered: np.ndarray     # bool: the interval holds p


def coverage_explorer(*, n: int = 10, p: float = 0.9, level: float = 0.95, seed: int = 0,
                      n_max: int = 200, grid_size: int = 491) -> Explorer:
    r"""Sliders for the tosses ``n``, the true ``p``, the ``level`` and the data set seed.

    Seed ``s`` draws :data:`SAMPLES` rows of ``n_max`` uniforms ``u`` from
    ``numpy.random.default_rng(s)``; data set ``i`` has :math:`k_i = \#\{j < n : u_{ij} < p\}`
    heads, so moving ``p`` or ``n`` changes the same data sets a little at a time.  The
    button "new data set" moves the seed slider one step.  Left, one panel per rule: the
    100 intervals, those that miss ``p`` in black.  Right: each rule's exact coverage over
    the true ``p`` (a layer: the curves follow ``n`` and ``level``), a line at the level and
    a marker per rule at the slider's ``p``.  Readout: each rule's exact coverage (.4f) and
    the share of the drawn data sets its interval covers (.2f).
    """
    p_grid = np.linspace(0.0005, 0.9995, grid_size)
    with course_style():
        fig, axes = new_figure(1, 5, figsize=(13.5, 4.8), width_ratios=(1, 1, 1, 1, 3.6))
        hits, misses, truths = _samples_panels(axes[:4])
        curves, level_line = coverage_lines(axes[4], p_grid, {name: 0 * p_grid
                                                              for name in INTERVAL_RULES},
                                            level=level)
        axes[4].legend(loc="lower center", fontsize=8, ncol=2)
        axes[4].set_title(_("exact coverage over the true p"))
        truths.append(axes[4].axvline(p, color=COLORS["data"], linewidth=1.0, zorder=2.6))
        dots = {name: axes[4].plot([p], [level], color=style["color"], marker=style["marker"],
                                   markeredgecolor="black", linestyle="none", zorder=3)[0]
                for name, style in RULE_STYLES.items()}

    def reshape(n, level):  # the layer: the coverage curves follow n and the level
        for name, table in _tables(n, level).items():
            curves[name].set_ydata(exact_coverage(_fixed(table), n, p_grid, level))
        level_line.set_ydata([level, level])

    def move(n, p, level, seed):
        for name, at in _coverage_at(n, p, level, seed, n_max).items():
            for line, chosen in ((hits[name], at.covered), (misses[name], ~at.covered)):
                line.set_data(*_as_segments(at.lower[chosen], at.upper[chosen],
                                            np.flatnonzero(chosen) + 1))
            dots[name].set_data([p], [at.coverage])
        for line in truths:
            line.set_xdata([p, p])

    def readout(n, p, level, seed):
        lines = {}
        for name, at in _coverage_at(n, p, level, seed, n_max).items():
            lines[f"{name}: exact coverage"] = float(at.coverage)
            lines[f"{name}: share of the {SAMPLES} drawn"] = float(at.share)
        return lines

    sliders = {"n": int_slider(_("tosses n"), min=1, max=n_max, value=n),
               "p": float_slider(_("true p"), min=0.01, max=0.99, step=0.01, value=p),
               "level": float_slider(_("level"), min=0.80, max=0.99, step=0.01, value=level),
               "seed": int_slider(_("data set seed"), min=0, max=999, value=seed)}
    layer = Layer(["n", "level"], [*curves.values(), level_line], reshape)
    moving = [*hits.values(), *misses.values(), *truths, *dots.values()]
    return Explorer(Picture(fig, moving=moving, update=move, layers=[layer]), sliders,
                    readout=readout, formats=_FORMATS, title=_("Coverage of four intervals"),
                    buttons=[step_button(sliders["seed"], _("new data set"))],
                    labels=_labels(), translate=_)


def _labels() -> dict[str, str]:
    """The panel's name of each quantity of the readout, in the course's language."""
    out = {}
    for name in INTERVAL_RULES:
        rule = rule_label(name)
        out[f"{name}: exact coverage"] = _("{rule}: exact coverage").format(rule=rule)
        out[f"{name}: share of the {SAMPLES} drawn"] = _(
            "{rule}: share of the {count} drawn").format(rule=rule, count=SAMPLES)
    return out


@lru_cache(maxsize=64)
def _tables(n: int, level: float) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each rule's interval for every ``k = 0 .. n``."""
    k = np.arange(n + 1)
    return {name: rule(k, n, level) for name, rule in INTERVAL_RULES.items()}


def _fixed(table):
    """A rule for :func:`exact_coverage` that returns an interval table already computed."""
    return lambda k, n, level: table


@lru_cache(maxsize=16)
def _uniforms(seed: int, n_max: int) -> np.ndarray:
    """The uniforms behind seed ``seed``'s data sets: one row of ``n_max`` tosses each."""
    return np.random.default_rng(seed).random((SAMPLES, n_max))


@lru_cache(maxsize=256)
def _coverage_at(n: int, p: float, level: float, seed: int, n_max: int) -> dict[str, RuleAt]:
    """Every number the explorer shows for these slider values, by rule."""
    heads = np.sum(_uniforms(seed, n_max)[:, :n] < p, axis=1)
    out = {}
    for name, (lower, upper) in _tables(n, level).items():
        covered = (lower[heads] <= p) & (p <= upper[heads])
        out[name] = RuleAt(float(exact_coverage(_fixed((lower, upper)), n, p, level)),
                           float(np.mean(covered)), lower[heads], upper[heads], covered)
    return out


def _as_segments(lower, upper, rows):
    """x and y of one line through every interval, NaN between them: one path to draw, not 100.

    An interval narrower than ``_DASH`` (Wald's at k = 0 or n is a point) is drawn as a dash.
    """
    dash = np.where(upper - lower < _DASH, _DASH / 2, 0.0)
    gap = np.full(len(rows), np.nan)
    x = np.column_stack([lower - dash, upper + dash, gap]).ravel()
    y = np.column_stack([rows, rows, gap]).ravel()
    return x, y


def _samples_panels(axes):
    """Per rule a panel of 100 intervals (hits in its colour, misses in black) and p's line."""
    hits, misses, truths = {}, {}, []
    for ax, (name, style) in zip(axes, RULE_STYLES.items()):
        drawn = {"linestyle": "-", "solid_capstyle": "butt", "zorder": 3}
        (hits[name],) = ax.plot([], [], color=style["color"], linewidth=1.2, **drawn)
        (misses[name],) = ax.plot([], [], color=COLORS["data"], linewidth=2.4, **drawn)
        truths.append(ax.axvline(0.5, color=COLORS["data"], linewidth=1.0, zorder=2.6))
        ax.set(xlim=(-0.03, 1.03), ylim=(0.0, SAMPLES + 1), xticks=[0, 0.5, 1],
               title=rule_label(name))
        ax.title.set_fontsize(9)
        ax.set_xlabel("p")
        if ax is not axes[0]:
            ax.tick_params(axis="y", labelleft=False)
    axes[0].set_ylabel(_("data set (misses in black)"))
    return hits, misses, truths
