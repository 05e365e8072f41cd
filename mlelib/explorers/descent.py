r"""The explorer of gradient descent on a line model's NLL (notebook 10).

How to write one: ``docs/writing-an-explorer.md``.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..datasets import LineData
from ..engine import Explorer, Picture, format_number, int_slider, log_slider
from ..estimators import least_squares_line
from ..i18n import gettext as _
from ..i18n import gettext_noop as N_
from ..likelihoods import line_loglik_grid, line_nll
from ..optimise import DescentPath, gradient_descent
from ..plotting import COLORS, course_style, new_figure

__all__ = ["descent_explorer"]


def descent_explorer(data: LineData, *, sigma: float = 0.5, learning_rate: float = 0.01,
                     steps: int = 20, start=(0.0, 0.0), box: float = 10.0,
                     max_steps: int = 200) -> Explorer:
    r"""Sliders for the learning rate :math:`\eta` (log scale) and the number of steps.

    Gradient descent :math:`\theta_{t+1} = \theta_t - \eta\nabla\mathrm{NLL}(\theta_t)`
    on the line model's NLL over :math:`\theta = (a, b)` from ``start``; a step that
    leaves the box :math:`-\text{box} < a, b < \text{box}` ends the run as diverged.
    Left: the NLL contours, the MLE, and the path of the first ``steps`` iterates.
    Right: :math:`\mathrm{NLL}(\theta_t) - \min\mathrm{NLL}` over the steps (log scale).
    Readout: ``step`` (how many were taken, or where it diverged), ``θ_t`` (.4f),
    ``NLL_t`` (.4f) and ``|gradient|`` (.4f).  A run is computed once per learning
    rate (``max_steps`` steps) and sliced for the steps slider.
    """
    x, y = data
    fit = least_squares_line(x, y)
    nll, grad, nll_min = _quadratic_nll(data, sigma, fit)

    @lru_cache(maxsize=128)
    def run(learning_rate: float) -> DescentPath:
        return gradient_descent(grad, start, learning_rate=learning_rate, steps=max_steps,
                                fun=nll, bounds=(-box, box))

    with course_style():
        fig, (ax_path, ax_gap) = new_figure(1, 2, figsize=(11.0, 4.4),
                                            gridspec_kw={"width_ratios": [1.2, 1.0]})
        path, here = _contour_panel(ax_path, data, sigma, fit, start)
        gap_line, gap_dot = _gap_panel(ax_gap, max_steps)

    def at(learning_rate, steps):
        """The run for this rate and the last step taken (a run that diverged stops early)."""
        r = run(learning_rate)
        return r, min(steps, r.steps)

    def move(learning_rate, steps):
        r, t = at(learning_rate, steps)
        path.set_data(r.path[: t + 1, 0], r.path[: t + 1, 1])
        here.set_data([r.path[t, 0]], [r.path[t, 1]])
        gap = np.maximum(r.values[: t + 1] - nll_min, 1e-12)
        gap_line.set_data(np.arange(t + 1), gap)
        gap_dot.set_data([t], [gap[-1]])

    def readout(learning_rate, steps):
        r, t = at(learning_rate, steps)
        return {"step": (t, steps), "θ_t": (float(r.path[t, 0]), float(r.path[t, 1])),
                "NLL_t": float(r.values[t]), "|gradient|": float(r.grad_norms[t])}

    sliders = {"learning_rate": log_slider(_("learning rate η"), min_exp=-4.0, max_exp=-1.0,
                                           step=0.05, value=learning_rate),
               "steps": int_slider(_("steps"), min=0, max=max_steps, value=steps)}
    picture = Picture(fig, moving=[path, here, gap_line, gap_dot], update=move)
    return Explorer(picture, sliders, readout=readout, formats=_FORMATS,
                    title=_("Gradient descent on a line"), translate=_)


def _steps_taken(step: tuple[int, int]) -> str:
    """``(taken, asked)``: "20 of 20", or where the run left the box."""
    taken, asked = step
    if taken == asked:
        return _("{taken} of {asked}").format(taken=taken, asked=asked)
    return _("{taken} (diverged: step {next} leaves the box)").format(taken=taken,
                                                                      next=taken + 1)


_FORMATS = {N_("step"): _steps_taken,
            "θ_t": lambda theta: "({}, {})".format(*(format_number(v, ".4f") for v in theta)),
            "NLL_t": ".4f", N_("|gradient|"): ".4f"}


def _quadratic_nll(data, sigma, fit):
    r"""The line model's NLL and gradient as the exact quadratics they are, and the minimum.

    .. math:: \mathrm{NLL}(\theta) = \mathrm{NLL}(\hat\theta)
              + \tfrac12(\theta - \hat\theta)^\top H(\theta - \hat\theta),
              \qquad \nabla\mathrm{NLL}(\theta) = H(\theta - \hat\theta),
              \qquad H = X^\top X/\sigma^2

    Two small matrix products per step instead of a pass over the data with its checks,
    so that a whole run for a new learning rate takes a few milliseconds.
    """
    design = np.column_stack([data.x, np.ones_like(data.x)])
    hessian = design.T @ design / sigma**2
    best = np.array([fit.slope, fit.intercept])
    nll_min = float(line_nll(data.x, data.y, fit.slope, fit.intercept, sigma))

    def nll(theta):
        d = theta - best
        return nll_min + 0.5 * d @ hessian @ d

    def grad(theta):
        return hessian @ (theta - best)

    return nll, grad, nll_min


def _contour_panel(ax, data, sigma, fit, start):
    """NLL contours around the MLE (static), the path and its last point (moving)."""
    a_grid = np.linspace(fit.slope - 1.4, fit.slope + 1.4, 141)
    b_grid = np.linspace(fit.intercept - 1.7, fit.intercept + 1.7, 141)
    nll = -line_loglik_grid(data.x, data.y, a_grid, b_grid, sigma)
    levels = nll.min() + 0.5 * 4.0 ** np.arange(7)
    ax.contour(a_grid, b_grid, nll.T, levels=levels, colors="0.6", linewidths=0.8)
    ax.plot([fit.slope], [fit.intercept], marker="*", markersize=15, color=COLORS["mle"],
            markeredgecolor="black", linestyle="none", label=_("MLE (least squares)"))
    ax.plot([start[0]], [start[1]], marker="s", color=COLORS["data"], linestyle="none",
            label=_("start θ₀"))
    (path,) = ax.plot([], [], color=COLORS["model"], marker="o", markersize=3.5,
                      linewidth=1.1, zorder=2.1, label=_("path θ₀ … θ_t"))
    (here,) = ax.plot([], [], marker="o", markersize=9, color=COLORS["marker"],
                      markeredgecolor="black", linestyle="none", zorder=2.2, label="θ_t")
    ax.set(xlim=(a_grid[0], a_grid[-1]), ylim=(b_grid[0], b_grid[-1]), xlabel=_("slope a"),
           ylabel=_("intercept b"), title=_("NLL contours (0.5, 2, 8, … above the minimum)"))
    ax.legend(loc="lower right", fontsize=8)
    return path, here


def _gap_panel(ax, max_steps):
    """How far above its minimum the NLL is at each step: the curve and its last point."""
    (line,) = ax.plot([], [], color=COLORS["model"], linewidth=1.5, zorder=2.1,
                      label="NLL(θ_t) − min NLL")
    (dot,) = ax.plot([], [], marker="o", color=COLORS["marker"], markeredgecolor="black",
                     linestyle="none", zorder=2.2)
    ax.set_yscale("log")
    ax.set(xlim=(0, max_steps), ylim=(1e-12, 1e5), xlabel=_("step t"),
           ylabel=_("NLL above its minimum (nats)"), title=_("progress (below 1e-12: rounding)"))
    ax.legend(loc="upper right", fontsize=9)
    return line, dot
