r"""Explorers of the line model :math:`y = ax + b + \varepsilon` (notebooks 02-04).

Each builder describes a figure: its panels (a helper per panel), the artists that move,
what each slider moves (``move``, and a :class:`~mlelib.engine.Layer` for what only
``sigma`` changes), and the readout.  How to write one: ``docs/writing-an-explorer.md``.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.ticker import MaxNLocator

from ..datasets import LineData
from ..engine import Explorer, Layer, Picture, float_slider, log_slider
from ..estimators import least_squares_line, ridge_lambda, ridge_map
from ..i18n import gettext as _
from ..i18n import gettext_noop as N_
from ..likelihoods import line_loglik, line_loglik_grid, line_logpdf, line_nll, line_nll_grad
from ..plotting import COLORS, STYLES, course_style, new_figure

__all__ = ["line_likelihood_explorer", "map_prior_scale_explorer", "nll_profile_explorer"]

# ---------------------------------------------------------------- 02 likelihood of a line

def line_likelihood_explorer(data: LineData, *, sigma: float = 0.1, a: float = 1.0,
                             b: float = 1.0, a_range=(-1.0, 3.0), b_range=(-1.0, 3.0)
                             ) -> Explorer:
    r"""Sliders for ``a``, ``b`` and noise ``sigma`` of :math:`y = ax + b + \varepsilon`.

    Left: the data, the line, each residual and each point's likelihood
    :math:`\mathcal N(y_i; a x_i + b, \sigma^2)`.  Right: the log-likelihood surface over
    ``(a, b)`` minus its maximum, with the MLE (star) and the sliders' point (circle); the
    surface is a layer that only ``sigma`` repaints.  Readout: the log-likelihood, the
    likelihood (the product, which underflows) and the NLL.
    """
    x, y = np.asarray(data.x, float), np.asarray(data.y, float)
    mle = least_squares_line(x, y)
    a_grid, b_grid = np.linspace(*a_range, 201), np.linspace(*b_range, 201)
    xs = np.array([x.min() - 0.5, x.max() + 0.5])
    with course_style():
        fig, (ax_data, ax_surf) = new_figure(1, 2, figsize=(10.0, 4.2))
        line, residuals, labels = _data_panel(ax_data, x, y, xs, a, b)
        surf, marker = _surface_panel(fig, ax_surf, (b_grid.size, a_grid.size), a_range,
                                      b_range, mle, a, b)

    def shade(sigma):  # the layer: sigma rescales the whole surface
        ll = line_loglik_grid(x, y, a_grid, b_grid, sigma).T
        surf.set_data(ll - ll.max())

    def densities(a, b, sigma):  # each point's likelihood: the labels, and their product
        return np.exp(line_logpdf(x, y, a, b, sigma))

    def move(a, b, sigma):
        line.set_ydata(a * xs + b)
        residuals.set_segments([[(xi, yi), (xi, a * xi + b)] for xi, yi in zip(x, y)])
        for text, d in zip(labels, densities(a, b, sigma)):
            text.set_text(f"{d:.3e}")
        marker.set_data([a], [b])

    def readout(a, b, sigma):
        ll_total = float(line_loglik(x, y, a, b, sigma))
        return {"log-likelihood": ll_total, "likelihood": float(np.prod(densities(a, b, sigma))),
                "NLL": -ll_total}

    sliders = {
        "a": float_slider(_("slope a"), min=a_range[0], max=a_range[1], step=0.05, value=a),
        "b": float_slider(_("intercept b"), min=b_range[0], max=b_range[1], step=0.05, value=b),
        "sigma": float_slider(_("noise σ"), min=0.05, max=2.0, step=0.05, value=sigma),
    }
    picture = Picture(fig, moving=[line, residuals, marker, *labels], update=move,
                      layers=[Layer(["sigma"], [surf], shade)])
    return Explorer(picture, sliders, readout=readout,
                    formats={N_("log-likelihood"): ".3f", N_("likelihood"): ".4e",
                             N_("NLL"): ".3f"},
                    title=_("Likelihood of a line"), translate=_)


def _data_panel(ax, x, y, xs, a, b):
    """The data, the sliders' line, its residuals and one likelihood label per point."""
    ax.scatter(x, y, color=COLORS["data"], zorder=3, label=_("data $(x_i, y_i)$"))
    (line,) = ax.plot(xs, a * xs + b, color=COLORS["model"], label=_("model $y = ax + b$"))
    residuals = LineCollection([], colors=COLORS["marker"], linestyles=":", linewidths=1.5,
                               label=_("residual"))
    ax.add_collection(residuals)
    box = {"boxstyle": "round,pad=0.2", "fc": "white", "ec": "0.7", "alpha": 0.9}
    labels = [ax.annotate("", (xi, yi), xytext=(0, 10), textcoords="offset points",
                          ha="center", fontsize=9, bbox=box) for xi, yi in zip(x, y)]
    ax.set(xlim=(x.min() - 0.6, x.max() + 0.6), ylim=(y.min() - 2.0, y.max() + 2.0),
           xlabel="x", ylabel="y", title=_("data, line and per-point likelihood"))
    ax.legend(loc="upper left")
    return line, residuals, labels


