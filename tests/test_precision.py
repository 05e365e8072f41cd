"""mlelib against exact references where textbook formulas lose digits (issue 15).

Target: 1e-12 relative error against the exact value for the given float inputs, which
``hp_reference`` computes with 60-digit decimals and exact rationals.  Where a result is
the difference of two large terms (a log-likelihood near 0, a gradient at the optimum),
the error is measured against the size of those terms instead: one unit in the last
place of an input already moves the result by that much, so no float64 code can do
better.  The cases cover n up to 1e12, p within 1e-12 of 0 and 1, sigma from 1e-8 to
1e8, and lines that fit their data to 1e-8.
"""

from __future__ import annotations

import math

import hp_reference as ref
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import special

from mlelib import conjugate, datasets, estimators, likelihoods, logspace

pytestmark = pytest.mark.filterwarnings("error")

TARGET = 1e-12
PROPERTY = settings(max_examples=80, deadline=None)
SLOW = settings(max_examples=25, deadline=None)


def log_uniform(low_exp: float, high_exp: float):
    return st.floats(low_exp, high_exp).map(lambda e: 10.0**e)


def assert_close(got, expected, *, scale=0.0):
    """|got - expected| <= TARGET * max(|expected|, scale); infinities must match."""
    if math.isinf(expected):
        assert got == expected
        return
    assert abs(got - expected) <= TARGET * max(abs(expected), scale), (got, expected)


# --------------------------------------------------------------------------- log C(n, k)

@pytest.mark.parametrize(("n", "k"), [
    (10**5, 1), (10**9, 1), (10**12, 2), (10**12, 17), (10**12, 10**12 - 3),
    (10**12, 5 * 10**11), (2**53 + 1, 3), (2**63 - 1, 5), (10, 7), (1, 1), (0, 0),
])
def test_log_binomial_coefficient_at_the_issue_cases(n, k):
    """The lgamma difference was off by 3e-11 (1e5, 1), 4e-8 (1e9, 1), 1e-4 (1e12, 2)."""
    assert_close(logspace.log_binomial_coefficient(n, k), ref.log_binomial_coefficient(n, k))


@PROPERTY
@given(n=st.one_of(st.integers(0, 10**12), log_uniform(0, 12).map(int)), data=st.data())
def test_log_binomial_coefficient_matches_exact_arithmetic(n, data):
    k = data.draw(st.one_of(st.integers(0, min(n, 300)), st.integers(max(n - 300, 0), n),
                            st.integers(0, n)))
    assert_close(logspace.log_binomial_coefficient(n, k), ref.log_binomial_coefficient(n, k))


def test_log_binomial_coefficient_vectorised_and_symmetric():
    n = np.array([10**12, 10**12, 40, 7])
    k = np.array([3, 10**12 - 3, 20, 0])
    got = logspace.log_binomial_coefficient(n, k)
    assert got[0] == got[1]
    assert got[3] == 0.0
    for g, nn, kk in zip(got, n, k):
        assert_close(g, ref.log_binomial_coefficient(int(nn), int(kk)))


# --------------------------------------------------------------------------- log B(a, b)

@pytest.mark.parametrize(("a", "b"), [
    (1e5, 0.5), (1e9, 2.5), (3.0, 1e12), (1e-3, 1e9), (1e12, 1e12), (1e-300, 5.0),
    (0.5, 0.5), (20.0, 30.0), (0.3, 38.0), (1.0, 1.0), (7.5, 1e6), (1e8, 1e9),
])
def test_log_beta_function_at_edge_cases(a, b):
    """One huge and one small argument: the lgamma difference was off by 2e-11 ... 6e-8."""
    assert_close(logspace.log_beta_function(a, b), ref.log_beta(a, b), scale=1e-2)
    assert logspace.log_beta_function(a, b) == logspace.log_beta_function(b, a)


@PROPERTY
@given(a=log_uniform(-300, 12), b=log_uniform(-6, 12))
def test_log_beta_function_matches_exact_arithmetic(a, b):
    # scale 1e-2: where log B crosses 0 (B(0.3, 38) ~ 1) the error is absolute, ~1e-16
    assert_close(logspace.log_beta_function(a, b), ref.log_beta(a, b), scale=1e-2)


