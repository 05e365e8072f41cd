"""Notebooks 01 and 02's static figures (mlelib.figures) draw exactly the data they are given."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from mlelib import datasets, figures
from mlelib.likelihoods import line_loglik_grid, line_logpdf

THETA_UNIFORM = datasets.sample_parameters(10, seed=0)
THETA_NORMAL = datasets.sample_parameters(10, seed=0, centre=(1.0, 0.0), spread=0.5)
ENDS = np.array([-10.0, 10.0])


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _lines(ax):
    return [line for line in ax.get_lines() if line.get_linestyle() not in ("None", "none")]


def test_line_grid_draws_each_row_as_its_own_line_titled_with_its_equation():
    fig = figures.line_grid(THETA_UNIFORM, title="uniform", color="C0")
    axes = fig.get_axes()
    assert len(axes) == 10
    for ax, (a, b) in zip(axes, THETA_UNIFORM):
        (line,) = ax.get_lines()
        np.testing.assert_allclose(line.get_xdata(), ENDS)
        np.testing.assert_allclose(line.get_ydata(), a * ENDS + b)
        assert ax.get_title() == f"y={a:.3f}x{b:+.3f}"
        assert ax.get_xlim() == (-10.0, 10.0) and ax.get_ylim() == (-10.0, 10.0)
    assert axes[0].get_title() == "y=0.976x+4.304"  # the curriculum's first uniform draw


def test_the_uniform_draws_are_numbered_points_inside_the_square():
    fig = figures.uniform_draws_in_parameter_space(THETA_UNIFORM, color="C0")
    (ax,) = fig.get_axes()
    (points,) = ax.get_lines()
    np.testing.assert_allclose(points.get_xydata(), THETA_UNIFORM)
    labels = {text.get_text(): text.xy for text in ax.texts}
    assert list(labels) == [f"#{k}" for k in range(1, 11)]
    np.testing.assert_allclose(list(labels.values()), THETA_UNIFORM)
    (square,) = ax.patches
    assert square.get_xy() == (-10.0, -10.0) and square.get_width() == square.get_height() == 20


def test_two_priors_compared_shows_both_draws_as_points_and_as_lines():
    fig = figures.two_priors_compared(THETA_UNIFORM, THETA_NORMAL, centre=(1.0, 0.0), spread=0.5)
    ax_par, ax_uniform, ax_normal = fig.get_axes()
    uniform_points, normal_points, centre = ax_par.get_lines()
    np.testing.assert_allclose(uniform_points.get_xydata(), THETA_UNIFORM)
    np.testing.assert_allclose(normal_points.get_xydata(), THETA_NORMAL)
    np.testing.assert_allclose(centre.get_xydata(), [[1.0, 0.0]])
    assert "std 0.5" in normal_points.get_label()
    for ax, theta in ((ax_uniform, THETA_UNIFORM), (ax_normal, THETA_NORMAL)):
        drawn = np.array([line.get_ydata() for line in _lines(ax)])
        np.testing.assert_allclose(drawn, theta[:, :1] * ENDS + theta[:, 1:])


def test_per_point_likelihoods_annotates_every_point_with_its_density():
    x, y = datasets.likelihood_line_data()
    dens = np.exp(line_logpdf(x, y, 1.0, 1.0, 0.1))
    fig = figures.per_point_likelihoods(x, y, 1.0, 1.0, dens, sigma=0.1)
    (ax,) = fig.get_axes()
    assert [t.get_text() for t in ax.texts] == [f"{d:.3e}" for d in dens]
    assert ax.texts[1].get_text() == "3.298e-58"  # the curriculum's value at x = -1
    np.testing.assert_allclose([t.xy for t in ax.texts], np.column_stack([x, y]))
    model, *residuals = ax.get_lines()
    np.testing.assert_allclose(model.get_ydata(), model.get_xdata() + 1.0)
    for segment, xi, yi in zip(residuals, x, y):
        np.testing.assert_allclose(segment.get_xydata(), [[xi, yi], [xi, xi + 1.0]])
    assert "0.1" in ax.get_title()


def test_loglik_surface_marks_the_maximum_and_the_point_on_bands_below_the_top():
    x, y = datasets.likelihood_line_data()
    a_grid, b_grid = np.linspace(-1, 3, 41), np.linspace(-1, 3, 41)
    surface = line_loglik_grid(x, y, a_grid, b_grid, 0.1)
    fig = figures.loglik_surface(a_grid, b_grid, surface, mle=(0.4849, 0.9636), point=(1.0, 1.0),
                                 sigma=0.1)
    ax, colorbar = fig.get_axes()
    star, circle = ax.get_lines()
    np.testing.assert_allclose(star.get_xydata(), [[0.4849, 0.9636]])
    np.testing.assert_allclose(circle.get_xydata(), [[1.0, 1.0]])
    (bands,) = [c for c in ax.collections if hasattr(c, "levels")]
    np.testing.assert_allclose(bands.levels,
                               surface.max() - np.array([3000, 1000, 300, 100, 30, 10, 3, 0]))
    assert "nats" in colorbar.get_ylabel()
