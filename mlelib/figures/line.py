"""Static figures of the line model's notebooks (01-04), one named function each.

The maths each figure shows is computed in the notebook (or with :mod:`mlelib`'s
reference functions) and passed in; these functions only draw, with pyplot in the
course's style, and return the figure.  :mod:`mlelib.figures` collects them with those
of the later notebooks.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D

from ..plotting import COLORS, STYLES

__all__ = [
    "fitted_lines_figure",
    "line_grid",
    "loglik_surface",
    "nll_profiles_figure",
    "parameter_plane_figure",
    "per_point_likelihoods",
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

def nll_profiles_figure(a_values, b_values, profiles: dict, mle: tuple[float, float]):
    """The NLL along the slope and along the intercept, through the MLE, for several sigma.

    Parameters
    ----------
    a_values, b_values : array_like
        The slopes and intercepts the profiles are evaluated at.
    profiles : dict
        ``{sigma: (nll_along_a, nll_along_b, nll_at_mle)}``: the NLL at ``(a, b_hat)`` for
        every ``a``, at ``(a_hat, b)`` for every ``b``, and its value at the MLE.
    mle : (float, float)
        The MLE ``(a_hat, b_hat)``, marked on both panels.
    """
    fig, (ax_a, ax_b) = plt.subplots(1, 2, figsize=(11, 4.3), layout="constrained")
    markers = ("o", "s", "D", "^")
    for (s, (along_a, along_b, best)), style, marker in zip(
            profiles.items(), ("-", "--", ":", "-."), markers):
        label = f"σ = {s}, minimum {best:.2f}"
        for ax, grid, values, at in ((ax_a, a_values, along_a, mle[0]),
                                     (ax_b, b_values, along_b, mle[1])):
            (curve,) = ax.plot(grid, values, linestyle=style, label=label)
            ax.plot(at, best, marker=marker, linestyle="none", color=curve.get_color(),
                    markeredgecolor="black")
    for ax, value, name in ((ax_a, mle[0], "slope a"), (ax_b, mle[1], "intercept b")):
        ax.axvline(value, color="0.3", linestyle="-.", linewidth=1,
                   label=f"MLE, {name.split()[1]} = {value:.4f}")
        ax.set(xlabel=name, ylabel="NLL", ylim=(0, 150))
        ax.legend(loc="upper center", fontsize=9)
    ax_a.set_title(f"NLL along a, with b = {mle[1]:.4f}")
    ax_b.set_title(f"NLL along b, with a = {mle[0]:.4f}")
    return fig


# ------------------------------------------------------------- 04 MLE against MAP

#: how each kind of line is drawn over the data (04's line figures)
_LINE_ROLES = {
    "truth": {"color": COLORS["data"], "linestyle": ":", "linewidth": 1.5},
    "mle": {"color": COLORS["mle"], "linestyle": STYLES["mle"]["linestyle"]},
    "map": {"color": COLORS["map"], "linestyle": STYLES["map"]["linestyle"]},
    "map_free_intercept": {"color": COLORS["posterior_mean"], "linestyle": "-."},
}


def fitted_lines_figure(x, y, is_outlier, panels, *, figsize=(7.5, 4.8), suptitle=None,
                        xlim=(-2.3, 2.3)):
    """Data and fitted lines ``y = a x + b``, one panel per entry of ``panels``.

    Parameters
    ----------
    x, y : array_like
        All the points; ``is_outlier`` (booleans) marks the outliers, drawn as crosses.
    panels : list of (title, lines, with_outliers)
        ``lines`` is a list of ``(label, (a, b), role)``, ``role`` one of ``"truth"``,
        ``"mle"``, ``"map"`` and ``"map_free_intercept"`` (each its own colour and line
        style); ``with_outliers`` says whether the panel shows the outliers.
    """
    x, y, out = np.asarray(x, float), np.asarray(y, float), np.asarray(is_outlier, bool)
    fig, axes = plt.subplots(1, len(panels), figsize=figsize, sharey=True, squeeze=False)
    xs = np.asarray(xlim, float)
    for ax, (title, lines, with_outliers) in zip(axes[0], panels):
        ax.scatter(x[~out], y[~out], color=COLORS["data"], marker="o", zorder=3, label="data")
        if with_outliers:
            ax.scatter(x[out], y[out], color=COLORS["outlier"], marker="X", s=110, zorder=3,
                       label="outliers")
        for label, (a, b), role in lines:
            ax.plot(xs, a * xs + b, label=label, **_LINE_ROLES[role])
        ax.set(xlim=xlim, xlabel="x", title=title)
    axes[0, 0].set_ylabel("y")
    axes[0, -1].legend(loc="upper left", fontsize=9 if len(panels) > 1 else None)
    if suptitle:
        fig.suptitle(suptitle)
    return fig


def _draw_plane(ax, grid, surfaces, touching, path, points):
    """Contours of each log surface, the MAP's path and the two estimates, on ``ax``."""
    handles = []
    for role, log_values in surfaces.items():
        levels = np.max(log_values) - 0.5 * np.array([3.0, 2.0, 1.0]) ** 2
        if role in touching:
            levels = np.sort(np.append(levels, touching[role]))
        style = {"colors": COLORS[role], "linestyles": STYLES[role]["linestyle"]}
        ax.contour(*grid, np.asarray(log_values).T, levels=levels, linewidths=1.4, **style)
        handles.append(Line2D([], [], color=COLORS[role], linestyle=STYLES[role]["linestyle"],
                              label=f"{role}: 1, 2, 3 sd from its peak"))
    handles += ax.plot(path[:, 0], path[:, 1], color=COLORS["map"], linestyle=":",
                       linewidth=1.5)
    for role, point in points.items():
        handles += ax.plot(*point, linestyle="none", color=COLORS[role],
                           marker=STYLES[role]["marker"], markeredgecolor="black",
                           markersize=8, label=role.upper())
    return handles


