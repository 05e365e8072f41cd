r"""Explorers of the negative log-likelihood of a Gaussian mean and of a proportion (notebook 05).

Each builder describes a figure: its panels, the artists that move, what the sliders
move (``move``) and the readout.  How to write one: ``docs/writing-an-explorer.md``.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection

from ..engine import Explorer, Picture, float_slider
from ..i18n import gettext as _
from ..i18n import gettext_noop as N_
from ..likelihoods import bernoulli_nll_grad, binomial_logpmf, gaussian_loglik, gaussian_logpdf
from ..plotting import COLORS, course_style, new_figure
from ._words import given_words, shown

__all__ = ["heights_explorer", "proportion_explorer"]


def heights_explorer(heights, *, mu: float = 168.0, sigma: float = 5.0,
                     mu_range=(155.0, 182.0), sigma_range=(2.0, 12.0)) -> Explorer:
    r"""Sliders for the mean :math:`\mu` and standard deviation :math:`\sigma` of heights.

    Left: the density :math:`\mathcal N(h; \mu, \sigma^2)`, each pupil's height on the
    axis and a stem up to its density, the factors of the likelihood.  Right: the
    log-likelihood over :math:`\mu` for the slider's :math:`\sigma`, the sample mean (the
    MLE of :math:`\mu`) and a marker at the slider's :math:`\mu`.  Readout:
    ``log-likelihood`` (.4f), ``likelihood`` (.4e) and ``NLL`` (.4f).
    """
    h = np.asarray(heights, dtype=float)
    h_grid = np.linspace(mu_range[0] - 2.0 * sigma_range[1] / 3.0,
                         mu_range[1] + 2.0 * sigma_range[1] / 3.0, 401)
    mu_grid = np.linspace(*mu_range, 271)
    with course_style():
        fig, (ax_dens, ax_ll) = new_figure(1, 2, figsize=(11.0, 4.4))
        peak = 1.0 / np.sqrt(2.0 * np.pi * sigma_range[0] ** 2)  # the tallest density
        curve, stems, tops, mu_line = _density_panel(ax_dens, h, h_grid, mu, 1.15 * peak)
        ll_curve, ll_dot = _loglik_panel(ax_ll, h, mu_grid, mu)

    def readout(mu, sigma):
        ll = float(gaussian_loglik(h, mu, sigma))
        return {"log-likelihood": ll, "likelihood": float(np.exp(ll)), "NLL": -ll}

    def move(mu, sigma):
        curve.set_ydata(np.exp(gaussian_logpdf(h_grid, mu, sigma)))
        dens = np.exp(gaussian_logpdf(h, mu, sigma))
        stems.set_segments([[(hi, 0.0), (hi, di)] for hi, di in zip(h, dens)])
        tops.set_ydata(dens)
        mu_line.set_xdata([mu, mu])
        ll_curve.set_ydata(gaussian_loglik(h, mu_grid, sigma))
        ll_dot.set_data([mu], [readout(mu, sigma)["log-likelihood"]])

    sliders = {
        "mu": float_slider(_("mean μ (cm)"), min=mu_range[0], max=mu_range[1], step=0.1,
                           value=mu, readout_format=".1f"),
        "sigma": float_slider(_("std dev σ (cm)"), min=sigma_range[0], max=sigma_range[1],
                              step=0.1, value=sigma, readout_format=".1f"),
    }
    picture = Picture(fig, moving=[curve, stems, tops, mu_line, ll_curve, ll_dot], update=move)
    return Explorer(picture, sliders, readout=readout,
                    formats={N_("log-likelihood"): ".4f", N_("likelihood"): ".4e",
                             N_("NLL"): ".4f"},
                    title=_("Heights: likelihood of a mean"), translate=_)


def _density_panel(ax, h, h_grid, mu, top):
    """The model density, a stem and dot per pupil, the heights as ticks, the mean."""
    (curve,) = ax.plot(h_grid, 0 * h_grid, color=COLORS["model"], zorder=2.1,
                       label=_(r"density $\mathcal{N}(h; \mu, \sigma^2)$"))
    # moving artists (zorder 2.1-2.3) above the static ones (<= 2) and below the spines
    # (2.5): a blitted frame then stacks exactly like a full draw
    stems = LineCollection([], colors=COLORS["likelihood"], linewidths=1.5, zorder=2.1)
    ax.add_collection(stems)
    (tops,) = ax.plot(h, 0 * h, color=COLORS["marker"], marker="o", linestyle="none",
                      markeredgecolor="black", zorder=2.3,
                      label=_(r"pupil $i$: $\mathcal{N}(h_i; \mu, \sigma^2)$"))
    ax.plot(h, np.zeros_like(h), color=COLORS["data"], marker="|", markersize=14,
            linestyle="none", clip_on=False, zorder=1.9, label=_("heights $h_i$"))
    (mu_line,) = ax.plot([mu, mu], [0.0, top], color=COLORS["model"], linestyle=":",
                         linewidth=1.2, zorder=2.1, label=_(r"mean $\mu$"))
    ax.set(xlim=(h_grid[0], h_grid[-1]), ylim=(0.0, top), xlabel=_("height h (cm)"),
           ylabel=_("density (1/cm)"), title=_("model density and each pupil's likelihood factor"))
    ax.legend(loc="upper left", fontsize=9)
    return curve, stems, tops, mu_line


def _loglik_panel(ax, h, mu_grid, mu):
    """The log-likelihood over mu, the sample mean and the slider's mu."""
    (ll_curve,) = ax.plot(mu_grid, 0 * mu_grid, color=COLORS["likelihood"], zorder=2.2,
                          label=_(r"log-likelihood $\ell(\mu)$ at the slider's $\sigma$"))
    xbar = float(h.mean())
    ax.axvline(xbar, color=COLORS["mle"], linestyle="--", linewidth=1.5,
               label=_(r"sample mean $\bar h$ = {mean} (MLE)").format(mean=f"{xbar:.3f}"))
    (ll_dot,) = ax.plot([mu], [0.0], color=COLORS["marker"], marker="o", markersize=9,
                        markeredgecolor="black", linestyle="none", zorder=3,
                        label=_(r"slider's $\mu$"))
    ax.set(xlim=tuple(mu_grid[[0, -1]]), ylim=(-70.0, -15.0), xlabel=_(r"mean $\mu$ (cm)"),
           ylabel=_(r"log-likelihood $\ell(\mu, \sigma)$"),
           title=_(r"log-likelihood over $\mu$"))
    ax.legend(loc="lower center", fontsize=9)
    return ll_curve, ll_dot


