"""Extreme but valid inputs: tiny and huge scales, values at the edge of float64's range.

They must never crash, warn or return NaN.  Each gives the right number (``-inf`` or
``+inf`` where the true value lies beyond float64's range, as IEEE rounding would), or,
where a result a caller needs cannot be represented, a ValueError that names the
arguments responsible.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from mlelib import conjugate, datasets, estimators, likelihoods, line_model, logspace

pytestmark = pytest.mark.filterwarnings("error")

X = [0.0, 1.0, 2.0]
Y = [1.0, 2.0, 2.5]
DATA = [1.0, 2.0, 3.0]
GRID = [0.0, 0.5, 1.0]
LOGS = [0.0, -1.0, -2.0]


@pytest.mark.parametrize(("func", "kwargs"), [
    (likelihoods.gaussian_logpdf, {"x": [0.0, 1.0], "mu": 0.0, "sigma": 1e-300}),
    (likelihoods.gaussian_logpdf, {"x": 1e50, "mu": -1e50, "sigma": 1e300}),
    (likelihoods.gaussian_loglik, {"data": DATA, "mu": [0.0, 2.0], "sigma": 1e-200}),
    (likelihoods.gaussian_loglik, {"data": [1e50, -1e50], "mu": 0.0, "sigma": 1e-300}),
    (likelihoods.gaussian_nll_grad_mu, {"data": DATA, "mu": 0.0, "sigma": 1e-300}),
    (likelihoods.bernoulli_nll_grad, {"k": 2**62, "n": 2**63 - 1, "p": 5e-324}),
    (likelihoods.binomial_logpmf, {"k": 3, "n": 10, "p": [5e-324, 1 - 2**-53]}),
    (likelihoods.poisson_logpmf, {"k": [0, 5, 2**62], "rate": [5e-324, 1e308, 1e-300]}),
    (likelihoods.poisson_loglik, {"k": [1, 3], "rate": [5e-324, 1e-300, 1e300, 1e308]}),
    (line_model.line_loglik, {"x": X, "y": Y, "a": [0.0, 1.0], "b": 1e50, "sigma": 1e-300}),
    (line_model.line_loglik_grid, {"x": X, "y": Y, "a_values": [-1e50, 1e50],
                                   "b_values": [0.0, 1e50], "sigma": 1e-300}),
    (line_model.line_loglik_grid, {"x": X, "y": Y, "a_values": [0.0], "b_values": [0.0],
                                   "sigma": 1e300}),
    (line_model.line_logpdf, {"x": X, "y": Y, "a": 1e50, "b": 0.0, "sigma": 1e-300}),
    (line_model.line_nll_grad, {"x": X, "y": Y, "a": 1.0, "b": 0.0, "sigma": 1e-300}),
    (logspace.log_beta_function, {"a": [1e-300, 1e300, 1.7e308], "b": [1e300, 1e-300, 1.7e308]}),
    (logspace.log_gamma, {"z": [5e-324, 2.5e305]}),
    (logspace.logsumexp, {"values": [-1e308, 1e308]}),
    (logspace.normalise_log_grid, {"log_values": [-1e308, 1e308, 0.0], "grid": GRID}),
    (logspace.normalise_log_grid, {"log_values": LOGS, "grid": [0.0, 1e-300, 2e-300]}),
    (conjugate.grid_posterior, {"grid": GRID, "log_likelihood": [1e308, 0.0, -1e308],
                                "log_prior": [-1e308, 0.0, 1e308]}),
    (conjugate.beta_logpdf, {"p": [0.0, 5e-324, 0.5, 1.0], "alpha": 1e300, "beta": 1e-300}),
    (conjugate.beta_logpdf, {"p": [5e-324, 0.5], "alpha": 1e300, "beta": 1e300}),
    (conjugate.gamma_logpdf, {"lam": [0.0, 5e-324, 1e300], "shape": 1e300, "rate": 1e-300}),
    (conjugate.gamma_logpdf, {"lam": [0.0, 1e300], "shape": 1e-300, "rate": 1e300}),
    (conjugate.normal_normal_posterior, {"mu0": 0.0, "s0": 1e-200, "sigma": 1.0, "data": DATA}),
    (conjugate.normal_normal_posterior, {"mu0": 0.0, "s0": 1e200, "sigma": 1e-200,
                                         "data": DATA}),
    (conjugate.beta_bernoulli_posterior, {"alpha": 1e-300, "beta": 1e300, "k": 0, "n": 2**62}),
    (conjugate.gamma_poisson_posterior, {"shape": 1e-300, "rate": 1e-300, "k": [0]}),
    (estimators.ridge_lambda, {"sigma": 1e-300, "tau": 1e300}),
    (estimators.ridge_map, {"x": X, "y": Y, "sigma": 1e-150, "tau": 1e150}),
    (estimators.sigma_mle, {"x": X, "y": Y, "a": 1e50, "b": -1e50}),
    (estimators.sigma_mle, {"x": [1e-300, 2e-300], "y": [0.0, 1e-300], "a": 0.0, "b": 0.0}),
    (datasets.make_line_data, {"n": 3, "noise_sd": 1e-300, "seed": 0}),
    (datasets.make_line_data, {"n": 3, "noise_sd": 1e300, "seed": 0}),
])
def test_extreme_but_valid_scales_give_a_value_not_a_crash(func, kwargs):
    """No warning, no NaN, no ZeroDivisionError: a number (+-inf where the true value is
    beyond float64's range) or a ValueError that names an argument."""
    try:
        result = func(**kwargs)
    except ValueError as error:
        assert any(re.search(rf"\b{name}\b", str(error)) for name in kwargs), str(error)
        return
    for value in result if isinstance(result, tuple) else (result,):
        if value is not None:
            assert not np.isnan(np.asarray(value, dtype=float)).any(), result


@pytest.mark.parametrize(("func", "kwargs", "message"), [
    (logspace.log_gamma, {"z": 1e306}, r"z must be <= 2.5e305"),
    (estimators.ridge_lambda, {"sigma": 1e300, "tau": 1e-300}, "sigma / tau must be below"),
    (conjugate.beta_bernoulli_posterior, {"alpha": 1e308, "beta": 1e308, "k": 1, "n": 2},
     "alpha \\+ beta and the data give posterior parameters whose sum overflows"),
    (conjugate.beta_logpdf, {"p": 0.5, "alpha": 1e308, "beta": 1e308},
     r"alpha \+ beta must be below 1.8e308"),
    (conjugate.gamma_poisson_posterior, {"shape": 1.0, "rate": 1e-300, "k": [5], "weights": [0]},
     "shape, rate and the data give a posterior mean or variance beyond"),
    (conjugate.normal_normal_posterior, {"mu0": 0.0, "s0": 1e200, "sigma": 1e200, "data": DATA},
     "s0 and sigma must give a posterior variance within"),
    (datasets.make_line_data, {"n": 3, "noise_sd": 1.7e308, "seed": 0},
     "noise_sd must be below about 1e307"),
])
def test_results_beyond_float64_are_a_clear_error(func, kwargs, message):
    with pytest.raises(ValueError, match=message):
        func(**kwargs)


def test_normal_normal_posterior_with_tiny_prior_sd_is_the_prior():
    """s0 = 1e-200 raised ZeroDivisionError: the posterior is the prior, to the last digit."""
    post = conjugate.normal_normal_posterior(3.0, 1e-200, 1.0, DATA)
    assert post.mean == 3.0
    assert post.sd == 1e-200
