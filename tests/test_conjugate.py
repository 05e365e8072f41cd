"""Conjugate posteriors against scipy.stats and a brute-force posterior on a grid.

The grid posteriors here are built from scipy's log-densities (not mlelib's), normalised
by mlelib.conjugate.grid_posterior, and their mean and variance taken with
scipy.integrate.trapezoid; they must agree with every closed form to grid accuracy.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import integrate, stats

from mlelib import conjugate, datasets

pytestmark = pytest.mark.filterwarnings("error")

PROPERTY = settings(max_examples=40, deadline=None)

P_GRID = np.linspace(0.0, 1.0, 20001)

# Beta and Gamma shapes for the grid checks: 1 (flat at the end) or >= 1.5.  Between the
# two the density rises like p^0.06 from p = 0 and the trapezoid rule converges slowly.
grid_friendly = st.one_of(st.just(1.0), st.floats(1.5, 20.0))


def grid_moments(grid, log_likelihood, log_prior):
    post = conjugate.grid_posterior(grid, log_likelihood, log_prior)
    mean = integrate.trapezoid(grid * post, grid)
    var = integrate.trapezoid((grid - mean) ** 2 * post, grid)
    return post, mean, var


def check_beta(post, a, b):
    """The summary of Beta(a, b) against scipy."""
    assert post.alpha == pytest.approx(a, rel=1e-15)
    assert post.beta == pytest.approx(b, rel=1e-15)
    assert post.mean == pytest.approx(stats.beta.mean(a, b), rel=1e-12)
    assert post.var == pytest.approx(stats.beta.var(a, b), rel=1e-12)
    if a > 1 and b > 1:
        assert post.mode == pytest.approx((a - 1) / (a + b - 2), rel=1e-12)
    elif a == b == 1 or (a < 1 and b < 1):
        assert post.mode is None
    else:
        assert post.mode == (0.0 if a < b else 1.0)


# --------------------------------------------------------------------------- Beta

@PROPERTY
@given(alpha=grid_friendly, beta=grid_friendly, n=st.integers(0, 200),
       data=st.data())
def test_beta_bernoulli_posterior_matches_the_grid_posterior(alpha, beta, n, data):
    k = data.draw(st.integers(0, n))
    post = conjugate.beta_bernoulli_posterior(alpha, beta, k, n)
    check_beta(post, alpha + k, beta + n - k)
    with np.errstate(divide="ignore"):
        ll = stats.binom.logpmf(k, n, P_GRID)
        lp = stats.beta.logpdf(P_GRID, alpha, beta)
    density, mean, var = grid_moments(P_GRID, ll, lp)
    assert mean == pytest.approx(post.mean, abs=1e-5)
    assert var == pytest.approx(post.var, rel=2e-3, abs=1e-7)
    if post.mode is not None:
        assert P_GRID[np.argmax(density)] == pytest.approx(post.mode, abs=1e-4)


@PROPERTY
@given(alpha=grid_friendly, beta=grid_friendly,
       trials=hnp.arrays(np.int64, st.integers(1, 6), elements=st.integers(0, 40)),
       data=st.data())
def test_beta_binomial_posterior_matches_the_grid_posterior(alpha, beta, trials, data):
    successes = np.array([data.draw(st.integers(0, int(t))) for t in trials])
    post = conjugate.beta_binomial_posterior(alpha, beta, successes, trials)
    check_beta(post, alpha + successes.sum(), beta + trials.sum() - successes.sum())
    with np.errstate(divide="ignore"):
        ll = stats.binom.logpmf(successes[:, None], trials[:, None], P_GRID).sum(axis=0)
        lp = stats.beta.logpdf(P_GRID, alpha, beta)
    _, mean, var = grid_moments(P_GRID, ll, lp)
    assert mean == pytest.approx(post.mean, abs=1e-5)
    assert var == pytest.approx(post.var, rel=2e-3, abs=1e-7)


def test_beta_binomial_equals_one_pooled_bernoulli_experiment():
    a = conjugate.beta_binomial_posterior(2.0, 3.0, [3, 0, 5], [4, 2, 10])
    b = conjugate.beta_bernoulli_posterior(2.0, 3.0, 8, 16)
    assert a == b


# --------------------------------------------------------------------------- the mode (MAP)
#
# The mode is the argmax of the density over its closed support, boundary included, and
# None only where no single point maximises it.  Checked against a brute-force argmax of
# scipy's log-density on a fine grid that includes the ends.

FINE_P = np.linspace(0.0, 1.0, 200001)
SHAPES = [0.3, 0.5, 0.999, 1.0, 1.001, 1.5, 2.0, 7.0, 40.0]


def brute_force_mode(log_density: np.ndarray, grid: np.ndarray) -> float | None:
    """The grid point of the largest value, or None if the largest value is not unique
    (reached at two places at least half the grid apart, or flat)."""
    top = np.max(log_density)
    at_top = np.flatnonzero(log_density >= top - 1e-12 * max(abs(top), 1.0)) if np.isfinite(
        top) else np.flatnonzero(log_density == top)
    if grid[at_top[-1]] - grid[at_top[0]] > 0.5 * (grid[-1] - grid[0]):
        return None
    return float(grid[np.argmax(log_density)])


@pytest.mark.parametrize("a", SHAPES)
@pytest.mark.parametrize("b", SHAPES)
def test_beta_mode_is_the_argmax_over_the_closed_interval(a, b):
    post = conjugate.beta_bernoulli_posterior(a, b, 0, 0)  # no data: the prior itself
    with np.errstate(divide="ignore"):
        expected = brute_force_mode(stats.beta.logpdf(FINE_P, a, b), FINE_P)
        ours = brute_force_mode(conjugate.beta_logpdf(FINE_P, a, b), FINE_P)
    if expected is None:
        assert post.mode is None and ours is None
    else:
        assert post.mode == pytest.approx(expected, abs=2 / FINE_P.size)
        assert ours == pytest.approx(expected, abs=2 / FINE_P.size)


@pytest.mark.parametrize(("alpha", "beta", "k", "n", "mode"), [
    (1.0, 1.0, 0, 5, 0.0),     # Beta(1, 6): falls from p = 0
    (2.0, 1.0, 3, 3, 1.0),     # Beta(5, 1): rises to p = 1
    (0.5, 0.5, 0, 20, 0.0),    # Beta(0.5, 20.5): infinite at p = 0 only
    (0.5, 0.5, 20, 20, 1.0),
    (1.0, 0.5, 0, 0, 1.0),     # Beta(1, 0.5): infinite at p = 1 only
    (0.5, 0.5, 0, 0, None),    # Jeffreys prior, no data: infinite at both ends
    (1.0, 1.0, 0, 0, None),    # flat
    (2.0, 2.0, 56, 100, 57 / 102),
])
def test_beta_mode_at_the_boundary_and_undefined(alpha, beta, k, n, mode):
    """Issue 11: a' <= 1 < b' has its mode at 0, b' <= 1 < a' at 1; None only if both <= 1."""
    assert conjugate.beta_bernoulli_posterior(alpha, beta, k, n).mode == mode


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("rate", [0.1, 1.0, 30.0])
def test_gamma_mode_is_the_argmax_over_the_closed_half_line(shape, rate):
    post = conjugate.gamma_poisson_posterior(shape, rate, [0], [0])  # no data: the prior
    grid = np.linspace(0.0, (shape + 10 * math.sqrt(shape)) / rate, 200001)
    with np.errstate(divide="ignore"):
        expected = brute_force_mode(stats.gamma.logpdf(grid, shape, scale=1 / rate), grid)
        ours = brute_force_mode(conjugate.gamma_logpdf(grid, shape, rate), grid)
    step = grid[1]
    assert post.mode == pytest.approx(expected, abs=2 * step)
    assert ours == pytest.approx(expected, abs=2 * step)
    assert post.mode == max(shape - 1.0, 0.0) / rate


def test_gamma_mode_is_zero_at_and_below_shape_one():
    assert conjugate.gamma_poisson_posterior(0.5, 1.0, [0, 0]).mode == 0.0
    assert conjugate.gamma_poisson_posterior(1.0, 2.0, [0]).mode == 0.0
    assert conjugate.gamma_poisson_posterior(0.5, 1.0, [0, 1]).mode == pytest.approx(0.5 / 3)


@pytest.mark.parametrize(("lam", "shape", "expected"), [
    (0.0, 0.5, np.inf), (0.0, 1.0, math.log(2.0)), (0.0, 3.0, -np.inf),
])
def test_gamma_logpdf_at_zero_follows_the_maths(lam, shape, expected):
    assert conjugate.gamma_logpdf(lam, shape, 2.0) == expected


@PROPERTY
@given(p=st.one_of(st.floats(0.0, 1.0), st.sampled_from([0.0, 1.0, 1e-12, 1 - 1e-12])),
       alpha=st.one_of(st.floats(0.1, 50.0), st.just(1.0)),
       beta=st.one_of(st.floats(0.1, 50.0), st.just(1.0)))
def test_beta_logpdf_matches_scipy_including_the_ends(p, alpha, beta):
    with np.errstate(divide="ignore"):
        expected = stats.beta.logpdf(p, alpha, beta)
    got = conjugate.beta_logpdf(p, alpha, beta)
    if np.isinf(expected):
        assert got == expected
    else:
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-9)


def test_beta_logpdf_at_the_ends_follows_the_maths():
    ends = [0.0, 1.0]
    np.testing.assert_array_equal(conjugate.beta_logpdf(ends, 2.0, 2.0), [-np.inf, -np.inf])
    np.testing.assert_array_equal(conjugate.beta_logpdf(ends, 0.5, 0.5), [np.inf, np.inf])
    np.testing.assert_allclose(conjugate.beta_logpdf(ends, 1.0, 3.0), [math.log(3.0), -np.inf])
    np.testing.assert_array_equal(conjugate.beta_logpdf(ends, 1.0, 1.0), [0.0, 0.0])


@pytest.mark.parametrize(("alpha", "beta"), [(1.0, 1.0), (2.0, 2.0), (58.0, 46.0), (0.5, 0.5),
                                             (9.0, 5.0), (1.0, 3.0)])
def test_beta_density_integrates_to_one(alpha, beta):
    area, _ = integrate.quad(lambda t: math.exp(conjugate.beta_logpdf(t, alpha, beta)), 0.0, 1.0,
                             limit=200)
    assert area == pytest.approx(1.0, abs=1e-7)


# --------------------------------------------------------------------------- Normal

@PROPERTY
@given(mu0=st.floats(-20, 20), s0=st.floats(0.1, 20), sigma=st.floats(0.5, 20),
       data=hnp.arrays(float, st.integers(1, 50), elements=st.floats(-20, 20)))
def test_normal_normal_posterior_matches_the_grid_posterior(mu0, s0, sigma, data):
    post = conjugate.normal_normal_posterior(mu0, s0, sigma, data)
    bound = min(s0, sigma / math.sqrt(data.size))  # the posterior sd is below both
    lo = min(mu0, data.mean()) - 12 * bound
    hi = max(mu0, data.mean()) + 12 * bound
    grid = np.linspace(lo, hi, 20001)
    ll = stats.norm.logpdf(data[:, None], grid, sigma).sum(axis=0)
    lp = stats.norm.logpdf(grid, mu0, s0)
    density, mean, var = grid_moments(grid, ll, lp)
    assert mean == pytest.approx(post.mean, abs=1e-6 * post.sd + 1e-9 * (hi - lo))
    assert var == pytest.approx(post.var, rel=1e-5)
    assert post.sd == pytest.approx(math.sqrt(post.var), rel=1e-15)
    assert post.mode == post.mean
    assert grid[np.argmax(density)] == pytest.approx(post.mode, abs=(hi - lo) / 20000)


def test_normal_normal_posterior_is_between_prior_and_data():
    data = np.array([1.0, 2.0, 3.0])
    post = conjugate.normal_normal_posterior(10.0, 1.0, 1.0, data)
    # precision 1 + 3 = 4, mean (10 + 6) / 4 = 4
    assert post.mean == pytest.approx(4.0, rel=1e-15)
    assert post.var == pytest.approx(0.25, rel=1e-15)
    assert post.sd == pytest.approx(0.5, rel=1e-15)


# --------------------------------------------------------------------------- Gamma

@PROPERTY
@given(shape=grid_friendly, rate=st.floats(0.5, 5.0),
       k=hnp.arrays(np.int64, st.integers(1, 10), elements=st.integers(0, 20)), data=st.data())
def test_gamma_poisson_posterior_matches_the_grid_posterior(shape, rate, k, data):
    w = np.array(data.draw(st.lists(st.integers(0, 5), min_size=k.size, max_size=k.size)))
    post = conjugate.gamma_poisson_posterior(shape, rate, k, w)
    a = shape + np.sum(w * k)
    b = rate + np.sum(w)
    assert post.shape == pytest.approx(a) and post.rate == pytest.approx(b)
    assert post.mean == pytest.approx(stats.gamma.mean(a, scale=1 / b), rel=1e-12)
    assert post.var == pytest.approx(stats.gamma.var(a, scale=1 / b), rel=1e-12)
    assert post.mode == pytest.approx(max(a - 1, 0) / b, rel=1e-12)
    grid = np.linspace(0.0, post.mean + 20 * math.sqrt(post.var) + 1.0, 40001)
    with np.errstate(divide="ignore"):
        seen = w > 0  # a value observed 0 times contributes nothing (not 0 * -inf)
        ll = (w[seen, None] * stats.poisson.logpmf(k[seen, None], grid)).sum(axis=0)
        lp = stats.gamma.logpdf(grid, shape, scale=1 / rate)
    _, mean, var = grid_moments(grid, ll, lp)
    assert mean == pytest.approx(post.mean, abs=1e-4 * math.sqrt(post.var))
    assert var == pytest.approx(post.var, rel=2e-3)


def test_gamma_poisson_without_weights_counts_each_observation_once():
    a = conjugate.gamma_poisson_posterior(2.0, 1.0, [1, 1, 3])
    b = conjugate.gamma_poisson_posterior(2.0, 1.0, [1, 3], [2, 1])
    assert a == b
    assert (a.shape, a.rate) == (7.0, 4.0)


@PROPERTY
@given(lam=st.floats(1e-3, 100), shape=st.floats(0.1, 50), rate=st.floats(0.05, 20))
def test_gamma_logpdf_matches_scipy_with_scale_one_over_rate(lam, shape, rate):
    expected = stats.gamma.logpdf(lam, shape, scale=1 / rate)
    assert conjugate.gamma_logpdf(lam, shape, rate) == pytest.approx(expected, rel=1e-10,
                                                                     abs=1e-10)


@pytest.mark.parametrize(("shape", "rate"), [(1.0, 1.0), (2.0, 0.5), (223.0, 101.0), (0.7, 3.0)])
def test_gamma_density_integrates_to_one(shape, rate):
    area, _ = integrate.quad(lambda t: math.exp(conjugate.gamma_logpdf(t, shape, rate)), 0.0,
                             np.inf, limit=200)
    assert area == pytest.approx(1.0, abs=1e-7)


# --------------------------------------------------------------------------- grid_posterior

def test_grid_posterior_survives_log_likelihoods_of_minus_ten_thousand():
    grid = np.linspace(0.0, 1.0, 1001)
    ll = -10000.0 - 100.0 * (grid - 0.25) ** 2
    assert not np.exp(ll).any()
    post = conjugate.grid_posterior(grid, ll, np.zeros_like(grid))
    assert integrate.trapezoid(post, grid) == pytest.approx(1.0, rel=1e-12)
    assert grid[np.argmax(post)] == pytest.approx(0.25)


def test_grid_posterior_is_zero_where_prior_or_likelihood_is():
    grid = np.linspace(0.0, 1.0, 5)
    ll = np.array([-np.inf, 0.0, 0.0, 0.0, 0.0])
    lp = np.array([0.0, 0.0, 0.0, 0.0, -np.inf])
    post = conjugate.grid_posterior(grid, ll, lp)
    assert post[0] == post[-1] == 0.0
    assert integrate.trapezoid(post, grid) == pytest.approx(1.0)


@PROPERTY
@given(ll=hnp.arrays(float, 30, elements=st.floats(-50, 0)),
       lp=hnp.arrays(float, 30, elements=st.floats(-50, 0)))
def test_grid_posterior_is_likelihood_times_prior_normalised(ll, lp):
    grid = np.linspace(-1.0, 2.0, 30)
    post = conjugate.grid_posterior(grid, ll, lp)
    unnormalised = np.exp(ll + lp)
    np.testing.assert_allclose(post, unnormalised / integrate.trapezoid(unnormalised, grid),
                               rtol=1e-9)


# --------------------------------------------------------------------------- curriculum figures

def test_curriculum_06_coin_beta_58_46():
    k, n = datasets.coin()
    post = conjugate.beta_bernoulli_posterior(2, 2, k, n)
    assert (post.alpha, post.beta) == (58.0, 46.0)
    assert f"{post.mean:.4f}" == "0.5577"
    assert f"{post.mode:.4f}" == "0.5588"
    assert post.mean < post.mode < k / n  # the prior pulls both towards 1/2


def test_curriculum_06_phone_os_beta_9_5():
    k, n = datasets.phone_os()
    post = conjugate.beta_bernoulli_posterior(2, 2, k, n)
    assert (post.alpha, post.beta) == (9.0, 5.0)
    assert f"{post.mean:.4f}" == "0.6429"
    assert f"{post.mode:.4f}" == "0.6667"


def test_curriculum_06_heights_normal_posterior():
    post = conjugate.normal_normal_posterior(170.0, 10.0, datasets.HEIGHTS_SIGMA_CM,
                                             datasets.heights())
    assert f"{post.mean:.4f}" == "168.3844"
    assert f"{post.sd:.4f}" == "1.5617"


@pytest.mark.parametrize("counts", [(56, 100), (7, 10)])
def test_curriculum_06_coin_and_os_closed_forms_match_the_grid(counts):
    k, n = counts
    post = conjugate.beta_bernoulli_posterior(2, 2, k, n)
    grid = P_GRID[1:-1]
    density, mean, _ = grid_moments(grid, stats.binom.logpmf(k, n, grid),
                                    stats.beta.logpdf(grid, 2, 2))
    assert f"{mean:.4f}" == f"{post.mean:.4f}"
    assert f"{grid[np.argmax(density)]:.4f}" == f"{post.mode:.4f}"


def test_curriculum_06_prior_pull_fades_as_n_grows():
    gaps = [abs(conjugate.beta_bernoulli_posterior(2, 2, int(0.7 * n), n).mean - 0.7)
            for n in (10, 100, 1000, 10000)]
    assert gaps == sorted(gaps, reverse=True)
    assert gaps[-1] < 1e-4