def _surface_panel(fig, ax, shape, a_range, b_range, mle, a, b):
    """The log-likelihood surface (an image), its colour bar, the MLE and the sliders' point."""
    # above the (hidden) grid, so that repainting it for a new sigma redraws no tick
    surf = ax.imshow(np.zeros(shape), origin="lower", extent=(*a_range, *b_range),
                     aspect="auto", cmap="viridis", vmin=-100.0, vmax=0.0, zorder=0.6)
    ax.grid(False)
    fig.colorbar(surf, ax=ax, extend="min", label=r"$\ell(a, b) - \max\,\ell$")
    ax.plot([mle.slope], [mle.intercept], marker="*", markersize=16, linestyle="none",
            color=COLORS["mle"], markeredgecolor="white", label=_("maximum (MLE)"))
    (marker,) = ax.plot([a], [b], marker="o", markersize=10, linestyle="none",
                        markerfacecolor="none", markeredgewidth=2.5, color="white",
                        label=_("your $(a, b)$"))
    ax.set(xlabel=_("slope a"), ylabel=_("intercept b"),
           title=_(r"log-likelihood over $(a, b)$"))
    ax.legend(loc="upper right", fontsize=9, framealpha=0.8)
    return surf, marker


# ---------------------------------------------------------------- 03 closed-form MLE

