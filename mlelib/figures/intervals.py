"""Static figures of notebook 11 (intervals, their coverage, the bootstrap).

As in :mod:`mlelib.figures.estimation`, the maths is computed in the notebook (or with
:mod:`mlelib.intervals`) and passed in; these functions only draw and return the figure.
:func:`coverage_lines` is also the coverage panel of the explorer
(:mod:`mlelib.explorers.coverage`), so both show the rules alike.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ..i18n import gettext as _
from ..i18n import gettext_noop as N_
from ..i18n import translated
from ..plotting import COLORS, OKABE_ITO

__all__ = ["RULE_STYLES", "bootstrap_histogram", "coverage_curves", "coverage_lines",
           "intervals_on_loglik", "rule_label"]

#: Colour, line style and marker of each interval rule, so no two are told apart by colour alone.
RULE_STYLES = {
    N_("Wald"): {"color": OKABE_ITO["vermillion"], "linestyle": "-", "marker": "o"},
    N_("Wilson"): {"color": OKABE_ITO["blue"], "linestyle": "--", "marker": "s"},
    N_("likelihood-ratio"): {"color": OKABE_ITO["bluish_green"], "linestyle": "-.", "marker": "^"},
    N_("Beta(1, 1) credible"): {"color": OKABE_ITO["reddish_purple"], "linestyle": ":",
                            "marker": "D"},
}


def _style(name: str, index: int) -> dict:
    """The rule's style, or one of the four by position for a name the course does not use."""
    return RULE_STYLES.get(name, list(RULE_STYLES.values())[index % len(RULE_STYLES)])


def intervals_on_loglik(p_grid, loglik, drop: float, rows: dict, *, estimate: float):
    """The log-likelihood relative to its maximum, the cut ``-drop``, and intervals beneath.

    ``loglik`` is the log-likelihood on ``p_grid`` minus its maximum; ``rows`` maps a
    rule's name to its ``(lower, upper)``, drawn as one bar each below the curve's panel
    on the same p-axis, with ``estimate`` marked on every bar.
    """
    fig, (ax_curve, ax_rows) = plt.subplots(2, 1, figsize=(9, 5.6), sharex=True,
                                            height_ratios=(3, 2), layout="constrained")
    ax_curve.plot(p_grid, loglik, color=COLORS["likelihood"], label="ℓ(p) − ℓ(p̂)")
    ax_curve.axhline(-drop, color=COLORS["data"], linewidth=1.2, linestyle=(0, (4, 2)),
                     label=f"cut at −χ²₁(0.95)/2 = −{drop:.4f}")
    ax_curve.set(ylim=(-3 * drop, 0.4), ylabel="log-likelihood − maximum (nats)",
                 title="four 95 % intervals for p from the same data")
    ax_curve.legend(loc="lower center", fontsize=9)
    for i, (name, (lower, upper)) in enumerate(rows.items()):
        style = _style(name, i)
        y = len(rows) - 1 - i
        ax_rows.plot([lower, upper], [y, y], color=style["color"], linestyle=style["linestyle"],
                     linewidth=3, solid_capstyle="butt")
        ax_rows.plot([lower, upper], [y, y], color=style["color"], marker="|", markersize=14,
                     linestyle="none")
        ax_rows.plot([estimate], [y], color=style["color"], marker=style["marker"],
                     markeredgecolor="black", linestyle="none")
    ax_rows.set_yticks(range(len(rows)), list(rows)[::-1])
    ax_rows.set(ylim=(-0.7, len(rows) - 0.3), xlim=(p_grid[0], p_grid[-1]),
                xlabel="success probability p")
    return fig


def rule_label(name: str) -> str:
    """The name of an interval rule as a figure shows it, in the course's language."""
    return translated(name)


def coverage_lines(ax, p_grid, coverages: dict, *, level: float):
    """One coverage curve per rule on ``ax`` and a line at ``level``; returns the curves.

    Returns ``({name: Line2D}, level_line)``, so that an explorer can move them.
    """
    lines = {}
    for i, (name, values) in enumerate(coverages.items()):
        style = _style(name, i)
        (lines[name],) = ax.plot(p_grid, values, color=style["color"],
                                 linestyle=style["linestyle"], linewidth=1.3,
                                 label=rule_label(name))
    level_line = ax.axhline(level, color=COLORS["data"], linewidth=1.0, linestyle=(0, (1, 2)),
                            label=_("the level promised"))
    ax.set(xlim=(0.0, 1.0), ylim=(0.5, 1.02), xlabel=_("true success probability p"),
           ylabel=_("coverage P(interval holds p)"))
    return lines, level_line


def coverage_curves(p_grid, panels: dict, *, level: float):
    """Exact coverage against the true p, one panel per ``n``.

    ``panels`` maps a panel's ``n`` to ``{rule name: coverage on p_grid}``.
    """
    fig, axes = plt.subplots(1, len(panels), figsize=(6.5 * len(panels), 4.2), sharey=True,
                             layout="constrained", squeeze=False)
    for ax, (n, coverages) in zip(axes[0], panels.items()):
        coverage_lines(ax, p_grid, coverages, level=level)
        ax.set_title(f"n = {n} tosses, {level:.0%} intervals")
    axes[0][0].legend(loc="lower center", fontsize=9, ncol=2)
    return fig


def bootstrap_histogram(means, centre: float, spreads: dict):
    """A histogram of bootstrap means with a normal curve for each named standard error.

    ``spreads`` maps a label to a standard deviation; each curve is centred at ``centre``.
    """
    fig, ax = plt.subplots(figsize=(8.5, 4.2), layout="constrained")
    means = np.asarray(means, dtype=float)
    # a mean of whole numbers lives on a lattice: bins two lattice steps wide, edges between
    # its points, keep every bar the same number of lattice points (no comb of empty bins)
    lattice = np.unique(np.round(means, 10))
    step = float(np.min(np.diff(lattice))) if lattice.size > 1 else 1.0
    bins = np.arange(lattice[0] - step / 2, lattice[-1] + 2 * step, 2 * step)
    ax.hist(means, bins=bins, density=True, color=OKABE_ITO["yellow"], edgecolor="black",
            linewidth=0.4, label=f"{means.size:,} bootstrap means")
    grid = np.linspace(centre - 4.5 * max(spreads.values()), centre + 4.5 * max(spreads.values()),
                       400)
    for (label, sd), colour, dash in zip(spreads.items(), [COLORS["model"], COLORS["mle"]],
                                         ["-", "--"]):
        density = np.exp(-0.5 * ((grid - centre) / sd) ** 2) / (sd * np.sqrt(2 * np.pi))
        ax.plot(grid, density, color=colour, linestyle=dash, linewidth=2, label=label)
    ax.set(xlabel="mean number of siblings in a resampled class of 100",
           ylabel="density (per sibling)", title="the bootstrap against the Poisson's curvature")
    ax.legend(fontsize=9)
    return fig
