"""Static figures of notebooks 05-10 (posteriors, risk, information, counts, descent).

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
    "count_table_bars",
    "descent_on_contours",
    "descent_on_curve",
    "descent_progress",
    "estimate_histograms",
    "model_loglik_curves",
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
