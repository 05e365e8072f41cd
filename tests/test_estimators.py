"""Closed-form estimators against np.linalg.lstsq, brute-force grid search and scipy."""

from __future__ import annotations

import math

import hp_reference as ref
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import stats

from mlelib import datasets, estimators

pytestmark = pytest.mark.filterwarnings("error")

PROPERTY = settings(max_examples=60, deadline=None)


@st.composite
def line_data(draw, min_size=2, max_size=50):
    n = draw(st.integers(min_size, max_size))
    x = draw(hnp.arrays(float, n, elements=st.floats(-10, 10)))
    assume(np.ptp(x) > 0.5)
    y = draw(hnp.arrays(float, n, elements=st.floats(-50, 50)))
    return x, y


def rss(x, y, a, b):
    """Residual sum of squares, point by point; a and b may be broadcast grids."""
    a = np.asarray(a)[..., None]
    b = np.asarray(b)[..., None]
    return np.sum((y - a * x - b) ** 2, axis=-1)


def grid_argmin(objective, centre, half_width, points=101, rounds=4):
    """Brute-force minimisation of objective(a, b) by ever finer square grids."""
    ca, cb = centre
    for _ in range(rounds):
        a = np.linspace(ca - half_width, ca + half_width, points)
        b = np.linspace(cb - half_width, cb + half_width, points)
        values = objective(a[:, None], b[None, :])
        i, j = np.unravel_index(np.argmin(values), values.shape)
        ca, cb = a[i], b[j]
        half_width *= 4.0 / (points - 1)
    return ca, cb, half_width


# --------------------------------------------------------------------------- least squares

def test_design_matrix_is_x_and_a_column_of_ones():
    X = estimators.design_matrix([-1.0, 0.5, 2.0])
    np.testing.assert_array_equal(X, [[-1.0, 1.0], [0.5, 1.0], [2.0, 1.0]])
    assert X.dtype == np.float64


@PROPERTY
@given(data=line_data())
def test_least_squares_line_matches_numpy_lstsq(data):
    x, y = data
    fit = estimators.least_squares_line(x, y)
    assert isinstance(fit, estimators.LineFit)
    expected, *_ = np.linalg.lstsq(np.column_stack([x, np.ones_like(x)]), y, rcond=None)
    np.testing.assert_allclose(fit, expected, rtol=1e-8, atol=1e-8 * (1 + np.abs(y).max()))


@PROPERTY
@given(data=line_data(), da=st.floats(-1, 1), db=st.floats(-1, 1))
def test_least_squares_line_has_the_smallest_rss(data, da, db):
    x, y = data
    a, b = estimators.least_squares_line(x, y)
    best = rss(x, y, a, b)
    assert best <= rss(x, y, a + da, b + db) * (1 + 1e-12) + 1e-9
    # the slope is cov(x, y) / var(x)
    assert a == pytest.approx(np.cov(x, y, bias=True)[0, 1] / np.var(x), rel=1e-7, abs=1e-7)


def test_least_squares_line_matches_brute_force_grid_search():
    x, y = datasets.closed_form_line_data()
    a, b = estimators.least_squares_line(x, y)
    ga, gb, step = grid_argmin(lambda aa, bb: rss(x, y, aa, bb), (0.0, 0.0), 5.0)
    assert abs(ga - a) <= step and abs(gb - b) <= step
    assert step < 1e-4


def test_least_squares_line_recovers_an_exact_line():
    x = np.array([-3.0, 0.0, 1.0, 7.0])
    fit = estimators.least_squares_line(x, 2.5 * x - 4.0)
    assert fit.slope == pytest.approx(2.5, abs=1e-12)
    assert fit.intercept == pytest.approx(-4.0, abs=1e-12)


def test_least_squares_line_is_accurate_when_x_is_far_from_zero():
    """An explicit inverse of X^T X loses digits here; lstsq does not."""
    x = 1e6 + np.linspace(0.0, 1.0, 50)
    y = 3.0 * (x - 1e6) + 2.0
    fit = estimators.least_squares_line(x, y)
    assert fit.slope == pytest.approx(3.0, rel=1e-6)


@PROPERTY
@given(data=line_data())
def test_sigma_mle_is_the_rms_residual_and_maximises_the_likelihood(data):
    x, y = data
    a, b = estimators.least_squares_line(x, y)
    s = estimators.sigma_mle(x, y, a, b)
    assert s == pytest.approx(ref.rms_residual(x, y, a, b), rel=1e-12, abs=1e-300)
    assume(s > 1e-3)

    def loglik(sig):
        return stats.norm.logpdf(y, a * x + b, sig).sum()

    h = 1e-5 * s
    assert (loglik(s + h) - loglik(s - h)) / (2 * h) == pytest.approx(0.0, abs=1e-4 * x.size / s)
    assert loglik(s) >= max(loglik(0.9 * s), loglik(1.1 * s))


# --------------------------------------------------------------------------- ridge / MAP

