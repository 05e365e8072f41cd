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
from matplotlib.lines import Line2D

from .plotting import COLORS, STYLES

__all__: list[str] = [
    "fitted_lines_figure",
    "nll_profiles_figure",
    "parameter_plane_figure",
]


# ------------------------------------------------------------- 01 parameter space


# ------------------------------------------------------------- 02 likelihood of a line


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


# ------------------------------------------------------------- 05 negative log-likelihood


# ------------------------------------------------------------- 06 conjugate priors


# ------------------------------------------------------------- 07 risk of an estimator


# ------------------------------------------------------------- 08 KL divergence and cross-entropy


# ------------------------------------------------------------- 09 a Poisson model


# ------------------------------------------------------------- 10 gradient descent
