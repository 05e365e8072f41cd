r"""The explorer of notebook 08: the NLL per observation of a two-outcome model as
cross-entropy = entropy of the data + KL divergence from the data to the model.

The builder describes a figure: its panels, the artists that move, what the slider moves
(``move``) and the readout.  How to write one: ``docs/writing-an-explorer.md``.
"""

from __future__ import annotations

import numpy as np

from ..engine import Explorer, Picture, float_slider
from ..i18n import gettext as _
from ..i18n import gettext_noop as N_
from ..information import cross_entropy, empirical_distribution, entropy, kl_divergence
from ..plotting import COLORS, course_style, new_figure
from ._words import given_words, shown

__all__ = ["cross_entropy_explorer"]


def cross_entropy_explorer(k: int, n: int, *, p: float = 0.3,
                           p_label: str | None = None, title: str | None = None) -> Explorer:
    r"""A slider for the model's success probability ``p``, given ``k`` successes in ``n`` trials.

    With the data's empirical distribution :math:`\tilde p = (k/n, 1 - k/n)` and the
    model :math:`p_\theta = (p, 1 - p)`, the NLL per trial is the cross-entropy

    .. math:: H(\tilde p, p_\theta) = H(\tilde p) + \mathrm{KL}(\tilde p \,\|\, p_\theta),

    and :math:`n\,\mathrm{KL} = \log L(k/n) - \log L(p)`.  Left: over ``p``, the
    cross-entropy, the entropy as its floor and the KL (0 at the MLE ``k/n``); at the
    slider's ``p`` the gap between floor and curve and a marker on each curve.  Right, on
    the same y-scale: the cross-entropy at ``p`` as a bar, entropy below and KL hatched
    on top.  Readout: cross-entropy, entropy and KL (.6f), ``n × KL`` (.5f) and the
    likelihood ratio :math:`L(k/n)/L(p) = e^{n\,\mathrm{KL}}` (.4e).
    """
    given = (p_label, title)
    p_label = shown(p_label) or _("model's P(heads) p")
    title = shown(title) or _("Cross-entropy = entropy + KL")
    data = empirical_distribution([k, n - k])
    h_data, p_hat = float(entropy(data)), k / n
    p_grid = np.linspace(0.01, 0.99, 197)   # the slider's range
    models = np.column_stack([p_grid, 1.0 - p_grid])
    cross_curve = cross_entropy(data, models)
    with course_style():
        fig, (ax_curves, ax_bar) = new_figure(1, 2, figsize=(11.0, 4.4), sharey=True,
                                              width_ratios=(4, 1))
        gap, cross_dot, kl_dot = _cross_entropy_panel(ax_curves, p_grid, cross_curve,
                                                      kl_divergence(data, models), h_data, p_hat,
                                                      p_label)
        kl_bar = _split_bar_panel(ax_bar, h_data)
        ax_curves.set_ylim(0.0, 1.05 * float(cross_curve.max()))

    def terms(p):
        model = [p, 1.0 - p]
        return float(cross_entropy(data, model)), float(kl_divergence(data, model))

    def move(p):
        cross, kl = terms(p)
        gap.set_data([p, p], [h_data, cross])
        cross_dot.set_data([p], [cross])
        kl_dot.set_data([p], [kl])
        kl_bar.set_height(kl)

    ratio = f"likelihood ratio L({p_hat:g}) / L(p)"
    labels = {ratio: _("likelihood ratio L({mle}) / L(p)").format(mle=f"{p_hat:g}")}

    def readout(p):
        cross, kl = terms(p)
        return {"cross-entropy H(p̃, p)": cross, "entropy H(p̃)": h_data, "KL(p̃ ‖ p)": kl,
                "n × KL": n * kl, ratio: float(np.exp(n * kl))}

    formats = {N_("cross-entropy H(p̃, p)"): ".6f", N_("entropy H(p̃)"): ".6f",
               "KL(p̃ ‖ p)": ".6f", "n × KL": ".5f", ratio: ".4e"}
    sliders = {"p": float_slider(p_label, min=0.01, max=0.99, step=0.01, value=p)}
    picture = Picture(fig, moving=[gap, cross_dot, kl_dot, kl_bar], update=move)
    return given_words(Explorer(picture, sliders, readout=readout, formats=formats,
                                title=title, labels=labels, translate=_), *given)


def _cross_entropy_panel(ax, p_grid, cross_curve, kl_curve, h_data, p_hat, p_label):
    """Cross-entropy over p with the entropy as floor, the KL, the MLE; what moves at p."""
    ax.plot(p_grid, cross_curve, color=COLORS["model"], label=_("cross-entropy H(p̃, p) = NLL / n"))
    ax.axhline(h_data, color=COLORS["data"], linestyle="--", linewidth=1.5,
               label=_("entropy H(p̃) = {entropy:.6f}, the floor").format(entropy=h_data))
    ax.fill_between(p_grid, h_data, cross_curve, color=COLORS["likelihood"], alpha=0.25,
                    linewidth=0, label=_("the gap: KL(p̃ ‖ p)"))
    ax.plot(p_grid, kl_curve, color=COLORS["mle"], linestyle="-.", label=_("KL(p̃ ‖ p) alone"))
    ax.axvline(p_hat, color=COLORS["mle"], linestyle=":", linewidth=1.2,
               label=_("MLE p = {mle}: KL = 0").format(mle=f"{p_hat:g}"))
    (gap,) = ax.plot([], [], color=COLORS["marker"], linewidth=4, solid_capstyle="butt",
                     zorder=2.6, label=_("KL at the slider's p"))
    (cross_dot,) = ax.plot([], [], color=COLORS["model"], marker="o", markersize=9,
                           markeredgecolor="black", linestyle="none", zorder=3)
    (kl_dot,) = ax.plot([], [], color=COLORS["mle"], marker="D", markersize=8,
                        markeredgecolor="black", linestyle="none", zorder=3)
    ax.set(xlim=(0.0, 1.0), xlabel=p_label, ylabel=_("nats per toss"),
           title=_("cross-entropy = entropy + KL over the model's p"))
    ax.legend(loc="upper center", ncol=2, fontsize=9)
    return gap, cross_dot, kl_dot


def _split_bar_panel(ax, h_data):
    """The cross-entropy at p as one bar: the entropy (fixed) and the KL hatched on top."""
    ax.bar([0], [h_data], color="0.7", edgecolor="black", label=_("entropy"))
    (kl_bar,) = ax.bar([0], [0.0], bottom=[h_data], color="white", edgecolor=COLORS["marker"],
                       hatch="///", label="KL").patches
    ax.set_xticks([0], [_("at the slider's p")])
    ax.set(xlim=(-0.7, 0.7), title=_("cross-entropy at p"))
    ax.legend(loc="upper center", fontsize=9)
    return kl_bar