@PROPERTY
@given(a=log_uniform(-3, 3), b=log_uniform(-3, 3))
def test_log_beta_function_agrees_with_scipy_betaln(a, b):
    """A second, independent check where scipy is accurate itself: it is off by ~1e-12
    at (724, 0.32), by 7e-12 at (1, 1e5) and by 1.6e-10 at (1, 7.5e5)."""
    got, expected = logspace.log_beta_function(a, b), special.betaln(a, b)
    assert abs(got - expected) <= 1e-11 * max(abs(expected), 1e-2)


# --------------------------------------------------------------------------- binomial

def probabilities_near(k: int, n: int):
    """p anywhere, near 0 or 1 (within 1e-12 included), or at the MLE k/n."""
    return st.one_of(st.floats(0.0, 1.0), log_uniform(-13, 0), log_uniform(-13, -0.5).map(
        lambda t: 1.0 - t), st.just(k / n if n else 0.5), st.sampled_from([0.0, 1.0]))


@pytest.mark.parametrize(("k", "n", "p"), [
    (1, 10**12, 1e-12), (0, 10**12, 1e-12), (2, 10**12, 1e-12),
    (5 * 10**11, 10**12, 0.5), (10**12 - 2, 10**12, 1 - 1e-12),
    (3 * 10**11 + 10**6, 10**12, 0.3), (10**6, 2 * 10**6, 0.5), (56, 100, 0.56),
    (0, 10, 1e-12), (10, 10, 1 - 1e-12), (2**62, 2**63 - 1, 0.5),
])
def test_binomial_logpmf_at_large_n_and_extreme_p(k, n, p):
    """log C(n, k) and k log p + (n-k) log(1-p) are each ~7e11 at n = 1e12; their sum ~ -14."""
    assert_close(likelihoods.binomial_logpmf(k, n, p), ref.binomial_logpmf(k, n, p))


