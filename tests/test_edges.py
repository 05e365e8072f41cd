"""The reference functions at their edges: counts near 2**63, a Poisson tail at k = 10**12,
risks at scales where squaring one argument overflows, values a docstring promises.

Each case is checked against an independent reference: scipy, exact rationals, a
brute-force sum written out here, or a scaling law that must hold exactly.
"""

from __future__ import annotations

import math
import tracemalloc
from decimal import Decimal, localcontext
from fractions import Fraction

import hp_reference as hp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from mlelib import count_models, information, likelihoods, logspace, risk

pytestmark = pytest.mark.filterwarnings("error")

BIG = 2**62  # two of these overflow an int64 sum


# ----------------------------------------------------------------- count sums past 2**63

def test_shares_of_counts_whose_sum_passes_2_to_the_63():
    assert information.empirical_distribution([BIG, BIG]).tolist() == [0.5, 0.5]
    shares = information.empirical_distribution([BIG, 3 * BIG // 2, BIG // 2])
    assert shares == pytest.approx([1 / 3, 1 / 2, 1 / 6], rel=1e-15)


def test_a_sum_that_wraps_to_zero_is_still_seen_as_observations():
    # four times 2**62 is 2**64, which an int64 sum turns into exactly 0
    expected = 4 * BIG * math.log(1 / 4)
    assert count_models.saturated_loglik([BIG] * 4) == pytest.approx(expected, rel=1e-15)
    assert count_models.deviance(expected, [BIG] * 4) == pytest.approx(0.0, abs=1e5)
    assert count_models.deviance(1.5 * expected, [BIG] * 4) == pytest.approx(-expected, rel=1e-15)


def test_a_table_with_counts_near_2_to_the_63_has_scipys_loglik_and_gradient():
    k, w, rate = [1, 2, 3], [BIG, BIG, BIG], 2.5
    expected = sum(BIG * stats.poisson.logpmf(v, rate) for v in k)
    assert count_models.poisson_table_loglik(k, rate, w) == pytest.approx(expected, rel=1e-13)
    # dNLL/dlambda = -(sum w k / lambda - sum w)
    grad = -(6 * BIG / rate - 3 * BIG)
    assert count_models.poisson_table_nll_grad(k, rate, w) == pytest.approx(grad, rel=1e-14)
    censored = count_models.poisson_table_loglik(k, rate, w, censor_at=3, zero_truncated=True)
    truncated = -3 * BIG * math.log(-math.expm1(-rate))
    expected = (BIG * (stats.poisson.logpmf(1, rate) + stats.poisson.logpmf(2, rate)
                       + stats.poisson.logsf(2, rate)) + truncated)
    assert censored == pytest.approx(expected, rel=1e-13)


def test_everything_censored_at_the_shift_is_certain_with_zero_gradient():
    # shift 1 and censor_at 1: every observation says "k - 1 >= 0", which has probability 1
    options = {"shift": 1, "censor_at": 1}
    assert count_models.poisson_table_loglik([1], [0.5, 2.0], [7], **options).tolist() == [0, 0]
    assert count_models.poisson_table_nll_grad([1], 2.0, [7], **options) == 0.0
    # mixed with exact observations, only theirs count: 3 zeros of k - 1
    assert count_models.poisson_table_nll_grad([0, 1], 2.0, [0, 7], shift=0, censor_at=1) \
        == pytest.approx(-7 * stats.poisson.pmf(0, 2.0) / stats.poisson.sf(0, 2.0), rel=1e-14)


# ----------------------------------------------------------------- the Poisson tail

def _brute_logsf(k: int, rate: float) -> float:
    """log P(X > k) as P(X = m) times the sum of products of the ratios of the terms.

    Below the mean the tail is P(X = m)(1 + r_1 + r_1 r_2 + ...), r_i = rate/(m + i),
    m = k + 1; above it the head P(X <= k) = P(X = k)(1 + k/rate + k(k-1)/rate**2 + ...);
    60 standard deviations of terms are summed (the rest is below e**-1800 of the first).
    """
    terms = int(60 * math.sqrt(max(rate, k))) + 200
    if rate < k + 1:
        ratios = rate / (k + 1 + np.arange(1, terms + 1, dtype=float))
        return hp.poisson_logpmf(k + 1, rate) + math.log1p(np.cumprod(ratios).sum())
    ratios = (k - np.arange(0, min(k, terms), dtype=float)) / rate
    log_head = hp.poisson_logpmf(k, rate) + math.log1p(np.cumprod(ratios).sum())
    return math.log1p(-math.exp(log_head))


def test_the_tail_at_k_of_10_to_the_12_costs_no_memory():
    tracemalloc.start()
    got = count_models.poisson_logsf(10**12, 1e12 - 1e6)  # k one standard deviation up
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert got == pytest.approx(-1.8410231701454487, rel=1e-13)  # scipy's value
    assert peak < 2_000_000


@given(k=st.integers(2001, 10**6), z=st.floats(-30.0, 30.0))
@settings(max_examples=60, deadline=None)
def test_the_tail_of_a_large_k_is_the_brute_force_sum(k, z):
    rate = k + z * math.sqrt(k)  # > 0 for k > 900
    got = count_models.poisson_logsf(k, rate)
    assert got == pytest.approx(_brute_logsf(k, rate), rel=1e-12, abs=1e-300)


@pytest.mark.parametrize("k", [1999, 2000, 2001, 4000, 10**5])
@pytest.mark.parametrize("ratio", [0.3, 0.5, 0.7, 0.99, 1.0, 1.01, 1.5, 2.0, 4.0])
def test_the_three_methods_meet_scipy_either_side_of_their_borders(k, ratio):
    rate = k * ratio
    assert count_models.poisson_logsf(k, rate) == pytest.approx(_brute_logsf(k, rate), rel=1e-12)


def test_the_tail_at_the_int64_limit_is_the_normal_tail():
    k = 2**63 - 1
    sd = math.sqrt(k)
    # skewness 1/sqrt(k) = 3e-10: the normal tail is right to ~1e-9 here
    for z in (-2.0, 0.0, 1.0, 3.0):
        got = count_models.poisson_logsf(k, float(k) - z * sd)
        assert got == pytest.approx(stats.norm.logsf(z), rel=1e-6)


def test_a_grid_of_rates_mixes_the_methods():
    rates = np.array([1.0, 5e3, 9e3, 1e4, 1.1e4, 3e4, 1e300])
    got = count_models.poisson_logsf([[10], [10**4]], rates)
    expected = [[_brute_logsf(k, rate) for rate in rates] for k in (10, 10**4)]
    assert got == pytest.approx(np.array(expected), rel=1e-12, abs=1e-300)


def test_shapes_that_do_not_broadcast_are_named():
    with pytest.raises(ValueError, match=r"k and rate must broadcast together, got shapes "
                                         r"\(2,\) and \(3,\)"):
        count_models.poisson_logsf([1, 2], [1.0, 2.0, 3.0])


# ----------------------------------------------------------------- risks at every scale

def _exact_variance_risk(n: int, d: float, s2: float) -> tuple[float, float, float]:
    d, s2 = Fraction(d), Fraction(s2)
    bias = s2 * ((n - 1) / d - 1)
    variance = 2 * (n - 1) * s2 * s2 / (d * d)
    return float(bias), float(variance), float(bias * bias + variance)


@pytest.mark.parametrize(("n", "d", "s2"), [
    (1000, 1000.0, 1e155), (10, 1e-10, 1e-160), (2, 1e-300, 1e-300), (5, 4.0, 1e-300),
    (10**9, 10**9 - 1.0, 1e150), (3, 3.0, 2.0**-1074), (2**62, 2.0**62, 1e100),
])
def test_the_variance_risk_is_exact_where_squaring_sigma2_would_fail(n, d, s2):
    got = risk.gaussian_variance_risk(n, d, s2)
    assert tuple(got) == pytest.approx(_exact_variance_risk(n, d, s2), rel=1e-14, abs=0)


@given(n=st.integers(2, 10**6), d=st.floats(0.5, 1e6), e=st.integers(-400, 400))
@settings(max_examples=100, deadline=None)
def test_the_variance_risk_scales_with_sigma2_exactly(n, d, e):
    one = risk.gaussian_variance_risk(n, d, 1.0)
    scaled = risk.gaussian_variance_risk(n, d, 2.0**e)
    assert scaled.bias == pytest.approx(one.bias * 2.0**e, rel=1e-15)
    assert scaled.variance == pytest.approx(one.variance * 4.0**e, rel=1e-15)


def test_a_risk_beyond_float64_is_refused_with_the_arguments_named():
    with pytest.raises(ValueError, match="sigma2 and divisor give a risk beyond float64"):
        risk.gaussian_variance_risk(10, 1e-200, 1e200)
    with pytest.raises(ValueError, match="c and d give a risk beyond float64"):
        risk.proportion_risk(0.5, 10, 1e308, -5.0)


def test_a_proportion_risk_with_a_huge_prior_is_the_prior_guess():
    # with d pseudo-trials of prior mean c/d the estimate is c/d whatever the data
    got = risk.proportion_risk(0.3, 10, 0.7e200, 1e200)
    assert got.bias == pytest.approx(0.7 - 0.3, rel=1e-15)
    assert got.risk == pytest.approx(0.16, rel=1e-15)


def test_beta_shifts_that_overflow_are_refused_like_the_conjugate_posterior():
    with pytest.raises(ValueError, match=r"alpha \+ beta must be below 1.8e308"):
        risk.beta_estimator_shifts(1e308, 1e308)
    assert risk.beta_estimator_shifts(1e307, 1e307)["posterior mean"] == (1e307, 2e307)


# ----------------------------------------------------------------- promised ranges

@pytest.mark.parametrize(("x", "mu", "sigma"), [
    (1e100, -1e100, 1e100), (1e100, 0.0, 1.0), (-1e100, 1e100, 1e90), (3e99, 2e99, 1e99),
])
def test_the_gaussian_logpdf_takes_values_up_to_1e100_as_documented(x, mu, sigma):
    expected = stats.norm.logpdf(x, mu, sigma)
    assert likelihoods.gaussian_logpdf(x, mu, sigma) == pytest.approx(expected, rel=1e-14)


# ----------------------------------------------------------------- logits and grids at the range's end

def test_logits_1e308_apart_give_probabilities_0_and_1_without_warnings():
    assert information.softmax([1e308, -1e308]).tolist() == [1.0, 0.0]
    assert information.log_softmax([1e308, -1e308]).tolist() == [0.0, -np.inf]
    assert information.softmax_cross_entropy([[1e308, -1e308]], [0]) == 0.0


def test_a_grid_too_narrow_for_its_density_is_refused():
    with pytest.raises(ValueError, match="grid is so narrow that the normalised density"):
        logspace.normalise_log_grid([0.0, 0.0], [0.0, 1e-320])
    # 1e-300 wide is fine: the density is 1e300
    assert logspace.normalise_log_grid([0.0, 0.0], [0.0, 1e-300]) == pytest.approx([1e300] * 2)


def test_the_ridge_risk_at_a_huge_sigma_is_exact_or_refused():
    x = [0.0, 1.0, 2.0]
    unit = risk.ridge_risk(x, 1.0, 1.0, 1.0, 1e30)
    scaled = risk.ridge_risk(x, 1.0, 1.0, 2.0**530, 1e30)   # sigma^2 alone would overflow
    assert scaled.variance == pytest.approx(unit.variance * 2.0**530 * 2.0**530, rel=1e-14)
    with pytest.raises(ValueError, match="sigma = 1e\\+200 gives a variance beyond float64"):
        risk.ridge_risk(x, 1.0, 1.0, 1e200, 1.0)


def test_a_gradient_that_returns_complex_numbers_is_refused_by_name():
    from mlelib import optimise

    with pytest.raises(TypeError, match="grad must return real numbers, got complex numbers"):
        optimise.gradient_descent(lambda theta: 2j * theta, [1.0], learning_rate=0.1, steps=3)


@given(st.lists(st.integers(0, 2**62), min_size=1, max_size=6).filter(any))
@settings(max_examples=100, deadline=None)
def test_shares_of_any_counts_are_the_exact_fractions(counts):
    total = sum(counts)   # a Python int: no wrap-around
    expected = [float(Fraction(c, total)) for c in counts]
    assert information.empirical_distribution(counts) == pytest.approx(expected, rel=1e-15)
    with localcontext() as context:   # 50 digits: w log(w / N) exactly, for w near N too
        context.prec = 50
        exact = float(sum(Decimal(c) * (Decimal(c) / Decimal(total)).ln() for c in counts if c))
    assert count_models.saturated_loglik(counts) == pytest.approx(exact, rel=1e-14, abs=1e-14)
