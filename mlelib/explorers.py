r"""The course's slider explorers, one function per notebook figure that moves.

Each function builds its figure once, computes with the pure functions of
:mod:`mlelib.likelihoods`, :mod:`mlelib.estimators` and :mod:`mlelib.conjugate`, and hands
the artists that move to :class:`mlelib.sliders.Explorer`.  Readout quantities are named
in words and formatted with fixed precision, ``name = value``, so that a learner, nbval
and the browser test all read the same numbers.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection

from .datasets import LineData
from .estimators import least_squares_line
from .likelihoods import line_logpdf, line_loglik, line_loglik_grid
from .plotting import COLORS, course_style, new_figure
from .sliders import Explorer, float_slider, int_slider, log_slider  # noqa: F401

__all__ = ["beta_bernoulli_explorer", "line_likelihood_explorer"]


# ---------------------------------------------------------------- 01 parameter space


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

        surf = ax_surf.imshow(np.zeros((b_grid.size, a_grid.size)), origin="lower",
                              extent=(*a_range, *b_range), aspect="auto", cmap="viridis",
                              vmin=-100.0, vmax=0.0)
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

    def update(a: float, b: float, sigma: float) -> dict[str, str]:
        if sigma != state["sigma"]:
            # sigma rescales the whole surface (a background change: one full draw)
            ll = line_loglik_grid(x, y, a_grid, b_grid, sigma).T
            surf.set_data(ll - ll.max())
            state["sigma"] = sigma
        line.set_ydata(a * xs + b)
        residuals.set_segments([[(xi, yi), (xi, a * xi + b)] for xi, yi in zip(x, y)])
        dens = np.exp(line_logpdf(x, y, a, b, sigma))
        for text, d in zip(labels, dens):
            text.set_text(f"{d:.3e}")
        marker.set_data([a], [b])
        ll_total = line_loglik(x, y, a, b, sigma)
        return {
            "log-likelihood": f"{ll_total:.3f}",
            "likelihood": f"{np.prod(dens):.4e}",
            "NLL": f"{-ll_total:.3f}",
        }

    sliders = {
        "a": float_slider("slope a", min=a_range[0], max=a_range[1], step=0.05, value=a),
        "b": float_slider("intercept b", min=b_range[0], max=b_range[1], step=0.05, value=b),
        "sigma": float_slider("noise σ", min=0.05, max=2.0, step=0.05, value=sigma),
    }
    return Explorer(fig, sliders, update, [line, residuals, marker, *labels],
                    title="Likelihood of a line")


# ---------------------------------------------------------------- 03 closed-form MLE


# ---------------------------------------------------------------- 04 MLE against MAP


# ---------------------------------------------------------------- 05 NLL: heights, coin, OS


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
    update uses ``min(k, n)`` successes and says so.  (Shrinking the ``k`` slider's range
    from an observer on ``n`` would move ``k`` as a side effect and render every such
    change twice.)  Readout: the data used, the posterior, MLE, MAP, posterior mean and
    sd; the MLE is undefined for ``n = 0`` and the MAP unless both posterior parameters
    exceed 1.
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

    def update(alpha: float, beta: float, n: int, k: int) -> dict[str, str]:
        n = int(n)
        k_used = min(int(k), n)
        post = beta_bernoulli_posterior(alpha, beta, k_used, n)
        curves["prior"].set_ydata(scaled(beta_logpdf(p, alpha, beta)))
        curves["likelihood"].set_ydata(scaled(bernoulli_loglik(k_used, n, p)))
        curves["posterior"].set_ydata(scaled(beta_logpdf(p, post.alpha, post.beta)))
        estimates = {"mle": proportion_mle(k_used, n) if n > 0 else None,
                     "map": post.mode, "posterior_mean": post.mean}
        for role, value in estimates.items():
            vlines[role].set_visible(value is not None)
            if value is not None:
                vlines[role].set_xdata([value, value])
        clamped = int(k) > n
        data_text.set_text(f"data: k = {k_used} of n = {n}"
                           + ("\n(k slider above n:\n k set to n)" if clamped else ""))
        data = f"{k_used} successes in {n} trials"
        return {
            "data": data + (" (k slider above n, so k = n)" if clamped else ""),
            "posterior": f"Beta({post.alpha:g}, {post.beta:g})",
            "MLE": (f"{estimates['mle']:.4f}" if n > 0 else "undefined (no trials, n = 0)"),
            "MAP": (f"{post.mode:.4f}" if post.mode is not None
                    else "undefined (a posterior parameter is 1 or less)"),
            "posterior mean": f"{post.mean:.4f}",
            "posterior sd": f"{np.sqrt(post.var):.4f}",
        }

    sliders = {
        "alpha": float_slider("prior α", min=0.5, max=30.0, step=0.5, value=alpha,
                              readout_format=".1f"),
        "beta": float_slider("prior β", min=0.5, max=30.0, step=0.5, value=beta,
                             readout_format=".1f"),
        "n": int_slider("trials n", min=0, max=n_max, value=n),
        "k": int_slider("successes k (≤ n)", min=0, max=n_max, value=k),
    }
    return Explorer(fig, sliders, update,
                    [*curves.values(), *vlines.values(), data_text],
                    title="Beta prior and Bernoulli data")
