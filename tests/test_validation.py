"""Bad input must fail loudly, at the caller's level, with a message naming the argument.

The first half checks the helpers of ``mlelib._validation`` directly.  The second half is
one test per rule, each parametrised over the public functions the rule applies to, and a
final test that every public function of the core modules appears in at least one case.
"""

from __future__ import annotations

import inspect
import pathlib
import re

import numpy as np
import pytest

from mlelib import _validation as V
from mlelib import conjugate, datasets, estimators, likelihoods, logspace

# --------------------------------------------------------------------------- helpers

X = [0.0, 1.0, 2.0]
Y = [1.0, 2.0, 2.5]
DATA = [1.0, 2.0, 3.0]
GRID = [0.0, 0.5, 1.0]
GRID_LOGS = [0.0, -1.0, -2.0]


def test_as_float_array_converts_lists_and_scalars_to_float_arrays():
    arr = V.as_float_array([1, 2, 3], "x")
    assert arr.dtype == np.float64
    np.testing.assert_array_equal(arr, [1.0, 2.0, 3.0])
    scalar = V.as_float_array(4, "x")
    assert scalar.shape == ()
    assert scalar == 4.0


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


@pytest.mark.parametrize("value", [None, "1.0", b"1", [1.0, "a"], [[1.0], [1.0, 2.0]], {"a": 1}])
def test_as_float_array_rejects_non_numbers_with_type_error(value):
    with pytest.raises(TypeError, match="v must be a number or an array of numbers"):
        V.as_float_array(value, "v")


def test_as_data_accepts_a_1d_finite_array():
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


def test_as_count_returns_int64_and_accepts_whole_floats():
    arr = V.as_count([0, 3.0, 7], "k")
    assert arr.dtype == np.int64
    np.testing.assert_array_equal(arr, [0, 3, 7])


@pytest.mark.parametrize("value", [True, False, np.True_, np.array([True, False])])
def test_as_count_rejects_bool(value):
    with pytest.raises(TypeError, match="k must be a non-negative integer, got bool"):
        V.as_count(value, "k")


@pytest.mark.parametrize("value", [-1, 2.5, [1, -2], [0.1]])
def test_as_count_rejects_negative_or_fractional(value):
    with pytest.raises(ValueError, match="k must be a non-negative integer"):
        V.as_count(value, "k")


def test_as_int_accepts_python_and_numpy_integers():
    assert V.as_int(np.int64(5), "n") == 5
    assert type(V.as_int(np.int32(5), "n")) is int
    with pytest.raises(ValueError, match="n must be >= 2, got 1"):
        V.as_int(1, "n", minimum=2)


@pytest.mark.parametrize("value", [2.0, True, "3", None])
def test_as_int_rejects_non_integers(value):
    with pytest.raises(TypeError, match="n must be an integer"):
        V.as_int(value, "n")


@pytest.mark.parametrize("func, args", [
    (likelihoods.line_loglik_grid, (X, Y, GRID, GRID)),
    (likelihoods.line_logpdf, (X, Y, 1.0, 0.0)),
    (likelihoods.line_nll_grad, (X, Y, 1.0, 0.0)),
])
def test_a_scale_that_must_be_one_number_rejects_an_array(func, args):
    with pytest.raises(ValueError, match="sigma must be a scalar"):
        func(*args, np.array([0.5, 1.0]))


@pytest.mark.parametrize("x_range", [(2.0, -2.0), (1.0, 1.0), (0.0, np.inf), (0.0, 1.0, 2.0)])
def test_make_line_data_checks_x_range(x_range):
    with pytest.raises(ValueError, match="x_range must"):
        datasets.make_line_data(5, 1.0, 0, x_range=x_range)


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


# --------------------------------------------------------------------------- public functions
#
# A case is (argument name, function, positional args, keyword args).  ``BAD`` in the
# arguments stands for the rule's bad value when a test tries several of them.

BAD = object()


def case(name, func, *args, **kwargs):
    return pytest.param(name, func, args, kwargs, id=f"{func.__name__}:{name}")


def _fill(value, bad):
    if value is BAD:
        return bad
    if isinstance(value, list):
        return [_fill(v, bad) for v in value]
    return value


