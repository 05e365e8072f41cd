"""Static figures of notebooks 09 and 10 (a Poisson model of a table, gradient descent).

As in :mod:`mlelib.figures.estimation`, the maths is computed in the notebook (or with
:mod:`mlelib`'s reference functions) and passed in; these functions only draw, with
pyplot in the course's style, and return the figure.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ..plotting import COLORS, OKABE_ITO

__all__ = [
    "count_table_bars",
    "descent_on_contours",
    "descent_on_curve",
    "descent_progress",
    "model_loglik_curves",
]


# ------------------------------------------------------------- 09 a Poisson model

#: Fill hatches for bar series, so that bars are told apart without colour.
_HATCHES = ("", "//", "..", "xx", "\\\\")


def count_table_bars(labels, observed, expected: dict, *, ax=None, title: str = "",
                     ylabel: str = "number of pupils"):
    """Observed counts of a frequency table beside each model's expected counts.

    ``labels`` name the table's categories (``"0"``, ..., ``"7+"``); ``observed`` holds
    the counts and ``expected`` maps a model's name to its expected counts, one per
    category.  The observed bars are outlined in black; every model gets its own colour
    and hatch.  Draws on ``ax`` when given (for a row of panels), else on a new figure.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4))
    series = [("observed", observed)] + list(expected.items())
    colours = [OKABE_ITO["yellow"], COLORS["model"], COLORS["map"], COLORS["posterior_mean"],
               COLORS["prior"]]
    width = 0.8 / len(series)
    where = np.arange(len(labels))
    for i, (name, heights) in enumerate(series):
        ax.bar(where + (i - (len(series) - 1) / 2) * width, heights, width=width,
               color=colours[i % len(colours)], hatch=_HATCHES[i % len(_HATCHES)],
               edgecolor="black", linewidth=1.6 if i == 0 else 0.6, label=name)
    ax.set_xticks(where, labels)
    ax.set(xlabel="number of siblings", ylabel=ylabel, title=title)
    ax.legend(fontsize=9)
    return ax.figure


def model_loglik_curves(grid, curves: dict, best: dict, *, ceiling: float, ax=None):
    """Log-likelihood of the table against the rate, one curve per model, under a ceiling.

    ``curves`` maps a model's name to its log-likelihood on ``grid``; ``best`` maps the
    same names to ``(rate, loglik)`` at the model's MLE, marked with a star.  The
    saturated model's log-likelihood ``ceiling`` is a horizontal line no curve can cross.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4.5))
    styles = ["-", "--", "-.", ":"]
    colours = [COLORS["model"], COLORS["map"], COLORS["posterior_mean"], COLORS["prior"]]
    for i, (name, values) in enumerate(curves.items()):
        ax.plot(grid, values, color=colours[i % 4], linestyle=styles[i % 4], label=name)
        rate, top = best[name]
        ax.plot(rate, top, marker="*", markersize=14, color=colours[i % 4],
                markeredgecolor="black", linestyle="none")
    ax.axhline(ceiling, color=COLORS["data"], linewidth=1.2, linestyle=(0, (1, 1)),
               label=f"saturated model (ceiling), {ceiling:.4f}")
    ax.set(ylim=(ceiling - 60, ceiling + 6), xlim=(grid[0], grid[-1]),
           xlabel="rate λ of the model's Poisson part", ylabel="log-likelihood ℓ(λ)",
           title="Siblings table: each model's log-likelihood (stars at the MLEs)")
    ax.legend(loc="lower center", fontsize=9)
    return ax.figure


# ------------------------------------------------------------- 10 gradient descent

_RUN_COLOURS = (COLORS["mle"], COLORS["model"], COLORS["map"], COLORS["posterior_mean"])
_RUN_MARKERS = ("o", "s", "D", "^")


def descent_on_curve(grid, nll, runs: dict, *, xlabel: str, ax=None, title: str = "",
                     domain: tuple[float, float] | None = None, xlim=None, ylim=None):
    """A one-parameter NLL curve with gradient-descent paths drawn on it.

    ``runs`` maps a label to a :class:`mlelib.optimise.DescentPath` recorded with ``fun``
    (its ``path`` and ``values`` are drawn).  A diverged run's rejected step is a cross
    on the x-axis with a dotted arrow; ``domain`` shades what lies outside it.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4))
    ax.plot(grid, nll, color=COLORS["likelihood"], linewidth=2.5, label="NLL")
    ax.set(xlim=xlim if xlim is not None else (grid[0], grid[-1]), ylim=ylim)
    low = ax.get_ylim()[0]
    for i, (label, run) in enumerate(runs.items()):
        colour, marker = _RUN_COLOURS[i % 4], _RUN_MARKERS[i % 4]
        ax.plot(run.path, run.values, color=colour, marker=marker, markersize=5, linewidth=1,
                label=label)
        if run.rejected is not None:
            ax.annotate("", xy=(float(run.rejected), low), xytext=(run.path[-1], run.values[-1]),
                        arrowprops={"arrowstyle": "->", "color": colour, "linestyle": ":"})
            ax.plot(float(run.rejected), low, marker="X", markersize=12, color=colour,
                    markeredgecolor="black", linestyle="none", clip_on=False,
                    label="where the next step would land")
    if domain is not None:
        left, right = ax.get_xlim()
        ax.axvspan(left, domain[0], color="0.85", zorder=0, label="outside the domain")
        ax.axvspan(domain[1], right, color="0.85", zorder=0)
        ax.set_xlim(left, right)
    ax.set(xlabel=xlabel, ylabel="NLL", title=title)
    ax.legend(fontsize=9, loc="upper center")
    return ax.figure