def proportion_explorer(k: int, n: int, *, p: float = 0.5, p_label: str | None = None,
                        title: str | None = None, grid_size: int = 199) -> Explorer:
    r"""A slider for the success probability ``p`` given ``k`` successes in ``n`` trials.

    Three panels over ``p`` (the coin, 56 of 100; phones, 7 of 10): the likelihood
    :math:`P(K = k \mid p) = \binom nk p^k (1-p)^{n-k}` (with the binomial constant, which
    moves neither the argmax nor the gradient :math:`-k/p + (n-k)/(1-p)`), the
    log-likelihood and the NLL, each with the MLE ``k/n`` and a marker at ``p``; the
    NLL panel also the tangent at ``p``.  The ``p`` grid is interior (cell midpoints), and
    the log panels show 40 nats below the maximum.  Readout: ``likelihood (binomial
    pmf)`` (.4e), ``log-likelihood``, ``NLL`` and ``dNLL/dp`` (.4f).
    """
    given = (p_label, title)
    p_label = shown(p_label) or _("probability p")
    title = shown(title)
    p_grid = (np.arange(grid_size) + 0.5) / grid_size
    log_lik = np.asarray(binomial_logpmf(k, n, p_grid))
    half = 0.12  # half-width of the tangent segment, in p
    with course_style():
        fig, axes = new_figure(1, 3, figsize=(12.0, 4.0))
        dots, mle_line = _proportion_panels(axes, p_grid, log_lik, k / n, p, p_label)
        (tangent,) = axes[2].plot([p - half, p + half], [0.0, 0.0], color=COLORS["model"],
                                  linestyle="-.", linewidth=2.0,
                                  label=_("tangent, slope dNLL/dp"))
        fig.legend(handles=[mle_line, dots[0], tangent], loc="outside lower center", ncol=3,
                   fontsize=9)
        fig.suptitle(title or _("{k} successes in {n} trials").format(k=k, n=n))

    def terms(p):
        return float(binomial_logpmf(k, n, p)), float(bernoulli_nll_grad(k, n, p))

    def move(p):
        ll, grad = terms(p)
        for dot, value in zip(dots, (np.exp(ll), ll, -ll)):
            dot.set_data([p], [value])
        tangent.set_data([p - half, p + half], [-ll - grad * half, -ll + grad * half])

    def readout(p):
        ll, grad = terms(p)
        return {"likelihood (binomial pmf)": float(np.exp(ll)), "log-likelihood": ll,
                "NLL": -ll, "dNLL/dp": grad}

    sliders = {"p": float_slider(p_label, min=0.01, max=0.99, step=0.01, value=p)}
    picture = Picture(fig, moving=[*dots, tangent], update=move)
    formats = {N_("likelihood (binomial pmf)"): ".4e", N_("log-likelihood"): ".4f",
               N_("NLL"): ".4f", "dNLL/dp": ".4f"}
    return given_words(Explorer(picture, sliders, readout=readout, formats=formats,
                                title=title or _("{k} of {n}").format(k=k, n=n),
                                translate=_), *given)


def _proportion_panels(axes, p_grid, log_lik, p_hat, p, p_label):
    """Likelihood, log-likelihood and NLL over p, each with the MLE and a dot at p."""
    window, top = 40.0, float(log_lik.max())  # nats shown below the maximum
    panels = [(np.exp(log_lik), (-0.05 * np.exp(top), 1.15 * np.exp(top)),
               _("likelihood = binomial pmf"), r"$\binom{n}{k}\,p^k(1-p)^{n-k}$"),
              (log_lik, (top - window, top + 0.1 * window), _("log-likelihood"),
               _(r"$\ell(p)$ (nats)")),
              (-log_lik, (-top - 0.1 * window, -top + window),
               _("NLL = $-$log-likelihood"), _(r"$-\ell(p)$ (nats)"))]
    dots = []
    for ax, (values, ylim, name, ylabel) in zip(axes, panels):
        ax.plot(p_grid, values, color=COLORS["likelihood"], label=name)
        mle_line = ax.axvline(p_hat, color=COLORS["mle"], linestyle="--", linewidth=1.5,
                              label=_("MLE k/n = {mle}").format(mle=f"{p_hat:.2f}"))
        (dot,) = ax.plot([p], [values[0]], color=COLORS["marker"], marker="o", markersize=9,
                         markeredgecolor="black", linestyle="none", label=_("slider's p"))
        dots.append(dot)
        ax.set(xlim=(0.0, 1.0), ylim=ylim, xlabel=p_label, ylabel=ylabel, title=name)
    return dots, mle_line