def call(func, args, kwargs, bad=None):
    """Call ``func`` with every ``BAD`` (also inside lists) replaced by ``bad``."""
    return func(*[_fill(a, bad) for a in args], **{k: _fill(v, bad) for k, v in kwargs.items()})


CASE = ("name", "func", "args", "kwargs")


@pytest.mark.parametrize("bad", [0.0, -1.0, [1.0, 0.0]])
@pytest.mark.parametrize(CASE, [
    case("sigma", likelihoods.gaussian_logpdf, 1.0, 0.0, BAD),
    case("sigma", likelihoods.gaussian_loglik, DATA, 0.0, BAD),
    case("sigma", likelihoods.gaussian_nll, DATA, 0.0, BAD),
    case("sigma", likelihoods.gaussian_nll_grad_mu, DATA, 0.0, BAD),
    case("sigma", likelihoods.line_loglik, X, Y, 1.0, 1.0, BAD),
    case("sigma", likelihoods.line_nll, X, Y, 1.0, 1.0, BAD),
])
def test_sigma_must_be_positive_scalar_or_grid(name, func, args, kwargs, bad):
    with pytest.raises(ValueError, match=f"{name} must be > 0, got "):
        call(func, args, kwargs, bad)


@pytest.mark.parametrize("bad", [0.0, -0.1])
@pytest.mark.parametrize(CASE, [
    case("sigma", likelihoods.line_logpdf, X, Y, 1.0, 1.0, BAD),
    case("sigma", likelihoods.line_loglik_grid, X, Y, [0.0, 1.0], [0.0, 1.0], BAD),
    case("sigma", likelihoods.line_nll_grad, X, Y, 1.0, 1.0, BAD),
    case("sigma", estimators.ridge_lambda, BAD, 0.04),
    case("sigma", estimators.ridge_map, X, Y, sigma=BAD, tau=0.04),
    case("sigma", conjugate.normal_normal_posterior, 170.0, 10.0, BAD, DATA),
])
def test_sigma_must_be_positive(name, func, args, kwargs, bad):
    with pytest.raises(ValueError, match=f"{name} must be > 0, got {bad}"):
        call(func, args, kwargs, bad)


@pytest.mark.parametrize("bad", [0.0, -0.04])
@pytest.mark.parametrize(CASE, [
    case("tau", estimators.ridge_lambda, 0.1, BAD),
    case("tau", estimators.ridge_map, X, Y, sigma=0.1, tau=BAD),
])
def test_tau_must_be_positive(name, func, args, kwargs, bad):
    with pytest.raises(ValueError, match=f"{name} must be > 0, got {bad}"):
        call(func, args, kwargs, bad)


@pytest.mark.parametrize("bad", [0.0, -0.5])
@pytest.mark.parametrize(CASE, [
    case("noise_sd", datasets.make_line_data, 5, BAD, 0),
    case("spread", datasets.sample_parameters, 3, seed=0, spread=BAD),
    case("s0", conjugate.normal_normal_posterior, 0.0, BAD, 1.0, DATA),
    case("alpha", conjugate.beta_bernoulli_posterior, BAD, 2.0, 1, 2),
    case("beta", conjugate.beta_bernoulli_posterior, 2.0, BAD, 1, 2),
    case("alpha", conjugate.beta_binomial_posterior, BAD, 2.0, [1], [2]),
    case("beta", conjugate.beta_binomial_posterior, 2.0, BAD, [1], [2]),
    case("alpha", conjugate.beta_logpdf, 0.5, BAD, 2.0),
    case("beta", conjugate.beta_logpdf, 0.5, 2.0, BAD),
    case("shape", conjugate.gamma_poisson_posterior, BAD, 1.0, [1, 2]),
    case("rate", conjugate.gamma_poisson_posterior, 1.0, BAD, [1, 2]),
    case("shape", conjugate.gamma_logpdf, 1.0, BAD, 1.0),
    case("rate", conjugate.gamma_logpdf, 1.0, 1.0, BAD),
    case("lam", conjugate.gamma_logpdf, BAD, 2.0, 1.0),
    case("z", logspace.log_gamma, BAD),
    case("a", logspace.log_beta_function, BAD, 2.0),
    case("b", logspace.log_beta_function, 2.0, BAD),
])
def test_positive_parameters_must_be_positive(name, func, args, kwargs, bad):
    with pytest.raises(ValueError, match=f"{name} must be > 0"):
        call(func, args, kwargs, bad)


