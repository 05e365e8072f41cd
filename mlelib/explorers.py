r"""The course's slider explorers, one function per notebook figure that moves.

Each function builds its figure once, computes with the pure functions of
:mod:`mlelib.likelihoods`, :mod:`mlelib.estimators` and :mod:`mlelib.conjugate`, and hands
two functions of the slider values to :class:`mlelib.sliders.Explorer`: ``readout``, pure,
returns ``{quantity: formatted value}`` and touches no artist and no state it shares with
``update`` (the explorer also calls it for slider values other than the current ones), and
``update`` moves the artists for the values and returns nothing.  Readout quantities are
named in words and formatted with fixed precision, ``name = value``, so that a learner,
nbval and the browser test all read the same numbers.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.ticker import MaxNLocator

from .datasets import LineData
from .estimators import least_squares_line
from .likelihoods import line_loglik, line_loglik_grid, line_logpdf, line_nll, line_nll_grad
from .plotting import COLORS, course_style, new_figure
from .sliders import Explorer, float_slider, format_fixed, int_slider, log_slider

__all__ = ["beta_bernoulli_explorer", "heights_explorer", "line_likelihood_explorer",
           "map_prior_scale_explorer", "nll_profile_explorer", "parameter_prior_explorer",
           "proportion_explorer"]


# ---------------------------------------------------------------- 01 parameter space

def parameter_prior_explorer(*, centre_a: float = 1.0, centre_b: float = 0.0,
                             spread: float = 0.5, n: int = 10, seed: int = 0, max_n: int = 50
                             ) -> Explorer:
    r"""Sliders for a Gaussian prior over the parameters ``(a, b)`` of the line ``y = ax + b``.

    The prior is :math:`(a, b) \sim \mathcal N(\text{centre}, \text{spread}^2 I)`.  Left:
    parameter space with the drawn points, the centre (cross) and the circle of radius
    ``2 * spread`` (it holds :math:`1 - e^{-2} \approx 86\,\%` of the prior).  Right: the
    line of every drawn point over ``x`` in [-10, 10] and the centre's line (dashed), so the
    lines fan out as the spread grows and pull together as it shrinks.  Readout: sample
    mean and sample standard deviation (divisor ``n - 1``) of ``a`` and of ``b``.

    The random stream: one standard-normal sample
    ``z = np.random.RandomState(seed).standard_normal((max_n, 2))`` is drawn when the
    explorer is built, and the sliders show ``centre + spread * z[:n]``.  The legacy
    generator computes ``normal(loc, scale)`` as ``loc + scale * <next standard normal>``,
    so these are exactly the points of
    ``datasets.sample_parameters(n, seed=seed, centre=centre, spread=spread)``, i.e. of
    ``np.random.seed(seed); np.random.normal(centre, spread, (n, 2))``.  Drawing once keeps
    the picture stable (the same slider values always give the same points, and moving
    the centre or the spread slides the same points instead of drawing new ones) and
    makes an update a multiply and an add.  A single line collection holds the lines;
    its segments are replaced on every update, so no artist is ever created.
    """
    from matplotlib.patches import Circle

    z = np.random.RandomState(seed).standard_normal((max_n, 2))
    lim = 10.0
    xs = np.array([-lim, lim])

    with course_style():
        fig, (ax_par, ax_lines) = new_figure(1, 2, figsize=(10.0, 4.9))
        circle = Circle((centre_a, centre_b), 2.0 * spread, fill=False, linestyle="--",
                        linewidth=1.5, edgecolor=COLORS["prior"],
                        label="circle of radius 2·spread (86 % of the prior)")
        ax_par.add_patch(circle)
        (centre,) = ax_par.plot([centre_a], [centre_b], marker="X", markersize=12,
                                linestyle="none", color=COLORS["prior"], markeredgecolor="black",
                                label="prior centre")
        (points,) = ax_par.plot([], [], marker="o", markersize=6, linestyle="none",
                                color=COLORS["model"], alpha=0.8, label="drawn points (a, b)")
        ax_par.set(xlim=(-lim, lim), ylim=(-lim, lim), aspect="equal", xlabel="slope a",
                   ylabel="intercept b", title="parameter space: one point per line")

        lines = LineCollection([], colors=COLORS["model"], linewidths=1.2, alpha=0.6,
                               label="line of a drawn point")
        ax_lines.add_collection(lines)
        (centre_line,) = ax_lines.plot(xs, centre_a * xs + centre_b, color=COLORS["prior"],
                                       linestyle="--", linewidth=2.5,
                                       label="line of the prior centre")
        ax_lines.set(xlim=(-lim, lim), ylim=(-lim, lim), xlabel="x", ylabel="y = a x + b",
                     title="the same points as lines")
        fig.legend(handles=[points, centre, circle, lines, centre_line],
                   loc="outside lower center", ncols=3, fontsize=9)

    def drawn(centre_a: float, centre_b: float, spread: float, n: int):
        """The ``n`` points ``(a, b)`` for these slider values, as two arrays."""
        theta = np.array([centre_a, centre_b]) + spread * z[:n]
        return theta[:, 0], theta[:, 1]

    def readout(centre_a: float, centre_b: float, spread: float, n: int) -> dict[str, str]:
        a, b = drawn(centre_a, centre_b, spread, n)
        return {
            "sample mean of a": f"{a.mean():.3f}",
            "sample mean of b": f"{b.mean():.3f}",
            "sample std of a": f"{a.std(ddof=1):.3f}",
            "sample std of b": f"{b.std(ddof=1):.3f}",
        }

    def update(centre_a: float, centre_b: float, spread: float, n: int) -> None:
        a, b = drawn(centre_a, centre_b, spread, n)
        points.set_data(a, b)
        centre.set_data([centre_a], [centre_b])
        circle.set_center((centre_a, centre_b))
        circle.set_radius(2.0 * spread)
        ends = a[:, None] * xs + b[:, None]  # y at x = -10 and x = +10, one row per line
        lines.set_segments(np.stack([np.broadcast_to(xs, ends.shape), ends], axis=-1))
        centre_line.set_ydata(centre_a * xs + centre_b)

    sliders = {
        "centre_a": float_slider("centre of a (slope)", min=-5.0, max=5.0, step=0.1,
                                 value=centre_a),
        "centre_b": float_slider("centre of b (intercept)", min=-5.0, max=5.0, step=0.1,
                                 value=centre_b),
        "spread": float_slider("spread (std)", min=0.05, max=3.0, step=0.05, value=spread),
        "n": int_slider("sample count n", min=2, max=max_n, value=n),
    }
    return Explorer(fig, sliders, readout=readout, update=update,
                    animated=[circle, centre, points, lines, centre_line],
                    title="Prior over parameter space")


# ---------------------------------------------------------------- 02 likelihood of a line

def line_likelihood_explorer(data: LineData, *, sigma: float = 0.1, a: float = 1.0,
                             b: float = 1.0, a_range=(-1.0, 3.0), b_range=(-1.0, 3.0)
                             ) -> Explorer:
    r"""Sliders for slope ``a``, intercept ``b`` and noise ``sigma`` of :math:`y = ax + b + \varepsilon`.

    Left: the data, the line, each residual and each point's likelihood
    :math:`\mathcal N(y_i; a x_i + b, \sigma^2)`.  Right: the log-likelihood surface over
    ``(a, b)`` with the MLE (star) and the sliders' point (circle).  Readout: the total
    log-likelihood, the likelihood (the product, which underflows) and the NLL.
    """
    x, y = np.asarray(data.x, float), np.asarray(data.y, float)
    mle = least_squares_line(x, y)
    a_grid = np.linspace(*a_range, 201)
    b_grid = np.linspace(*b_range, 201)
    state = {"sigma": None}

    with course_style():
        fig, (ax_data, ax_surf) = new_figure(1, 2, figsize=(10.0, 4.2))
        ax_data.scatter(x, y, color=COLORS["data"], zorder=3, label="data $(x_i, y_i)$")
        xs = np.array([x.min() - 0.5, x.max() + 0.5])
        (line,) = ax_data.plot(xs, a * xs + b, color=COLORS["model"], label="model $y = ax + b$")
        residuals = LineCollection([], colors=COLORS["marker"], linestyles=":", linewidths=1.5,
                                   label="residual")
        ax_data.add_collection(residuals)
        labels = [ax_data.annotate("", (xi, yi), xytext=(0, 10), textcoords="offset points",
                                   ha="center", fontsize=9,
                                   bbox={"boxstyle": "round,pad=0.2", "fc": "white",
                                         "ec": "0.7", "alpha": 0.9})
                  for xi, yi in zip(x, y)]
        ax_data.set(xlim=(x.min() - 0.6, x.max() + 0.6), ylim=(y.min() - 2.0, y.max() + 2.0),
                    xlabel="x", ylabel="y", title="data, line and per-point likelihood")
        ax_data.legend(loc="upper left")

        # above the (hidden) grid, so that repainting it for a new sigma redraws no tick
        surf = ax_surf.imshow(np.zeros((b_grid.size, a_grid.size)), origin="lower",
                              extent=(*a_range, *b_range), aspect="auto", cmap="viridis",
                              vmin=-100.0, vmax=0.0, zorder=0.6)
        ax_surf.grid(False)
        fig.colorbar(surf, ax=ax_surf, extend="min",
                     label=r"$\ell(a, b) - \max\,\ell$")
        ax_surf.plot([mle.slope], [mle.intercept], marker="*", markersize=16, linestyle="none",
                     color=COLORS["mle"], markeredgecolor="white", label="maximum (MLE)")
        (marker,) = ax_surf.plot([a], [b], marker="o", markersize=10, linestyle="none",
                                 markerfacecolor="none", markeredgewidth=2.5, color="white",
                                 label="your $(a, b)$")
        ax_surf.set(xlabel="slope a", ylabel="intercept b",
                    title=r"log-likelihood over $(a, b)$")
        ax_surf.legend(loc="upper right", fontsize=9, framealpha=0.8)

    def readout(a: float, b: float, sigma: float) -> dict[str, str]:
        dens = np.exp(line_logpdf(x, y, a, b, sigma))
        ll_total = line_loglik(x, y, a, b, sigma)
        return {
            "log-likelihood": f"{ll_total:.3f}",
            "likelihood": f"{np.prod(dens):.4e}",
            "NLL": f"{-ll_total:.3f}",
        }

    def update(a: float, b: float, sigma: float) -> None:
        if sigma != state["sigma"]:
            # sigma rescales the whole surface: it is repainted into the cached background
            ll = line_loglik_grid(x, y, a_grid, b_grid, sigma).T
            surf.set_data(ll - ll.max())
            state["sigma"] = sigma
        line.set_ydata(a * xs + b)
        residuals.set_segments([[(xi, yi), (xi, a * xi + b)] for xi, yi in zip(x, y)])
        dens = np.exp(line_logpdf(x, y, a, b, sigma))
        for text, d in zip(labels, dens):
            text.set_text(f"{d:.3e}")
        marker.set_data([a], [b])

    sliders = {
        "a": float_slider("slope a", min=a_range[0], max=a_range[1], step=0.05, value=a),
        "b": float_slider("intercept b", min=b_range[0], max=b_range[1], step=0.05, value=b),
        "sigma": float_slider("noise σ", min=0.05, max=2.0, step=0.05, value=sigma),
    }
    return Explorer(fig, sliders, readout=readout, update=update,
                    animated=[line, residuals, marker, *labels],
                    title="Likelihood of a line", layered=[surf])


# ---------------------------------------------------------------- 03 closed-form MLE

def nll_profile_explorer(data: LineData, *, sigma: float = 0.5, a: float = 1.0, b: float = 1.0,
                         a_range=(-0.25, 2.0), b_range=(0.2, 2.4)) -> Explorer:
    r"""Sliders for slope ``a``, intercept ``b`` and noise ``sigma``: the NLL and its gradient.

    Left: the data, the least-squares line (the MLE, dashed), the sliders' line and its
    residuals.  Middle: the NLL along ``a`` with ``b`` held at the slider's value; right:
    the NLL along ``b`` with ``a`` held.  On each curve a dot marks the sliders' point and
    a short segment its tangent, whose slope is the partial derivative
    :math:`\partial\,\mathrm{NLL}/\partial a` (or :math:`/\partial b`) from
    :func:`mlelib.likelihoods.line_nll_grad`; at the MLE both tangents are flat.  Readout:
    the NLL, the NLL at the MLE, their difference and the two partial derivatives.

    The profile curves move with the other slider, so their y-range is fixed: the NLL is a
    convex quadratic in ``(a, b)``, hence its largest value over the sliders' box is at a
    corner and its smallest at the MLE.  Only ``sigma`` rescales the NLL: moving it
    recomputes that range and the level of the NLL at the MLE, and only the y-axes of the
    two profile panels (ticks, labels, grid lines) and the two floor lines are redrawn
    (they are layered: everything else, x-axes and titles included, stays cached);
    ``a`` and ``b`` only blit.
    """
    x, y = np.asarray(data.x, float), np.asarray(data.y, float)
    mle = least_squares_line(x, y)
    a_grid = np.linspace(*a_range, 161)
    b_grid = np.linspace(*b_range, 161)
    corners_a = np.array([a_range[0], a_range[0], a_range[1], a_range[1]])
    corners_b = np.array([b_range[0], b_range[1], b_range[0], b_range[1]])
    half = 0.3  # half-width of the tangent segments, in units of a or b
    state = {"sigma": None}  # the sigma the profile axes' y-range and floor were set for

    with course_style():
        fig, (ax_data, ax_a, ax_b) = new_figure(1, 3, figsize=(12.5, 4.5))
        xs = np.array([x.min() - 0.5, x.max() + 0.5])
        dots = ax_data.scatter(x, y, color=COLORS["data"], s=22, zorder=3, label="data")
        (mle_line,) = ax_data.plot(xs, mle.slope * xs + mle.intercept, color=COLORS["mle"],
                                   linestyle="--", label="MLE line / MLE value")
        residuals = LineCollection([], colors=COLORS["marker"], linestyles=":", linewidths=1.2)
        ax_data.add_collection(residuals)
        (line,) = ax_data.plot(xs, a * xs + b, color=COLORS["model"], label="your line")
        ax_data.set(xlim=tuple(xs), ylim=(y.min() - 2.0, y.max() + 2.0), xlabel="x",
                    ylabel="y", title="data, your line and the MLE line")

        profiles = {}
        for ax, grid, name, best in ((ax_a, a_grid, "a", mle.slope),
                                     (ax_b, b_grid, "b", mle.intercept)):
            other = "b" if name == "a" else "a"
            ax.axvline(best, color=COLORS["mle"], linestyle="--", linewidth=1.2)
            ax.text(best, 0.98, f" MLE {name} = {best:.4f}", transform=ax.get_xaxis_transform(),
                    ha="left", va="top", fontsize=9, color=COLORS["mle"])
            floor = ax.axhline(0.0, color="0.45", linestyle=":", linewidth=1.2,
                               label="NLL at the MLE")
            (curve,) = ax.plot(grid, np.zeros_like(grid), color=COLORS["likelihood"],
                               linewidth=2.5,
                               label="NLL along one parameter, the other held at its slider")
            (tangent,) = ax.plot([], [], color=COLORS["posterior_mean"], linewidth=2.5,
                                 linestyle="-.", label="tangent (its slope is the derivative)")
            (dot,) = ax.plot([], [], marker="o", markersize=8, linestyle="none",
                             color=COLORS["posterior_mean"], markeredgecolor="black",
                             label="your (a, b)")
            full = "slope" if name == "a" else "intercept"
            ax.set(xlim=(grid[0], grid[-1]), xlabel=f"{full} {name}", ylabel="NLL",
                   title=f"NLL along {name}, with {other} fixed")
            # about four NLL ticks: the y-axis is redrawn for every sigma, and each tick
            # label costs ~3 ms to draw (seven made a sigma step 45 % slower)
            ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
            profiles[name] = (curve, tangent, dot, floor)
        fig.legend(handles=[dots, line, mle_line, curve, floor, tangent, dot],
                   loc="outside lower center", ncols=4, fontsize=9)

    def readout(a: float, b: float, sigma: float) -> dict[str, str]:
        nll = float(line_nll(x, y, a, b, sigma))
        nll_min = float(line_nll(x, y, mle.slope, mle.intercept, sigma))
        grad_a, grad_b = line_nll_grad(x, y, a, b, sigma)
        return {
            "NLL": f"{nll:.3f}",
            "NLL at the MLE": f"{nll_min:.3f}",
            "NLL − NLL at the MLE": f"{nll - nll_min:.3f}",
            "dNLL/da": format_fixed(grad_a, 3),
            "dNLL/db": format_fixed(grad_b, 3),
        }

    def update(a: float, b: float, sigma: float) -> None:
        if sigma != state["sigma"]:
            # sigma rescales the NLL: a new y-range and a new floor; the profile panels'
            # y-axes and floor lines are layered, so only they are redrawn
            nll_min = float(line_nll(x, y, mle.slope, mle.intercept, sigma))
            top = float(np.max(line_nll(x, y, corners_a, corners_b, sigma)))
            pad = 0.06 * (top - nll_min)
            for ax, name in ((ax_a, "a"), (ax_b, "b")):
                ax.set_ylim(nll_min - pad, top + pad)
                profiles[name][3].set_ydata([nll_min, nll_min])
            state["sigma"] = sigma
        nll = float(line_nll(x, y, a, b, sigma))
        grad_a, grad_b = line_nll_grad(x, y, a, b, sigma)
        line.set_ydata(a * xs + b)
        residuals.set_segments([[(xi, yi), (xi, a * xi + b)] for xi, yi in zip(x, y)])
        for name, grid, at, slope in (("a", a_grid, a, grad_a), ("b", b_grid, b, grad_b)):
            curve, tangent, dot, _ = profiles[name]
            curve.set_ydata(line_nll(x, y, grid, b, sigma) if name == "a"
                            else line_nll(x, y, a, grid, sigma))
            tangent.set_data([at - half, at + half], [nll - slope * half, nll + slope * half])
            dot.set_data([at], [nll])

    sliders = {
        "a": float_slider("slope a", min=a_range[0], max=a_range[1], step=0.01, value=a),
        "b": float_slider("intercept b", min=b_range[0], max=b_range[1], step=0.01, value=b),
        "sigma": float_slider("noise σ", min=0.1, max=1.0, step=0.05, value=sigma),
    }
    animated = [line, residuals]
    for curve, tangent, dot, _ in profiles.values():
        animated += [curve, tangent, dot]
    return Explorer(fig, sliders, readout=readout, update=update, animated=animated,
                    title="NLL and its gradient",
                    layered=[ax_a.yaxis, profiles["a"][3], ax_b.yaxis, profiles["b"][3]])


# ---------------------------------------------------------------- 04 MLE against MAP

def map_prior_scale_explorer(data: LineData, *, sigma: float = 0.1, tau: float = 0.04,
                             n_outliers: int = 0, true_line=(1.0, 1.0),
                             tau_exp_range=(-3.0, 1.0), step: float = 0.05,
                             penalize_intercept: bool = True) -> Explorer:
    r"""A log-scale slider for the scale :math:`\tau` of the prior :math:`\mathcal N(0,\tau^2 I)`.

    The MAP line is ridge regression with :math:`\lambda = \sigma^2/\tau^2`: a large
    :math:`\tau` (weak prior) gives the MLE, a small one pulls the line to ``y = 0``.
    Left: the data (the last ``n_outliers`` points drawn as outliers), the true line, the
    MLE line and the moving MAP line.  Right: over :math:`\tau` (log axes) the NLL of the
    MAP line, the negative log prior and their sum, with markers at the slider's
    :math:`\tau`.

    The *negative log prior* shown is the penalty
    :math:`\lVert\theta\rVert^2/(2\tau^2)` (only :math:`a^2/(2\tau^2)` with
    ``penalize_intercept=False``, a flat prior on ``b``).  Its normalising constant
    :math:`\log(2\pi\tau^2)` is left out on purpose: it does not depend on
    :math:`\theta`, so it never moves the MAP, but it does change with the slider and
    would shift the curve without the line moving.  The NLL keeps its constant
    :math:`\frac n2\log(2\pi\sigma^2)` (fixed, since :math:`\sigma` is).

    The slider's exponent grid is shifted so that the starting ``tau`` is a grid point
    (the range stays within half a step of ``10**tau_exp_range``).  Readout: ``λ (σ²/τ²)``,
    ``MAP slope``, ``MAP intercept``, ``NLL``, ``negative log prior`` and
    ``NLL + negative log prior``.
    """
    from .estimators import ridge_lambda, ridge_map
    from .likelihoods import line_nll
    from .plotting import STYLES

    x, y = np.asarray(data.x, float), np.asarray(data.y, float)
    n_clean = x.size - int(n_outliers)
    mle = least_squares_line(x, y)
    start = np.log10(tau)
    lo = start - round((start - tau_exp_range[0]) / step) * step
    hi = start + round((tau_exp_range[1] - start) / step) * step

    def fit_terms(t: float):
        fit = ridge_map(x, y, sigma=sigma, tau=t, penalize_intercept=penalize_intercept)
        nll = float(line_nll(x, y, fit.slope, fit.intercept, sigma))
        b_pen = fit.intercept ** 2 if penalize_intercept else 0.0
        penalty = (fit.slope ** 2 + b_pen) / (2.0 * t * t)
        return fit, nll, penalty

    tau_grid = np.logspace(lo, hi, 241)
    curves = np.array([fit_terms(t)[1:] for t in tau_grid])

    with course_style():
        fig, (ax_data, ax_terms) = new_figure(1, 2, figsize=(11.0, 4.4))
        ax_data.scatter(x[:n_clean], y[:n_clean], color=COLORS["data"], marker="o", zorder=3,
                        label="data")
        if n_clean < x.size:
            ax_data.scatter(x[n_clean:], y[n_clean:], color=COLORS["outlier"], marker="X",
                            s=90, zorder=3, label="outliers")
        xs = np.array([x.min() - 0.3, x.max() + 0.3])
        ax_data.plot(xs, true_line[0] * xs + true_line[1], color=COLORS["data"], linestyle=":",
                     linewidth=1.5, label=f"true line y = {true_line[0]:g}x + {true_line[1]:g}")
        ax_data.plot(xs, mle.slope * xs + mle.intercept, color=COLORS["mle"],
                     linestyle=STYLES["mle"]["linestyle"], label="MLE (least squares)")
        (map_line,) = ax_data.plot(xs, 0 * xs, color=COLORS["map"],
                                   linestyle=STYLES["map"]["linestyle"], linewidth=2.5,
                                   zorder=2.2, label=r"MAP (ridge), slider's $\tau$")
        ax_data.set(xlim=tuple(xs), ylim=(min(y.min(), 0.0) - 1.0, y.max() + 1.0),
                    xlabel="x", ylabel="y", title=r"MAP line for the prior scale $\tau$")
        ax_data.legend(loc="upper left", fontsize=9)

        styles = [("NLL of the MAP line", COLORS["likelihood"], "-.", "o"),
                  (r"negative log prior $\|\theta\|^2/2\tau^2$", COLORS["prior"], "--", "s"),
                  ("NLL + negative log prior", COLORS["posterior"], "-", "D")]
        markers = []
        series = (curves[:, 0], curves[:, 1], curves.sum(axis=1))
        for values, (label, color, ls, mk) in zip(series, styles):
            ax_terms.plot(tau_grid, values, color=color, linestyle=ls, label=label)
            (dot,) = ax_terms.plot([tau], [1.0], color=color, marker=mk, markersize=9,
                                   markeredgecolor="black", linestyle="none", zorder=4)
            markers.append(dot)
        ax_terms.axhline(float(line_nll(x, y, mle.slope, mle.intercept, sigma)),
                         color=COLORS["mle"], linestyle=":", linewidth=1.2,
                         label="NLL of the MLE")
        top = 1.1 * curves.sum(axis=1).max()
        # moving artists sit above the static curves, so a blit paints what a full draw does
        (tau_line,) = ax_terms.plot([tau, tau], [0.0, top], color="0.3", linewidth=1.0,
                                    zorder=3)
        ax_terms.set(xscale="log", xlim=(tau_grid[0] / 1.25, tau_grid[-1] * 1.25),
                     ylim=(-0.02 * top, top), xlabel=r"prior scale $\tau$ (log scale)",
                     ylabel="value (nats)", title=r"what MAP minimises, term by term")
        ax_terms.legend(loc="upper right", fontsize=9)

    def readout(tau: float) -> dict[str, str]:
        fit, nll, penalty = fit_terms(tau)
        return {
            "λ (σ²/τ²)": f"{ridge_lambda(sigma, tau):.4e}",
            "MAP slope": f"{fit.slope:.4f}",
            "MAP intercept": f"{fit.intercept:.4f}",
            "NLL": f"{nll:.4e}",
            "negative log prior": f"{penalty:.4e}",
            "NLL + negative log prior": f"{nll + penalty:.4e}",
        }

    def update(tau: float) -> None:
        fit, nll, penalty = fit_terms(tau)
        map_line.set_ydata(fit.slope * xs + fit.intercept)
        for dot, value in zip(markers, (nll, penalty, nll + penalty)):
            dot.set_data([tau], [value])
        tau_line.set_xdata([tau, tau])

    sliders = {"tau": log_slider("prior scale τ", min_exp=lo, max_exp=hi, value=tau, step=step)}
    return Explorer(fig, sliders, readout=readout, update=update,
                    animated=[map_line, tau_line, *markers], title="MAP against the prior scale")


# ---------------------------------------------------------------- 05 NLL: heights, coin, OS

def heights_explorer(heights, *, mu: float = 168.0, sigma: float = 5.0,
                     mu_range=(155.0, 182.0), sigma_range=(2.0, 12.0)) -> Explorer:
    r"""Sliders for the mean :math:`\mu` and standard deviation :math:`\sigma` of heights.

    Left: the density :math:`\mathcal N(h; \mu, \sigma^2)` over height, each pupil's
    height on the axis and a stem up to its density :math:`\mathcal N(h_i; \mu, \sigma^2)`,
    the factors of the likelihood.  Right: the log-likelihood as a function of
    :math:`\mu` for the slider's :math:`\sigma`, the sample mean (the MLE of
    :math:`\mu`) and a marker at the slider's :math:`\mu`.  Readout: ``log-likelihood``
    (.4f), ``likelihood`` (its exponential, .4e) and ``NLL`` (.4f).
    """
    from .likelihoods import gaussian_loglik, gaussian_logpdf

    h = np.asarray(heights, dtype=float)
    h_grid = np.linspace(mu_range[0] - 2.0 * sigma_range[1] / 3.0,
                         mu_range[1] + 2.0 * sigma_range[1] / 3.0, 401)
    mu_grid = np.linspace(*mu_range, 271)
    peak = 1.0 / np.sqrt(2.0 * np.pi * sigma_range[0] ** 2)

    with course_style():
        fig, (ax_dens, ax_ll) = new_figure(1, 2, figsize=(11.0, 4.4))
        (curve,) = ax_dens.plot(h_grid, 0 * h_grid, color=COLORS["model"], zorder=2.1,
                                label=r"density $\mathcal{N}(h; \mu, \sigma^2)$")
        # moving artists (zorder 2.1-2.3) above the static ones (<= 2) and below the spines
        # (2.5): a blitted frame then stacks exactly like a full draw
        stems = LineCollection([], colors=COLORS["likelihood"], linewidths=1.5, zorder=2.1)
        ax_dens.add_collection(stems)
        (tops,) = ax_dens.plot(h, 0 * h, color=COLORS["marker"], marker="o", linestyle="none",
                               markeredgecolor="black", zorder=2.3,
                               label=r"pupil $i$: $\mathcal{N}(h_i; \mu, \sigma^2)$")
        ax_dens.plot(h, np.zeros_like(h), color=COLORS["data"], marker="|", markersize=14,
                     linestyle="none", clip_on=False, zorder=1.9, label="heights $h_i$")
        (mu_line,) = ax_dens.plot([mu, mu], [0.0, 1.15 * peak], color=COLORS["model"],
                                  linestyle=":", linewidth=1.2, zorder=2.1, label=r"mean $\mu$")
        ax_dens.set(xlim=(h_grid[0], h_grid[-1]), ylim=(0.0, 1.15 * peak),
                    xlabel="height h (cm)", ylabel="density (1/cm)",
                    title="model density and each pupil's likelihood factor")
        ax_dens.legend(loc="upper left", fontsize=9)

        (ll_curve,) = ax_ll.plot(mu_grid, 0 * mu_grid, color=COLORS["likelihood"], zorder=2.2,
                                 label=r"log-likelihood $\ell(\mu)$ at the slider's $\sigma$")
        xbar = float(h.mean())
        ax_ll.axvline(xbar, color=COLORS["mle"], linestyle="--", linewidth=1.5,
                      label=rf"sample mean $\bar h$ = {xbar:.3f} (MLE)")
        (ll_dot,) = ax_ll.plot([mu], [0.0], color=COLORS["marker"], marker="o", markersize=9,
                               markeredgecolor="black", linestyle="none", zorder=3,
                               label=r"slider's $\mu$")
        ax_ll.set(xlim=mu_range, ylim=(-70.0, -15.0), xlabel=r"mean $\mu$ (cm)",
                  ylabel=r"log-likelihood $\ell(\mu, \sigma)$",
                  title=r"log-likelihood over $\mu$")
        ax_ll.legend(loc="lower center", fontsize=9)

    def readout(mu: float, sigma: float) -> dict[str, str]:
        ll = float(gaussian_loglik(h, mu, sigma))
        return {
            "log-likelihood": f"{ll:.4f}",
            "likelihood": f"{np.exp(ll):.4e}",
            "NLL": f"{-ll:.4f}",
        }

    def update(mu: float, sigma: float) -> None:
        curve.set_ydata(np.exp(gaussian_logpdf(h_grid, mu, sigma)))
        dens = np.exp(gaussian_logpdf(h, mu, sigma))
        stems.set_segments([[(hi, 0.0), (hi, di)] for hi, di in zip(h, dens)])
        tops.set_ydata(dens)
        mu_line.set_xdata([mu, mu])
        ll_curve.set_ydata(gaussian_loglik(h, mu_grid, sigma))
        ll_dot.set_data([mu], [float(gaussian_loglik(h, mu, sigma))])

    sliders = {
        "mu": float_slider("mean μ (cm)", min=mu_range[0], max=mu_range[1], step=0.1, value=mu,
                           readout_format=".1f"),
        "sigma": float_slider("std dev σ (cm)", min=sigma_range[0], max=sigma_range[1],
                              step=0.1, value=sigma, readout_format=".1f"),
    }
    return Explorer(fig, sliders, readout=readout, update=update,
                    animated=[curve, stems, tops, mu_line, ll_curve, ll_dot],
                    title="Heights: likelihood of a mean")


def proportion_explorer(k: int, n: int, *, p: float = 0.5, p_label: str = "probability p",
                        title: str | None = None, grid_size: int = 199) -> Explorer:
    r"""A slider for the success probability ``p`` given ``k`` successes in ``n`` trials.

    Used for the coin (56 heads in 100) and the phone operating systems (7 Android of 10).
    Three panels over ``p``: the likelihood, the log-likelihood and the NLL, each with a
    marker at the slider's ``p`` and the MLE ``k/n`` as a vertical line; the NLL panel
    also draws the tangent at ``p`` (slope ``dNLL/dp``), flat at the MLE.

    The likelihood here **includes** the binomial constant: it is the probability of the
    observed count, :math:`P(K = k\mid p) = \binom nk p^k(1-p)^{n-k}`, so the log-likelihood
    is ``binomial_logpmf`` and the NLL its negative.  The constant
    :math:`\log\binom nk` shifts the log-likelihood and the NLL up or down but changes
    neither the argmax nor the gradient :math:`-k/p + (n-k)/(1-p)`.  The ``p`` grid of
    the curves is interior (cell midpoints), so :math:`\log 0` never occurs.  The two log
    panels show 40 nats below the maximum; for ``p`` far from ``k/n`` (the coin at
    ``p < 0.3``) the marker leaves the panel and only the readout gives the value.  Readout:
    ``likelihood (binomial pmf)`` (.4e), ``log-likelihood``, ``NLL`` and ``dNLL/dp`` (.4f).
    """
    from .likelihoods import bernoulli_nll_grad, binomial_logpmf

    p_grid = (np.arange(grid_size) + 0.5) / grid_size
    log_lik = np.asarray(binomial_logpmf(k, n, p_grid))
    p_hat = k / n
    half = 0.12  # half-width of the tangent segment, in p
    window = 40.0  # nats shown below the maximum of the log-likelihood

    with course_style():
        fig, axes = new_figure(1, 3, figsize=(12.0, 4.0))
        top = float(log_lik.max())
        panels = [(np.exp(log_lik), (-0.05 * np.exp(top), 1.15 * np.exp(top)),
                   "likelihood = binomial pmf", r"$\binom{n}{k}\,p^k(1-p)^{n-k}$"),
                  (log_lik, (top - window, top + 0.1 * window),
                   "log-likelihood", r"$\ell(p)$ (nats)"),
                  (-log_lik, (-top - 0.1 * window, -top + window),
                   "NLL = $-$log-likelihood", r"$-\ell(p)$ (nats)")]
        dots = []
        for ax, (values, ylim, name, ylabel) in zip(axes, panels):
            ax.plot(p_grid, values, color=COLORS["likelihood"], label=name)
            mle_line = ax.axvline(p_hat, color=COLORS["mle"], linestyle="--", linewidth=1.5,
                                  label=f"MLE k/n = {p_hat:.2f}")
            (dot,) = ax.plot([p], [values[0]], color=COLORS["marker"], marker="o",
                             markersize=9, markeredgecolor="black", linestyle="none",
                             label="slider's p")
            dots.append(dot)
            ax.set(xlim=(0.0, 1.0), ylim=ylim, xlabel=p_label, ylabel=ylabel, title=name)
        (tangent,) = axes[2].plot([p - half, p + half], [0.0, 0.0], color=COLORS["model"],
                                  linestyle="-.", linewidth=2.0, label="tangent, slope dNLL/dp")
        fig.legend(handles=[mle_line, dots[0], tangent], loc="outside lower center", ncol=3,
                   fontsize=9)
        fig.suptitle(title or f"{k} successes in {n} trials")

    def readout(p: float) -> dict[str, str]:
        ll = float(binomial_logpmf(k, n, p))
        grad = float(bernoulli_nll_grad(k, n, p))
        return {
            "likelihood (binomial pmf)": f"{np.exp(ll):.4e}",
            "log-likelihood": f"{ll:.4f}",
            "NLL": f"{-ll:.4f}",
            "dNLL/dp": format_fixed(grad, 4),
        }

    def update(p: float) -> None:
        ll = float(binomial_logpmf(k, n, p))
        grad = float(bernoulli_nll_grad(k, n, p))
        for dot, value in zip(dots, (np.exp(ll), ll, -ll)):
            dot.set_data([p], [value])
        tangent.set_data([p - half, p + half], [-ll - grad * half, -ll + grad * half])

    sliders = {"p": float_slider(p_label, min=0.01, max=0.99, step=0.01, value=p)}
    return Explorer(fig, sliders, readout=readout, update=update, animated=[*dots, tangent],
                    title=title or f"{k} of {n}")


# ---------------------------------------------------------------- 06 conjugate priors

def beta_bernoulli_explorer(*, alpha: float = 2.0, beta: float = 2.0, n: int = 100,
                            k: int = 56, n_max: int = 500, grid_size: int = 1001) -> Explorer:
    r"""Sliders for a :math:`\mathrm{Beta}(\alpha, \beta)` prior and ``k`` successes in ``n`` trials.

    One axes over :math:`p \in (0, 1)`: the prior, the likelihood :math:`p^k(1-p)^{n-k}` and
    the posterior :math:`\mathrm{Beta}(\alpha + k, \beta + n - k)`, each scaled to peak 1
    (its log is shifted by its maximum on the grid before exponentiating) so the axes never
    change however tall the densities get.  Vertical lines mark the MLE :math:`k/n`, the
    MAP (posterior mode) and the posterior mean.

    The ``k`` slider runs over ``0..n_max`` whatever ``n`` is; when it is above ``n`` the
    explorer uses ``min(k, n)`` successes and says so, in the readout and in the figure.
    (Shrinking the ``k`` slider's range from an observer on ``n`` would move ``k`` as a
    side effect and render every such change twice.)  Readout: the data used, the
    posterior, MLE, MAP, posterior mean and sd; the MLE is undefined for ``n = 0`` and the
    MAP unless both posterior parameters exceed 1.
    """
    from .conjugate import beta_bernoulli_posterior, beta_logpdf
    from .estimators import proportion_mle
    from .likelihoods import bernoulli_loglik
    from .plotting import STYLES

    # interior grid (cell midpoints): log densities are finite except where the maths says
    p = (np.arange(grid_size) + 0.5) / grid_size
    tops = {"mle": 1.24, "map": 1.17, "posterior_mean": 1.10}

    def scaled(log_density) -> np.ndarray:
        log_density = np.asarray(log_density, dtype=float)
        return np.exp(log_density - log_density.max())

    with course_style():
        fig, ax = new_figure(1, 1, figsize=(9.5, 4.2))
        curves = {}
        for role, label in [("prior", r"prior Beta$(\alpha, \beta)$"),
                            ("likelihood", r"likelihood $p^k(1-p)^{n-k}$"),
                            ("posterior", r"posterior Beta$(\alpha+k, \beta+n-k)$")]:
            (curves[role],) = ax.plot(p, np.zeros_like(p), color=COLORS[role],
                                      linestyle=STYLES[role]["linestyle"], label=label)
        vlines = {}
        for role, label in [("mle", "MLE $k/n$"), ("map", "MAP (posterior mode)"),
                            ("posterior_mean", "posterior mean")]:
            (vlines[role],) = ax.plot([0.5, 0.5], [0.0, tops[role]], color=COLORS[role],
                                      linestyle=STYLES[role]["linestyle"],
                                      marker=STYLES[role]["marker"], markevery=[1],
                                      linewidth=1.8, clip_on=False, label=label)
        data_text = ax.text(1.03, 0.05, "", transform=ax.transAxes, ha="left", va="bottom",
                            fontsize=10)
        ax.set(xlim=(0.0, 1.0), ylim=(0.0, 1.32), xlabel="success probability p",
               ylabel="density, each scaled to peak 1",
               title="prior × likelihood ∝ posterior, with the three estimates")
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)

    def fit(alpha: float, beta: float, n: int, k: int):
        """Trials, successes used (``k`` clamped to ``n``), posterior and estimates."""
        n = int(n)
        k_used = min(int(k), n)
        post = beta_bernoulli_posterior(alpha, beta, k_used, n)
        estimates = {"mle": proportion_mle(k_used, n) if n > 0 else None,
                     "map": post.mode, "posterior_mean": post.mean}
        return n, k_used, post, estimates

    def readout(alpha: float, beta: float, n: int, k: int) -> dict[str, str]:
        n, k_used, post, estimates = fit(alpha, beta, n, k)
        data = f"{k_used} successes in {n} trials"
        return {
            "data": data + (" (k slider above n, so k = n)" if int(k) > n else ""),
            "posterior": f"Beta({post.alpha:g}, {post.beta:g})",
            "MLE": (f"{estimates['mle']:.4f}" if n > 0 else "undefined (no trials, n = 0)"),
            "MAP": (f"{post.mode:.4f}" if post.mode is not None
                    else "undefined (a posterior parameter is 1 or less)"),
            "posterior mean": f"{post.mean:.4f}",
            "posterior sd": f"{np.sqrt(post.var):.4f}",
        }

    def update(alpha: float, beta: float, n: int, k: int) -> None:
        n, k_used, post, estimates = fit(alpha, beta, n, k)
        curves["prior"].set_ydata(scaled(beta_logpdf(p, alpha, beta)))
        curves["likelihood"].set_ydata(scaled(bernoulli_loglik(k_used, n, p)))
        curves["posterior"].set_ydata(scaled(beta_logpdf(p, post.alpha, post.beta)))
        for role, value in estimates.items():
            vlines[role].set_visible(value is not None)
            if value is not None:
                vlines[role].set_xdata([value, value])
        data_text.set_text(f"data: k = {k_used} of n = {n}"
                           + ("\n(k slider above n:\n k set to n)" if int(k) > n else ""))

    sliders = {
        "alpha": float_slider("prior α", min=0.5, max=30.0, step=0.5, value=alpha,
                              readout_format=".1f"),
        "beta": float_slider("prior β", min=0.5, max=30.0, step=0.5, value=beta,
                             readout_format=".1f"),
        "n": int_slider("trials n", min=0, max=n_max, value=n),
        "k": int_slider("successes k (≤ n)", min=0, max=n_max, value=k),
    }
    return Explorer(fig, sliders, readout=readout, update=update,
                    animated=[*curves.values(), *vlines.values(), data_text],
                    title="Beta prior and Bernoulli data")
