"""Static figures of notebooks 05-08 (likelihood as heights, posteriors, risk, information).

The maths each figure shows is computed in the notebook (or with :mod:`mlelib`'s
reference functions) and passed in; these functions only draw, with pyplot in the
course's style, and return the figure.  :mod:`mlelib.figures` collects them with those
of the line model's notebooks.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ..plotting import COLORS, OKABE_ITO, STYLES

__all__ = [
    "area_and_heights",
    "estimate_histograms",
    "posterior_lines",
    "prior_likelihood_posterior",
    "ridge_tradeoff",
    "risk_against_n",
    "risk_curves",
    "softmax_regions",
]


# ------------------------------------------------------------- 05 negative log-likelihood

def area_and_heights(grid, density, *, interval, probability, data, data_density,
                     likelihood, xlabel, ylabel="density"):
    r"""Probability as an area under one density; likelihood as a product of its heights.

    Left: ``density`` over ``grid`` with the area over ``interval = (lo, hi)`` shaded and
    ``probability`` (that area, computed by the caller) in the title.  Right: the same
    curve with a stem at every observation ``data[i]`` up to ``data_density[i]``, and
    ``likelihood`` (their product) in the title.
    """
    fig, (left, right) = plt.subplots(1, 2, figsize=(11.0, 4.0), sharey=True,
                                      layout="constrained")
    lo, hi = interval
    inside = (grid >= lo) & (grid <= hi)
    for ax in (left, right):
        ax.plot(grid, density, color=COLORS["model"], label="model density")
        ax.set(xlabel=xlabel, xlim=(grid[0], grid[-1]), ylim=(0, 1.25 * density.max()))
    left.fill_between(grid[inside], density[inside], color=COLORS["likelihood"], alpha=0.6,
                      label=f"area from {lo:g} to {hi:g}")
    left.set(ylabel=ylabel,
             title=f"probability of one new value: an area, {probability:.4f}")
    right.vlines(data, 0, data_density, color=COLORS["marker"], linewidth=2,
                 label=f"the {len(data)} observed values' heights")
    right.plot(data, data_density, "o", color=COLORS["marker"])
    right.set(title=f"likelihood of the data: a product of heights, {likelihood:.4e}")
    for ax in (left, right):
        ax.legend(loc="upper left", fontsize=9)
    return fig



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

#: The plotting role (a key of COLORS and STYLES) of each of the three estimators of p.
_ROLES = {"MLE": "mle", "MAP": "map", "posterior mean": "posterior_mean"}


def estimate_histograms(estimates: dict, truth: float, n: int):
    """One panel per estimator: how often each value of the estimate came up, the truth marked.

    ``estimates`` maps an estimator's name (a key of ``COLORS``/``STYLES``: "MLE", "MAP",
    "posterior mean") to its estimates over many simulated data sets of ``n`` trials.
    """
    fig, axes = plt.subplots(1, len(estimates), figsize=(12, 3.6), sharey=True,
                             layout="constrained")
    for ax, (name, values) in zip(axes, estimates.items()):
        levels, counts = np.unique(values, return_counts=True)
        ax.bar(levels, counts / values.size, width=0.5 / (n + 4), color=COLORS[_ROLES[name]],
               label="share of data sets")
        ax.axvline(truth, color=COLORS["data"], linewidth=1.5, zorder=3, label=f"true p = {truth:g}")
        ax.axvline(values.mean(), color=COLORS["data"], linewidth=2, zorder=4, linestyle=":",
                   label="mean of the estimates")
        ax.set(xlim=(-0.03, 1.03), xlabel="estimate of p", title=name)
    axes[0].set_ylabel("share of the data sets")
    axes[0].legend(loc="upper left", fontsize=9)
    fig.suptitle(f"{values.size:,} simulated data sets of n = {n} tosses, true p = {truth:g}")
    return fig


def risk_curves(p_grid, risks: dict, *, n: int, better=None):
    """Risk against the true p for each estimator; ``better`` (lo, hi) shades an interval."""
    _, ax = plt.subplots(figsize=(8, 4), layout="constrained")
    for name, values in risks.items():
        role = _ROLES[name]
        ax.plot(p_grid, values, color=COLORS[role], linestyle=STYLES[role]["linestyle"],
                marker=STYLES[role]["marker"], markevery=(len(p_grid) // 10, len(p_grid) // 5),
                markersize=6, label=name)
    if better is not None:
        ax.axvspan(*better, color=COLORS["posterior_mean"], alpha=0.12,
                   label=f"posterior mean beats the MLE ({better[0]:.4f} to {better[1]:.4f})")
    ax.set(xlim=(0, 1), ylim=(0, None), xlabel="true success probability p",
           ylabel="risk E[(estimate - p)²]", title=f"risk of the three estimators, n = {n}")
    ax.legend(loc="lower center", fontsize=9)
    return ax.figure


def risk_against_n(ns, risks: dict, p: float):
    """Risk against the sample size on log-log axes, with a line of slope -1 for comparison."""
    fig, ax = plt.subplots(figsize=(7, 4.2), layout="constrained")
    for name, values in risks.items():
        role = _ROLES[name]
        ax.loglog(ns, values, color=COLORS[role], **STYLES[role], markersize=5, label=name)
    reference = risks["MLE"][0] * ns[0] / np.asarray(ns, float)
    ax.loglog(ns, reference, color=COLORS["data"], linewidth=1, linestyle=(0, (1, 3)),
              label="slope -1 (risk ∝ 1/n)")
    ax.set(xlabel="number of tosses n", ylabel="risk at the true p",
           title=f"consistency: risk against n at p = {p:g}")
    ax.legend(fontsize=9)
    return fig


def ridge_tradeoff(taus, exact: dict, simulated: dict, *, best_tau: float):
    """Bias², variance and risk of the ridge slope against the prior scale tau (log axes).

    ``exact`` and ``simulated`` map "bias²", "variance" and "risk" to values on the
    increasing ``taus``: the exact ones are drawn as curves, the simulated ones as about
    ten markers.  The right panel zooms in on each risk divided by its value at the largest
    tau, where the MAP is the MLE.
    """
    every = max(1, len(taus) // 10)
    styles = {"bias²": ("orange", "--", "s"), "variance": ("sky_blue", "-.", "^"),
              "risk": ("blue", "-", "o")}
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.2), layout="constrained")
    for name, (colour, linestyle, marker) in styles.items():
        left.loglog(taus, exact[name], color=OKABE_ITO[colour], linestyle=linestyle,
                    label=f"{name} (exact)")
        left.loglog(taus[::every], np.asarray(simulated[name])[::every], color=OKABE_ITO[colour],
                    marker=marker, linestyle="none", markersize=6, label=f"{name} (simulated)")
    left.set(ylim=(1e-5, 2), xlabel="prior scale tau of the slope (log scale)",
             ylabel="squared error of the slope (log scale)",
             title="bias² falls, variance rises as tau grows")
    left.legend(fontsize=8, ncol=2, loc="lower left")
    exact_risk, simulated_risk = np.asarray(exact["risk"]), np.asarray(simulated["risk"])
    right.semilogx(taus, exact_risk / exact_risk[-1], color=OKABE_ITO["blue"], label="exact")
    right.semilogx(taus[::every], simulated_risk[::every] / simulated_risk[-1],
                   color=OKABE_ITO["blue"], marker="o", linestyle="none", label="simulated")
    right.axhline(1.0, color=COLORS["data"], linewidth=1, linestyle="--", label="the MLE's risk")
    for ax in (left, right):
        ax.axvline(best_tau, color=COLORS["data"], linewidth=1, linestyle=":",
                   label=f"smallest risk, tau = {best_tau:.2f}" if ax is right else None)
    right.set(xlim=(0.3, 100), ylim=(0.97, 1.15), xlabel="prior scale tau of the slope (log scale)",
              ylabel="risk / risk of the MLE", title="zoomed in: an interior minimum")
    right.legend(fontsize=9)
    return fig


# ------------------------------------------------------------- 08 KL divergence and cross-entropy


def softmax_regions(points, labels, grid_x, grid_y, grid_class, *, title: str):
    """A 3-class softmax classifier: its predicted class over the plane and the labelled points."""
    markers = ["o", "s", "^"]
    colours = [OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["bluish_green"]]
    fig, ax = plt.subplots(figsize=(5.5, 4.6), layout="constrained")
    ax.contourf(grid_x, grid_y, grid_class, levels=[-0.5, 0.5, 1.5, 2.5], colors=colours,
                alpha=0.18)
    for c, (marker, colour) in enumerate(zip(markers, colours)):
        chosen = labels == c
        ax.scatter(points[chosen, 0], points[chosen, 1], marker=marker, s=70, color=colour,
                   edgecolor="black", label=f"class {c}")
    ax.set(xlabel="feature x₁", ylabel="feature x₂", title=title, aspect="equal")
    ax.legend(fontsize=9, loc="upper left")
    return fig