def nll_profile_explorer(data: LineData, *, sigma: float = 0.5, a: float = 1.0, b: float = 1.0,
                         a_range=(-0.25, 2.0), b_range=(0.2, 2.4)) -> Explorer:
    r"""Sliders for ``a``, ``b`` and ``sigma``: the NLL along each parameter and its gradient.

    Left: the data, the MLE line (dashed), the sliders' line and residuals.  Middle, right:
    the NLL along ``a`` (``b`` held) and along ``b``, a dot at the sliders' point and its
    tangent, of slope :math:`\partial\,\mathrm{NLL}/\partial a` (or ``b``).  The NLL is
    a convex quadratic, largest over the sliders' box at a corner, smallest at the MLE:
    that fixes the profiles' y-range, which only ``sigma`` changes (a layer: both y-axes
    and the floor lines).  Readout: NLL, NLL at the MLE, difference, both derivatives.
    """
    x, y = np.asarray(data.x, float), np.asarray(data.y, float)
    mle = least_squares_line(x, y)
    grids = {"a": np.linspace(*a_range, 161), "b": np.linspace(*b_range, 161)}
    half = 0.3  # half-width of the tangent segments, in units of a or b
    xs = np.array([x.min() - 0.5, x.max() + 0.5])
    with course_style():
        fig, (ax_data, ax_a, ax_b) = new_figure(1, 3, figsize=(12.5, 4.5))
        dots, mle_line, residuals, line = _fit_panel(ax_data, x, y, xs, mle, a, b)
        profiles = {"a": _profile_panel(ax_a, grids["a"], "a", mle.slope),
                    "b": _profile_panel(ax_b, grids["b"], "b", mle.intercept)}
        fig.legend(handles=[dots, line, mle_line, *(profiles["a"][i] for i in (0, 3, 1, 2))],
                   loc="outside lower center", ncols=4, fontsize=9)

    def readout(a, b, sigma):
        nll = float(line_nll(x, y, a, b, sigma))
        nll_min = float(line_nll(x, y, mle.slope, mle.intercept, sigma))
        grad_a, grad_b = (float(g) for g in line_nll_grad(x, y, a, b, sigma))
        return {"NLL": nll, "NLL at the MLE": nll_min, "NLL − NLL at the MLE": nll - nll_min,
                "dNLL/da": grad_a, "dNLL/db": grad_b}

    def move(a, b, sigma):
        now = readout(a, b, sigma)  # the dots and tangents show the readout's numbers
        line.set_ydata(a * xs + b)
        residuals.set_segments([[(xi, yi), (xi, a * xi + b)] for xi, yi in zip(x, y)])
        for name, at, along in (("a", a, line_nll(x, y, grids["a"], b, sigma)),
                                ("b", b, line_nll(x, y, a, grids["b"], sigma))):
            curve, tangent, dot = profiles[name][:3]
            nll, slope = now["NLL"], now[f"dNLL/d{name}"]
            curve.set_ydata(along)
            tangent.set_data([at - half, at + half], [nll - slope * half, nll + slope * half])
            dot.set_data([at], [nll])

    sliders = {"a": float_slider(_("slope a"), min=a_range[0], max=a_range[1], step=0.01,
                                 value=a),
               "b": float_slider(_("intercept b"), min=b_range[0], max=b_range[1], step=0.01,
                                 value=b),
               "sigma": float_slider(_("noise σ"), min=0.1, max=1.0, step=0.05, value=sigma)}
    layer = _profile_range_layer(x, y, mle, (a_range, b_range),
                                 {ax_a: profiles["a"][3], ax_b: profiles["b"][3]})
    moving = [line, residuals, *(a for p in profiles.values() for a in p[:3])]
    picture = Picture(fig, moving=moving, update=move, layers=[layer])
    return Explorer(picture, sliders, readout=readout, formats=dict.fromkeys(
        [N_("NLL"), N_("NLL at the MLE"), N_("NLL − NLL at the MLE"), "dNLL/da", "dNLL/db"],
        ".3f"), title=_("NLL and its gradient"), translate=_)


def _profile_range_layer(x, y, mle, box, floors) -> Layer:
    """The layer sigma moves: each profile's y-range and its floor line (the NLL at the MLE).

    The NLL is a convex quadratic, so over the sliders' ``box`` it is largest at a corner
    and smallest at the MLE; ``floors`` maps each profile's axes to its floor line.
    """
    corners = np.array([(a, b) for a in box[0] for b in box[1]])

    def rescale(sigma):
        nll_min = float(line_nll(x, y, mle.slope, mle.intercept, sigma))
        top = float(np.max(line_nll(x, y, corners[:, 0], corners[:, 1], sigma)))
        for ax, floor in floors.items():
            ax.set_ylim(nll_min - 0.06 * (top - nll_min), top + 0.06 * (top - nll_min))
            floor.set_ydata([nll_min, nll_min])

    return Layer(["sigma"], [part for ax, floor in floors.items() for part in (ax.yaxis, floor)],
                 rescale)


def _fit_panel(ax, x, y, xs, mle, a, b):
    """The data, the MLE line, the sliders' residuals and line."""
    dots = ax.scatter(x, y, color=COLORS["data"], s=22, zorder=3, label=_("data"))
    (mle_line,) = ax.plot(xs, mle.slope * xs + mle.intercept, color=COLORS["mle"],
                          linestyle="--", label=_("MLE line / MLE value"))
    residuals = LineCollection([], colors=COLORS["marker"], linestyles=":", linewidths=1.2)
    ax.add_collection(residuals)
    (line,) = ax.plot(xs, a * xs + b, color=COLORS["model"], label=_("your line"))
    ax.set(xlim=tuple(xs), ylim=(y.min() - 2.0, y.max() + 2.0), xlabel="x", ylabel="y",
           title=_("data, your line and the MLE line"))
    return dots, mle_line, residuals, line


