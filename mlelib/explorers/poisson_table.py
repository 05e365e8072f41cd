r"""The explorer of a Poisson model for a frequency table (notebook 09).

How to write one: ``docs/writing-an-explorer.md``.
"""

from __future__ import annotations

import numpy as np

from ..count_models import deviance, poisson_expected_counts, poisson_table_loglik, saturated_loglik
from ..engine import Explorer, Picture, float_slider
from ..i18n import gettext as _
from ..i18n import gettext_noop as N_
from ..plotting import COLORS, OKABE_ITO, course_style, new_figure

__all__ = ["poisson_table_explorer"]


def poisson_table_explorer(values, counts, *, rate: float = 2.21,
                           rate_range=(0.5, 4.0)) -> Explorer:
    r"""A slider for the rate :math:`\lambda` of a Poisson model of a frequency table.

    Left: the observed counts (fixed) beside the expected counts
    :math:`N\,P(X = k \mid \lambda)` for every value from 0 up, the last bar collecting
    everything from the table's last value on.  Right: the log-likelihood over
    :math:`\lambda`, the saturated model's ceiling, and a dot at the slider's rate with
    a dashed segment up to the ceiling (half the deviance).  Readout:
    ``log-likelihood`` (.4f), ``deviance`` (.4f) from the saturated model, and
    ``expected with 0`` (.2f), the pupils the model expects at 0.
    """
    values, counts = np.asarray(values), np.asarray(counts)
    n, top = int(counts.sum()), int(values.max())
    observed = np.bincount(values, weights=counts, minlength=top + 1)
    rates = np.linspace(*rate_range, 351)
    ceiling = saturated_loglik(counts)
    with course_style():
        fig, (ax_bars, ax_ll) = new_figure(1, 2, figsize=(11.0, 4.2))
        bars = _bars_panel(ax_bars, observed, n)
        dot, gap = _loglik_panel(ax_ll, rates, poisson_table_loglik(values, rates, counts),
                                 ceiling)

    def readout(rate):
        ll = float(poisson_table_loglik(values, rate, counts))
        return {"log-likelihood": ll, "deviance": float(deviance(ll, counts)),
                "expected with 0": float(n * np.exp(-rate))}

    def move(rate):
        for bar, height in zip(bars, poisson_expected_counts(n, rate, top)):
            bar.set_height(height)
        ll = readout(rate)["log-likelihood"]
        dot.set_data([rate], [ll])
        gap.set_data([rate, rate], [ll, ceiling])

    formats = {N_("log-likelihood"): ".4f", N_("deviance"): ".4f", N_("expected with 0"): ".2f"}
    sliders = {"rate": float_slider(_("rate λ"), min=rate_range[0], max=rate_range[1],
                                    step=0.01, value=rate)}
    picture = Picture(fig, moving=[*bars, dot, gap], update=move)
    return Explorer(picture, sliders, readout=readout, formats=formats,
                    title=_("Siblings: a Poisson model"), translate=_)


def _bars_panel(ax, observed, n):
    """Observed bars (static) and the expected bars the slider moves, one per category."""
    where = np.arange(observed.size)
    ax.bar(where - 0.2, observed, width=0.4, color=OKABE_ITO["yellow"], edgecolor="black",
           linewidth=1.6, label=_("observed"))
    expected = ax.bar(where + 0.2, np.zeros(observed.size), width=0.4, color=COLORS["model"],
                      hatch="//", edgecolor="black", linewidth=0.6, zorder=2.1,
                      label=_("expected, N P(X = k | λ)"))
    labels = [str(k) for k in where[:-1]] + [f"{where[-1]}+"]
    ax.set_xticks(where, labels)
    ax.set(ylim=(0, 0.65 * n), xlabel=_("number of siblings"), ylabel=_("number of pupils"),
           title=_("observed against expected counts"))
    ax.legend(loc="upper right")
    return list(expected.patches)


def _loglik_panel(ax, rates, loglik, ceiling):
    """The log-likelihood over the rate, the ceiling, and the dot and gap that move."""
    ax.plot(rates, loglik, color=COLORS["likelihood"], label=_("Poisson log-likelihood"))
    ax.axhline(ceiling, color=COLORS["data"], linestyle=(0, (1, 1)), linewidth=1.2,
               label=_("saturated model, {ceiling}").format(ceiling=f"{ceiling:.2f}"))
    (gap,) = ax.plot([], [], color=COLORS["mle"], linestyle="--", linewidth=1.2, zorder=2.1,
                     label=_("deviance / 2"))
    (dot,) = ax.plot([], [], marker="o", linestyle="none", color=COLORS["marker"],
                     markeredgecolor="black", zorder=2.2, label=_("slider's λ"))
    ax.set(xlim=(rates[0], rates[-1]), ylim=(ceiling - 200.0, ceiling + 10.0),
           xlabel=_("rate λ"), ylabel=_("log-likelihood (nats)"),
           title=_("log-likelihood and the ceiling"))
    ax.legend(loc="lower center", fontsize=9)
    return dot, gap
