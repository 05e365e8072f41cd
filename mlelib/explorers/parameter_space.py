r"""The explorer of notebook 01: a Gaussian prior over the line model's parameters
:math:`(a, b)`, as points in parameter space and as the lines they stand for.

The builder describes a figure: its panels (a helper per panel), the artists that move,
what the sliders move (``move``) and the readout.  How to write one:
``docs/writing-an-explorer.md``.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.patches import Circle

from ..engine import Explorer, Picture, float_slider, int_slider
from ..i18n import gettext as _
from ..i18n import gettext_noop as N_
from ..plotting import COLORS, course_style, new_figure

__all__ = ["parameter_prior_explorer"]


def parameter_prior_explorer(*, centre_a: float = 1.0, centre_b: float = 0.0,
                             spread: float = 0.5, n: int = 10, seed: int = 0, max_n: int = 50
                             ) -> Explorer:
    r"""Sliders for a prior :math:`(a, b) \sim \mathcal N(\text{centre}, \text{spread}^2 I)`.

    Left: parameter space with ``n`` drawn points, the centre (cross) and the circle of
    radius ``2 * spread`` (it holds :math:`1 - e^{-2} \approx 86\,\%` of the prior).
    Right: each point's line over ``x`` in [-10, 10] and the centre's line (dashed).
    The points are ``centre + spread * z[:n]`` with ``z`` drawn once from
    ``RandomState(seed)``, the points of ``datasets.sample_parameters(n, seed=seed, ...)``:
    a slider moves the same points.  Readout: sample mean and std (``ddof=1``) of a, b.
    """
    z = np.random.RandomState(seed).standard_normal((max_n, 2))
    xs = np.array([-10.0, 10.0])
    with course_style():
        fig, (ax_par, ax_lines) = new_figure(1, 2, figsize=(10.0, 4.9))
        circle, centre, points = _prior_panel(ax_par, centre_a, centre_b, spread)
        lines, centre_line = _prior_lines_panel(ax_lines, xs, centre_a, centre_b)
        fig.legend(handles=[points, centre, circle, lines, centre_line],
                   loc="outside lower center", ncols=3, fontsize=9)

    def drawn(centre_a, centre_b, spread, n):
        theta = np.array([centre_a, centre_b]) + spread * z[:n]
        return theta[:, 0], theta[:, 1]

    def move(centre_a, centre_b, spread, n):
        a, b = drawn(centre_a, centre_b, spread, n)
        points.set_data(a, b)
        centre.set_data([centre_a], [centre_b])
        circle.set_center((centre_a, centre_b))
        circle.set_radius(2.0 * spread)
        ends = a[:, None] * xs + b[:, None]  # y at x = -10 and x = +10, one row per line
        lines.set_segments(np.stack([np.broadcast_to(xs, ends.shape), ends], axis=-1))
        centre_line.set_ydata(centre_a * xs + centre_b)

    def readout(centre_a, centre_b, spread, n):
        a, b = drawn(centre_a, centre_b, spread, n)
        return {"sample mean of a": float(a.mean()), "sample mean of b": float(b.mean()),
                "sample std of a": float(a.std(ddof=1)), "sample std of b": float(b.std(ddof=1))}

    sliders = {
        "centre_a": float_slider(_("centre of a (slope)"), min=-5.0, max=5.0, step=0.1,
                                 value=centre_a),
        "centre_b": float_slider(_("centre of b (intercept)"), min=-5.0, max=5.0, step=0.1,
                                 value=centre_b),
        "spread": float_slider(_("spread (std)"), min=0.05, max=3.0, step=0.05, value=spread),
        "n": int_slider(_("sample count n"), min=2, max=max_n, value=n),
    }
    picture = Picture(fig, moving=[circle, centre, points, lines, centre_line], update=move)
    formats = {N_("sample mean of a"): ".3f", N_("sample mean of b"): ".3f",
               N_("sample std of a"): ".3f", N_("sample std of b"): ".3f"}
    return Explorer(picture, sliders, readout=readout, formats=formats,
                    title=_("Prior over parameter space"), translate=_)


def _prior_panel(ax, centre_a, centre_b, spread):
    """Parameter space: the 2-spread circle, the centre and the drawn points."""
    circle = Circle((centre_a, centre_b), 2.0 * spread, fill=False, linestyle="--",
                    linewidth=1.5, edgecolor=COLORS["prior"],
                    label=_("circle of radius 2·spread (86 % of the prior)"))
    ax.add_patch(circle)
    (centre,) = ax.plot([centre_a], [centre_b], marker="X", markersize=12, linestyle="none",
                        color=COLORS["prior"], markeredgecolor="black", label=_("prior centre"))
    (points,) = ax.plot([], [], marker="o", markersize=6, linestyle="none",
                        color=COLORS["model"], alpha=0.8, label=_("drawn points (a, b)"))
    ax.set(xlim=(-10.0, 10.0), ylim=(-10.0, 10.0), aspect="equal", xlabel=_("slope a"),
           ylabel=_("intercept b"), title=_("parameter space: one point per line"))
    return circle, centre, points


def _prior_lines_panel(ax, xs, centre_a, centre_b):
    """The drawn points as lines (one collection) and the centre's line."""
    lines = LineCollection([], colors=COLORS["model"], linewidths=1.2, alpha=0.6,
                           label=_("line of a drawn point"))
    ax.add_collection(lines)
    (centre_line,) = ax.plot(xs, centre_a * xs + centre_b, color=COLORS["prior"],
                             linestyle="--", linewidth=2.5, label=_("line of the prior centre"))
    ax.set(xlim=(-10.0, 10.0), ylim=(-10.0, 10.0), xlabel="x", ylabel="y = a x + b",
           title=_("the same points as lines"))
    return lines, centre_line