def _profile_panel(ax, grid, name, best):
    """The NLL along one parameter: the MLE, the floor, the curve, its tangent and dot."""
    other = "b" if name == "a" else "a"
    ax.axvline(best, color=COLORS["mle"], linestyle="--", linewidth=1.2)
    ax.text(best, 0.98, f" MLE {name} = {best:.4f}", transform=ax.get_xaxis_transform(),
            ha="left", va="top", fontsize=9, color=COLORS["mle"])
    floor = ax.axhline(0.0, color="0.45", linestyle=":", linewidth=1.2,
                       label=_("NLL at the MLE"))
    (curve,) = ax.plot(grid, np.zeros_like(grid), color=COLORS["likelihood"], linewidth=2.5,
                       label=_("NLL along one parameter, the other held at its slider"))
    (tangent,) = ax.plot([], [], color=COLORS["posterior_mean"], linewidth=2.5, linestyle="-.",
                         label=_("tangent (its slope is the derivative)"))
    (dot,) = ax.plot([], [], marker="o", markersize=8, linestyle="none",
                     color=COLORS["posterior_mean"], markeredgecolor="black",
                     label=_("your (a, b)"))
    ax.set(xlim=(grid[0], grid[-1]), xlabel=_("slope a") if name == "a" else _("intercept b"),
           ylabel="NLL", title=_("NLL along {name}, with {other} fixed").format(name=name,
                                                                                other=other))
    # about four NLL ticks: the y-axis is repainted for every sigma, a tick label ~3 ms
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
    return curve, tangent, dot, floor


# ---------------------------------------------------------------- 04 MLE against MAP

def map_prior_scale_explorer(data: LineData, *, sigma: float = 0.1, tau: float = 0.04,
                             n_outliers: int = 0, true_line=(1.0, 1.0),
                             tau_exp_range=(-3.0, 1.0), step: float = 0.05,
                             penalize_intercept: bool = True) -> Explorer:
    r"""A log-scale slider for the scale :math:`\tau` of the prior :math:`\mathcal N(0, \tau^2 I)`.

    The MAP line is ridge regression with :math:`\lambda = \sigma^2/\tau^2`.  Left: the
    data (the last ``n_outliers`` as outliers), the true line, the MLE line and the MAP
    line.  Right: over :math:`\tau` (log axes) the NLL of the MAP line, the negative log
    prior :math:`\lVert\theta\rVert^2/(2\tau^2)` (without its constant
    :math:`\log(2\pi\tau^2)`, which never moves the MAP; only :math:`a^2/(2\tau^2)` when
    ``penalize_intercept=False``) and their sum, with markers at the slider's
    :math:`\tau`.  The slider's grid is shifted so that ``tau`` is on it.  Readout: λ,
    the MAP slope and intercept, the NLL, the negative log prior and their sum.
    """
    x, y = np.asarray(data.x, float), np.asarray(data.y, float)
    start = np.log10(tau)
    lo = start - round((start - tau_exp_range[0]) / step) * step
    hi = start + round((tau_exp_range[1] - start) / step) * step

    def terms(t):
        fit = ridge_map(x, y, sigma=sigma, tau=t, penalize_intercept=penalize_intercept)
        b_penalty = fit.intercept ** 2 if penalize_intercept else 0.0
        penalty = (fit.slope ** 2 + b_penalty) / (2.0 * t * t)
        return fit, float(line_nll(x, y, fit.slope, fit.intercept, sigma)), penalty

    tau_grid = np.logspace(lo, hi, 241)
    curves = np.array([terms(t)[1:] for t in tau_grid])
    xs = np.array([x.min() - 0.3, x.max() + 0.3])
    with course_style():
        fig, (ax_data, ax_terms) = new_figure(1, 2, figsize=(11.0, 4.4))
        map_line = _ridge_data_panel(ax_data, x, y, xs, x.size - int(n_outliers), true_line)
        markers, tau_line = _ridge_terms_panel(ax_terms, tau_grid, curves, tau,
                                               float(line_nll(x, y, *least_squares_line(x, y),
                                                              sigma)))

    def move(tau):
        fit, nll, penalty = terms(tau)
        map_line.set_ydata(fit.slope * xs + fit.intercept)
        for dot, value in zip(markers, (nll, penalty, nll + penalty)):
            dot.set_data([tau], [value])
        tau_line.set_xdata([tau, tau])

    def readout(tau):
        fit, nll, penalty = terms(tau)
        return {"λ (σ²/τ²)": float(ridge_lambda(sigma, tau)), "MAP slope": float(fit.slope),
                "MAP intercept": float(fit.intercept), "NLL": nll,
                "negative log prior": float(penalty), "NLL + negative log prior": nll + penalty}

    formats = {"λ (σ²/τ²)": ".4e", N_("MAP slope"): ".4f", N_("MAP intercept"): ".4f",
               N_("NLL"): ".4e", N_("negative log prior"): ".4e",
               N_("NLL + negative log prior"): ".4e"}
    sliders = {"tau": log_slider(_("prior scale τ"), min_exp=lo, max_exp=hi, value=tau,
                                 step=step)}
    picture = Picture(fig, moving=[map_line, tau_line, *markers], update=move)
    return Explorer(picture, sliders, readout=readout, formats=formats,
                    title=_("MAP against the prior scale"), translate=_)


