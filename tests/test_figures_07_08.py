"""Notebooks 07 and 08's figures (mlelib.figures): they draw all they are given, labelled.

The figures only draw; these tests check that the curves and bars a learner reads carry
the numbers passed in (computed here with mlelib.risk), that every series is named in a
legend, and that the axes say what they show.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from mlelib import risk
from mlelib.figures import (
    estimate_histograms,
    ridge_tradeoff,
    risk_against_n,
    risk_curves,
    softmax_regions,
)

NAMES = ["MLE", "MAP", "posterior mean"]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _risks(p, n, alpha=2.0):
    shifts = risk.beta_estimator_shifts(alpha, alpha)
    return {name: risk.proportion_risk(p, n, *shifts[name]) for name in NAMES}


def test_estimate_histograms_show_each_estimators_shares_and_means():
    k = np.random.default_rng(0).binomial(10, 0.9, size=5000)
    estimates = {"MLE": k / 10, "MAP": (k + 1) / 12, "posterior mean": (k + 2) / 14}
    fig = estimate_histograms(estimates, 0.9, 10)
    assert [ax.get_title() for ax in fig.axes] == NAMES
    for ax, values in zip(fig.axes, estimates.values()):
        heights = [bar.get_height() for bar in ax.patches]
        assert sum(heights) == pytest.approx(1.0)
        lines = {line.get_label(): line.get_xdata()[0] for line in ax.lines}
        assert lines["true p = 0.9"] == 0.9
        assert lines["mean of the estimates"] == pytest.approx(values.mean())
    assert fig.axes[0].get_xlabel() == "estimate of p"


def test_risk_curves_draw_the_given_risks_and_the_interval():
    grid = np.linspace(0.01, 0.99, 99)
    curves = {name: r.risk for name, r in _risks(grid, 10).items()}
    fig = risk_curves(grid, curves, n=10, better=(0.1939, 0.8061))
    ax = fig.axes[0]
    drawn = {line.get_label(): line.get_ydata() for line in ax.lines}
    for name in NAMES:
        np.testing.assert_array_equal(drawn[name], curves[name])
    labels = ax.get_legend().get_texts()
    assert "posterior mean beats the MLE (0.1939 to 0.8061)" in [t.get_text() for t in labels]
    assert ax.get_xlabel() == "true success probability p"


def test_risk_against_n_is_on_log_log_axes_with_a_slope_minus_one_guide():
    ns = np.array([10, 100, 1000])
    risks = {name: np.array([_risks(0.3, int(n))[name].risk for n in ns]) for name in NAMES}
    ax = risk_against_n(ns, risks, 0.3).axes[0]
    assert ax.get_xscale() == ax.get_yscale() == "log"
    guide = next(line for line in ax.lines if line.get_label().startswith("slope -1"))
    np.testing.assert_allclose(guide.get_ydata() * ns, risks["MLE"][0] * 10)


def test_ridge_tradeoff_draws_exact_curves_simulated_markers_and_the_zoom():
    x = np.linspace(-2, 2, 10)
    taus = np.logspace(-2, 2, 41)
    parts = [risk.ridge_risk(x, 1.0, 1.0, 0.5, 0.25 / t**2) for t in taus]
    exact = {"bias²": [r.bias[0] ** 2 for r in parts], "variance": [r.variance[0] for r in parts],
             "risk": [r.risk[0] for r in parts]}
    simulated = {name: np.array(values) * 1.01 for name, values in exact.items()}
    left, right = ridge_tradeoff(taus, exact, simulated, best_tau=1.0).axes
    labels = left.get_legend_handles_labels()[1]
    assert labels == ["bias² (exact)", "bias² (simulated)", "variance (exact)",
                      "variance (simulated)", "risk (exact)", "risk (simulated)"]
    zoom = next(line for line in right.lines if line.get_label() == "exact")
    np.testing.assert_allclose(zoom.get_ydata(), np.array(exact["risk"]) / exact["risk"][-1])


def test_softmax_regions_draw_every_point_by_class():
    points = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0], [1.5, 0.5]])
    labels = np.array([0, 1, 2, 2])
    gx, gy = np.meshgrid(np.linspace(-1, 3, 5), np.linspace(-1, 2, 4))
    ax = softmax_regions(points, labels, gx, gy, np.zeros_like(gx, int), title="t").axes[0]
    scatters = [c for c in ax.collections if c.get_label().startswith("class")]
    counts = {c.get_label(): len(c.get_offsets()) for c in scatters}
    assert counts == {"class 0": 1, "class 1": 1, "class 2": 2}
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("feature x₁", "feature x₂")
