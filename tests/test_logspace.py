"""Log-space helpers against scipy.special, scipy.integrate and closed forms."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import integrate, special

from mlelib import logspace

pytestmark = pytest.mark.filterwarnings("error")

PROPERTY = settings(max_examples=60, deadline=None)

log_values = st.one_of(st.floats(-1e4, 1e4), st.just(-np.inf))


def increasing_grids(min_size=2, max_size=40):
    """Strictly increasing grids: a start point plus positive steps."""
    return st.tuples(
        st.floats(-100, 100),
        st.lists(st.floats(1e-3, 10), min_size=min_size - 1, max_size=max_size - 1),
    ).map(lambda t: t[0] + np.concatenate([[0.0], np.cumsum(t[1])]))


# --------------------------------------------------------------------------- logsumexp

@PROPERTY
@given(hnp.arrays(float, hnp.array_shapes(min_dims=1, max_dims=2, max_side=6), elements=log_values),
       st.sampled_from([None, 0, -1]))
def test_logsumexp_matches_scipy(values, axis):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        expected = special.logsumexp(values, axis=axis)
    got = logspace.logsumexp(values, axis=axis)
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-9)
    assert np.shape(got) == np.shape(expected)


def test_logsumexp_does_not_overflow():
    with np.errstate(over="ignore"):
        naive = np.log(np.sum(np.exp([1000.0, 1000.0])))
    assert naive == np.inf
    assert logspace.logsumexp([1000.0, 1000.0]) == pytest.approx(1000.0 + math.log(2.0), abs=1e-12)


def test_logsumexp_does_not_underflow():
    values = np.full(3, -1e4)
    with np.errstate(divide="ignore"):
        naive = np.log(np.sum(np.exp(values)))
    assert naive == -np.inf
    assert logspace.logsumexp(values) == pytest.approx(-1e4 + math.log(3.0), abs=1e-9)


def test_logsumexp_of_zero_probabilities_is_minus_inf():
    assert logspace.logsumexp([-np.inf, -np.inf]) == -np.inf
    out = logspace.logsumexp(np.array([[0.0, 0.0], [-np.inf, -np.inf]]), axis=1)
    np.testing.assert_array_equal(out, [math.log(2.0), -np.inf])


def test_logsumexp_returns_python_float_for_full_reduction():
    out = logspace.logsumexp(np.zeros((2, 3)))
    assert type(out) is float
    assert out == pytest.approx(math.log(6.0))
    assert logspace.logsumexp(3.5) == 3.5


# --------------------------------------------------------------------------- grids

@PROPERTY
@given(grid=increasing_grids(), data=st.data(), offset=st.floats(-1e5, 1e5))
def test_normalise_log_grid_integrates_to_one_and_keeps_ratios(grid, data, offset):
    lv = np.array(data.draw(st.lists(st.floats(-30, 30), min_size=grid.size,
                                     max_size=grid.size)))
    density = logspace.normalise_log_grid(lv, grid)
    assert integrate.trapezoid(density, grid) == pytest.approx(1.0, rel=1e-12)
    # proportional to exp(lv): log density - lv is one constant
    shift = np.log(density) - lv
    np.testing.assert_allclose(shift, shift[0], atol=1e-9)
    # a large offset does not matter beyond the rounding of lv + offset itself
    shifted = logspace.normalise_log_grid(lv + offset, grid)
    np.testing.assert_allclose(shifted, density, rtol=1e-12 + 8 * np.spacing(abs(offset)))


def test_normalise_log_grid_works_where_exp_underflows():
    grid = np.linspace(0.0, 1.0, 101)
    lv = -5000.0 - 50.0 * (grid - 0.3) ** 2
    assert not np.exp(lv).any()
    density = logspace.normalise_log_grid(lv, grid)
    assert integrate.trapezoid(density, grid) == pytest.approx(1.0, rel=1e-12)
    assert grid[np.argmax(density)] == pytest.approx(0.3)


def test_normalise_log_grid_gives_zero_where_log_value_is_minus_inf():
    grid = np.array([0.0, 1.0, 2.0, 3.0])
    density = logspace.normalise_log_grid([-np.inf, 0.0, 0.0, -np.inf], grid)
    # trapezoid area of (0, 1, 1, 0) on unit steps is 2
    np.testing.assert_array_equal(density, [0.0, 0.5, 0.5, 0.0])


def test_normalise_log_grid_on_a_standard_normal_matches_the_pdf():
    grid = np.linspace(-10, 10, 2001)
    density = logspace.normalise_log_grid(-0.5 * grid**2, grid)
    pdf = np.exp(-0.5 * grid**2) / math.sqrt(2 * math.pi)
    np.testing.assert_allclose(density, pdf, rtol=1e-9, atol=1e-15)


@PROPERTY
@given(grid=increasing_grids(), data=st.data())
def test_integrate_density_matches_scipy_trapezoid(grid, data):
    f = np.array(data.draw(st.lists(st.floats(0, 1e3), min_size=grid.size, max_size=grid.size)))
    assert logspace.integrate_density(f, grid) == pytest.approx(
        integrate.trapezoid(f, grid), rel=1e-12, abs=1e-12)


def test_integrate_density_of_a_line_is_exact_and_x_squared_converges():
    grid = np.linspace(0.0, 2.0, 5)
    assert logspace.integrate_density(3 * grid + 1, grid) == pytest.approx(8.0, abs=1e-14)
    fine = np.linspace(0.0, 1.0, 10001)
    assert logspace.integrate_density(fine**2, fine) == pytest.approx(1 / 3, abs=1e-8)
    assert type(logspace.integrate_density(fine, fine)) is float


# --------------------------------------------------------------------------- special functions

@PROPERTY
@given(hnp.arrays(float, st.integers(1, 20), elements=st.floats(1e-3, 1e4)))
def test_log_gamma_matches_scipy_gammaln(z):
    np.testing.assert_allclose(logspace.log_gamma(z), special.gammaln(z), rtol=1e-13, atol=1e-13)


def test_log_gamma_known_values():
    assert logspace.log_gamma(1.0) == 0.0
    assert logspace.log_gamma(2.0) == 0.0
    assert logspace.log_gamma(0.5) == pytest.approx(0.5 * math.log(math.pi), rel=1e-15)
    assert logspace.log_gamma(11.0) == pytest.approx(math.log(math.factorial(10)), rel=1e-15)
    assert type(logspace.log_gamma(3.0)) is float


@PROPERTY
@given(n=st.integers(0, 2000), data=st.data())
def test_log_binomial_coefficient_matches_exact_integers(n, data):
    k = data.draw(st.integers(0, n))
    exact = math.log(math.comb(n, k))
    assert logspace.log_binomial_coefficient(n, k) == pytest.approx(exact, rel=1e-11, abs=1e-11)


def test_log_binomial_coefficient_vectorised_against_scipy():
    n = np.array([10, 100, 1000, 5])
    k = np.array([7, 56, 1, 5])
    expected = np.log(special.comb(n, k))
    np.testing.assert_allclose(logspace.log_binomial_coefficient(n, k), expected, rtol=1e-12)
    assert logspace.log_binomial_coefficient(10, 7) == pytest.approx(math.log(120))


@PROPERTY
@given(a=st.floats(1e-2, 1e3), b=st.floats(1e-2, 1e3))
def test_log_beta_function_matches_scipy_betaln(a, b):
    assert logspace.log_beta_function(a, b) == pytest.approx(special.betaln(a, b), rel=1e-11,
                                                             abs=1e-11)


def test_log_beta_function_known_values():
    assert logspace.log_beta_function(1.0, 1.0) == 0.0
    # B(2, 2) = 1/6 and B(1/2, 1/2) = pi
    assert logspace.log_beta_function(2.0, 2.0) == pytest.approx(-math.log(6.0), rel=1e-14)
    assert logspace.log_beta_function(0.5, 0.5) == pytest.approx(math.log(math.pi), rel=1e-14)
