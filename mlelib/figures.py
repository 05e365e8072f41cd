"""The course's static figures, one named function each.

A figure a learner needs to see but not to read the code of (a grid of ten lines, an
annotated scatter, contours of a prior, a likelihood and a posterior) is one call here,
so that every notebook cell does one visible thing and stays short.  The maths each
figure shows is computed in the notebook (or with :mod:`mlelib`'s reference functions)
and passed in; these functions only draw.  Each returns the figure, drawn with pyplot in
the course's style (:func:`mlelib.plotting.use_course_style`), so the notebook shows it
with ``plt.show()``.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .plotting import COLORS, STYLES

__all__: list[str] = [
    "posterior_lines",
    "prior_likelihood_posterior",
]


# ------------------------------------------------------------- 01 parameter space


# ------------------------------------------------------------- 02 likelihood of a line


# ------------------------------------------------------------- 03 closed-form MLE


# ------------------------------------------------------------- 04 MLE against MAP


# ------------------------------------------------------------- 05 negative log-likelihood


# ------------------------------------------------------------- 06 conjugate priors

#: Height of each estimate's vertical line, as a share of the panel's top.
_ESTIMATE_TOPS = {"mle": 1.00, "map": 0.94, "posterior_mean": 0.88}


def prior_likelihood_posterior(grid, panels, *, xlabel, ylabel="density",
                               figsize=(11.0, 4.4)):
    """Prior, likelihood and posterior on one density scale, with the three estimates marked.

    One panel per entry of ``panels``, a dict with ``title``; ``prior``, ``likelihood``
    and ``posterior``, densities at ``grid`` (the likelihood normalised to area 1);
    ``labels``, the legend text of those three; and ``estimates``, a list of
    ``(role, value, label)`` with role ``"mle"``, ``"map"`` or ``"posterior_mean"``,
    each drawn as a vertical line in that role's colour, line style and marker.
    """
    fig, axes = plt.subplots(1, len(panels), figsize=figsize, layout="constrained",
                             squeeze=False)
    for ax, panel in zip(axes.flat, panels):
        for role in ("prior", "likelihood", "posterior"):
            ax.plot(grid, panel[role], color=COLORS[role], **STYLES[role],
                    zorder=3 if role == "likelihood" else 2, label=panel["labels"][role])
        top = 1.3 * max(panel["likelihood"].max(), panel["posterior"].max())
        for role, value, label in panel["estimates"]:
            ax.plot([value, value], [0, _ESTIMATE_TOPS[role] * top], color=COLORS[role],
                    markevery=[1], linewidth=1.6, **STYLES[role], label=label)
        ax.set(xlim=(grid[0], grid[-1]), ylim=(0, 1.05 * top), xlabel=xlabel, ylabel=ylabel,
               title=panel["title"])
    if len(panels) > 1:
        handles, labels = axes.flat[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="outside lower center", ncol=6, fontsize=9)
    else:
        axes.flat[0].legend(loc="upper left", fontsize=9)
    return fig


def posterior_lines(x, y, is_outlier, theta_map, chol, draws):
    """Ten lines drawn from the Gaussian posterior over (slope a, intercept b), three ways.

    Left, parameter space: the posterior's 1- and 2-standard-deviation ellipses
    (``theta_map + chol @ circle``, ``chol`` the Cholesky factor of the covariance), the
    MAP and the numbered draws.  Middle, the data (outliers as crosses) with the drawn
    lines and the MAP line.  Right, each drawn line minus the MAP line, which magnifies
    how far the lines fan out over the data's x range.
    """
    fig, (ax_par, ax_data, ax_diff) = plt.subplots(1, 3, figsize=(15, 4.8),
                                                   layout="constrained")
    turn = np.linspace(0, 2 * np.pi, 200)
    for radius, style in [(1, "-"), (2, "--")]:
        ring = theta_map[:, None] + radius * chol @ np.array([np.cos(turn), np.sin(turn)])
        ax_par.plot(*ring, color=COLORS["posterior"], linestyle=style, linewidth=1.2,
                    label=f"{radius} sd of the posterior")
    ax_par.plot(*draws.T, color=COLORS["posterior"], marker="o", linestyle="none",
                label="ten draws")
    for number, (a, b) in enumerate(draws, start=1):
        ax_par.annotate(f"#{number}", (a, b), xytext=(4, 3), textcoords="offset points",
                        fontsize=8)
    ax_par.plot(*theta_map, color=COLORS["map"], marker="s", markeredgecolor="black",
                linestyle="none", markersize=9, label="MAP = posterior mean")
    ax_par.set(xlabel="slope a", ylabel="intercept b", title="parameter space (zoomed)")
    ax_par.set_aspect("equal", adjustable="datalim")
    ax_par.legend(loc="lower left", fontsize=8)

    xs = np.array([-2.3, 2.3])
    ax_data.scatter(x[~is_outlier], y[~is_outlier], color=COLORS["data"], zorder=3,
                    label="data")
    ax_data.scatter(x[is_outlier], y[is_outlier], color=COLORS["outlier"], marker="X", s=90,
                    zorder=3, label="outliers")
    ax_data.plot(xs, theta_map[0] * xs + theta_map[1], color=COLORS["map"], linewidth=3,
                 linestyle=STYLES["map"]["linestyle"], label="MAP line")
    for a, b in draws:
        ax_data.plot(xs, a * xs + b, color=COLORS["posterior"], linestyle="-", linewidth=0.8)
        ax_diff.plot(xs, (a - theta_map[0]) * xs + (b - theta_map[1]),
                     color=COLORS["posterior"], linestyle="-", linewidth=1.0)
    ax_data.plot([], [], color=COLORS["posterior"], linestyle="-", linewidth=0.8,
                 label="ten drawn lines")
    ax_data.set(xlim=tuple(xs), xlabel="x", ylabel="y", title="the data and ten posterior lines")
    ax_data.legend(loc="upper left", fontsize=8)
    ax_diff.axhline(0, color=COLORS["map"], linestyle=STYLES["map"]["linestyle"],
                    label="MAP line")
    ax_diff.set(xlim=tuple(xs), xlabel="x", ylabel="drawn line − MAP line (units of y)",
                title="the same ten lines, minus the MAP line")
    ax_diff.legend(loc="upper center", fontsize=8)
    return fig


# ------------------------------------------------------------- 07 risk of an estimator


# ------------------------------------------------------------- 08 KL divergence and cross-entropy


# ------------------------------------------------------------- 09 a Poisson model


# ------------------------------------------------------------- 10 gradient descent
