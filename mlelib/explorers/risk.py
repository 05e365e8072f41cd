r"""The explorer of notebook 07: the exact risk (bias² + variance) of the MLE, the MAP
and the posterior mean of a coin's ``p`` under a Beta(α, α) prior, over the true ``p``.

Each builder describes a figure: its panels, the artists that move, what the sliders
move (``move``, and a layer for what only some sliders change) and the readout.  How to
write one: ``docs/writing-an-explorer.md``.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, ScalarFormatter

from ..engine import Explorer, Layer, Picture, float_slider, format_number, int_slider
from ..i18n import gettext as _
from ..i18n import gettext_noop as N_
from ..i18n import translated
from ..plotting import COLORS, STYLES, course_style, new_figure
from ..risk import beta_estimator_shifts, proportion_risk

__all__ = ["estimator_risk_explorer"]

#: The plotting role (a key of COLORS and STYLES) of each estimator of p.
_ROLES = {"MLE": "mle", "MAP": "map", N_("posterior mean"): "posterior_mean"}
#: Risk ticks at 1, 2, 2.5 or 5 times a power of ten.
_TICK_STEPS = [1, 2, 2.5, 5, 10]


def estimator_risk_explorer(*, p: float = 0.9, n: int = 10, alpha: float = 2.0,
                            n_max: int = 500, alpha_max: float = 20.0,
                            grid_size: int = 201) -> Explorer:
    r"""Sliders for the true ``p``, the number of tosses ``n`` and a Beta(α, α) prior.

    The estimates of ``p`` from ``k`` heads are :math:`k/n` (MLE),
    :math:`(k + \alpha - 1)/(n + 2\alpha - 2)` (MAP) and :math:`(k + \alpha)/(n + 2\alpha)`
    (posterior mean), with exact bias, variance and risk from
    :func:`mlelib.risk.proportion_risk`.  Left: each risk over the true ``p`` (a layer:
    the curves and the y-range follow ``n`` and ``alpha``), a line at the slider's ``p``
    and a marker on each curve.  Right, on the same y-scale: each risk at ``p`` as a bar,
    variance below and bias² hatched on top.  Readout: bias², variance and risk of each
    estimator at ``p`` (.6f).

    The prior strength starts at α = 1, the flat prior (MAP = MLE).  Below 1 the posterior
    after ``k = 0`` or ``k = n`` peaks at an end of [0, 1] (:mod:`mlelib.conjugate`), so
    the MAP is no longer :math:`(k + c)/(n + d)`, whose closed-form risk is drawn here.
    """
    p_grid = np.linspace(0.0, 1.0, grid_size)
    with course_style():
        fig, (ax_curves, ax_bars) = new_figure(1, 2, figsize=(11.0, 4.4), width_ratios=(3, 2))
        curves, dots, p_line = _risk_curves_panel(ax_curves, p_grid, p)
        variance_bars, bias_bars = _risk_bars_panel(ax_bars)

    def reshape(n, alpha):  # the layer: the curves and the y-range follow n and alpha
        risks = {name: r.risk for name, r in _risks_at(p_grid, n, alpha).items()}
        for name, values in risks.items():
            curves[name].set_ydata(values)
        top = 1.2 * max(float(values.max()) for values in risks.values())
        ax_curves.set_ylim(0.0, top)
        ax_bars.set_ylim(0.0, top)  # the same scale: a bar's top is its curve's marker

    def move(p, n, alpha):
        p_line.set_xdata([p, p])
        for name, at_p in _risks_at(p, n, alpha).items():
            dots[name].set_data([p], [at_p.risk])
            variance_bars[name].set_height(at_p.variance)
            bias_bars[name].set_y(at_p.variance)
            bias_bars[name].set_height(at_p.bias ** 2)

    def readout(p, n, alpha):
        numbers = {}
        for name, at_p in _risks_at(p, n, alpha).items():
            numbers.update({f"{name} bias²": float(at_p.bias ** 2),
                            f"{name} variance": float(at_p.variance),
                            f"{name} risk": float(at_p.risk)})
        return numbers

    sliders = {"p": float_slider(_("true p"), min=0.0, max=1.0, step=0.01, value=p),
               "n": int_slider(_("tosses n"), min=1, max=n_max, value=n),
               "alpha": float_slider(_("prior α = β"), min=1.0, max=alpha_max, step=0.5,
                                     value=alpha, readout_format=".1f")}
    layer = Layer(["n", "alpha"], [ax_curves.yaxis, ax_bars.yaxis, *curves.values()], reshape)
    picture = Picture(fig, moving=[p_line, *dots.values(), *variance_bars.values(),
                                   *bias_bars.values()], update=move, layers=[layer])
    formats = {f"{name} {part}": _six_decimals for name in _ROLES
               for part in ("bias²", "variance", "risk")}
    return Explorer(picture, sliders, readout=readout, formats=formats,
                    title=_("Risk of three estimators"), labels=_labels(), translate=_)


def _labels() -> dict[str, str]:
    """The panel's name of each quantity of the readout, in the course's language."""
    out = {}
    for name in _ROLES:
        shown = translated(name)
        out[f"{name} bias²"] = _("{estimator} bias²").format(estimator=shown)
        out[f"{name} variance"] = _("{estimator} variance").format(estimator=shown)
        out[f"{name} risk"] = _("{estimator} risk").format(estimator=shown)
    return out


def _risks_at(p, n, alpha) -> dict:
    """Each estimator's bias, variance and risk at ``p`` (a number or a grid)."""
    return {name: proportion_risk(p, n, *shift)
            for name, shift in beta_estimator_shifts(alpha, alpha).items()}


