"""Notebook 11's static figures (mlelib.figures.intervals) draw exactly the data they are given."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from mlelib import figures, intervals
from mlelib.figures.intervals import RULE_STYLES, coverage_lines


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_intervals_on_loglik_draws_the_curve_the_cut_and_one_bar_per_rule():
    grid = np.linspace(0.4, 0.7, 31)
    relative = -((grid - 0.56) ** 2) * 200
    rows = {name: rule(56, 100) for name, rule in intervals.INTERVAL_RULES.items()}
    fig = figures.intervals_on_loglik(grid, relative, 1.9207, rows, estimate=0.56)
    ax_curve, ax_rows = fig.get_axes()
    np.testing.assert_allclose(ax_curve.lines[0].get_ydata(), relative)
    assert ax_curve.lines[1].get_ydata()[0] == pytest.approx(-1.9207)
    bars = [line for line in ax_rows.lines if line.get_linewidth() == 3]
    assert len(bars) == 4
    for bar, ends in zip(bars, rows.values()):
        np.testing.assert_allclose(bar.get_xdata(), ends)
    assert [t.get_text() for t in ax_rows.get_yticklabels()] == list(rows)[::-1]
    assert len({bar.get_linestyle() for bar in bars}) == 4  # told apart without colour


def test_coverage_curves_has_a_panel_per_n_with_each_rule_and_the_level():
    grid = np.linspace(0.01, 0.99, 50)
    panels = {n: {name: intervals.exact_coverage(name, n, grid) for name in intervals.INTERVAL_RULES}
              for n in (10, 30)}
    fig = figures.coverage_curves(grid, panels, level=0.95)
    axes = fig.get_axes()
    assert len(axes) == 2
    for ax, (n, coverages) in zip(axes, panels.items()):
        assert f"n = {n}" in ax.get_title()
        for line, values in zip(ax.lines, coverages.values()):
            np.testing.assert_allclose(line.get_ydata(), values)
        assert ax.lines[4].get_ydata()[0] == pytest.approx(0.95)


def test_coverage_lines_returns_the_curves_it_drew_in_the_rules_styles():
    _, ax = plt.subplots()
    grid = np.linspace(0, 1, 5)
    lines, level_line = coverage_lines(ax, grid, {"Wilson": grid, "other": 1 - grid}, level=0.9)
    assert lines["Wilson"].get_color() == RULE_STYLES["Wilson"]["color"]
    np.testing.assert_allclose(lines["other"].get_ydata(), 1 - grid)
    assert level_line.get_ydata()[0] == pytest.approx(0.9)


def test_bootstrap_histogram_holds_every_mean_and_a_curve_per_spread():
    means = np.random.default_rng(0).integers(180, 260, 5000) / 100  # a lattice, as means are
    fig = figures.bootstrap_histogram(means, 2.2, {"a": 0.15, "b": 0.1})
    (ax,) = fig.get_axes()
    heights = np.array([patch.get_height() for patch in ax.patches])
    widths = np.array([patch.get_width() for patch in ax.patches])
    assert np.sum(heights * widths) == pytest.approx(1.0)  # a density over all 5000 means
    assert np.all(heights > 0)  # two lattice points per bin: no empty comb teeth
    peaks = [line.get_ydata().max() for line in ax.lines]
    np.testing.assert_allclose(peaks, [1 / (s * np.sqrt(2 * np.pi)) for s in (0.15, 0.1)],
                               rtol=1e-3)