@PROPERTY
@given(sigma=st.floats(1e-3, 1e3), tau=st.floats(1e-3, 1e3))
def test_ridge_lambda_is_sigma_squared_over_tau_squared(sigma, tau):
    assert estimators.ridge_lambda(sigma, tau) == pytest.approx((sigma / tau) ** 2, rel=1e-13)


@PROPERTY
@given(data=line_data(min_size=1), lam=st.floats(1e-6, 1e4))
def test_ridge_map_matches_augmented_least_squares(data, lam):
    """Ridge = least squares on X stacked over sqrt(lam) I, y stacked over zeros."""
    x, y = data
    X = np.column_stack([x, np.ones_like(x)])
    A = np.vstack([X, math.sqrt(lam) * np.eye(2)])
    expected, *_ = np.linalg.lstsq(A, np.concatenate([y, [0.0, 0.0]]), rcond=None)
    fit = estimators.ridge_map(x, y, lam=lam)
    np.testing.assert_allclose(fit, expected, rtol=1e-7, atol=1e-8 * (1 + np.abs(y).max()))


@PROPERTY
@given(data=line_data(min_size=1), lam=st.floats(1e-6, 1e4))
def test_ridge_map_with_free_intercept_matches_augmented_least_squares(data, lam):
    x, y = data
    X = np.column_stack([x, np.ones_like(x)])
    A = np.vstack([X, [math.sqrt(lam), 0.0]])
    expected, *_ = np.linalg.lstsq(A, np.concatenate([y, [0.0]]), rcond=None)
    fit = estimators.ridge_map(x, y, lam=lam, penalize_intercept=False)
    np.testing.assert_allclose(fit, expected, rtol=1e-7, atol=1e-8 * (1 + np.abs(y).max()))
    # an unpenalised intercept makes the residuals average to zero
    assert np.mean(y - fit.slope * x - fit.intercept) == pytest.approx(
        0.0, abs=1e-9 * (1 + np.abs(y).max()))


@PROPERTY
@given(data=line_data(), sigma=st.floats(0.01, 10), tau=st.floats(0.01, 10))
def test_ridge_map_from_sigma_tau_equals_ridge_map_from_lambda(data, sigma, tau):
    x, y = data
    a = estimators.ridge_map(x, y, sigma=sigma, tau=tau)
    b = estimators.ridge_map(x, y, lam=(sigma / tau) ** 2)
    np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)


def test_ridge_map_moves_from_the_mle_to_the_origin_as_tau_shrinks():
    x, y = datasets.outlier_line_data()
    mle = np.array(estimators.least_squares_line(x, y))
    np.testing.assert_allclose(estimators.ridge_map(x, y, lam=0.0), mle, rtol=1e-12)
    np.testing.assert_allclose(estimators.ridge_map(x, y, sigma=0.1, tau=1e4), mle, rtol=1e-8)
    np.testing.assert_allclose(estimators.ridge_map(x, y, sigma=0.1, tau=1e-6), [0, 0],
                               atol=1e-8)
    norms = [np.hypot(*estimators.ridge_map(x, y, lam=lam)) for lam in (0.0, 1.0, 10.0, 100.0)]
    assert norms == sorted(norms, reverse=True)


def test_ridge_map_identified_with_one_distinct_x_when_lam_positive():
    fit = estimators.ridge_map([1.0, 1.0, 1.0], [2.0, 2.0, 2.0], lam=1.0)
    # minimise 3 (2 - a - b)^2 + a^2 + b^2: a = b = 6/7
    np.testing.assert_allclose(fit, [6 / 7, 6 / 7], rtol=1e-12)


def test_curriculum_04_map_minimises_nll_plus_l2_penalty_on_a_grid():
    x, y = datasets.outlier_line_data()
    sigma, tau = 0.1, 0.04

    def neg_log_posterior(a, b):
        return rss(x, y, a, b) / (2 * sigma**2) + (a**2 + b**2) / (2 * tau**2)

    a, b = estimators.ridge_map(x, y, sigma=sigma, tau=tau)
    ga, gb, step = grid_argmin(neg_log_posterior, (0.0, 0.0), 5.0)
    assert abs(ga - a) <= step and abs(gb - b) <= step


# --------------------------------------------------------------------------- other MLEs

@PROPERTY
@given(hnp.arrays(float, st.integers(1, 50), elements=st.floats(-1e3, 1e3)))
def test_gaussian_mean_mle_is_the_sample_mean(data):
    assert estimators.gaussian_mean_mle(data) == pytest.approx(np.mean(data), abs=1e-9)


def test_gaussian_mean_mle_maximises_the_scipy_likelihood_on_a_grid():
    h = datasets.heights()
    mus = np.linspace(160, 180, 200001)
    ll = stats.norm.logpdf(h[:, None], mus, 5.0).sum(axis=0)
    assert estimators.gaussian_mean_mle(h) == pytest.approx(mus[np.argmax(ll)], abs=1e-4)