def _six_decimals(value: float) -> str:
    """``value`` to 6 decimals, rounded to 12 first: a tie such as 0.09/32 = 0.0028125
    then formats the same whichever way float arithmetic rounded its last bit."""
    return format_number(round(float(value), 12), ".6f")


def _risk_curves_panel(ax, p_grid, p):
    """A risk curve per estimator (filled in by the layer), the true p and a marker on each."""
    curves, dots = {}, {}
    for name, role in _ROLES.items():
        (curves[name],) = ax.plot(p_grid, np.zeros_like(p_grid), color=COLORS[role],
                                  linestyle=STYLES[role]["linestyle"], label=translated(name))
    p_line = ax.axvline(p, color=COLORS["data"], linewidth=1.2, zorder=2.6,
                        label=_("true p"))
    for name, role in _ROLES.items():
        (dots[name],) = ax.plot([p], [0.0], color=COLORS[role], marker=STYLES[role]["marker"],
                                markersize=9, markeredgecolor="black", linestyle="none",
                                zorder=3)
    # The y-axis is repainted for every n and alpha, so it is kept cheap: tick labels of
    # one width at every scale (1, 2, ... with the power of ten above the axis), so that
    # the layout computed once fits them all, and a label at a fixed place, which spares
    # matplotlib measuring the tick labels on each repaint.
    ticks = ScalarFormatter(useMathText=True)
    ticks.set_powerlimits((0, 0))
    ax.yaxis.set_major_formatter(ticks)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, steps=_TICK_STEPS))
    ax.yaxis.set_label_coords(-0.065, 0.5)
    ax.set(xlim=(0.0, 1.0), xlabel=_("true success probability p"),
           ylabel=_("risk E[(estimate − p)²]"),
           title=_("risk over the true p, for the sliders' n and α"))
    ax.legend(loc="upper center", ncol=4, fontsize=9)
    return curves, dots, p_line


def _risk_bars_panel(ax):
    """Per estimator a variance bar and a hatched bias² bar stacked on it (heights set later)."""
    names = list(_ROLES)
    colours = [COLORS[_ROLES[name]] for name in names]
    x = np.arange(len(names))
    variance = ax.bar(x, np.zeros(len(names)), color=colours, edgecolor="black")
    bias = ax.bar(x, np.zeros(len(names)), color="white", edgecolor=colours, hatch="///")
    ax.set_xticks(x, [translated(name) for name in names])
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, steps=_TICK_STEPS))  # the left's grid
    ax.tick_params(axis="y", left=False, labelleft=False)  # and the left's scale
    ax.set(xlim=(-0.6, len(names) - 0.4), title=_("at the true p: risk = variance + bias²"))
    ax.legend(handles=[Patch(facecolor="0.6", edgecolor="black", label=_("variance (solid)")),
                       Patch(facecolor="white", edgecolor="0.3", hatch="///",
                             label=_("bias² (hatched)"))], loc="upper center", ncol=2,
              fontsize=9)
    return dict(zip(names, variance.patches)), dict(zip(names, bias.patches))