@pytest.mark.parametrize("bad", [-0.1, 1.5, np.nextafter(1.0, 2.0), [0.5, 1.01]])
@pytest.mark.parametrize(CASE, [
    case("p", likelihoods.bernoulli_logpmf, 1, BAD),
    case("p", likelihoods.bernoulli_loglik, 7, 10, BAD),
    case("p", likelihoods.bernoulli_nll, 7, 10, BAD),
    case("p", likelihoods.bernoulli_nll_grad, 7, 10, BAD),
    case("p", likelihoods.binomial_logpmf, 7, 10, BAD),
    case("p", conjugate.beta_logpdf, BAD, 2.0, 2.0),
])
def test_p_outside_unit_interval(name, func, args, kwargs, bad):
    with pytest.raises(ValueError, match=rf"{name} must be in \[0, 1\]"):
        call(func, args, kwargs, bad)


@pytest.mark.parametrize("p", [0.0, 1.0, [0.5, 1.0]])
def test_bernoulli_gradient_needs_the_open_interval(p):
    with pytest.raises(ValueError, match=r"p must be in the open interval \(0, 1\)"):
        likelihoods.bernoulli_nll_grad(7, 10, p)


NAN = [1.0, np.nan, 3.0]


@pytest.mark.parametrize(CASE, [
    case("data", likelihoods.gaussian_loglik, NAN, 0.0, 1.0),
    case("data", likelihoods.gaussian_nll, NAN, 0.0, 1.0),
    case("data", likelihoods.gaussian_nll_grad_mu, NAN, 0.0, 1.0),
    case("x", likelihoods.gaussian_logpdf, np.nan),
    case("mu", likelihoods.gaussian_logpdf, 0.0, np.nan),
    case("sigma", likelihoods.gaussian_logpdf, 0.0, 0.0, np.nan),
    case("x", likelihoods.line_sufficient_stats, NAN, Y),
    case("y", likelihoods.line_loglik, X, NAN, 1.0, 1.0, 0.1),
    case("a", likelihoods.line_loglik, X, Y, np.nan, 1.0, 0.1),
    case("b_values", likelihoods.line_loglik_grid, X, Y, [0.0], [np.nan], 0.1),
    case("y", likelihoods.line_logpdf, X, NAN, 1.0, 1.0, 0.1),
    case("x", likelihoods.line_nll, NAN, Y, 1.0, 1.0, 0.1),
    case("b", likelihoods.line_nll_grad, X, Y, 1.0, np.nan, 0.1),
    case("p", likelihoods.bernoulli_loglik, 1, 2, np.nan),
    case("rate", likelihoods.poisson_logpmf, 1, np.nan),
    case("rate", likelihoods.poisson_loglik, [1, 2], np.nan),
    case("k", likelihoods.poisson_logpmf, np.nan, 1.0),
    case("x", estimators.design_matrix, NAN),
    case("x", estimators.least_squares_line, NAN, Y),
    case("y", estimators.sigma_mle, X, NAN, 1.0, 1.0),
    case("a", estimators.sigma_mle, X, Y, np.nan, 1.0),
    case("b", estimators.sigma_mle, X, Y, 1.0, np.nan),
    case("lam", estimators.ridge_map, X, Y, lam=np.nan),
    case("data", estimators.gaussian_mean_mle, NAN),
    case("data", conjugate.normal_normal_posterior, 0.0, 1.0, 1.0, NAN),
    case("mu0", conjugate.normal_normal_posterior, np.nan, 1.0, 1.0, DATA),
    case("log_likelihood", conjugate.grid_posterior, GRID, [0.0, np.nan, 0.0], GRID_LOGS),
    case("log_prior", conjugate.grid_posterior, GRID, GRID_LOGS, [np.nan] * 3),
    case("values", logspace.logsumexp, NAN),
    case("log_values", logspace.normalise_log_grid, NAN, GRID),
    case("grid", logspace.integrate_density, GRID_LOGS, NAN),
    case("density", logspace.integrate_density, NAN, GRID),
    case("z", logspace.log_gamma, NAN),
    case("n", logspace.log_binomial_coefficient, np.nan, 1),
    case("a", logspace.log_beta_function, np.nan, 1.0),
    case("centre", datasets.sample_parameters, 2, seed=0, centre=(np.nan, 0.0), spread=1.0),
])
def test_nan_is_rejected(name, func, args, kwargs):
    with pytest.raises(ValueError, match=f"{name} must not contain NaN"):
        call(func, args, kwargs)