@PROPERTY
@given(n=st.one_of(st.integers(1, 2000), log_uniform(0, 12).map(int)), data=st.data())
def test_binomial_logpmf_matches_exact_arithmetic(n, data):
    p = data.draw(probabilities_near(n // 3, n))
    spread = max(3.0 * math.sqrt(n * p * (1 - p)), 3.0)
    centre = n * p
    k = data.draw(st.one_of(
        st.integers(max(0, int(centre - spread)), min(n, int(centre + spread) + 1)),
        st.integers(0, n)))
    assert_close(likelihoods.binomial_logpmf(k, n, p), ref.binomial_logpmf(k, n, p))


@PROPERTY
@given(n=log_uniform(0, 12).map(int), data=st.data())
def test_bernoulli_loglik_matches_exact_arithmetic(n, data):
    k = data.draw(st.integers(0, n))
    p = data.draw(probabilities_near(k, n))
    expected = ref.binomial_logpmf(k, n, p) - ref.log_binomial_coefficient(n, k)
    if math.isinf(expected):
        assert likelihoods.bernoulli_loglik(k, n, p) == expected
    else:
        # the reference is itself a difference: compare with the size of its terms
        assert_close(likelihoods.bernoulli_loglik(k, n, p), expected,
                     scale=1e-3 * ref.log_binomial_coefficient(n, k))


# --------------------------------------------------------------------------- Poisson

@pytest.mark.parametrize(("k", "rate"), [
    (10**12, 1e12), (10**6, 1e6 + 1e3), (3, 2.5), (0, 1e-12), (1, 1e-300), (10**12, 1.0),
    (5, 5e-324), (2**62, 4.6e18),
])
def test_poisson_logpmf_at_edge_cases(k, rate):
    assert_close(likelihoods.poisson_logpmf(k, rate), ref.poisson_logpmf(k, rate))


@PROPERTY
@given(k=st.one_of(st.integers(0, 100), log_uniform(0, 12).map(int)), data=st.data())
def test_poisson_logpmf_matches_exact_arithmetic(k, data):
    rate = data.draw(st.one_of(log_uniform(-12, 12), st.floats(0.5 * k, 2.0 * k + 1.0),
                               st.just(float(k) + 1.0)))
    assert_close(likelihoods.poisson_logpmf(k, rate), ref.poisson_logpmf(k, rate))


@SLOW
@given(k=st.lists(st.one_of(st.integers(0, 30), log_uniform(0, 12).map(int)), min_size=1,
                  max_size=6), data=st.data())
def test_poisson_loglik_matches_the_sum_of_exact_terms(k, data):
    weights = data.draw(st.lists(st.integers(0, 10**6), min_size=len(k), max_size=len(k)))
    assume(sum(weights) > 0)
    mean = sum(w * kk for w, kk in zip(weights, k)) / sum(weights)
    rate = data.draw(st.one_of(log_uniform(-6, 12), st.just(mean), st.just(mean * (1 + 1e-6))))
    assume(rate > 0)
    terms = [w * ref.poisson_logpmf(kk, rate) for w, kk in zip(weights, k) if w]
    expected = math.fsum(terms)  # terms are all <= 0: their sum does not cancel
    assert_close(likelihoods.poisson_loglik(k, rate, weights=weights), expected)


# --------------------------------------------------------------------------- Beta and Gamma

@pytest.mark.parametrize(("p", "a", "b"), [
    (0.5, 1e9, 1e9), (0.3, 2.0, 1e9), (1e-9, 2.0, 1e9), (0.5, 58.0, 46.0), (1e-12, 0.5, 3.0),
    (1 - 1e-12, 3.0, 0.5), (5e-324, 2.0, 1.5), (0.5, 1e12 + 1, 1e12 - 1), (0.25, 1.5, 1.5),
])
def test_beta_logpdf_at_edge_cases(p, a, b):
    assert_close(conjugate.beta_logpdf(p, a, b), ref.beta_logpdf(p, a, b), scale=1.0)


@PROPERTY
@given(a=log_uniform(-3, 12), b=log_uniform(-3, 12), data=st.data())
def test_beta_logpdf_matches_exact_arithmetic(a, b, data):
    mode = (a - 1) / (a + b - 2) if a > 1 and b > 1 else 0.5
    p = data.draw(st.one_of(st.floats(1e-300, 1.0, exclude_max=True), log_uniform(-13, -0.1),
                            st.just(mode), st.just(mode * (1 + 1e-7))))
    assume(0 < p < 1)
    # scale 1: a density near 1 has log near 0, and the inputs' last digits set its error
    assert_close(conjugate.beta_logpdf(p, a, b), ref.beta_logpdf(p, a, b), scale=1.0)


@pytest.mark.parametrize(("lam", "shape", "rate"), [
    (1.0, 1e12, 1e12), (2.0, 3.0, 1.5), (1e-8, 0.5, 1e8), (1e8, 1e8, 1.0), (1e-300, 2.0, 1e-10),
    (3.0, 1.0, 2.0),
])
def test_gamma_logpdf_at_edge_cases(lam, shape, rate):
    assert_close(conjugate.gamma_logpdf(lam, shape, rate), ref.gamma_logpdf(lam, shape, rate),
                 scale=1.0)


@PROPERTY
@given(shape=log_uniform(-3, 12), rate=log_uniform(-8, 8), data=st.data())
def test_gamma_logpdf_matches_exact_arithmetic(shape, rate, data):
    mode = max(shape - 1, 0.0) / rate
    lam = data.draw(st.one_of(log_uniform(-8, 12), st.just(mode), st.just(shape / rate)))
    assume(lam > 0)
    assert_close(conjugate.gamma_logpdf(lam, shape, rate), ref.gamma_logpdf(lam, shape, rate),
                 scale=1.0)


# --------------------------------------------------------------------------- Gaussian

def gaussian_terms(n: int, ss: float, sigma: float) -> float:
    """The size of the two terms of a Gaussian log-likelihood (its conditioning scale)."""
    return n * (1 + abs(math.log(sigma))) + ss / sigma**2


@PROPERTY
@given(centre=st.one_of(st.just(0.0), log_uniform(-3, 6)), spread=log_uniform(-9, 2),
       sigma=log_uniform(-8, 8), offset=st.floats(-3, 3), seed=st.integers(0, 2**32 - 1),
       n=st.integers(1, 40))
def test_gaussian_loglik_matches_exact_arithmetic(centre, spread, sigma, offset, seed, n):
    """Data that spread 1e-9 of their size around their mean, sigma down to 1e-8."""
    data = centre + spread * np.random.RandomState(seed).normal(size=n)
    mu = float(np.mean(data)) + offset * spread
    expected = ref.gaussian_loglik(data, mu, sigma)
    scale = gaussian_terms(n, float(np.sum((data - mu) ** 2)), sigma)
    assert_close(likelihoods.gaussian_loglik(data, mu, sigma), expected, scale=scale)
    assert_close(float(np.sum(likelihoods.gaussian_logpdf(data, mu, sigma))), expected,
                 scale=scale)


def test_gaussian_loglik_with_data_spread_1e8_of_their_mean():
    """The mean's rounding (1e-16 of 1) is 1e-8 of the spread; it was a 5e-10 error."""
    data = 1.0 + 1e-8 * np.random.RandomState(0).normal(size=30)
    for mu in (float(data.mean()), float(data.mean()) + 1e-8):
        assert_close(likelihoods.gaussian_loglik(data, mu, 1e-8),
                     ref.gaussian_loglik(data, mu, 1e-8))


# --------------------------------------------------------------------------- the line model

def near_exact_line(n: int, noise: float, seed: int, slope=1.3, intercept=0.7):
    x = np.linspace(-2.0, 2.0, n)
    y = slope * x + intercept + noise * np.random.RandomState(seed).normal(size=n)
    return x, y


def line_terms(x, y, a, b, sigma) -> float:
    return gaussian_terms(x.size, float(np.sum((y - a * x - b) ** 2)), sigma)


def test_line_loglik_on_40_points_fitting_to_1e8_with_sigma_1e8():
    """The issue's case: sufficient statistics gave 646.78 instead of 685.61."""
    x, y = near_exact_line(40, 1e-8, 3)
    fit = estimators.least_squares_line(x, y)
    for a, b in [fit, (1.3, 0.7), (fit.slope + 2e-8, fit.intercept - 1e-8)]:
        expected = ref.line_loglik(x, y, a, b, 1e-8)
        assert expected > 500
        assert_close(likelihoods.line_loglik(x, y, a, b, 1e-8), expected)
        assert_close(-likelihoods.line_nll(x, y, a, b, 1e-8), expected)
        assert_close(likelihoods.line_loglik_grid(x, y, [a], [b], 1e-8)[0, 0], expected)
        assert_close(float(np.sum(likelihoods.line_logpdf(x, y, a, b, 1e-8))), expected)


@SLOW
@given(n=st.integers(2, 40), noise=log_uniform(-10, 0), sigma=log_uniform(-8, 8),
       seed=st.integers(0, 2**32 - 1), slope=st.floats(-5, 5), intercept=st.floats(-5, 5),
       steps=st.tuples(st.floats(-3, 3), st.floats(-3, 3)))
def test_line_loglik_matches_exact_arithmetic(n, noise, sigma, seed, slope, intercept, steps):
    x, y = near_exact_line(n, noise, seed, slope, intercept)
    fit = estimators.least_squares_line(x, y)
    a = fit.slope + steps[0] * noise
    b = fit.intercept + steps[1] * noise
    expected = ref.line_loglik(x, y, a, b, sigma)
    scale = line_terms(x, y, a, b, sigma)
    assert_close(likelihoods.line_loglik(x, y, a, b, sigma), expected, scale=scale)
    grid = likelihoods.line_loglik(x, y, np.array([a, fit.slope]), np.array([[b], [fit.intercept]]),
                                   sigma)
    assert_close(grid[0, 0], expected, scale=scale)


@SLOW
@given(n=st.integers(2, 40), noise=log_uniform(-9, 0), sigma=log_uniform(-8, 8),
       seed=st.integers(0, 2**32 - 1), offset=st.sampled_from([0.0, 3.0, 100.0]))
def test_line_loglik_grid_matches_exact_arithmetic(n, noise, sigma, seed, offset):
    """Every cell of a grid around the fit, x centred at 0 or shifted to 3 or 100."""
    x, y = near_exact_line(n, noise, seed)
    x = x + offset
    fit = estimators.least_squares_line(x, y)
    a = fit.slope + noise * np.array([-2.0, 0.0, 0.5, 3.0])
    b = fit.intercept + noise * np.array([-1.0, 0.0, 2.0]) - offset * (a[:, None] - fit.slope)
    b = np.unique(b)
    got = likelihoods.line_loglik_grid(x, y, a, b, sigma)
    for i, ai in enumerate(a):
        for j, bj in enumerate(b):
            assert_close(got[i, j], ref.line_loglik(x, y, ai, bj, sigma),
                         scale=line_terms(x, y, ai, bj, sigma))


def test_line_loglik_grid_on_the_course_data_matches_exact_arithmetic():
    x, y = datasets.closed_form_line_data()
    a = np.linspace(-1.0, 3.0, 9)
    b = np.linspace(-1.0, 3.0, 7)
    got = likelihoods.line_loglik_grid(x, y, a, b, 0.1)
    for i, ai in enumerate(a):
        for j, bj in enumerate(b):
            assert_close(got[i, j], ref.line_loglik(x, y, ai, bj, 0.1))


@SLOW
@given(n=st.integers(2, 40), noise=log_uniform(-10, 0), sigma=log_uniform(-8, 8),
       seed=st.integers(0, 2**32 - 1), step=st.floats(-3, 3))
def test_line_logpdf_and_gradient_match_exact_arithmetic(n, noise, sigma, seed, step):
    x, y = near_exact_line(n, noise, seed)
    a, b = 1.3 + step * noise, 0.7
    per_point = likelihoods.line_logpdf(x, y, a, b, sigma)
    for got, xi, yi in zip(per_point, x, y):
        assert_close(got, ref.line_loglik([xi], [yi], a, b, sigma),
                     scale=line_terms(np.array([xi]), np.array([yi]), a, b, sigma))
    r = y - a * x - b
    expected = ref.line_nll_grad(x, y, a, b, sigma)
    got = likelihoods.line_nll_grad(x, y, a, b, sigma)
    # a gradient near 0 is a sum of +- terms: compare with the size of the terms
    assert_close(got[0], expected[0], scale=float(np.sum(np.abs(r * x))) / sigma**2)
    assert_close(got[1], expected[1], scale=float(np.sum(np.abs(r))) / sigma**2)


# --------------------------------------------------------------------------- estimators

@SLOW
@given(n=st.integers(2, 40), noise=log_uniform(-10, 1), seed=st.integers(0, 2**32 - 1))
def test_sigma_mle_matches_exact_arithmetic(n, noise, seed):
    x, y = near_exact_line(n, noise, seed)
    fit = estimators.least_squares_line(x, y)
    assert_close(estimators.sigma_mle(x, y, *fit), ref.rms_residual(x, y, *fit))


@PROPERTY
@given(centre=st.one_of(st.just(0.0), log_uniform(-3, 12)), spread=log_uniform(-9, 2),
       seed=st.integers(0, 2**32 - 1), n=st.integers(1, 60))
def test_gaussian_mean_mle_matches_exact_arithmetic(centre, spread, seed, n):
    data = centre + spread * np.random.RandomState(seed).normal(size=n)
    assert_close(estimators.gaussian_mean_mle(data), ref.mean(data),
                 scale=float(np.mean(np.abs(data))) * 1e-3)


# --------------------------------------------------------------------------- Normal posterior

@PROPERTY
@given(mu0=st.floats(-1e3, 1e3), s0=log_uniform(-200, 200), sigma=log_uniform(-200, 200),
       centre=st.floats(-1e3, 1e3), n=st.integers(1, 20), seed=st.integers(0, 2**32 - 1))
def test_normal_normal_posterior_matches_exact_arithmetic(mu0, s0, sigma, centre, n, seed):
    """s0 = 1e-200 used to divide by zero; every scale from 1e-200 to 1e200 now works."""
    data = centre + np.random.RandomState(seed).normal(size=n)
    try:
        mean, var, sd = ref.normal_posterior(mu0, s0, sigma, data)
    except OverflowError:  # the posterior variance exceeds float64's range
        with pytest.raises(ValueError, match="s0 and sigma must give a posterior variance"):
            conjugate.normal_normal_posterior(mu0, s0, sigma, data)
        return
    post = conjugate.normal_normal_posterior(mu0, s0, sigma, data)
    assert_close(post.mean, mean, scale=abs(mu0) + float(np.max(np.abs(data))))
    assert post.mode == post.mean
    if var > 1e-290:  # below that the variance underflows to a subnormal or 0, as it should
        assert_close(post.var, var)
    assert_close(post.sd, sd)
