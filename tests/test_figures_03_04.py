"""Notebooks 03 and 04's figures (mlelib.figures): what a learner must be able to read on them.

The figures only draw what they are given; these tests check that they draw all of it,
labelled, and that the parameter-plane contours sit where the maths puts them.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.contour import ContourSet

from mlelib import datasets, estimators, likelihoods
from mlelib.figures import (
    fitted_lines_figure,
    nll_profiles_figure,
    parameter_plane_figure,
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_nll_profiles_figure_draws_one_curve_per_sigma_on_labelled_axes():
    x, y = datasets.closed_form_line_data()
    fit = estimators.least_squares_line(x, y)
    a_line, b_line = np.linspace(0, 2, 50), np.linspace(0, 2, 50)
    profiles = {s: (likelihoods.line_nll(x, y, a_line, fit.intercept, s),
                    likelihoods.line_nll(x, y, fit.slope, b_line, s),
                    likelihoods.line_nll(x, y, fit.slope, fit.intercept, s)) for s in (0.5, 1.0)}
    ax_a, ax_b = nll_profiles_figure(a_line, b_line, profiles, mle=tuple(fit)).axes
    assert (ax_a.get_xlabel(), ax_b.get_xlabel()) == ("slope a", "intercept b")
    for ax in (ax_a, ax_b):
        labels = ax.get_legend_handles_labels()[1]
        assert [label for label in labels if label.startswith("σ")] == [
            "σ = 0.5, minimum 10.55", "σ = 1.0, minimum 19.89"]


def test_fitted_lines_figure_shows_the_outliers_only_where_asked():
    x, y = datasets.outlier_line_data()
    out = np.arange(x.size) >= 10
    lines = [("MLE", (1.5, 2.5), "mle"), ("MAP", (1.2, 1.7), "map")]
    fig = fitted_lines_figure(x, y, out, [("clean", lines, False), ("all", lines, True)])
    left, right = fig.axes
    assert [len(ax.collections) for ax in (left, right)] == [1, 2]   # scatters
    assert right.get_legend_handles_labels()[1] == ["data", "outliers", "MLE", "MAP"]
    assert left.get_ylabel() == "y" and right.get_xlabel() == "x"
    with pytest.raises(KeyError):
        fitted_lines_figure(x, y, out, [("t", [("?", (1, 1), "nonsense")], True)])


def _distance_to_contour(ax, level_value, point):
    """How far ``point`` is from the contour line drawn at ``level_value`` on ``ax``."""
    nearest = np.inf
    for contours in (c for c in ax.collections if isinstance(c, ContourSet)):
        for level, path in zip(contours.levels, contours.get_paths()):
            if np.isclose(level, level_value) and len(path.vertices):
                nearest = min(nearest, np.min(np.hypot(*(path.vertices - point).T)))
    return nearest


def test_parameter_plane_figure_draws_the_contours_that_touch_at_the_map():
    x, y = datasets.outlier_line_data()
    sigma, tau, step = 0.1, 0.04, 0.005
    a_grid, b_grid = np.arange(-0.4, 2.0, step), np.arange(-0.4, 3.0, step)
    log_lik = likelihoods.line_loglik_grid(x, y, a_grid, b_grid, sigma)
    log_prior = (likelihoods.gaussian_logpdf(a_grid, 0, tau)[:, None]
                 + likelihoods.gaussian_logpdf(b_grid, 0, tau)[None, :])
    mle = estimators.least_squares_line(x, y)
    map_ = np.array(estimators.ridge_map(x, y, sigma=sigma, tau=tau))
    at_map = {"prior": float(np.sum(likelihoods.gaussian_logpdf(map_, 0, tau))),
              "likelihood": float(likelihoods.line_loglik(x, y, *map_, sigma))}
    path = np.array([estimators.ridge_map(x, y, sigma=sigma, tau=t) for t in (0.01, 0.1, 1.0)])
    fig = parameter_plane_figure(
        a_grid, b_grid, {"prior": log_prior, "likelihood": log_lik,
                         "posterior": log_lik + log_prior},
        mle=mle, map_point=map_, map_path=path, touching=at_map, path_label="the path")
    ax = fig.axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("slope a", "intercept b")
    labels = ax.get_legend().get_texts()
    assert [t.get_text().split(":")[0] for t in labels] == [
        "prior", "likelihood", "posterior", "the path", "MLE", "MAP"]
    for role, value in at_map.items():
        assert _distance_to_contour(ax, value, map_) < step, role
    # the posterior's 1-sd contour: half a nat below its peak, around the MAP
    peak = float(np.max(log_lik + log_prior))
    assert _distance_to_contour(ax, peak - 0.5, map_) < 0.05