def descent_on_contours(a_grid, b_grid, nll_grid, runs: dict, *, optimum, ax=None,
                        title: str = "", xlabel: str = "slope a", ylabel: str = "intercept b"):
    """Gradient-descent paths over the contours of a two-parameter NLL.

    ``nll_grid[i, j]`` is the NLL at ``(a_grid[i], b_grid[j])``; contours are drawn at
    NLL - min = 0.5, 2, 8, 32, 128, ...  ``runs`` maps a label to a
    :class:`mlelib.optimise.DescentPath`; ``optimum`` is starred.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 5))
    gap = nll_grid - nll_grid.min()
    levels = 0.5 * 4.0 ** np.arange(0, 1 + int(np.log(max(gap.max(), 2) / 0.5) / np.log(4)))
    contours = ax.contour(a_grid, b_grid, gap.T, levels=levels, colors="0.55",
                          linewidths=0.8)
    ax.clabel(contours, fmt="%g", fontsize=7)
    for i, (label, run) in enumerate(runs.items()):
        path = np.asarray(run.path)
        ax.plot(path[:, 0], path[:, 1], color=_RUN_COLOURS[i % 4], marker=_RUN_MARKERS[i % 4],
                markersize=3.5, linewidth=1.1, label=label)
    ax.plot(*optimum, marker="*", markersize=16, color=COLORS["mle"], markeredgecolor="black",
            linestyle="none", label="MLE (least squares)")
    ax.set(xlim=(a_grid[0], a_grid[-1]), ylim=(b_grid[0], b_grid[-1]), xlabel=xlabel,
           ylabel=ylabel, title=title)
    ax.legend(fontsize=8, loc="lower left")
    return ax.figure


def descent_progress(runs: dict, nll_min: float, *, ax=None, title: str = "",
                     floor: float = 1e-12):
    """How far above its minimum the NLL still is, step by step, on a log scale.

    Gaps below ``floor`` (rounding noise, for an NLL of order 10) are drawn at ``floor``.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    for i, (label, run) in enumerate(runs.items()):
        gap = np.maximum(np.asarray(run.values) - nll_min, floor)
        ax.semilogy(np.arange(gap.size), gap, color=_RUN_COLOURS[i % 4],
                    linestyle=("-", "--", "-.", ":")[i % 4], label=label)
    ax.set(xlabel="step t", ylabel="NLL(θ_t) − min NLL", title=title)
    ax.legend(fontsize=9)
    return ax.figure