def _ridge_data_panel(ax, x, y, xs, n_clean, true_line):
    """The data (outliers marked), the true line, the MLE line and the MAP line."""
    mle = least_squares_line(x, y)
    ax.scatter(x[:n_clean], y[:n_clean], color=COLORS["data"], marker="o", zorder=3,
               label=_("data"))
    if n_clean < x.size:
        ax.scatter(x[n_clean:], y[n_clean:], color=COLORS["outlier"], marker="X", s=90,
                   zorder=3, label=_("outliers"))
    ax.plot(xs, true_line[0] * xs + true_line[1], color=COLORS["data"], linestyle=":",
            linewidth=1.5, label=_("true line y = {slope}x + {intercept}").format(
                slope=f"{true_line[0]:g}", intercept=f"{true_line[1]:g}"))
    ax.plot(xs, mle.slope * xs + mle.intercept, color=COLORS["mle"],
            linestyle=STYLES["mle"]["linestyle"], label=_("MLE (least squares)"))
    (map_line,) = ax.plot(xs, 0 * xs, color=COLORS["map"], linestyle=STYLES["map"]["linestyle"],
                          linewidth=2.5, zorder=2.2, label=_(r"MAP (ridge), slider's $\tau$"))
    ax.set(xlim=tuple(xs), ylim=(min(y.min(), 0.0) - 1.0, y.max() + 1.0), xlabel="x",
           ylabel="y", title=_(r"MAP line for the prior scale $\tau$"))
    ax.legend(loc="upper left", fontsize=9)
    return map_line


def _ridge_terms_panel(ax, tau_grid, curves, tau, nll_of_mle):
    """NLL, negative log prior and their sum over tau, with a marker on each."""
    styles = [(_("NLL of the MAP line"), COLORS["likelihood"], "-.", "o"),
              (_(r"negative log prior $\|\theta\|^2/2\tau^2$"), COLORS["prior"], "--", "s"),
              (_("NLL + negative log prior"), COLORS["posterior"], "-", "D")]
    markers = []
    for values, (label, color, ls, mk) in zip((curves[:, 0], curves[:, 1], curves.sum(axis=1)),
                                              styles):
        ax.plot(tau_grid, values, color=color, linestyle=ls, label=label)
        (dot,) = ax.plot([tau], [1.0], color=color, marker=mk, markersize=9,
                         markeredgecolor="black", linestyle="none", zorder=4)
        markers.append(dot)
    ax.axhline(nll_of_mle, color=COLORS["mle"], linestyle=":", linewidth=1.2,
               label=_("NLL of the MLE"))
    top = 1.1 * curves.sum(axis=1).max()
    # moving artists sit above the static curves, so a blit paints what a full draw does
    (tau_line,) = ax.plot([tau, tau], [0.0, top], color="0.3", linewidth=1.0, zorder=3)
    ax.set(xscale="log", xlim=(tau_grid[0] / 1.25, tau_grid[-1] * 1.25),
           ylim=(-0.02 * top, top), xlabel=_(r"prior scale $\tau$ (log scale)"),
           ylabel=_("value (nats)"), title=_("what MAP minimises, term by term"))
    ax.legend(loc="upper right", fontsize=9)
    return markers, tau_line