INF = [1.0, np.inf, 3.0]


@pytest.mark.parametrize(CASE, [
    case("data", likelihoods.gaussian_loglik, INF, 0.0, 1.0),
    case("x", likelihoods.gaussian_logpdf, -np.inf),
    case("mu", likelihoods.gaussian_loglik, DATA, np.inf, 1.0),
    case("sigma", likelihoods.gaussian_logpdf, 0.0, 0.0, np.inf),
    case("y", likelihoods.line_loglik_grid, X, INF, [0.0], [0.0], 1.0),
    case("x", likelihoods.line_logpdf, INF, Y, 0.0, 0.0, 1.0),
    case("rate", likelihoods.poisson_logpmf, 1, np.inf),
    case("k", likelihoods.bernoulli_loglik, np.inf, 10, 0.5),
    case("x", estimators.least_squares_line, INF, Y),
    case("data", estimators.gaussian_mean_mle, INF),
    case("data", conjugate.normal_normal_posterior, 0.0, 1.0, 1.0, INF),
    case("lam", conjugate.gamma_logpdf, np.inf, 2.0, 1.0),
    case("density", logspace.integrate_density, INF, GRID),
    case("grid", logspace.normalise_log_grid, GRID_LOGS, [0.0, 1.0, np.inf]),
])
def test_inf_is_rejected(name, func, args, kwargs):
    with pytest.raises(ValueError, match=f"{name} must be finite"):
        call(func, args, kwargs)


@pytest.mark.parametrize("bad", [np.inf, -np.inf])
def test_ridge_lam_must_be_finite(bad):
    with pytest.raises(ValueError, match="lam must be a finite number >= 0"):
        estimators.ridge_map(X, Y, lam=bad)


def test_logsumexp_rejects_plus_inf_but_allows_minus_inf():
    with pytest.raises(ValueError, match=r"values must not contain \+inf"):
        logspace.logsumexp([0.0, np.inf])
    assert logspace.logsumexp([0.0, -np.inf]) == 0.0


@pytest.mark.parametrize(CASE, [
    case("data", likelihoods.gaussian_loglik, [], 0.0, 1.0),
    case("x", likelihoods.line_loglik, [], [], 0.0, 0.0, 1.0),
    case("a_values", likelihoods.line_loglik_grid, X, Y, [], [0.0], 1.0),
    case("k", likelihoods.poisson_loglik, [], 1.0),
    case("x", estimators.design_matrix, []),
    case("x", estimators.least_squares_line, [], []),
    case("data", estimators.gaussian_mean_mle, []),
    case("k", estimators.poisson_rate_mle, []),
    case("k", conjugate.gamma_poisson_posterior, 1.0, 1.0, []),
    case("successes", conjugate.beta_binomial_posterior, 1.0, 1.0, [], []),
    case("data", conjugate.normal_normal_posterior, 0.0, 1.0, 1.0, []),
    case("values", logspace.logsumexp, []),
])
def test_empty_data_is_rejected(name, func, args, kwargs):
    with pytest.raises(ValueError, match=f"{name} must not be empty"):
        call(func, args, kwargs)


MATRIX = [[1.0, 2.0], [3.0, 4.0]]


