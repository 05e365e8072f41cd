"""mlelib.count_models against scipy.stats / scipy.optimize and the curriculum's figures."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize, special, stats

from mlelib import count_models as cm
from mlelib import datasets, estimators

VALUES, COUNTS = datasets.siblings()
N = int(COUNTS.sum())


def scipy_table_loglik(rate, k=VALUES, w=COUNTS, *, shift=0, zero_truncated=False,
                       censor_at=None):
    """The same log-likelihood written with scipy.stats, one term per row of the table."""
    j = np.asarray(k) - shift
    exact = np.ones(len(k), bool) if censor_at is None else np.asarray(k) < censor_at
    ll = np.sum(w[exact] * stats.poisson.logpmf(j[exact], rate))
    if censor_at is not None:
        ll += np.sum(w[~exact]) * stats.poisson.logsf(censor_at - shift - 1, rate)
    if zero_truncated:
        ll -= np.sum(w) * stats.poisson.logsf(0, rate)
    return ll


def scipy_mle(**options):
    result = optimize.minimize_scalar(lambda r: -scipy_table_loglik(r, **options),
                                      bounds=(0.5, 4.0), method="bounded",
                                      options={"xatol": 1e-10})
    return result.x


# ---------------------------------------------------------------- the Poisson tail

@given(k=st.integers(0, 60), rate=st.floats(1e-3, 80.0))
def test_logsf_is_scipys(k, rate):
    expected = stats.poisson.logsf(k, rate)
    if expected > -700:  # scipy's sf is a float, exact while it does not underflow
        assert cm.poisson_logsf(k, rate) == pytest.approx(expected, rel=1e-10, abs=1e-12)


@pytest.mark.parametrize(("k", "rate"), [(200, 1.0), (60, 0.01), (7, 1e-40), (30, 29.99)])
def test_logsf_in_a_far_tail_where_sf_underflows_or_is_small(k, rate):
    # the tail summed with scipy's own log-pmf terms, far beyond where they matter
    terms = stats.poisson.logpmf(np.arange(k + 1, k + 400), rate)
    assert cm.poisson_logsf(k, rate) == pytest.approx(special.logsumexp(terms), rel=1e-12)


def test_logsf_of_a_large_rate_is_the_complement_of_a_tiny_head():
    assert cm.poisson_logsf(3, 1e4) == pytest.approx(stats.poisson.logsf(3, 1e4), abs=1e-15)
    assert cm.poisson_logsf(0, 2.0) == pytest.approx(np.log1p(-np.exp(-2.0)), rel=1e-14)


def test_logsf_broadcasts_k_against_a_grid_of_rates():
    k = np.array([0, 3, 6])
    rates = np.array([[0.5], [2.21], [9.0]])
    got = cm.poisson_logsf(k, rates)
    assert got.shape == (3, 3)
    np.testing.assert_allclose(got, stats.poisson.logsf(k, rates), rtol=1e-12)


# ---------------------------------------------------------------- zero-truncated pmf

@given(rate=st.floats(1e-4, 50.0))
def test_zero_truncated_pmf_is_the_poisson_given_at_least_one(rate):
    k = np.arange(1, 200)
    got = cm.zero_truncated_poisson_logpmf(k, rate)
    np.testing.assert_allclose(got, stats.poisson.logpmf(k, rate) - stats.poisson.logsf(0, rate),
                               rtol=1e-9, atol=1e-12)
    assert special.logsumexp(got) == pytest.approx(0.0, abs=1e-9)  # a distribution on 1, 2, ...
    assert cm.zero_truncated_poisson_logpmf(0, rate) == -np.inf


# ---------------------------------------------------------------- the table's log-likelihoods

@pytest.mark.parametrize(("rate", "options", "figure"), [
    (2.21, {}, -150.6892),
    (1.21, {"shift": 1}, -132.0181),
    (1.869070, {"zero_truncated": True}, -136.8699),
    (2.213473, {"censor_at": 7}, -150.3794),
])
def test_the_curriculum_log_likelihoods(rate, options, figure):
    assert round(cm.poisson_table_loglik(VALUES, rate, COUNTS, **options), 4) == figure


OPTIONS = [{}, {"shift": 1}, {"zero_truncated": True}, {"censor_at": 7},
           {"zero_truncated": True, "censor_at": 7}, {"shift": 1, "censor_at": 7}]


@pytest.mark.parametrize("options", OPTIONS, ids=str)
@given(rate=st.floats(0.05, 30.0))
@settings(max_examples=30)
def test_the_table_loglik_is_scipys(options, rate):
    got = cm.poisson_table_loglik(VALUES, rate, COUNTS, **options)
    assert got == pytest.approx(scipy_table_loglik(rate, **options), rel=1e-11)


@pytest.mark.parametrize("options", OPTIONS, ids=str)
def test_the_table_loglik_on_a_grid_is_the_loglik_at_each_rate(options):
    grid = np.linspace(0.3, 6.0, 40)
    got = cm.poisson_table_loglik(VALUES, grid, COUNTS, **options)
    np.testing.assert_allclose(got, [scipy_table_loglik(r, **options) for r in grid], rtol=1e-11)


def test_observations_one_by_one_equal_the_table():
    pupils = np.repeat(VALUES, COUNTS)
    for options in OPTIONS:
        assert cm.poisson_table_loglik(pupils, 1.7, **options) == pytest.approx(
            cm.poisson_table_loglik(VALUES, 1.7, COUNTS, **options), rel=1e-12)


def test_data_the_model_cannot_produce_have_log_likelihood_minus_inf():
    assert cm.poisson_table_loglik([0, 1, 2], 1.0, [1, 2, 3], shift=1) == -np.inf
    assert cm.poisson_table_loglik([0, 1, 2], 1.0, [1, 2, 3], zero_truncated=True) == -np.inf
    # a zero that nobody reported is no problem
    assert np.isfinite(cm.poisson_table_loglik([0, 1, 2], 1.0, [0, 2, 3], zero_truncated=True))
    with pytest.raises(ValueError, match="cannot produce"):
        cm.poisson_table_nll_grad([0, 1], 1.0, [1, 1], zero_truncated=True)


@pytest.mark.parametrize(("options", "figure"), [
    ({"censor_at": 7}, 2.213473),
    ({"zero_truncated": True}, 1.869070),
    ({"zero_truncated": True, "censor_at": 7}, 1.872704),
])
def test_the_gradient_vanishes_at_scipys_optimum_the_curriculum_figure(options, figure):
    root = optimize.brentq(lambda r: cm.poisson_table_nll_grad(VALUES, r, COUNTS, **options),
                           1.0, 3.0, xtol=1e-14)
    assert round(root, 6) == figure
    # scipy's minimiser of scipy's NLL finds the flat bottom to about 1e-7
    assert scipy_mle(**options) == pytest.approx(root, abs=3e-7)


def test_the_plain_and_shifted_mles_are_the_closed_forms():
    mean = estimators.poisson_rate_mle(VALUES, COUNTS)
    assert scipy_mle() == pytest.approx(mean, abs=3e-7)
    assert scipy_mle(shift=1) == pytest.approx(mean - 1, abs=3e-7)
    assert cm.poisson_table_nll_grad(VALUES, mean, COUNTS) == pytest.approx(0, abs=1e-12)
    assert cm.poisson_table_nll_grad(VALUES, mean - 1, COUNTS, shift=1) == pytest.approx(
        0, abs=1e-12)


@pytest.mark.parametrize("options", OPTIONS, ids=str)
@given(rate=st.floats(0.2, 12.0))
@settings(max_examples=25)
def test_the_gradient_is_the_derivative_of_scipys_nll(options, rate):
    h = 1e-5 * rate
    slope = -(scipy_table_loglik(rate + h, **options)
              - scipy_table_loglik(rate - h, **options)) / (2 * h)
    got = cm.poisson_table_nll_grad(VALUES, rate, COUNTS, **options)
    assert got == pytest.approx(slope, rel=1e-6, abs=1e-6)


def test_the_gradient_broadcasts_over_a_grid():
    grid = np.array([1.0, 2.0, 3.0])
    got = cm.poisson_table_nll_grad(VALUES, grid, COUNTS, censor_at=7)
    assert got.shape == (3,)
    np.testing.assert_allclose(
        got, [cm.poisson_table_nll_grad(VALUES, r, COUNTS, censor_at=7) for r in grid])


# ---------------------------------------------------------------- saturated model, deviance

def test_the_saturated_loglik_is_the_curriculum_ceiling():
    assert round(cm.saturated_loglik(COUNTS), 4) == -119.0201
    expected = sum(c * np.log(c / N) for c in COUNTS if c > 0)
    assert cm.saturated_loglik(COUNTS) == pytest.approx(expected, rel=1e-14)


@given(counts=st.lists(st.integers(0, 40), min_size=1, max_size=9).filter(lambda c: sum(c) > 0),
       rate=st.floats(0.1, 10.0))
def test_no_poisson_model_passes_the_ceiling(counts, rate):
    counts = np.array(counts)
    values = np.arange(1, counts.size + 1)
    ceiling = cm.saturated_loglik(counts)
    for options in [{}, {"zero_truncated": True}, {"censor_at": int(values[-1])}]:
        ll = cm.poisson_table_loglik(values, rate, counts, **options)
        assert ll <= ceiling + 1e-9
        assert cm.deviance(ll, counts) >= 0


def test_the_deviance_is_twice_the_distance_to_the_ceiling():
    ll = cm.poisson_table_loglik(VALUES, 2.21, COUNTS)
    assert cm.deviance(ll, COUNTS) == pytest.approx(2 * (-119.0200784 + 150.6891976), abs=1e-6)
    grid = cm.poisson_table_loglik(VALUES, np.array([1.0, 2.21]), COUNTS)
    assert cm.deviance(grid, COUNTS).shape == (2,)
    assert cm.deviance(-np.inf, COUNTS) == np.inf


def test_a_loglik_above_the_ceiling_is_refused():
    with pytest.raises(ValueError, match="loglik must be <= the saturated"):
        cm.deviance(-100.0, COUNTS)


# ---------------------------------------------------------------- expected counts

def test_the_curriculum_expected_counts():
    got = cm.poisson_expected_counts(N, 2.21, 7)
    assert [f"{e:.2f}" for e in got] == ["10.97", "24.24", "26.79", "19.73", "10.90", "4.82",
                                         "1.78", "0.76"]
    assert round(got[6] / N * 100, 3) == 1.775  # P(6) in percent


@given(rate=st.floats(0.01, 40.0), k_max=st.integers(1, 30))
def test_expected_counts_are_scipys_and_add_up_to_n(rate, k_max):
    got = cm.poisson_expected_counts(50, rate, k_max)
    np.testing.assert_allclose(got[:-1], 50 * stats.poisson.pmf(np.arange(k_max), rate),
                               rtol=1e-10, atol=1e-300)
    assert got[-1] == pytest.approx(50 * stats.poisson.sf(k_max - 1, rate), rel=1e-9, abs=1e-300)
    assert got.sum() == pytest.approx(50, rel=1e-12)


def test_expected_counts_on_a_grid_of_rates():
    assert cm.poisson_expected_counts(10, np.array([1.0, 2.0]), 4).shape == (2, 5)


# ---------------------------------------------------------------- bad input

TABLE = ([1, 2, 3], [4, 5, 6])


@pytest.mark.parametrize(("call", "error", "words"), [
    (lambda: cm.poisson_table_loglik([1, -2, 3], 1.0, [1, 1, 1]), ValueError, "k must be a non"),
    (lambda: cm.poisson_table_loglik([1, 2.5, 3], 1.0, [1, 1, 1]), ValueError, "k must be a non"),
    (lambda: cm.poisson_table_loglik(*TABLE[:1], 1.0, [1, 2]), ValueError, "same length"),
    (lambda: cm.poisson_table_loglik([1, 2], 1.0, [1, -1]), ValueError, "weights must be a non"),
    (lambda: cm.poisson_table_loglik([1, 2], 1.0, [0, 0]), ValueError, "weights must not all"),
    (lambda: cm.poisson_table_loglik([1, 2], 1.0, [[1, 2]]), ValueError, "weights must be 1-D"),
    (lambda: cm.poisson_table_loglik([[1, 2]], 1.0), ValueError, "k must be 1-D"),
    (lambda: cm.poisson_table_loglik(TABLE[0], 0.0, TABLE[1]), ValueError, "rate must be > 0"),
    (lambda: cm.poisson_table_loglik(TABLE[0], -1.0, TABLE[1]), ValueError, "rate must be > 0"),
    (lambda: cm.poisson_table_loglik(TABLE[0], np.nan, TABLE[1]), ValueError, "rate must not"),
    (lambda: cm.poisson_table_loglik(TABLE[0], np.inf, TABLE[1]), ValueError, "rate must be fin"),
    (lambda: cm.poisson_table_loglik(TABLE[0], "2", TABLE[1]), TypeError, "rate must be a (real )?num"),
    (lambda: cm.poisson_table_loglik("123", 1.0), TypeError, "k must be a"),
    (lambda: cm.poisson_table_loglik([True, False], 1.0), TypeError, "k must be a non"),
    (lambda: cm.poisson_table_loglik(*TABLE, censor_at=2), ValueError, "k must be <= censor_at"),
    (lambda: cm.poisson_table_loglik(*TABLE, censor_at=0), ValueError, "censor_at must be >= 1"),
    (lambda: cm.poisson_table_loglik(*TABLE, censor_at=7.0), TypeError, "censor_at must be an"),
    (lambda: cm.poisson_table_loglik(*TABLE, shift=-1), ValueError, "shift must be >= 0"),
    (lambda: cm.poisson_table_nll_grad(TABLE[0], 0.0, TABLE[1]), ValueError, "rate must be > 0"),
    (lambda: cm.poisson_table_nll_grad([1, 2], 1.0, [1, 2, 3]), ValueError, "same length"),
    (lambda: cm.poisson_logsf(-1, 1.0), ValueError, "k must be a non"),
    (lambda: cm.poisson_logsf(1, 0.0), ValueError, "rate must be > 0"),
    (lambda: cm.zero_truncated_poisson_logpmf(1.5, 1.0), ValueError, "k must be a non"),
    (lambda: cm.zero_truncated_poisson_logpmf(1, -3.0), ValueError, "rate must be > 0"),
    (lambda: cm.saturated_loglik([3, -1]), ValueError, "weights must be a non"),
    (lambda: cm.saturated_loglik([0, 0]), ValueError, "weights must not all be zero"),
    (lambda: cm.saturated_loglik([[1, 2]]), ValueError, "weights must be 1-D"),
    (lambda: cm.deviance(np.nan, [1, 2]), ValueError, "loglik must not contain NaN"),
    (lambda: cm.deviance(np.inf, [1, 2]), ValueError, "loglik must not be \\+inf"),
    (lambda: cm.deviance("x", [1, 2]), TypeError, "loglik must be a (real )?number"),
    (lambda: cm.poisson_expected_counts(0, 1.0, 5), ValueError, "n must be >= 1"),
    (lambda: cm.poisson_expected_counts(10.5, 1.0, 5), TypeError, "n must be an integer"),
    (lambda: cm.poisson_expected_counts(10, 0.0, 5), ValueError, "rate must be > 0"),
    (lambda: cm.poisson_expected_counts(10, 1.0, 0), ValueError, "k_max must be >= 1"),
])
def test_bad_input_is_named(call, error, words):
    with pytest.raises(error, match=words):
        call()
