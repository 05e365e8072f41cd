"""Notebooks 09 and 10's static figures (mlelib.figures) draw exactly the data they are given."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from mlelib import count_models, datasets, figures
from mlelib.likelihoods import line_loglik_grid, line_nll, line_nll_grad
from mlelib.optimise import gradient_descent

VALUES, COUNTS = datasets.siblings()
OBSERVED = np.append(0, COUNTS)
LABELS = [str(k) for k in range(7)] + ["7+"]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _heights(container):
    return [patch.get_height() for patch in container.patches]


def test_count_table_bars_draws_one_bar_per_category_and_series_each_with_its_hatch():
    expected = {"Poisson": count_models.poisson_expected_counts(100, 2.21, 7),
                "shifted": np.append(0, count_models.poisson_expected_counts(100, 1.21, 6))}
    fig = figures.count_table_bars(LABELS, OBSERVED, expected, title="t")
    (ax,) = fig.get_axes()
    containers = ax.containers
    assert len(containers) == 3
    np.testing.assert_allclose(_heights(containers[0]), OBSERVED)
    for container, heights in zip(containers[1:], expected.values()):
        np.testing.assert_allclose(_heights(container), heights)
    hatches = {container.patches[0].get_hatch() for container in containers}
    assert len(hatches) == 3  # told apart without colour
    assert [t.get_text() for t in ax.get_xticklabels()] == LABELS
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["observed", "Poisson", "shifted"]


def test_model_loglik_curves_draws_each_curve_its_star_and_the_ceiling():
    rates = np.linspace(0.6, 3.6, 31)
    curves = {"Poisson": count_models.poisson_table_loglik(VALUES, rates, COUNTS),
              "shifted": count_models.poisson_table_loglik(VALUES, rates, COUNTS, shift=1)}
    best = {"Poisson": (2.21, -150.69), "shifted": (1.21, -132.02)}
    ceiling = count_models.saturated_loglik(COUNTS)
    fig = figures.model_loglik_curves(rates, curves, best, ceiling=ceiling)
    (ax,) = fig.get_axes()
    drawn = {tuple(np.round(line.get_ydata(), 9)) for line in ax.get_lines()}
    for values in curves.values():
        assert tuple(np.round(values, 9)) in drawn
    stars = [line for line in ax.get_lines() if line.get_marker() == "*"]
    assert [(line.get_xdata()[0], line.get_ydata()[0]) for line in stars] == list(best.values())
    assert any(np.allclose(line.get_ydata(), ceiling) for line in ax.get_lines())
    assert ax.get_ylim()[1] > ceiling  # the ceiling is inside the picture


def _coin_runs():
    def nll(p):
        return -(56 * np.log(p) + 44 * np.log(1 - p))

    def grad(p):
        return -56 / p + 44 / (1 - p)

    good = gradient_descent(grad, 0.5, learning_rate=0.001, steps=20, fun=nll, bounds=(0, 1))
    bad = gradient_descent(grad, 0.5, learning_rate=0.01, steps=20, fun=nll, bounds=(0, 1))
    return nll, {"good": good, "bad": bad}


def test_descent_on_curve_draws_the_paths_and_marks_the_rejected_step():
    nll, runs = _coin_runs()
    grid = np.linspace(0.02, 0.98, 50)
    fig = figures.descent_on_curve(grid, nll(grid), runs, xlabel="p", domain=(0, 1),
                                   xlim=(-0.3, 1.05), ylim=(60, 140))
    (ax,) = fig.get_axes()
    lines = ax.get_lines()
    for run in runs.values():
        assert any(np.array_equal(line.get_xdata(), run.path)
                   and np.array_equal(line.get_ydata(), run.values) for line in lines)
    crosses = [line for line in lines if line.get_marker() == "X"]
    assert len(crosses) == 1 and crosses[0].get_xdata()[0] == pytest.approx(runs["bad"].rejected)
    assert crosses[0].get_ydata()[0] == 60  # on the x-axis
    assert ax.get_xlim() == (-0.3, 1.05) and ax.get_ylim() == (60, 140)
    assert len(ax.patches) == 2  # the two shaded regions outside (0, 1)


def test_descent_on_contours_and_progress_draw_the_recorded_path():
    x, y = datasets.closed_form_line_data()
    run = gradient_descent(lambda t: line_nll_grad(x, y, t[0], t[1], 0.5), [0.0, 0.0],
                           learning_rate=0.01, steps=30,
                           fun=lambda t: line_nll(x, y, t[0], t[1], 0.5))
    a, b = np.linspace(-0.5, 2, 41), np.linspace(-0.5, 2.5, 41)
    nll = -line_loglik_grid(x, y, a, b, 0.5)
    fig = figures.descent_on_contours(a, b, nll, {"run": run}, optimum=(0.8578, 1.2847))
    (ax,) = fig.get_axes()
    assert any(np.array_equal(line.get_xdata(), run.path[:, 0])
               and np.array_equal(line.get_ydata(), run.path[:, 1]) for line in ax.get_lines())
    fig = figures.descent_progress({"run": run}, nll_min=run.values[-1])
    (line,) = fig.get_axes()[0].get_lines()
    np.testing.assert_allclose(line.get_ydata(),
                               np.maximum(run.values - run.values[-1], 1e-12))
