r"""Explorers of conjugate posteriors (notebook 06).

The builder describes a figure: its panel, the artists that move, what the sliders move
(``move``) and the readout.  How to write one: ``docs/writing-an-explorer.md``.
"""

from __future__ import annotations

import numpy as np

from ..conjugate import beta_bernoulli_posterior, beta_logpdf
from ..engine import Explorer, Picture, float_slider, format_number, int_slider
from ..estimators import proportion_mle
from ..i18n import gettext as _
from ..i18n import gettext_noop as N_
from ..i18n import translated
from ..likelihoods import bernoulli_loglik
from ..plotting import COLORS, STYLES, course_style, new_figure

__all__ = ["beta_bernoulli_explorer"]

_ESTIMATES = {"mle": (N_("MLE $k/n$"), 1.24), "map": (N_("MAP (posterior mode)"), 1.17),
              "posterior_mean": (N_("posterior mean"), 1.10)}  # role: (label, height of its line)


def beta_bernoulli_explorer(*, alpha: float = 2.0, beta: float = 2.0, n: int = 100,
                            k: int = 56, n_max: int = 500, grid_size: int = 1001) -> Explorer:
    r"""Sliders for a :math:`\mathrm{Beta}(\alpha, \beta)` prior, ``k`` successes, ``n`` trials.

    One panel over :math:`p \in (0, 1)`: the prior, the likelihood :math:`p^k(1-p)^{n-k}`
    and the posterior :math:`\mathrm{Beta}(\alpha + k, \beta + n - k)`, each scaled to
    peak 1 on the grid (its log shifted by its maximum), so the axes never change; lines
    mark the MLE :math:`k/n`, the MAP (posterior mode) and the posterior mean.  The ``k``
    slider runs over ``0..n_max``; above ``n`` the explorer uses ``k = n`` and says so.
    Readout: the data used, the posterior, MLE (undefined for ``n = 0``), MAP, posterior
    mean and sd.
    """
    p = (np.arange(grid_size) + 0.5) / grid_size  # interior grid: finite log densities
    with course_style():
        fig, ax = new_figure(1, 1, figsize=(9.5, 4.2))
        curves, lines, data_text = _posterior_panel(ax, p)

    def move(alpha, beta, n, k):
        n, k_used, post, estimates = _fit(alpha, beta, n, k)
        for role, log_density in (("prior", beta_logpdf(p, alpha, beta)),
                                  ("likelihood", bernoulli_loglik(k_used, n, p)),
                                  ("posterior", beta_logpdf(p, post.alpha, post.beta))):
            log_density = np.asarray(log_density, dtype=float)
            curves[role].set_ydata(np.exp(log_density - log_density.max()))
        for role, value in estimates.items():
            lines[role].set_visible(value is not None)
            if value is not None:
                lines[role].set_xdata([value, value])
        if int(k) > n:
            text = _("data: k = {k} of n = {n}\n(k slider above n:\n k set to n)")
        else:
            text = _("data: k = {k} of n = {n}")
        data_text.set_text(text.format(k=k_used, n=n))

    def readout(alpha, beta, n, k):
        n, k_used, post, estimates = _fit(alpha, beta, n, k)
        return {"data": (k_used, n, int(k) > n), "posterior": (post.alpha, post.beta),
                "MLE": estimates["mle"], "MAP": estimates["map"],
                "posterior mean": estimates["posterior_mean"],
                "posterior sd": float(np.sqrt(post.var))}

    sliders = {
        "alpha": float_slider(_("prior α"), min=0.5, max=30.0, step=0.5, value=alpha,
                              readout_format=".1f"),
        "beta": float_slider(_("prior β"), min=0.5, max=30.0, step=0.5, value=beta,
                             readout_format=".1f"),
        "n": int_slider(_("trials n"), min=0, max=n_max, value=n),
        "k": int_slider(_("successes k (≤ n)"), min=0, max=n_max, value=k),
    }
    picture = Picture(fig, moving=[*curves.values(), *lines.values(), data_text], update=move)
    return Explorer(picture, sliders, readout=readout, formats=_FORMATS,
                    title=_("Beta prior and Bernoulli data"), translate=_)


def _fit(alpha, beta, n, k):
    """Trials, successes used (``k`` clamped to ``n``), the posterior and the estimates
    (None where undefined: the MLE for ``n = 0``, the MAP where the mode is None)."""
    n = int(n)
    k_used = min(int(k), n)
    post = beta_bernoulli_posterior(alpha, beta, k_used, n)
    estimates = {"mle": proportion_mle(k_used, n) if n > 0 else None,
                 "map": post.mode, "posterior_mean": post.mean}
    return n, k_used, post, estimates


def _data_used(data: tuple[int, int, bool]) -> str:
    """``(k, n, clamped)``: the successes and trials used, and whether k was clamped to n."""
    k, n, clamped = data
    if clamped:
        return _("{k} successes in {n} trials (k slider above n, so k = n)").format(k=k, n=n)
    return _("{k} successes in {n} trials").format(k=k, n=n)


def _estimate_or(undefined: str):
    """An estimate to 4 decimals, or ``undefined`` (marked for the catalog) where it is None."""
    return lambda value: translated(undefined) if value is None else format_number(value, ".4f")


_FORMATS = {N_("data"): _data_used, N_("posterior"): lambda ab: "Beta({:g}, {:g})".format(*ab),
            "MLE": _estimate_or(N_("undefined (no trials, n = 0)")),
            "MAP": _estimate_or(N_("undefined (flat, or both posterior parameters below 1)")),
            N_("posterior mean"): ".4f", N_("posterior sd"): ".4f"}


def _posterior_panel(ax, p):
    """Prior, likelihood and posterior curves, a line per estimate and the data's text."""
    curves = {}
    for role, label in [("prior", _(r"prior Beta$(\alpha, \beta)$")),
                        ("likelihood", _(r"likelihood $p^k(1-p)^{n-k}$")),
                        ("posterior", _(r"posterior Beta$(\alpha+k, \beta+n-k)$"))]:
        (curves[role],) = ax.plot(p, np.zeros_like(p), color=COLORS[role],
                                  linestyle=STYLES[role]["linestyle"], label=label)
    lines = {}
    for role, (label, height) in _ESTIMATES.items():
        (lines[role],) = ax.plot([0.5, 0.5], [0.0, height], color=COLORS[role],
                                 linestyle=STYLES[role]["linestyle"], marker=STYLES[role]["marker"],
                                 markevery=[1], linewidth=1.8, clip_on=False,
                                 label=translated(label))
    data_text = ax.text(1.03, 0.05, "", transform=ax.transAxes, ha="left", va="bottom",
                        fontsize=10)
    ax.set(xlim=(0.0, 1.0), ylim=(0.0, 1.32), xlabel=_("success probability p"),
           ylabel=_("density, each scaled to peak 1"),
           title=_("prior × likelihood ∝ posterior, with the three estimates"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    return curves, lines, data_text