@pytest.mark.parametrize(CASE, [
    case("data", likelihoods.gaussian_loglik, MATRIX, 0.0, 1.0),
    case("x", likelihoods.line_sufficient_stats, MATRIX, MATRIX),
    case("a_values", likelihoods.line_loglik_grid, X, Y, MATRIX, [0.0], 1.0),
    case("x", estimators.least_squares_line, MATRIX, MATRIX),
    case("data", estimators.gaussian_mean_mle, MATRIX),
    case("data", conjugate.normal_normal_posterior, 0.0, 1.0, 1.0, MATRIX),
    case("log_likelihood", conjugate.grid_posterior, GRID, MATRIX, GRID_LOGS),
    case("grid", logspace.normalise_log_grid, GRID_LOGS, MATRIX),
    case("density", logspace.integrate_density, MATRIX, GRID),
    case("centre", datasets.sample_parameters, 2, seed=0, centre=MATRIX, spread=1.0),
    case("k", likelihoods.poisson_loglik, [[1, 2]], 1.0),
    case("k", estimators.poisson_rate_mle, [[1, 2]]),
    case("k", conjugate.gamma_poisson_posterior, 1.0, 1.0, [[1, 2]]),
    case("successes and trials", conjugate.beta_binomial_posterior, 1.0, 1.0, 3, 5),
])
def test_2d_or_scalar_is_rejected_where_1d_is_required(name, func, args, kwargs):
    with pytest.raises(ValueError, match=f"{name} must be 1-D"):
        call(func, args, kwargs)


@pytest.mark.parametrize(CASE, [
    case("x and y", likelihoods.line_sufficient_stats, X, Y[:2]),
    case("x and y", likelihoods.line_logpdf, X, Y[:2], 0.0, 0.0, 1.0),
    case("x and y", likelihoods.line_loglik, X, [*Y, 1.0], 0.0, 0.0, 1.0),
    case("x and y", likelihoods.line_loglik_grid, X, Y[:1], [0.0], [0.0], 1.0),
    case("x and y", likelihoods.line_nll, X[:2], Y, 0.0, 0.0, 1.0),
    case("x and y", likelihoods.line_nll_grad, X, Y[:2], 0.0, 0.0, 1.0),
    case("x and y", estimators.least_squares_line, X, Y[:2]),
    case("x and y", estimators.sigma_mle, X, Y[:2], 0.0, 0.0),
    case("x and y", estimators.ridge_map, X, Y[:2], lam=1.0),
    case("k and weights", likelihoods.poisson_loglik, [1, 2], 1.0, weights=[1]),
    case("k and weights", estimators.poisson_rate_mle, [1, 2], [1, 2, 3]),
    case("k and weights", conjugate.gamma_poisson_posterior, 1.0, 1.0, [1], [1, 1]),
    case("successes and trials", conjugate.beta_binomial_posterior, 1.0, 1.0, [1, 2], [3]),
    case("log_likelihood and log_prior", conjugate.grid_posterior, GRID, GRID_LOGS, [0.0, 0.0]),
    case("log_values and grid", logspace.normalise_log_grid, [0.0, 0.0], GRID),
    case("density and grid", logspace.integrate_density, [0.0, 0.0], GRID),
])
def test_paired_inputs_must_have_the_same_length(name, func, args, kwargs):
    with pytest.raises(ValueError, match=f"{name} must have the same length"):
        call(func, args, kwargs)


@pytest.mark.parametrize(CASE, [
    case("k", likelihoods.bernoulli_loglik, 11, 10, 0.5),
    case("k", likelihoods.bernoulli_nll, 11, 10, 0.5),
    case("k", likelihoods.bernoulli_nll_grad, 11, 10, 0.5),
    case("k", likelihoods.binomial_logpmf, [1, 11], 10, 0.5),
    case("k", estimators.proportion_mle, 3, 2),
    case("k", conjugate.beta_bernoulli_posterior, 2.0, 2.0, 101, 100),
    case("k", logspace.log_binomial_coefficient, 10, 11),
    case("successes", conjugate.beta_binomial_posterior, 1.0, 1.0, [1, 6], [2, 5]),
])
def test_successes_must_not_exceed_trials(name, func, args, kwargs):
    other = "trials" if name == "successes" else "n"
    with pytest.raises(ValueError, match=rf"{name} must be <= {other} \(successes cannot exceed"):
        call(func, args, kwargs)