def parameter_plane_figure(a_values, b_values, surfaces: dict, *, mle, map_point, map_path,
                           path_label="MAP as the prior scale varies",
                           touching: dict | None = None, path_marks=(), zoom=0.1):
    r"""Prior, likelihood and posterior over ``(a, b)`` as contours, the MLE, the MAP and its path.

    Each surface is drawn 1, 2 and 3 "standard deviations" below its own peak: at drops
    of :math:`k^2/2` in log density (the exact levels for a Gaussian surface).  An inset
    magnifies the square of half-width ``zoom`` around the MAP.

    Parameters
    ----------
    a_values, b_values : array_like
        The grid; each surface has shape ``(len(a_values), len(b_values))``.
    surfaces : dict
        ``{"prior": ..., "likelihood": ..., "posterior": ...}``: log densities on the grid
        (any additive constant).
    mle, map_point : (float, float)
        The two estimates, marked.
    map_path : array_like, shape (m, 2)
        The MAP for a range of prior scales, labelled ``path_label``.
    touching : dict, optional
        ``{"prior": value, "likelihood": value}``: the log prior and log-likelihood at the
        MAP; the contour of each through the MAP is added (there the two touch).
    path_marks : list of (text, (a, b))
        Points of the path to label (``"τ = 0.1"``).
    """
    fig, ax = plt.subplots(figsize=(7.2, 8.6), layout="constrained")
    inset = ax.inset_axes([0.13, 0.64, 0.33, 0.33])
    path = np.asarray(map_path, float)
    points = {"mle": mle, "map": map_point}
    for axes in (inset, ax):
        handles = _draw_plane(axes, (a_values, b_values), surfaces, touching or {}, path, points)
    handles[len(surfaces)].set_label(path_label)
    for text, (a, b) in path_marks:
        ax.plot(a, b, marker=".", color=COLORS["map"], linestyle="none")
        ax.annotate(text, (a, b), xytext=(7, -12), textcoords="offset points", fontsize=9)
    inset.set(xlim=(map_point[0] - zoom, map_point[0] + zoom), aspect="equal",
              ylim=(map_point[1] - zoom, map_point[1] + zoom), title="around the MAP")
    inset.tick_params(labelsize=8)
    ax.indicate_inset_zoom(inset, edgecolor="0.4")
    ax.set(xlabel="slope a", ylabel="intercept b", aspect="equal",
           xlim=(a_values[0], a_values[-1]), ylim=(b_values[0], b_values[-1]),
           title="Prior, likelihood and posterior over the parameter plane")
    ax.legend(handles=handles, loc="lower right", fontsize=9)
    return fig
