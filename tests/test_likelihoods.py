"""Log-likelihoods against scipy.stats, direct per-point sums and finite differences."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import integrate, special, stats

from mlelib import datasets, estimators, likelihoods

pytestmark = pytest.mark.filterwarnings("error")

PROPERTY = settings(max_examples=60, deadline=None)
LARGE = settings(max_examples=15, deadline=None)

values = st.floats(-100, 100)
sigmas = st.floats(0.05, 20)
datasets_1d = hnp.arrays(float, st.integers(1, 60), elements=values)
probabilities = st.one_of(st.floats(0.0, 1.0), st.sampled_from([0.0, 1.0, 1e-12, 1 - 1e-12]))


def central_difference(f, t, h):
    return (f(t + h) - f(t - h)) / (2 * h)


@st.composite
def paired_data(draw, min_size=1, max_size=60):
    n = draw(st.integers(min_size, max_size))
    x = draw(hnp.arrays(float, n, elements=st.floats(-10, 10)))
    y = draw(hnp.arrays(float, n, elements=st.floats(-50, 50)))
    return x, y


def line_tolerance(x, y, a, b, sigma):
    """Rounding bound for the sufficient-statistics RSS: eps times the size of its terms."""
    terms = np.sum((np.abs(y) + np.abs(a * x) + abs(b)) ** 2) / (2 * sigma**2)
    return 1e-11 * (terms + x.size * (1 + abs(math.log(sigma))))


# --------------------------------------------------------------------------- Gaussian

@PROPERTY
@given(x=hnp.arrays(float, st.integers(1, 10), elements=values), mu=values, sigma=sigmas)
def test_gaussian_logpdf_matches_scipy(x, mu, sigma):
    np.testing.assert_allclose(likelihoods.gaussian_logpdf(x, mu, sigma),
                               stats.norm.logpdf(x, mu, sigma), rtol=1e-12, atol=1e-12)


def test_gaussian_logpdf_broadcasts_and_defaults_to_standard_normal():
    x = np.linspace(-3, 3, 7)
    mu = np.array([[-1.0], [0.0], [2.0]])
    sigma = np.array([0.5, 1.0, 2.0, 3.0, 0.1, 1.0, 7.0])
    np.testing.assert_allclose(likelihoods.gaussian_logpdf(x, mu, sigma),
                               stats.norm.logpdf(x, mu, sigma), rtol=1e-13)
    assert likelihoods.gaussian_logpdf(0.0) == pytest.approx(-0.5 * math.log(2 * math.pi))
    assert type(likelihoods.gaussian_logpdf(0.0)) is float


@pytest.mark.parametrize(("mu", "sigma"), [(0.0, 1.0), (168.344, 5.0), (-3.0, 0.1)])
def test_gaussian_density_integrates_to_one(mu, sigma):
    area, _ = integrate.quad(lambda t: math.exp(likelihoods.gaussian_logpdf(t, mu, sigma)),
                             mu - 40 * sigma, mu + 40 * sigma, points=[mu], limit=200)
    assert area == pytest.approx(1.0, abs=1e-9)


def test_a_density_can_exceed_one():
    assert math.exp(likelihoods.gaussian_logpdf(0.0, 0.0, 0.1)) > 1.0


@PROPERTY
@given(data=datasets_1d, mu=values, sigma=sigmas)
def test_gaussian_loglik_matches_sum_of_scipy_logpdf(data, mu, sigma):
    expected = stats.norm.logpdf(data, mu, sigma).sum()
    got = likelihoods.gaussian_loglik(data, mu, sigma)
    assert got == pytest.approx(expected, rel=1e-10, abs=1e-9)
    assert likelihoods.gaussian_nll(data, mu, sigma) == -got


@PROPERTY
@given(data=datasets_1d, mus=hnp.arrays(float, st.integers(1, 8), elements=values),
       sigmas_=hnp.arrays(float, st.integers(1, 5), elements=sigmas))
def test_gaussian_loglik_on_a_grid_of_mu_and_sigma(data, mus, sigmas_):
    got = likelihoods.gaussian_loglik(data, mus[:, None], sigmas_[None, :])
    direct = stats.norm.logpdf(data[None, None, :], mus[:, None, None],
                               sigmas_[None, :, None]).sum(axis=-1)
    assert got.shape == (mus.size, sigmas_.size)
    np.testing.assert_allclose(got, direct, rtol=1e-10, atol=1e-9)


@LARGE
@given(n=st.integers(2000, 4000), seed=st.integers(0, 2**32 - 1), mu=st.floats(-5, 5),
       sigma=st.floats(0.5, 5))
def test_gaussian_loglik_finite_where_the_product_underflows(n, seed, mu, sigma):
    # sigma >= 0.5 keeps every density below 0.8, so the product can only shrink
    data = np.random.RandomState(seed).normal(mu, sigma, n)
    product = np.prod(stats.norm.pdf(data, mu, sigma))
    assert product == 0.0
    got = likelihoods.gaussian_loglik(data, mu, sigma)
    assert np.isfinite(got)
    assert got == pytest.approx(stats.norm.logpdf(data, mu, sigma).sum(), rel=1e-11)


@PROPERTY
@given(data=datasets_1d, mu=values, sigma=sigmas)
def test_gaussian_nll_grad_mu_matches_finite_differences(data, mu, sigma):
    h = 1e-4 * sigma
    numeric = central_difference(
        lambda m: -stats.norm.logpdf(data, m, sigma).sum(), mu, h)
    got = likelihoods.gaussian_nll_grad_mu(data, mu, sigma)
    # the NLL is quadratic in mu, so the central difference is exact up to rounding
    scale = np.sum(np.abs(data - mu) + 1) / sigma**2
    assert got == pytest.approx(numeric, abs=1e-6 * scale)
    assert got == pytest.approx(-np.sum(data - mu) / sigma**2, rel=1e-9, abs=1e-9 * scale)


def test_gaussian_nll_grad_mu_vanishes_at_the_sample_mean():
    h = datasets.heights()
    assert likelihoods.gaussian_nll_grad_mu(h, h.mean(), 5.0) == pytest.approx(0.0, abs=1e-12)
    grads = likelihoods.gaussian_nll_grad_mu(h, np.array([160.0, 180.0]), 5.0)
    assert grads[0] < 0 < grads[1]


# --------------------------------------------------------------------------- Bernoulli / binomial

@PROPERTY
@given(x=st.integers(0, 1), p=probabilities)
def test_bernoulli_logpmf_matches_scipy(x, p):
    expected = stats.bernoulli.logpmf(x, p)
    got = likelihoods.bernoulli_logpmf(x, p)
    if np.isinf(expected):
        assert got == expected
    else:
        assert got == pytest.approx(expected, rel=1e-12, abs=1e-300)


def test_bernoulli_logpmf_impossible_outcomes_are_minus_inf():
    np.testing.assert_array_equal(likelihoods.bernoulli_logpmf([1, 0, 0, 1], [0.0, 1.0, 0.0, 1.0]),
                                  [-np.inf, -np.inf, 0.0, 0.0])


def _bernoulli_reference(k, n, p):
    """k log p + (n-k) log(1-p) from scipy: binomial log-pmf minus log C(n, k)."""
    with np.errstate(divide="ignore"):
        return stats.binom.logpmf(k, n, p) - (special.gammaln(n + 1) - special.gammaln(k + 1)
                                              - special.gammaln(n - k + 1))


@PROPERTY
@given(n=st.integers(0, 500), data=st.data(), p=probabilities)
def test_bernoulli_loglik_matches_scipy(n, data, p):
    k = data.draw(st.integers(0, n))
    expected = _bernoulli_reference(k, n, p)
    got = likelihoods.bernoulli_loglik(k, n, p)
    if np.isinf(expected):
        assert got == expected == -np.inf
    else:
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-14)
    assert likelihoods.bernoulli_nll(k, n, p) == -got


@pytest.mark.parametrize(("k", "n", "p", "expected"), [
    (0, 10, 0.0, 0.0),
    (3, 10, 0.0, -np.inf),
    (10, 10, 1.0, 0.0),
    (9, 10, 1.0, -np.inf),
    (0, 0, 0.0, 0.0),
    (0, 0, 1.0, 0.0),
])
def test_bernoulli_loglik_at_p_exactly_0_and_1(k, n, p, expected):
    assert likelihoods.bernoulli_loglik(k, n, p) == expected
    assert likelihoods.binomial_logpmf(k, n, p) == expected


@pytest.mark.parametrize(("k", "n", "p"), [
    (0, 10, 1e-12), (3, 10, 1e-12), (10, 10, 1 - 1e-12), (7, 10, 1 - 1e-12), (0, 10, 1e-300),
    (5000, 5000, 1 - 1e-12), (0, 5000, 1e-12),
])
def test_bernoulli_loglik_near_the_ends_keeps_full_precision(k, n, p):
    """log(1 - p) must not be taken as log of the rounded 1.0 - p (1e-12 -> 2e-5 error)."""
    got = likelihoods.bernoulli_loglik(k, n, p)
    closed_form = (k * math.log(p) if k else 0.0) + ((n - k) * math.log1p(-p) if n - k else 0.0)
    # abs=0: the values can be ~1e-11, where pytest's default abs=1e-12 would hide everything
    assert got == pytest.approx(closed_form, rel=1e-13, abs=0)
    assert got == pytest.approx(_bernoulli_reference(k, n, p), rel=1e-12, abs=1e-14)
    assert likelihoods.bernoulli_logpmf(0, p) == pytest.approx(math.log1p(-p), rel=1e-13, abs=0)


def test_bernoulli_loglik_on_a_grid_including_the_ends():
    p = np.linspace(0.0, 1.0, 11)
    got = likelihoods.bernoulli_loglik(7, 10, p)
    assert got[0] == got[-1] == -np.inf
    np.testing.assert_allclose(got[1:-1], _bernoulli_reference(7, 10, p[1:-1]), rtol=1e-13)
    assert p[np.argmax(got)] == pytest.approx(0.7)


@LARGE
@given(n=st.integers(5000, 20000), data=st.data())
def test_bernoulli_loglik_finite_where_the_product_underflows(n, data):
    k = data.draw(st.integers(n // 10, n - n // 10))
    p = k / n
    assert p**k * (1 - p) ** (n - k) == 0.0
    got = likelihoods.bernoulli_loglik(k, n, p)
    assert np.isfinite(got)
    assert got == pytest.approx(_bernoulli_reference(k, n, p), rel=1e-11)


@PROPERTY
@given(n=st.integers(1, 500), data=st.data(), p=st.floats(1e-3, 1 - 1e-3))
def test_bernoulli_nll_grad_matches_finite_differences(n, data, p):
    k = data.draw(st.integers(0, n))
    h = 1e-6 * min(p, 1 - p)
    numeric = central_difference(lambda q: -_bernoulli_reference(k, n, q), p, h)
    got = likelihoods.bernoulli_nll_grad(k, n, p)
    scale = k / p + (n - k) / (1 - p)
    assert got == pytest.approx(numeric, abs=1e-5 * scale)


@PROPERTY
@given(n=st.integers(2, 500), data=st.data())
def test_bernoulli_nll_grad_vanishes_at_k_over_n(n, data):
    k = data.draw(st.integers(1, n - 1))
    assert likelihoods.bernoulli_nll_grad(k, n, k / n) == pytest.approx(0.0, abs=1e-9 * n)


@PROPERTY
@given(n=st.integers(0, 1000), data=st.data(), p=probabilities)
def test_binomial_logpmf_matches_scipy(n, data, p):
    k = data.draw(st.integers(0, n))
    with np.errstate(divide="ignore"):
        expected = stats.binom.logpmf(k, n, p)
    got = likelihoods.binomial_logpmf(k, n, p)
    if np.isinf(expected):
        assert got == expected
    else:
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-10)
    assert likelihoods.binomial_logpmf(k, n, p, include_constant=False) == (
        likelihoods.bernoulli_loglik(k, n, p))


def test_binomial_pmf_sums_to_one_over_k():
    k = np.arange(0, 31)
    for p in (0.0, 0.3, 0.5, 1.0):
        assert np.exp(likelihoods.binomial_logpmf(k, 30, p)).sum() == pytest.approx(1.0, abs=1e-12)


# --------------------------------------------------------------------------- Poisson

@PROPERTY
@given(k=hnp.arrays(np.int64, st.integers(1, 20), elements=st.integers(0, 200)),
       rate=st.one_of(st.floats(0, 300), st.just(0.0)))
def test_poisson_logpmf_matches_scipy(k, rate):
    with np.errstate(divide="ignore"):
        expected = stats.poisson.logpmf(k, rate)
    got = likelihoods.poisson_logpmf(k, rate)
    np.testing.assert_allclose(got, expected, rtol=1e-11, atol=1e-11)


def test_poisson_logpmf_rate_zero():
    np.testing.assert_array_equal(likelihoods.poisson_logpmf([0, 1, 5], 0.0),
                                  [0.0, -np.inf, -np.inf])


def test_poisson_pmf_sums_to_one():
    k = np.arange(0, 200)
    assert np.exp(likelihoods.poisson_logpmf(k, 12.5)).sum() == pytest.approx(1.0, abs=1e-12)


@PROPERTY
@given(k=hnp.arrays(np.int64, st.integers(1, 15), elements=st.integers(0, 50)),
       data=st.data(), rates=hnp.arrays(float, st.integers(1, 6), elements=st.floats(0.01, 80)))
def test_poisson_loglik_from_a_frequency_table_equals_the_expanded_data(k, data, rates):
    weights = np.array(data.draw(st.lists(st.integers(0, 30), min_size=k.size, max_size=k.size)))
    expanded = np.repeat(k, weights)
    expected = np.array([stats.poisson.logpmf(expanded, r).sum() for r in rates])
    got = likelihoods.poisson_loglik(k, rates, weights=weights)
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-9)
    unweighted = likelihoods.poisson_loglik(k, rates)
    np.testing.assert_allclose(unweighted, [stats.poisson.logpmf(k, r).sum() for r in rates],
                               rtol=1e-10, atol=1e-9)


def test_poisson_loglik_rate_zero():
    assert likelihoods.poisson_loglik([0, 0, 0], 0.0) == 0.0
    assert likelihoods.poisson_loglik([0, 2], 0.0) == -np.inf


def test_siblings_poisson_loglik_peaks_at_the_weighted_mean():
    values, counts = datasets.siblings()
    rates = np.linspace(1.0, 4.0, 3001)
    ll = likelihoods.poisson_loglik(values, rates, weights=counts)
    assert rates[np.argmax(ll)] == pytest.approx(2.21, abs=1e-3)


# --------------------------------------------------------------------------- the line model

@PROPERTY
@given(data=paired_data())
def test_line_sufficient_stats_match_direct_sums(data):
    x, y = data
    s = likelihoods.line_sufficient_stats(x, y)
    assert s.n == x.size
    assert s.x_mean == pytest.approx(x.mean(), abs=1e-12)
    assert s.y_mean == pytest.approx(y.mean(), abs=1e-12)
    assert s.sxx == pytest.approx(x.size * np.var(x), rel=1e-9, abs=1e-9)
    assert s.syy == pytest.approx(y.size * np.var(y), rel=1e-9, abs=1e-9)
    assert s.sxy == pytest.approx(np.sum((x - x.mean()) * (y - y.mean())), rel=1e-9, abs=1e-9)


@PROPERTY
@given(data=paired_data(), a=st.floats(-10, 10), b=st.floats(-10, 10), sigma=sigmas)
def test_line_logpdf_matches_scipy_per_point(data, a, b, sigma):
    x, y = data
    np.testing.assert_allclose(likelihoods.line_logpdf(x, y, a, b, sigma),
                               stats.norm.logpdf(y, a * x + b, sigma), rtol=1e-12, atol=1e-12)


@PROPERTY
@given(data=paired_data(), a=st.floats(-10, 10), b=st.floats(-10, 10), sigma=sigmas)
def test_line_loglik_from_sufficient_stats_matches_per_point_sum(data, a, b, sigma):
    x, y = data
    direct = stats.norm.logpdf(y, a * x + b, sigma).sum()
    got = likelihoods.line_loglik(x, y, a, b, sigma)
    assert got == pytest.approx(direct, abs=line_tolerance(x, y, a, b, sigma))
    assert likelihoods.line_nll(x, y, a, b, sigma) == -got


@PROPERTY
@given(data=paired_data(max_size=30),
       a=hnp.arrays(float, st.integers(1, 6), elements=st.floats(-10, 10)),
       b=hnp.arrays(float, st.integers(1, 6), elements=st.floats(-10, 10)), sigma=sigmas)
def test_line_loglik_broadcasts_over_a_b_grids(data, a, b, sigma):
    x, y = data
    got = likelihoods.line_loglik(x, y, a[:, None], b[None, :], sigma)
    direct = stats.norm.logpdf(y, a[:, None, None] * x + b[None, :, None], sigma).sum(axis=-1)
    assert got.shape == (a.size, b.size)
    tol = max(line_tolerance(x, y, ai, bi, sigma) for ai in a for bi in b)
    np.testing.assert_allclose(got, direct, rtol=0, atol=tol)


@PROPERTY
@given(data=paired_data(max_size=30),
       a=hnp.arrays(float, st.integers(1, 12), elements=st.floats(-10, 10)),
       b=hnp.arrays(float, st.integers(1, 12), elements=st.floats(-10, 10)), sigma=sigmas)
def test_line_loglik_grid_matches_a_direct_broadcast(data, a, b, sigma):
    x, y = data
    got = likelihoods.line_loglik_grid(x, y, a, b, sigma)
    residual = y[None, None, :] - a[:, None, None] * x[None, None, :] - b[None, :, None]
    direct = np.sum(-0.5 * np.log(2 * np.pi * sigma**2) - residual**2 / (2 * sigma**2), axis=-1)
    assert got.shape == (a.size, b.size)
    tol = max(line_tolerance(x, y, ai, bi, sigma) for ai in a for bi in b)
    np.testing.assert_allclose(got, direct, rtol=0, atol=tol)
    np.testing.assert_allclose(got, likelihoods.line_loglik(x, y, a[:, None], b[None, :], sigma),
                               rtol=0, atol=tol)


def test_line_loglik_grid_axes_are_a_then_b():
    x, y = datasets.closed_form_line_data()
    a = np.array([0.0, 0.8578, 2.0])
    b = np.array([-1.0, 1.2847])
    grid = likelihoods.line_loglik_grid(x, y, a, b, 0.5)
    assert grid.shape == (3, 2)
    assert grid[1, 1] == pytest.approx(stats.norm.logpdf(y, 0.8578 * x + 1.2847, 0.5).sum())
    assert np.unravel_index(np.argmax(grid), grid.shape) == (1, 1)


@LARGE
@given(n=st.integers(2000, 4000), seed=st.integers(0, 2**32 - 1), a=st.floats(-3, 3),
       b=st.floats(-3, 3), sigma=st.floats(0.5, 3))
def test_line_loglik_finite_where_the_product_underflows(n, seed, a, b, sigma):
    x, y = datasets.make_line_data(n, sigma, seed, slope=a, intercept=b)
    assert np.prod(stats.norm.pdf(y, a * x + b, sigma)) == 0.0
    got = likelihoods.line_loglik(x, y, a, b, sigma)
    assert np.isfinite(got)
    assert got == pytest.approx(stats.norm.logpdf(y, a * x + b, sigma).sum(), rel=1e-10)
    grid = likelihoods.line_loglik_grid(x, y, [a], [b], sigma)
    assert grid[0, 0] == pytest.approx(got, rel=1e-10)


@PROPERTY
@given(data=paired_data(), a=st.floats(-10, 10), b=st.floats(-10, 10), sigma=st.floats(0.1, 20))
def test_line_nll_grad_matches_finite_differences(data, a, b, sigma):
    x, y = data

    def nll(aa, bb):
        return -stats.norm.logpdf(y, aa * x + bb, sigma).sum()

    h = 1e-4
    numeric = np.array([central_difference(lambda t: nll(t, b), a, h),
                        central_difference(lambda t: nll(a, t), b, h)])
    got = likelihoods.line_nll_grad(x, y, a, b, sigma)
    assert got.shape == (2,)
    # the NLL is quadratic in (a, b): the central difference is exact up to rounding
    scale = np.sum((np.abs(y) + 10 * np.abs(x) + 10 + 1) * (np.abs(x) + 1)) / sigma**2
    np.testing.assert_allclose(got, numeric, rtol=0, atol=1e-7 * scale)


@PROPERTY
@given(data=paired_data(min_size=2), sigma=sigmas)
def test_line_nll_grad_vanishes_at_least_squares(data, sigma):
    x, y = data
    assume(np.ptp(x) > 1e-3)
    X = np.column_stack([x, np.ones_like(x)])
    (a, b), *_ = np.linalg.lstsq(X, y, rcond=None)
    grad = likelihoods.line_nll_grad(x, y, a, b, sigma)
    scale = np.sum((np.abs(y) + 1) * (np.abs(x) + 1)) / sigma**2
    np.testing.assert_allclose(grad, [0.0, 0.0], atol=1e-9 * scale)


# --------------------------------------------------------------------------- curriculum figures

def test_curriculum_02_per_point_likelihoods():
    x, y = datasets.likelihood_line_data()
    lik = np.exp(likelihoods.line_logpdf(x, y, 1.0, 1.0, 0.1))
    assert [f"{v:.3e}" for v in lik] == ["9.008e-01", "3.298e-58", "3.721e+00", "4.227e-17",
                                         "1.668e-28"]
    assert lik.max() > 1.0  # a density, not a probability


def test_curriculum_02_product_and_log_likelihood_agree():
    x, y = datasets.likelihood_line_data()
    per_point = likelihoods.line_logpdf(x, y, 1.0, 1.0, 0.1)
    total = likelihoods.line_loglik(x, y, 1.0, 1.0, 0.1)
    assert total == pytest.approx(per_point.sum(), rel=1e-12)
    assert math.exp(total) == pytest.approx(np.prod(np.exp(per_point)), rel=1e-9)


def test_curriculum_03_likelihood_and_nll_at_the_mle_sigma_0_1():
    x, y = datasets.closed_form_line_data()
    fit = estimators.least_squares_line(x, y)
    loglik = likelihoods.line_loglik(x, y, fit.slope, fit.intercept, 0.1)
    assert f"{math.exp(loglik):.4e}" == "2.9724e-54"
    assert f"{-loglik:.4e}" == "1.2325e+02"
    assert f"{likelihoods.line_nll(x, y, fit.slope, fit.intercept, 0.1):.4e}" == "1.2325e+02"


def test_curriculum_03_nll_with_sigma_0_5_at_the_optimum():
    x, y = datasets.closed_form_line_data()
    fit = estimators.least_squares_line(x, y)
    assert f"{likelihoods.line_nll(x, y, fit.slope, fit.intercept, 0.5):.2f}" == "10.55"


def test_curriculum_03_sigma_changes_the_nll_but_not_the_argmax():
    x, y = datasets.closed_form_line_data()
    a = np.linspace(0.5, 1.2, 71)
    b = np.linspace(1.0, 1.6, 61)
    argmaxes = set()
    for sigma in (0.1, 0.5, 2.0):
        grid = likelihoods.line_loglik_grid(x, y, a, b, sigma)
        i, j = np.unravel_index(np.argmax(grid), grid.shape)
        argmaxes.add((round(a[i], 6), round(b[j], 6)))
    assert argmaxes == {(0.86, 1.28)}


def test_curriculum_03_gradient_vanishes_at_the_optimum():
    x, y = datasets.closed_form_line_data()
    fit = estimators.least_squares_line(x, y)
    np.testing.assert_allclose(likelihoods.line_nll_grad(x, y, *fit, 0.1), [0.0, 0.0], atol=1e-10)


def test_curriculum_04_likelihoods_underflow_but_logs_compare():
    x, y = datasets.outlier_line_data()
    mle = estimators.least_squares_line(x, y)
    map_ = estimators.ridge_map(x, y, sigma=0.1, tau=0.04)
    ll_mle = likelihoods.line_loglik(x, y, *mle, 0.1)
    ll_map = likelihoods.line_loglik(x, y, *map_, 0.1)
    assert math.exp(ll_mle) == 0.0
    assert math.exp(ll_map) == 0.0
    assert np.prod(np.exp(likelihoods.line_logpdf(x, y, *mle, 0.1))) == 0.0
    assert f"{-ll_mle:.4e}" == "4.1298e+03"
    assert f"{-ll_map:.4e}" == "4.6645e+03"
    assert ll_mle > ll_map  # MAP fits the data worse


HEIGHT_MUS = np.arange(160, 181)


def test_curriculum_05_heights_scan_peaks_at_168():
    h = datasets.heights()
    ll = likelihoods.gaussian_loglik(h, HEIGHT_MUS, 5.0)
    lik = np.exp(ll)
    nll = likelihoods.gaussian_nll(h, HEIGHT_MUS, 5.0)
    assert HEIGHT_MUS[np.argmax(ll)] == 168
    assert HEIGHT_MUS[np.argmax(lik)] == 168
    assert HEIGHT_MUS[np.argmin(nll)] == 168


def test_curriculum_05_heights_values_at_168_and_170():
    h = datasets.heights()
    ll168 = likelihoods.gaussian_loglik(h, 168, 5.0)
    assert f"{ll168:.4f}" == "-26.6811"
    assert f"{math.exp(ll168):.4e}" == "2.5855e-12"
    assert f"{math.exp(likelihoods.gaussian_loglik(h, 170, 5.0)):.4e}" == "1.5298e-12"
    assert ll168 == pytest.approx(stats.norm.logpdf(h, 168, 5).sum(), rel=1e-13)


def test_curriculum_05_heights_exact_mle_is_off_the_integer_grid():
    h = datasets.heights()
    mle = estimators.gaussian_mean_mle(h)
    assert f"{mle:.3f}" == "168.344"
    assert likelihoods.gaussian_loglik(h, mle, 5.0) > likelihoods.gaussian_loglik(h, 168, 5.0)


def _pitfall_logpdf(x, mu, sigma):
    """The published mistake: normalising with 1/sqrt(pi sigma^2) instead of 2 pi."""
    return -0.5 * np.log(np.pi * sigma**2) - (x - mu) ** 2 / (2 * sigma**2)


def test_curriculum_05_sqrt_pi_pitfall_is_3_4657_too_high():
    h = datasets.heights()
    wrong = _pitfall_logpdf(h[None, :], HEIGHT_MUS[:, None], 5.0).sum(axis=1)
    right = likelihoods.gaussian_loglik(h, HEIGHT_MUS, 5.0)
    np.testing.assert_allclose(wrong - right, 10 * 0.5 * math.log(2), rtol=1e-12)
    assert f"{(wrong - right)[0]:.4f}" == "3.4657"
    assert f"{wrong[HEIGHT_MUS == 168].item():.4f}" == "-23.2153"
    assert HEIGHT_MUS[np.argmax(wrong)] == HEIGHT_MUS[np.argmax(right)] == 168


def test_curriculum_05_integrating_the_density_catches_the_pitfall():
    def area(logpdf):
        return integrate.quad(lambda t: math.exp(logpdf(t, 168.0, 5.0)), 168.0 - 200.0,
                              168.0 + 200.0, points=[168.0], limit=200)[0]

    right = area(likelihoods.gaussian_logpdf)
    wrong = area(_pitfall_logpdf)
    assert right == pytest.approx(1.0, abs=1e-9)
    assert wrong == pytest.approx(math.sqrt(2), abs=1e-9)


def test_curriculum_05_phone_os_gradient_is_zero_at_0_7():
    k, n = datasets.phone_os()
    assert likelihoods.bernoulli_nll_grad(k, n, 0.7) == pytest.approx(0.0, abs=1e-12)
    assert likelihoods.bernoulli_nll_grad(k, n, 0.6) < 0 < likelihoods.bernoulli_nll_grad(k, n, 0.8)
    # d(NLL)/dp = -7/p + 3/(1-p)
    assert likelihoods.bernoulli_nll_grad(k, n, 0.25) == pytest.approx(-7 / 0.25 + 3 / 0.75)
    p = np.linspace(0.01, 0.99, 99)
    assert p[np.argmax(likelihoods.bernoulli_loglik(k, n, p))] == pytest.approx(0.7)
    # L(p) = p^7 (1-p)^3 up to the constant C(10, 7) = 120
    np.testing.assert_allclose(likelihoods.binomial_logpmf(k, n, p)
                               - likelihoods.bernoulli_loglik(k, n, p), math.log(120), rtol=1e-13)


def test_curriculum_05_coin_binomial_pmf():
    k, n = datasets.coin()
    assert f"{math.exp(likelihoods.binomial_logpmf(k, n, 0.5)):.6f}" == "0.038953"
    assert f"{math.exp(likelihoods.binomial_logpmf(k, n, 0.56)):.6f}" == "0.080165"
    assert math.exp(likelihoods.binomial_logpmf(k, n, 0.56)) == pytest.approx(
        stats.binom.pmf(56, 100, 0.56), rel=1e-12)
