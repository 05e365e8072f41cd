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

from .plotting import COLORS, OKABE_ITO, STYLES

__all__: list[str] = [
    "cross_entropy_split",
    "estimate_histograms",
    "posterior_lines",
    "prior_likelihood_posterior",
    "ridge_tradeoff",
    "risk_against_n",
    "risk_at_p",
    "risk_curves",
    "softmax_regions",
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


def risk_curves(p_grid, risks: dict, *, n: int, better=None, ax=None):
    """Risk against the true p for each estimator; ``better`` (lo, hi) shades an interval."""
    if ax is None:
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


def risk_at_p(p_grid, risks: dict, parts: dict, *, p: float, n: int, alpha: float):
    """What the 07 explorer shows: risk curves with the true p marked, and bias² + variance there.

    ``parts`` maps each estimator to its (bias², variance) at ``p``.
    """
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.2), width_ratios=(3, 2),
                                      layout="constrained")
    risk_curves(p_grid, risks, n=n, ax=left)
    left.axvline(p, color=COLORS["data"], linewidth=1, label=f"true p = {p:g}")
    for name, (bias2_at_p, variance_at_p) in parts.items():
        left.plot(p, bias2_at_p + variance_at_p, color=COLORS[_ROLES[name]],
                  marker=STYLES[_ROLES[name]]["marker"], markersize=10, markeredgecolor="black")
    left.legend(loc="lower center", fontsize=9)
    left.set_title(f"risk curves, n = {n}, prior Beta({alpha:g}, {alpha:g})")
    names = list(parts)
    bias2 = np.array([parts[name][0] for name in names])
    variance = np.array([parts[name][1] for name in names])
    colours = [COLORS[_ROLES[name]] for name in names]
    right.bar(names, variance, color=colours, edgecolor="black", label="variance")
    right.bar(names, bias2, bottom=variance, color="white", edgecolor=colours, hatch="///",
              label="bias² (hatched)")
    right.set(ylabel="risk = variance + bias²", title=f"at the true p = {p:g}")
    right.legend(fontsize=9)
    return fig


# ------------------------------------------------------------- 08 KL divergence and cross-entropy


def cross_entropy_split(p_grid, cross, entropy: float, kl, *, p: float, kl_at_p: float,
                        p_hat: float):
    """What the 08 explorer shows: cross-entropy = entropy + KL over p, and the split at ``p``.

    ``cross`` and ``kl`` are curves on ``p_grid``; ``kl_at_p`` is the KL at the marked ``p``
    and ``p_hat`` the MLE, where the KL is 0.
    """
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.2), width_ratios=(3, 1),
                                      layout="constrained")
    left.plot(p_grid, cross, color=COLORS["model"], label="cross-entropy H(p̃, p) = NLL / n")
    left.axhline(entropy, color=COLORS["data"], linestyle="--", linewidth=1.5,
                 label=f"entropy H(p̃) = {entropy:.6f}")
    left.fill_between(p_grid, entropy, cross, color=COLORS["likelihood"], alpha=0.3,
                      label="the gap: KL(p̃ ‖ p)")
    left.plot(p_grid, kl, color=COLORS["mle"], linestyle="-.", label="KL(p̃ ‖ p)")
    left.axvline(p_hat, color=COLORS["mle"], linewidth=1, linestyle=":",
                 label=f"MLE p = {p_hat:g}: KL = 0")
    left.axvline(p, color=COLORS["data"], linewidth=1, label=f"p = {p:g}")
    left.set(xlim=(p_grid[0], p_grid[-1]), ylim=(0, 1.7), xlabel="model's P(heads) p",
             ylabel="nats per toss", title="cross-entropy = entropy + KL")
    left.legend(fontsize=9, loc="upper center", ncol=2)
    right.bar(["at p"], [entropy], color=COLORS["data"], alpha=0.5, label="entropy")
    right.bar(["at p"], [kl_at_p], bottom=[entropy], color=COLORS["mle"], hatch="///", label="KL")
    right.set(ylim=(0, 1.7), ylabel="nats per toss",
              title=f"p = {p:g}: cross-entropy {entropy + kl_at_p:.4f}")
    right.legend(fontsize=9)
    return fig


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


# ------------------------------------------------------------- 10 gradient descent