COUNTS = [
    case("x", likelihoods.bernoulli_logpmf, BAD, 0.5),
    case("k", likelihoods.bernoulli_loglik, BAD, 10, 0.5),
    case("n", likelihoods.bernoulli_nll, 0, BAD, 0.5),
    case("k", likelihoods.bernoulli_nll_grad, BAD, 10, 0.5),
    case("n", likelihoods.binomial_logpmf, 0, BAD, 0.5),
    case("k", likelihoods.poisson_logpmf, BAD, 1.0),
    case("k", likelihoods.poisson_loglik, [1, BAD], 1.0),
    case("weights", likelihoods.poisson_loglik, [1, 2], 1.0, weights=[1, BAD]),
    case("k", estimators.proportion_mle, BAD, 10),
    case("k", estimators.poisson_rate_mle, [BAD, 1]),
    case("weights", estimators.poisson_rate_mle, [1, 2], [1, BAD]),
    case("k", conjugate.beta_bernoulli_posterior, 1.0, 1.0, BAD, 10),
    case("trials", conjugate.beta_binomial_posterior, 1.0, 1.0, [0], [BAD]),
    case("k", conjugate.gamma_poisson_posterior, 1.0, 1.0, [BAD]),
    case("weights", conjugate.gamma_poisson_posterior, 1.0, 1.0, [1], [BAD]),
    case("n", logspace.log_binomial_coefficient, BAD, 0),
]


@pytest.mark.parametrize("bad", [-1, 2.5, -0.5])
@pytest.mark.parametrize(CASE, COUNTS)
def test_counts_must_be_non_negative_integers(name, func, args, kwargs, bad):
    with pytest.raises(ValueError, match=f"{name} must be a non-negative integer, got "):
        call(func, args, kwargs, bad)


@pytest.mark.parametrize("bad", [True, np.False_])
@pytest.mark.parametrize(CASE, [
    case("x", likelihoods.bernoulli_logpmf, BAD, 0.5),
    case("k", likelihoods.bernoulli_loglik, BAD, 10, 0.5),
    case("n", likelihoods.binomial_logpmf, 1, BAD, 0.5),
    case("k", likelihoods.poisson_logpmf, BAD, 1.0),
    case("k", estimators.proportion_mle, BAD, 10),
    case("n", conjugate.beta_bernoulli_posterior, 1.0, 1.0, 0, BAD),
    case("k", logspace.log_binomial_coefficient, 3, BAD),
])
def test_bool_is_not_a_count(name, func, args, kwargs, bad):
    with pytest.raises(TypeError, match=f"{name} must be a non-negative integer, got bool"):
        call(func, args, kwargs, bad)


def test_bernoulli_outcome_must_be_0_or_1():
    with pytest.raises(ValueError, match="x must be 0 or 1"):
        likelihoods.bernoulli_logpmf([0, 1, 2], 0.5)


@pytest.mark.parametrize(CASE, [
    case("x", likelihoods.gaussian_logpdf, BAD),
    case("mu", likelihoods.gaussian_loglik, DATA, BAD, 1.0),
    case("sigma", likelihoods.gaussian_nll, DATA, 0.0, BAD),
    case("data", likelihoods.gaussian_nll_grad_mu, BAD, 0.0, 1.0),
    case("p", likelihoods.bernoulli_loglik, 1, 2, BAD),
    case("k", likelihoods.poisson_logpmf, BAD, 1.0),
    case("rate", likelihoods.poisson_loglik, [1], BAD),
    case("x", likelihoods.line_sufficient_stats, BAD, Y),
    case("a", likelihoods.line_loglik, X, Y, BAD, 0.0, 1.0),
    case("sigma", likelihoods.line_loglik_grid, X, Y, [0.0], [0.0], BAD),
    case("y", estimators.least_squares_line, X, BAD),
    case("a", estimators.sigma_mle, X, Y, BAD, 0.0),
    case("lam", estimators.ridge_map, X, Y, lam=BAD),
    case("tau", estimators.ridge_lambda, 0.1, BAD),
    case("data", estimators.gaussian_mean_mle, BAD),
    case("k", estimators.proportion_mle, BAD, 10),
    case("alpha", conjugate.beta_bernoulli_posterior, BAD, 1.0, 1, 2),
    case("mu0", conjugate.normal_normal_posterior, BAD, 1.0, 1.0, DATA),
    case("p", conjugate.beta_logpdf, BAD, 2.0, 2.0),
    case("lam", conjugate.gamma_logpdf, BAD, 2.0, 1.0),
    case("grid", conjugate.grid_posterior, BAD, GRID_LOGS, GRID_LOGS),
    case("values", logspace.logsumexp, BAD),
    case("z", logspace.log_gamma, BAD),
    case("b", logspace.log_beta_function, 1.0, BAD),
    case("noise_sd", datasets.make_line_data, 3, BAD, 0),
])
@pytest.mark.parametrize("bad", ["1.0", b"1"])
def test_string_input_is_a_type_error(name, func, args, kwargs, bad):
    kind = type(bad).__name__
    message = f"{name} must be a number or an array of numbers, got {kind}"
    with pytest.raises(TypeError, match=message):
        call(func, args, kwargs, bad)