@PROPERTY
@given(n=st.integers(1, 1000), data=st.data())
def test_proportion_mle_is_k_over_n_and_maximises_the_binomial(n, data):
    k = data.draw(st.integers(0, n))
    assert estimators.proportion_mle(k, n) == k / n
    p = np.linspace(0.0, 1.0, 2001)
    with np.errstate(divide="ignore"):
        best = p[np.argmax(stats.binom.logpmf(k, n, p))]
    assert estimators.proportion_mle(k, n) == pytest.approx(best, abs=5e-4)


@PROPERTY
@given(k=hnp.arrays(np.int64, st.integers(1, 12), elements=st.integers(0, 30)), data=st.data())
def test_poisson_rate_mle_is_the_weighted_mean(k, data):
    w = np.array(data.draw(st.lists(st.integers(0, 40), min_size=k.size, max_size=k.size)))
    assume(w.sum() > 0)
    expanded = np.repeat(k, w)
    assert estimators.poisson_rate_mle(k, w) == pytest.approx(expanded.mean(), rel=1e-12)
    assert estimators.poisson_rate_mle(expanded) == pytest.approx(expanded.mean(), rel=1e-12)


def test_poisson_rate_mle_maximises_the_scipy_likelihood_on_a_grid():
    values, counts = datasets.siblings()
    rates = np.linspace(0.5, 5.0, 45001)
    ll = (counts[:, None] * stats.poisson.logpmf(values[:, None], rates)).sum(axis=0)
    assert estimators.poisson_rate_mle(values, counts) == pytest.approx(rates[np.argmax(ll)],
                                                                        abs=1e-4)


# --------------------------------------------------------------------------- curriculum figures

def test_curriculum_03_slope_and_bias():
    fit = estimators.least_squares_line(*datasets.closed_form_line_data())
    assert f"{fit.slope:.4f}" == "0.8578"
    assert f"{fit.intercept:.4f}" == "1.2847"


def test_curriculum_03_normal_equations_agree_with_lstsq():
    x, y = datasets.closed_form_line_data()
    X = estimators.design_matrix(x)
    theta = np.linalg.solve(X.T @ X, X.T @ y)
    np.testing.assert_allclose(estimators.least_squares_line(x, y), theta, rtol=1e-12)


def test_curriculum_03_sigma_mle():
    x, y = datasets.closed_form_line_data()
    fit = estimators.least_squares_line(x, y)
    assert f"{estimators.sigma_mle(x, y, fit.slope, fit.intercept):.4f}" == "0.3885"


def test_curriculum_04_mle_slope_and_bias():
    fit = estimators.least_squares_line(*datasets.outlier_line_data())
    assert f"{fit.slope:.4f}" == "1.4748"
    assert f"{fit.intercept:.4f}" == "2.4784"


def test_curriculum_04_lambda_is_6_25():
    assert estimators.ridge_lambda(0.1, 0.04) == pytest.approx(6.25, rel=1e-14)
    assert f"{estimators.ridge_lambda(0.1, 0.04):.2f}" == "6.25"


def test_curriculum_04_map_slope_and_bias():
    x, y = datasets.outlier_line_data()
    fit = estimators.ridge_map(x, y, sigma=0.1, tau=0.04)
    assert f"{fit.slope:.4f}" == "1.1719"
    assert f"{fit.intercept:.4f}" == "1.6628"
    same = estimators.ridge_map(x, y, lam=6.25)
    np.testing.assert_allclose(same, fit, rtol=1e-12)


def test_curriculum_04_map_moves_less_under_outliers_than_the_mle():
    clean = datasets.make_line_data(10, 0.5, 0)
    x, y = datasets.outlier_line_data()
    mle_shift = np.subtract(estimators.least_squares_line(x, y),
                            estimators.least_squares_line(*clean))
    map_shift = np.subtract(estimators.ridge_map(x, y, lam=6.25),
                            estimators.ridge_map(*clean, lam=6.25))
    assert np.hypot(*map_shift) < np.hypot(*mle_shift)


def test_curriculum_04_free_intercept_is_shrunk_less():
    x, y = datasets.outlier_line_data()
    shrunk = estimators.ridge_map(x, y, lam=6.25)
    free = estimators.ridge_map(x, y, lam=6.25, penalize_intercept=False)
    assert abs(free.intercept) > abs(shrunk.intercept)


def test_curriculum_05_heights_mle():
    assert f"{estimators.gaussian_mean_mle(datasets.heights()):.3f}" == "168.344"


def test_curriculum_05_proportion_mles():
    assert estimators.proportion_mle(*datasets.coin()) == 0.56
    assert estimators.proportion_mle(*datasets.phone_os()) == 0.7


def test_curriculum_siblings_poisson_mle_is_the_weighted_mean():
    values, counts = datasets.siblings()
    expected = np.repeat(values, counts).mean()
    assert estimators.poisson_rate_mle(values, counts) == pytest.approx(expected, rel=1e-15)
    assert f"{estimators.poisson_rate_mle(values, counts):.2f}" == "2.21"
