"""The validation helpers of ``mlelib._validation``, and the rules that belong to one function.

The rules shared by many arguments (types, NaN, inf, empty, shape, range, size of counts)
are checked for every public function and argument in ``test_bad_input.py``; here are
the helpers themselves and the rules that only make sense for particular functions
(successes <= trials, paired lengths, increasing grids, ...).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from mlelib import _validation as V
from mlelib import conjugate, datasets, estimators, likelihoods, logspace

pytestmark = pytest.mark.filterwarnings("error")

X = [0.0, 1.0, 2.0]
Y = [1.0, 2.0, 2.5]
GRID = [0.0, 0.5, 1.0]
GRID_LOGS = [0.0, -1.0, -2.0]
REAL = "must be a real number or an array of real numbers"

# --------------------------------------------------------------------------- helpers


def test_as_float_array_converts_lists_scalars_and_other_real_types_to_float64():
    arr = V.as_float_array([1, 2, 3], "x")
    assert arr.dtype == np.float64
    np.testing.assert_array_equal(arr, [1.0, 2.0, 3.0])
    scalar = V.as_float_array(4, "x")
    assert scalar.shape == ()
    assert scalar == 4.0
    np.testing.assert_array_equal(V.as_float_array([Fraction(1, 2), np.float32(2)], "x"),
                                  [0.5, 2.0])
    np.testing.assert_array_equal(V.as_float_array(np.array([1, 2], dtype=object), "x"),
                                  [1.0, 2.0])


def test_as_float_array_allows_empty_and_infinite_only_when_asked():
    assert V.as_float_array([], "x", allow_empty=True).size == 0
    arr = V.as_float_array([-np.inf, 0.0], "x", finite=False)
    assert arr[0] == -np.inf
    with pytest.raises(ValueError, match="x must not contain NaN"):
        V.as_float_array([np.nan], "x", finite=False)


def test_as_float_array_checks_dimension_with_a_readable_message():
    with pytest.raises(ValueError, match="v must be a scalar, got an array with 1 dimensions"):
        V.as_float_array([1.0], "v", ndim=0)
    with pytest.raises(ValueError, match="v must be 1-D, got an array with 2 dimensions"):
        V.as_float_array([[1.0]], "v", ndim=1)


@pytest.mark.parametrize(("value", "got"), [
    (None, "None"), ("1.0", "str"), (b"1", "bytes"), (1 + 2j, "complex"), (True, "bool"),
    (np.bool_(False), "bool"), ([1.0, "a"], "str"), ([1.0, 2j], "complex"), ([1, True], "bool"),
    ({"a": 1}, "dict"), ({1.0}, "set"), (np.array(["1"]), "an array of str"),
    (np.array([1j]), "an array of complex"), (np.array([True]), "an array of bool"),
    (np.array([1.0, None], dtype=object), "None"), (np.datetime64("2020"), "datetime64"),
    ([[1.0], [1.0, 2.0]], "a ragged sequence"),
])
def test_as_float_array_refuses_what_is_not_a_real_number(value, got):
    with pytest.raises(TypeError, match=f"v {REAL}, got {got}"):
        V.as_float_array(value, "v")


def test_as_float_array_refuses_an_int_too_large_for_float64():
    with pytest.raises(ValueError, match="v must be finite"):
        V.as_float_array([1, 10**400], "v")


def test_as_location_bounds_data_and_means():
    np.testing.assert_array_equal(V.as_location([-1e50, 1e50], "mu"), [-1e50, 1e50])
    with pytest.raises(ValueError, match=r"mu must be between -1e\+50 and 1e\+50 \(larger "
                                         r"values overflow float64 in sums of squares\), got"):
        V.as_location(-2e50, "mu")
    assert V.location_scalar(3, "a") == 3.0
    np.testing.assert_array_equal(V.as_data((1, 2.5), "d"), [1.0, 2.5])


def test_as_positive_reports_the_offending_value_or_shape():
    with pytest.raises(ValueError, match=r"s must be > 0, got -1\.0"):
        V.as_positive(-1.0, "s")
    with pytest.raises(ValueError, match=r"s must be > 0, got an array of shape \(2,\)"):
        V.as_positive([1.0, 0.0], "s")
    assert V.as_positive(1e-300, "s") == 1e-300


def test_as_probability_accepts_the_closed_interval():
    np.testing.assert_array_equal(V.as_probability([0.0, 0.5, 1.0]), [0.0, 0.5, 1.0])
    with pytest.raises(ValueError, match=r"p must be in \[0, 1\]"):
        V.as_probability(np.nextafter(1.0, 2.0))
    with pytest.raises(ValueError, match=r"q must be in \[0, 1\]"):
        V.as_probability(-5e-324, "q")


def test_as_count_returns_int64_and_accepts_whole_floats_and_large_ints_exactly():
    arr = V.as_count([0, 3.0, 7], "k")
    assert arr.dtype == np.int64
    np.testing.assert_array_equal(arr, [0, 3, 7])
    assert V.as_count(2**53 + 1, "k") == 2**53 + 1  # not rounded through a float
    assert V.as_count(2**63 - 1, "k") == 2**63 - 1


@pytest.mark.parametrize("value", [True, False, np.True_, np.array([True, False]), [1, True]])
def test_as_count_rejects_bool(value):
    with pytest.raises(TypeError, match="k must be a non-negative integer, got (an array of )?bool"):
        V.as_count(value, "k")


@pytest.mark.parametrize(("value", "message"), [
    (-1, "k must be a non-negative integer, got -1"),
    (2.5, "k must be a non-negative integer, got 2.5"),
    ([1, -2], r"k must be a non-negative integer, got an array of shape \(2,\)"),
    (2**63, r"k must be < 2\*\*63 \(counts are int64\), got 9.22e\+18"),
    (np.uint64(2**63), r"k must be < 2\*\*63"),
    ([1, 2**64], r"k must be < 2\*\*63 \(counts are int64\), got 1.84e\+19"),
    (10**400, r"k must be < 2\*\*63 \(counts are int64\), got 1.00e\+400"),
    (9.3e18, r"k must be < 2\*\*63 \(counts are int64\), got 9.3e\+18"),
    ([], "k must not be empty"),
])
def test_as_count_rejects_negative_fractional_huge_and_empty(value, message):
    with pytest.raises(ValueError, match=message):
        V.as_count(value, "k")


def test_as_count_table_is_one_dimensional():
    np.testing.assert_array_equal(V.as_count_table([1, 2], "w"), [1, 2])
    with pytest.raises(ValueError, match="w must be 1-D, got an array with 0 dimensions"):
        V.as_count_table(3, "w")


def test_as_int_accepts_python_and_numpy_integers_within_bounds():
    assert V.as_int(np.int64(5), "n") == 5
    assert type(V.as_int(np.int32(5), "n")) is int
    with pytest.raises(ValueError, match="n must be >= 2, got 1"):
        V.as_int(1, "n", minimum=2)
    with pytest.raises(ValueError, match="n must be <= 10, got 11"):
        V.as_int(11, "n", maximum=10)


@pytest.mark.parametrize("value", [2.0, True, np.True_, "3", None])
def test_as_int_rejects_non_integers(value):
    with pytest.raises(TypeError, match="n must be an integer"):
        V.as_int(value, "n")


def test_as_flag_accepts_only_bools():
    assert V.as_flag(np.False_, "f") is False
    for value in (1, "yes", None, 0.0):
        with pytest.raises(TypeError, match="f must be True or False, got"):
            V.as_flag(value, "f")


def test_as_axis_accepts_none_and_in_range_integers():
    assert V.as_axis(None, 2) is None
    assert V.as_axis(np.int64(-2), 2) == -2
    with pytest.raises(ValueError, match="axis must be between -2 and 1 for an array with 2 "
                                         "dimensions, got 2"):
        V.as_axis(2, 2)
    with pytest.raises(TypeError, match="axis must be an integer or None, got float"):
        V.as_axis(1.5, 2)


def test_broadcast_together_names_every_argument_and_shape():
    assert V.broadcast_together(a=np.zeros((3, 1)), b=np.zeros(4)) == (3, 4)
    with pytest.raises(ValueError, match=r"mu and sigma must broadcast together, got shapes "
                                         r"\(3,\) and \(4,\)"):
        V.broadcast_together(mu=np.zeros(3), sigma=np.zeros(4))
    with pytest.raises(ValueError, match=r"k, n and p must broadcast together, got shapes "
                                         r"\(2,\), \(3,\) and \(\)"):
        V.broadcast_together(k=np.zeros(2), n=np.zeros(3), p=np.zeros(()))


def test_require_finite_raises_the_given_rule():
    V.require_finite([1.0, -2.0], "never shown")
    with pytest.raises(ValueError, match="the rule"):
        V.require_finite([1.0, np.inf], "the rule")


def test_check_k_le_n_and_check_same_length():
    V.check_k_le_n(np.array([1, 2]), np.array([2, 2]))
    with pytest.raises(ValueError, match="s must be <= t"):
        V.check_k_le_n(np.array([3]), np.array([2]), "s", "t")
    V.check_same_length(np.zeros(3), np.ones(3))
    with pytest.raises(ValueError, match="u and v must have the same length, got 2 and 3"):
        V.check_same_length(np.zeros(2), np.zeros(3), "u", "v")


def test_scalar_returns_python_float_for_0d_and_the_array_otherwise():
    out = V.scalar(np.array(2.5))
    assert type(out) is float
    assert out == 2.5
    arr = np.array([1.0, 2.0])
    assert V.scalar(arr) is arr


# --------------------------------------------------------------------------- rules of one function

@pytest.mark.parametrize(("names", "func", "args", "kwargs"), [
    ("x and y", likelihoods.line_sufficient_stats, (X, Y[:2]), {}),
    ("x and y", likelihoods.line_logpdf, (X, Y[:2], 0.0, 0.0, 1.0), {}),
    ("x and y", likelihoods.line_loglik, (X, [*Y, 1.0], 0.0, 0.0, 1.0), {}),
    ("x and y", likelihoods.line_loglik_grid, (X, Y[:1], [0.0], [0.0], 1.0), {}),
    ("x and y", likelihoods.line_nll, (X[:2], Y, 0.0, 0.0, 1.0), {}),
    ("x and y", likelihoods.line_nll_grad, (X, Y[:2], 0.0, 0.0, 1.0), {}),
    ("x and y", estimators.least_squares_line, (X, Y[:2]), {}),
    ("x and y", estimators.sigma_mle, (X, Y[:2], 0.0, 0.0), {}),
    ("x and y", estimators.ridge_map, (X, Y[:2]), {"lam": 1.0}),
    ("k and weights", likelihoods.poisson_loglik, ([1, 2], 1.0), {"weights": [1]}),
    ("k and weights", estimators.poisson_rate_mle, ([1, 2], [1, 2, 3]), {}),
    ("k and weights", conjugate.gamma_poisson_posterior, (1.0, 1.0, [1], [1, 1]), {}),
    ("successes and trials", conjugate.beta_binomial_posterior, (1.0, 1.0, [1, 2], [3]), {}),
    ("log_likelihood and log_prior", conjugate.grid_posterior, (GRID, GRID_LOGS, [0.0, 0.0]),
     {}),
    ("log_likelihood and grid", conjugate.grid_posterior, ([0.0, 1.0], GRID_LOGS, GRID_LOGS),
     {}),
    ("log_values and grid", logspace.normalise_log_grid, ([0.0, 0.0], GRID), {}),
    ("density and grid", logspace.integrate_density, ([0.0, 0.0], GRID), {}),
])
def test_paired_inputs_must_have_the_same_length(names, func, args, kwargs):
    with pytest.raises(ValueError, match=f"{names} must have the same length, got"):
        func(*args, **kwargs)


@pytest.mark.parametrize(("names", "func", "args"), [
    ("k must be <= n", likelihoods.bernoulli_loglik, (11, 10, 0.5)),
    ("k must be <= n", likelihoods.bernoulli_nll, (11, 10, 0.5)),
    ("k must be <= n", likelihoods.bernoulli_nll_grad, (11, 10, 0.5)),
    ("k must be <= n", likelihoods.binomial_logpmf, ([1, 11], 10, 0.5)),
    ("k must be <= n", estimators.proportion_mle, (3, 2)),
    ("k must be <= n", conjugate.beta_bernoulli_posterior, (2.0, 2.0, 101, 100)),
    ("k must be <= n", logspace.log_binomial_coefficient, (10, 11)),
    ("successes must be <= trials", conjugate.beta_binomial_posterior,
     (1.0, 1.0, [1, 6], [2, 5])),
])
def test_successes_must_not_exceed_trials(names, func, args):
    with pytest.raises(ValueError, match=rf"{names} \(successes cannot exceed trials\)"):
        func(*args)


def test_bernoulli_outcome_must_be_0_or_1():
    with pytest.raises(ValueError, match="x must be 0 or 1, got 2"):
        likelihoods.bernoulli_logpmf([0, 1, 2], 0.5)


@pytest.mark.parametrize("p", [0.0, 1.0, [0.5, 1.0]])
def test_bernoulli_gradient_needs_the_open_interval(p):
    with pytest.raises(ValueError, match=r"p must be in the open interval \(0, 1\)"):
        likelihoods.bernoulli_nll_grad(7, 10, p)


def test_sample_parameters_checks_its_box_and_centre():
    with pytest.raises(ValueError, match="low must be < high"):
        datasets.sample_parameters(3, seed=0, low=1.0, high=1.0)
    with pytest.raises(ValueError, match=r"centre must hold two numbers \(a, b\), got 3"):
        datasets.sample_parameters(3, seed=0, centre=(0.0, 1.0, 2.0), spread=1.0)


@pytest.mark.parametrize("x_range", [(2.0, -2.0), (1.0, 1.0), (0.0, 1.0, 2.0)])
def test_make_line_data_checks_x_range(x_range):
    with pytest.raises(ValueError, match=r"x_range must be two numbers \(low, high\) with low"):
        datasets.make_line_data(5, 1.0, 0, x_range=x_range)


@pytest.mark.parametrize("kwargs", [
    {"lam": 1.0, "sigma": 0.1},
    {"lam": 1.0, "tau": 0.04},
    {"lam": 0.0, "sigma": 0.1, "tau": 0.04},
])
def test_ridge_given_both_lam_and_sigma_or_tau(kwargs):
    with pytest.raises(ValueError, match="give either lam, or sigma and tau, not both"):
        estimators.ridge_map(X, Y, **kwargs)


@pytest.mark.parametrize("kwargs", [{}, {"sigma": 0.1}, {"tau": 0.04}])
def test_ridge_given_neither_lam_nor_sigma_and_tau(kwargs):
    with pytest.raises(ValueError, match="give either lam, or both sigma and tau"):
        estimators.ridge_map(X, Y, **kwargs)


@pytest.mark.parametrize(("func", "args", "kwargs"), [
    (estimators.least_squares_line, ([1.0, 1.0, 1.0], Y), {}),
    (estimators.least_squares_line, ([2.0], [1.0]), {}),
    (estimators.ridge_map, ([1.0, 1.0, 1.0], Y), {"lam": 0.0}),
    (estimators.ridge_map, ([1.0, 1.0, 1.0], Y), {"lam": 0.0, "penalize_intercept": False}),
])
def test_line_fit_needs_two_distinct_x(func, args, kwargs):
    with pytest.raises(ValueError, match="x must have at least two distinct values"):
        func(*args, **kwargs)


@pytest.mark.parametrize(("message", "grid"), [
    ("grid must be strictly increasing", [0.0, 1.0, 0.5]),
    ("grid must be strictly increasing", [0.0, 1.0, 1.0]),
    ("grid must be strictly increasing", [1.0, 0.5, 0.0]),
    ("grid must hold at least 2 points", [0.0]),
    ("grid must span less than 1.8e308", [-1e308, 1e308]),
])
@pytest.mark.parametrize("func", [
    lambda grid: logspace.normalise_log_grid(np.zeros(len(grid)), grid),
    lambda grid: logspace.integrate_density(np.ones(len(grid)), grid),
    lambda grid: conjugate.grid_posterior(grid, np.zeros(len(grid)), np.zeros(len(grid))),
], ids=["normalise_log_grid", "integrate_density", "grid_posterior"])
def test_grid_must_be_increasing_and_finite_in_its_steps(func, message, grid):
    with pytest.raises(ValueError, match=message):
        func(grid)


@pytest.mark.parametrize(("message", "args"), [
    ("log_likelihood must have at least one finite entry", ([-np.inf] * 3, [0.0] * 3)),
    ("log_prior must have at least one finite entry", ([0.0] * 3, [-np.inf] * 3)),
    (r"log_likelihood \+ log_prior must have at least one finite entry",
     ([-np.inf, 0.0, 0.0], [0.0, -np.inf, -np.inf])),
    (r"log_likelihood must not contain \+inf", ([0.0, np.inf, 0.0], [0.0] * 3)),
    (r"log_prior must not contain \+inf", ([0.0] * 3, [np.inf, 0.0, 0.0])),
    ("log_prior must not contain NaN", ([0.0] * 3, [0.0, np.nan, 0.0])),
])
def test_grid_posterior_names_its_own_arguments(message, args):
    """Not the internal log_values of normalise_log_grid, and never a RuntimeWarning."""
    with pytest.raises(ValueError, match=message):
        conjugate.grid_posterior(GRID, *args)


def test_logsumexp_rejects_plus_inf_but_allows_minus_inf():
    with pytest.raises(ValueError, match=r"values must not contain \+inf"):
        logspace.logsumexp([0.0, np.inf])
    assert logspace.logsumexp([0.0, -np.inf]) == 0.0


def test_proportion_needs_at_least_one_trial():
    with pytest.raises(ValueError, match="n must be >= 1"):
        estimators.proportion_mle(0, 0)


def test_poisson_rate_weights_must_not_all_be_zero():
    with pytest.raises(ValueError, match="weights must not all be zero"):
        estimators.poisson_rate_mle([1, 2], [0, 0])