@pytest.mark.parametrize(CASE, [
    case("data", likelihoods.gaussian_loglik, None, 0.0, 1.0),
    case("x", estimators.least_squares_line, None, Y),
    case("p", conjugate.beta_logpdf, None, 2.0, 2.0),
])
def test_none_input_is_a_type_error(name, func, args, kwargs):
    with pytest.raises(TypeError, match=f"{name} must be a number or an array of numbers"):
        call(func, args, kwargs)


@pytest.mark.parametrize(("exc", "message", "func", "args", "kwargs"), [
    pytest.param(TypeError, "n must be an integer, got float", datasets.make_line_data,
                 (2.5, 1.0, 0), {}, id="n-float"),
    pytest.param(ValueError, "n must be >= 1, got 0", datasets.make_line_data, (0, 1.0, 0), {},
                 id="n-zero"),
    pytest.param(ValueError, "seed must be >= 0, got -1", datasets.make_line_data, (5, 1.0, -1),
                 {}, id="seed-negative"),
    pytest.param(TypeError, "seed must be an integer, got bool", datasets.make_line_data,
                 (5, 1.0, True), {}, id="seed-bool"),
    pytest.param(ValueError, "n must be >= 0, got -1", datasets.sample_parameters, (-1,),
                 {"seed": 0}, id="sample-n-negative"),
    pytest.param(TypeError, "seed must be an integer, got float", datasets.sample_parameters,
                 (3,), {"seed": 1.0}, id="sample-seed-float"),
])
def test_sizes_and_seeds_must_be_integers(exc, message, func, args, kwargs):
    with pytest.raises(exc, match=message):
        func(*args, **kwargs)


def test_sample_parameters_checks_its_box_and_centre():
    with pytest.raises(ValueError, match="low must be < high"):
        datasets.sample_parameters(3, seed=0, low=1.0, high=1.0)
    with pytest.raises(ValueError, match=r"centre must hold two numbers \(a, b\), got 3"):
        datasets.sample_parameters(3, seed=0, centre=(0.0, 1.0, 2.0), spread=1.0)


@pytest.mark.parametrize(CASE, [
    case("rate", likelihoods.poisson_logpmf, 1, -0.5),
    case("rate", likelihoods.poisson_loglik, [1, 2], [1.0, -0.5]),
])
def test_poisson_rate_must_be_non_negative(name, func, args, kwargs):
    with pytest.raises(ValueError, match=f"{name} must be >= 0"):
        call(func, args, kwargs)


@pytest.mark.parametrize("lam", [-1.0, -1e-12])
def test_ridge_lam_must_be_non_negative(lam):
    with pytest.raises(ValueError, match=f"lam must be a finite number >= 0, got {lam}"):
        estimators.ridge_map(X, Y, lam=lam)


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


