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
    "line_grid",
    "loglik_surface",
    "per_point_likelihoods",
    "posterior_lines",
    "prior_likelihood_posterior",
    "two_priors_compared",
    "uniform_draws_in_parameter_space",
]


# ------------------------------------------------------------- 01 parameter space

#: The window of notebook 01's line plots: x and y in [-10, 10].
_WINDOW = (-10.0, 10.0)


def line_grid(theta, *, title: str, color: str):
    """Ten small plots, 2 x 5: the line ``y = a x + b`` of each row ``(a, b)`` of ``theta``.

    Every plot has the same limits, ``x`` and ``y`` in [-10, 10], so that slopes can be
    compared by eye; each is titled ``y=1.234x-5.678`` and numbered like the rows.
    """
    x_ends = np.array(_WINDOW)  # a straight line is fixed by its two ends
    fig, axes = plt.subplots(2, 5, figsize=(13, 5.8), sharex=True, sharey=True,
                             layout="constrained")
    for k, (ax, (a, b)) in enumerate(zip(axes.flat, theta), start=1):
        ax.plot(x_ends, a * x_ends + b, color=color)
        ax.text(0.05, 0.93, f"#{k}", transform=ax.transAxes, va="top", fontsize=10)
        ax.set(xlim=_WINDOW, ylim=_WINDOW, title=f"y={a:.3f}x{b:+.3f}")
    for ax in axes[1]:
        ax.set_xlabel("x")
    for ax in axes[:, 0]:
        ax.set_ylabel("y")
    fig.suptitle(title)
    return fig


def uniform_draws_in_parameter_space(theta, *, color: str):
    """The rows ``(a, b)`` of ``theta`` as numbered points, with the square they were drawn on."""
    fig, ax = plt.subplots(figsize=(6, 6))
    low, high = _WINDOW
    ax.add_patch(plt.Rectangle((low, low), high - low, high - low, fill=False, linestyle="--",
                               edgecolor="0.5", label="the square the points are drawn on"))
    ax.plot(theta[:, 0], theta[:, 1], marker="o", linestyle="none", color=color,
            label="drawn points (a, b)")
    for k, (a, b) in enumerate(theta, start=1):
        ax.annotate(f"#{k}", (a, b), xytext=(5, 4), textcoords="offset points", fontsize=9)
    ax.set(xlim=(-11, 11), ylim=(-11, 11), aspect="equal", xlabel="slope a",
           ylabel="intercept b", title="the ten uniform draws in parameter space")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.08), ncols=2, fontsize=9)
    return fig


def two_priors_compared(theta_uniform, theta_normal, *, centre, spread: float):
    """Both draws in parameter space (left), and each draw's lines in one plot (middle, right).

    ``theta_uniform`` and ``theta_normal`` are rows ``(a, b)``; ``centre`` and ``spread``
    are the normal prior's centre (marked with a cross) and standard deviation.
    """
    x_ends = np.array(_WINDOW)
    fig, (ax_par, ax_u, ax_n) = plt.subplots(1, 3, figsize=(14, 4.8), layout="constrained")
    ax_par.plot(theta_uniform[:, 0], theta_uniform[:, 1], marker="o", linestyle="none",
                color=COLORS["model"], label="uniform on the square")
    ax_par.plot(theta_normal[:, 0], theta_normal[:, 1], marker="s", linestyle="none",
                color=COLORS["prior"], markeredgecolor="black",
                label=f"normal, centre ({centre[0]:g}, {centre[1]:g}), std {spread:g}")
    ax_par.plot(*centre, marker="+", markersize=16, markeredgewidth=2, linestyle="none",
                color="black", label=f"centre ({centre[0]:g}, {centre[1]:g})")
    ax_par.set(xlim=_WINDOW, ylim=_WINDOW, aspect="equal", xlabel="slope a",
               ylabel="intercept b", title="parameter space")
    ax_par.legend(loc="lower right", fontsize=9)
    panels = ((ax_u, theta_uniform, COLORS["model"], "-", "uniform"),
              (ax_n, theta_normal, COLORS["prior"], "--", "normal"))
    for ax, theta, color, style, name in panels:
        for a, b in theta:
            ax.plot(x_ends, a * x_ends + b, color=color, linestyle=style, alpha=0.8)
        ax.set(xlim=_WINDOW, ylim=_WINDOW, xlabel="x", ylabel="y",
               title=f"the ten lines of the {name} draw")
    return fig


# ------------------------------------------------------------- 02 likelihood of a line


def per_point_likelihoods(x, y, a: float, b: float, densities, *, sigma: float):
    r"""The data, the line ``y = a x + b``, each residual, and each point annotated with its density.

    ``densities[i]`` is :math:`\mathcal N(y_i; a x_i + b, \sigma^2)`, computed by the caller.
    """
    fig, ax = plt.subplots(figsize=(7, 4.2))
    xs = np.linspace(-2.5, 2.5, 2)
    ax.plot(xs, a * xs + b, color=COLORS["model"], label=f"line a = {a:g}, b = {b:g}")
    ax.scatter(x, y, color=COLORS["data"], zorder=3, label="data")
    for xi, yi, density in zip(x, y, densities):
        ax.plot([xi, xi], [yi, a * xi + b], color=COLORS["marker"], linestyle=":")
        ax.annotate(f"{density:.3e}", (xi, yi), xytext=(0, 10), textcoords="offset points",
                    ha="center", fontsize=9,
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "0.7"})
    ax.set(xlabel="x", ylabel="y", ylim=(-2, 4),
           title=r"per-point likelihood $\mathcal{N}(y_i; ax_i+b, \sigma^2)$, "
           + rf"$\sigma = {sigma:g}$")
    ax.legend(loc="lower right")
    return fig


def loglik_surface(a_grid, b_grid, surface, *, mle, point, sigma: float):
    r"""Filled contours of ``surface[i, j]`` = :math:`\ell(a_i, b_j)` with the maximum and a point.

    The bands are 0-3, 3-10, 10-30, ... nats below the maximum (the log-likelihood of a
    line model drops quadratically away from it); ``mle`` is marked with a star and
    ``point`` with a circle, both ``(a, b)``.
    """
    fig, ax = plt.subplots(figsize=(6.5, 4.8))
    levels = surface.max() - np.array([3000, 1000, 300, 100, 30, 10, 3, 0])
    bands = ax.contourf(a_grid, b_grid, surface.T, levels=levels, extend="min", cmap="viridis")
    fig.colorbar(bands, ax=ax, format="%.0f", label=r"log-likelihood $\ell(a, b)$ (nats)")
    ax.plot(*mle, marker="*", markersize=16, color=COLORS["mle"], markeredgecolor="white",
            linestyle="none", label="maximum (MLE)")
    ax.plot(*point, marker="o", markersize=9, markerfacecolor="none", markeredgewidth=2,
            color="white", linestyle="none", label=f"a = {point[0]:g}, b = {point[1]:g}")
    ax.set(xlabel="slope a", ylabel="intercept b", title=rf"log-likelihood surface, $\sigma = {sigma:g}$")
    ax.legend(loc="upper right")
    return fig


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
