"""Exact risks against brute force: sums over k with scipy's binomial weights, scipy's
chi-square moments, and the ridge estimator itself applied to the noise-free data and to
unit vectors (it is linear in y)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import stats

from mlelib import conjugate, estimators, risk

PROPERTY = settings(max_examples=60, deadline=None)

# (scipy's binomial pmf overflows internally for subnormal p, hence the 1e-12 floor)
probabilities = st.one_of(st.floats(1e-12, 1.0), st.sampled_from([0.0, 1.0, 0.5]))
shifts = st.floats(-0.5, 20.0)


def brute_force_proportion_risk(p, n, c, d):
    """Bias, variance and risk of (k + c)/(n + d) as sums over k = 0..n."""
    k = np.arange(n + 1)
    weights = stats.binom.pmf(k, n, p)
    estimate = (k + c) / (n + d)
    mean = np.sum(weights * estimate)
    return (mean - p, np.sum(weights * (estimate - mean) ** 2),
            np.sum(weights * (estimate - p) ** 2))


# --------------------------------------------------------------------------- proportions

@PROPERTY
@given(p=probabilities, n=st.integers(1, 300), c=shifts, d=shifts)
def test_proportion_risk_equals_the_sum_over_k(p, n, c, d):
    got = risk.proportion_risk(p, n, c, d)
    bias, variance, mse = brute_force_proportion_risk(p, n, c, d)
    assert got.bias == pytest.approx(bias, rel=1e-9, abs=1e-12)
    assert got.variance == pytest.approx(variance, rel=1e-9, abs=1e-12)
    assert got.risk == pytest.approx(mse, rel=1e-9, abs=1e-12)
    assert got.risk == pytest.approx(got.bias**2 + got.variance, rel=1e-12, abs=1e-15)


def test_proportion_risk_takes_a_grid_of_p():
    grid = np.linspace(0, 1, 11)
    got = risk.proportion_risk(grid, 10, 2.0, 4.0)
    assert got.risk.shape == (11,)
    for p, value in zip(grid, got.risk):
        assert value == pytest.approx(brute_force_proportion_risk(p, 10, 2.0, 4.0)[2], rel=1e-12)


@pytest.mark.parametrize(("p", "n", "expected"), [
    (0.5, 10, {"MLE": 0.0250, "MAP": 0.01736, "posterior mean": 0.01276}),
    (0.9, 10, {"MLE": 0.0090, "MAP": 0.01069, "posterior mean": 0.01765}),
    (0.3, 100, {"MLE": 0.002100, "MAP": 0.002034, "posterior mean": 0.002001}),
])
def test_the_curriculum_risks_of_the_three_estimators(p, n, expected):
    for name, (c, d) in risk.beta_estimator_shifts(2, 2).items():
        assert risk.proportion_risk(p, n, c, d).risk == pytest.approx(expected[name], abs=6e-6)


def test_the_posterior_mean_beats_the_mle_only_in_the_middle():
    shifts = risk.beta_estimator_shifts(2, 2)
    grid = np.linspace(0, 1, 100001)
    better = (risk.proportion_risk(grid, 10, *shifts["posterior mean"]).risk
              < risk.proportion_risk(grid, 10, *shifts["MLE"]).risk)
    inside = grid[better]
    assert inside.min() == pytest.approx(0.1939, abs=1e-4)
    assert inside.max() == pytest.approx(0.8061, abs=1e-4)
    assert np.all(better[(grid > inside.min()) & (grid < inside.max())])


@PROPERTY
@given(alpha=st.floats(1.0, 30.0), beta=st.floats(1.0, 30.0), n=st.integers(1, 200),
       data=st.data())
def test_beta_estimator_shifts_give_the_posterior_mean_and_mode(alpha, beta, n, data):
    k = data.draw(st.integers(0, n))
    post = conjugate.beta_bernoulli_posterior(alpha, beta, k, n)
    shifts = risk.beta_estimator_shifts(alpha, beta)
    assert list(shifts) == ["MLE", "MAP", "posterior mean"]
    estimate = {name: (k + c) / (n + d) for name, (c, d) in shifts.items()}
    assert estimate["MLE"] == pytest.approx(estimators.proportion_mle(k, n), rel=1e-12)
    assert estimate["posterior mean"] == pytest.approx(post.mean, rel=1e-12)
    if post.mode is not None:
        assert estimate["MAP"] == pytest.approx(post.mode, rel=1e-12, abs=1e-15)
    else:   # a posterior parameter is exactly 1: its peak is at an end, where the formula lands
        assert estimate["MAP"] in (0.0, 1.0)


# --------------------------------------------------------------------------- Gaussian variance

@PROPERTY
@given(n=st.integers(2, 500), divisor=st.floats(0.5, 600.0), sigma2=st.floats(0.01, 100.0))
def test_gaussian_variance_risk_from_the_chi_square_moments(n, divisor, sigma2):
    got = risk.gaussian_variance_risk(n, divisor, sigma2)
    mean = sigma2 * stats.chi2.mean(n - 1) / divisor
    variance = sigma2**2 * stats.chi2.var(n - 1) / divisor**2
    assert got.bias == pytest.approx(mean - sigma2, rel=1e-10, abs=1e-12 * sigma2)
    assert got.variance == pytest.approx(variance, rel=1e-12)
    assert got.risk == pytest.approx((mean - sigma2) ** 2 + variance, rel=1e-10)


def test_gaussian_variance_risk_matches_a_seeded_simulation():
    rng = np.random.default_rng(12)
    x = rng.normal(3.0, 2.0, size=(200_000, 6))
    rss = np.sum((x - x.mean(axis=1, keepdims=True)) ** 2, axis=1)
    for divisor in (5, 6, 7):
        got = risk.gaussian_variance_risk(6, divisor, 4.0)
        errors = rss / divisor - 4.0
        se = errors.std() / np.sqrt(errors.size)
        assert abs(errors.mean() - got.bias) < 5 * se
        assert np.mean(errors**2) == pytest.approx(got.risk, rel=0.02)


def test_the_curriculum_variance_figures_and_the_best_divisor():
    mle, unbiased = risk.gaussian_variance_risk(10, 10), risk.gaussian_variance_risk(10, 9)
    assert mle.bias == pytest.approx(-0.1) and mle.risk == pytest.approx(0.19)
    assert unbiased.bias == pytest.approx(0.0, abs=1e-15)
    assert unbiased.risk == pytest.approx(2 / 9)
    divisors = np.linspace(5, 20, 1501)
    risks = [risk.gaussian_variance_risk(10, d).risk for d in divisors]
    assert divisors[np.argmin(risks)] == pytest.approx(11.0)


# --------------------------------------------------------------------------- ridge

def reference_ridge_risk(x, theta, sigma, lam, penalize_intercept):
    """The ridge estimate is linear in y: its mean is the estimate of the noise-free data,
    its variance sigma^2 times the sum of the squared estimates of the unit vectors."""
    def fit(y):
        return np.array(estimators.ridge_map(x, y, lam=lam, penalize_intercept=penalize_intercept))

    mean = fit(theta[0] * x + theta[1])
    units = np.array([fit(e) for e in np.eye(x.size)])
    variance = sigma**2 * np.sum(units**2, axis=0)
    return mean - theta, variance


@PROPERTY
@given(x=hnp.arrays(float, st.integers(3, 15), elements=st.floats(-5, 5), unique=True),
       slope=st.floats(-3, 3), intercept=st.floats(-3, 3), sigma=st.floats(0.05, 3),
       lam=st.one_of(st.just(0.0), st.floats(1e-3, 1e3)), penalize=st.booleans())
def test_ridge_risk_matches_the_estimator_applied_to_unit_vectors(x, slope, intercept, sigma,
                                                                  lam, penalize):
    got = risk.ridge_risk(x, slope, intercept, sigma, lam, penalize_intercept=penalize)
    bias, variance = reference_ridge_risk(x, np.array([slope, intercept]), sigma, lam, penalize)
    np.testing.assert_allclose(got.bias, bias, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(got.variance, variance, rtol=1e-7, atol=1e-12)
    np.testing.assert_allclose(got.risk, got.bias**2 + got.variance, rtol=1e-12)


def test_ridge_risk_ends_mle_at_zero_and_constant_at_infinity():
    x = np.linspace(-2, 2, 10)
    mle = risk.ridge_risk(x, 1.0, 1.0, 0.5, 0.0)
    X = estimators.design_matrix(x)
    np.testing.assert_allclose(mle.bias, 0.0, atol=1e-15)
    np.testing.assert_allclose(mle.variance, 0.25 * np.diag(np.linalg.inv(X.T @ X)), rtol=1e-12)
    far = risk.ridge_risk(x, 1.0, 1.0, 0.5, 1e12)
    np.testing.assert_allclose(far.bias, [-1.0, -1.0], atol=1e-9)
    np.testing.assert_allclose(far.variance, 0.0, atol=1e-12)


def test_ridge_slope_risk_is_smallest_at_lambda_sigma2_over_slope2():
    # x is centred, so the slope decouples: risk = (lam^2 a^2 + sigma^2 Sxx) / (Sxx + lam)^2
    x = np.linspace(-2, 2, 10)
    lams = np.linspace(0.01, 1.0, 991)
    risks = [risk.ridge_risk(x, 1.0, 1.0, 0.5, lam).risk[0] for lam in lams]
    assert lams[np.argmin(risks)] == pytest.approx(0.25)


# --------------------------------------------------------------------------- bad input

@pytest.mark.parametrize(("call", "error", "words"), [
    (lambda: risk.proportion_risk(1.2, 10), ValueError, "p must be in [0, 1]"),
    (lambda: risk.proportion_risk(np.nan, 10), ValueError, "p must not contain NaN"),
    (lambda: risk.proportion_risk("0.5", 10), TypeError, "p must be a real number"),
    (lambda: risk.proportion_risk(0.5, 0), ValueError, "n must be >= 1"),
    (lambda: risk.proportion_risk(0.5, 10.0), TypeError, "n must be an integer"),
    (lambda: risk.proportion_risk(0.5, 10, 1.0, -10.0), ValueError, "n + d must be > 0"),
    (lambda: risk.proportion_risk(0.5, 10, np.inf), ValueError, "c must be finite"),
    (lambda: risk.proportion_risk(0.5, 10, [1.0, 2.0]), ValueError, "c must be a scalar"),
    (lambda: risk.beta_estimator_shifts(0.5, 2), ValueError, "alpha must be >= 1"),
    (lambda: risk.beta_estimator_shifts(2, -1), ValueError, "beta must be > 0"),
    (lambda: risk.gaussian_variance_risk(1, 1.0), ValueError, "n must be >= 2"),
    (lambda: risk.gaussian_variance_risk(10, 0.0), ValueError, "divisor must be > 0"),
    (lambda: risk.gaussian_variance_risk(10, 9, -1.0), ValueError, "sigma2 must be > 0"),
    (lambda: risk.ridge_risk([1.0, 1.0], 1, 1, 0.5, 0.0), ValueError, "two distinct values"),
    (lambda: risk.ridge_risk([0.0, 1.0], 1, 1, 0.5, -1.0), ValueError, "lam must be >= 0"),
    (lambda: risk.ridge_risk([0.0, 1.0], 1, 1, 0.0, 1.0), ValueError, "sigma must be > 0"),
    (lambda: risk.ridge_risk([0.0, np.nan], 1, 1, 0.5, 1.0), ValueError, "x must not contain NaN"),
    (lambda: risk.ridge_risk([0.0, 1.0], None, 1, 0.5, 1.0), TypeError, "slope must be"),
    (lambda: risk.ridge_risk([0.0, 1.0], 1, 1, 0.5, 1.0, penalize_intercept="no"), TypeError,
     "penalize_intercept must be True or False"),
])
def test_bad_input_names_the_argument_and_the_rule(call, error, words):
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)