@pytest.mark.parametrize(CASE, [
    case("x", estimators.least_squares_line, [1.0, 1.0, 1.0], Y),
    case("x", estimators.least_squares_line, [2.0], [1.0]),
    case("x", estimators.ridge_map, [1.0, 1.0, 1.0], Y, lam=0.0),
    case("x", estimators.ridge_map, [1.0, 1.0, 1.0], Y, lam=0.0, penalize_intercept=False),
])
def test_line_fit_needs_two_distinct_x(name, func, args, kwargs):
    with pytest.raises(ValueError, match=f"{name} must have at least two distinct values"):
        call(func, args, kwargs)


@pytest.mark.parametrize(("message", "grid"), [
    ("grid must be strictly increasing", [0.0, 1.0, 0.5]),
    ("grid must be strictly increasing", [0.0, 1.0, 1.0]),
    ("grid must be strictly increasing", [1.0, 0.5, 0.0]),
    ("grid must hold at least 2 points", [0.0]),
])
@pytest.mark.parametrize(CASE, [
    case("grid", logspace.normalise_log_grid, "zeros", BAD),
    case("grid", logspace.integrate_density, "ones", BAD),
    case("grid", conjugate.grid_posterior, BAD, "zeros", "zeros"),
])
def test_grid_must_be_increasing(name, func, args, kwargs, message, grid):
    values = {"zeros": np.zeros(len(grid)), "ones": np.ones(len(grid))}
    args = tuple(values.get(a, a) if isinstance(a, str) else a for a in args)
    with pytest.raises(ValueError, match=message):
        call(func, args, kwargs, grid)


@pytest.mark.parametrize(CASE, [
    case("log_values", logspace.normalise_log_grid, [-np.inf] * 3, GRID),
    case("log_values", conjugate.grid_posterior, GRID, [-np.inf, 0.0, 0.0],
         [0.0, -np.inf, -np.inf]),
])
def test_log_density_needs_a_finite_entry(name, func, args, kwargs):
    with pytest.raises(ValueError, match=f"{name} must have at least one finite entry"):
        call(func, args, kwargs)


@pytest.mark.parametrize(CASE, [
    case("a", likelihoods.line_logpdf, X, Y, [1.0, 2.0], 0.0, 1.0),
    case("b", likelihoods.line_nll_grad, X, Y, 1.0, [0.0], 1.0),
    case("a", estimators.sigma_mle, X, Y, [1.0, 2.0], 0.0),
    case("lam", estimators.ridge_map, X, Y, lam=[1.0]),
    case("mu0", conjugate.normal_normal_posterior, [0.0, 1.0], 1.0, 1.0, DATA),
])
def test_scalar_parameters_must_be_scalars(name, func, args, kwargs):
    with pytest.raises(ValueError, match=f"{name} must be a scalar"):
        call(func, args, kwargs)


@pytest.mark.parametrize(CASE, [
    case("k and n", estimators.proportion_mle, [1, 2], 10),
    case("k and n", conjugate.beta_bernoulli_posterior, 1.0, 1.0, 1, [10, 20]),
])
def test_single_counts_required(name, func, args, kwargs):
    with pytest.raises(ValueError, match=f"{name} must be single counts"):
        call(func, args, kwargs)


def test_proportion_needs_at_least_one_trial():
    with pytest.raises(ValueError, match="n must be >= 1"):
        estimators.proportion_mle(0, 0)


def test_poisson_rate_weights_must_not_all_be_zero():
    with pytest.raises(ValueError, match="weights must not all be zero"):
        estimators.poisson_rate_mle([1, 2], [0, 0])


# --------------------------------------------------------------------------- every function covered

def test_every_public_function_with_arguments_has_a_bad_input_case():
    """Each public function of the core appears in at least one ``case(...)`` above."""
    source = pathlib.Path(__file__).read_text()
    cased = set(re.findall(r"case\(\"[^\"]+\", (\w+)\.(\w+)", source))
    missing = []
    for module in (datasets, logspace, likelihoods, estimators, conjugate):
        short = module.__name__.rsplit(".", 1)[-1]
        for name in module.__all__:
            obj = getattr(module, name)
            takes_input = inspect.isfunction(obj) and inspect.signature(obj).parameters
            if takes_input and (short, name) not in cased:
                missing.append(f"{short}.{name}")
    assert not missing, f"no bad-input case calls {missing}"
