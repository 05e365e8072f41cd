"""Every value in mlelib/answer_key.toml, recomputed from mlelib: nothing in the key is taken on trust.

One function per exercise, registered with :func:`recomputes`, returns the reference
answer and the value of each listed mistake, in the key's order, computed from the
course's data and mlelib's reference implementations (or scipy, or a closed form).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from mlelib.exercises import load_key

RECOMPUTE: dict[str, Callable[[], tuple[object, list[object]]]] = {}


def recomputes(key: str):
    """Register the function that recomputes exercise ``key``: ``() -> (answer, mistakes)``."""
    def register(function):
        assert key not in RECOMPUTE, f"{key} is recomputed twice"
        RECOMPUTE[key] = function
        return function
    return register


# ------------------------------------------------------------- 01 parameter space


# ------------------------------------------------------------- 02 likelihood of a line


# ------------------------------------------------------------- 03 closed-form MLE

def _line_03():
    from mlelib import datasets, estimators

    x, y = datasets.closed_form_line_data()
    return x, y, estimators.least_squares_line(x, y)


@recomputes("03-years-line")
def _03_years_line():
    from mlelib import estimators

    x, y, (a, b) = _line_03()
    shifted = estimators.least_squares_line(x + 1000, y)      # fitted afresh, not derived
    return list(shifted), [[a, b],                   # the intercept of the original x
                           [a, b + 1000 * a],        # x = x' + 1000 substituted
                           [a, b - 1000]]            # moved by the shift, not slope x shift


@recomputes("03-unbiased-sigma")
def _03_unbiased_sigma():
    x, y, (a, b) = _line_03()
    rss = float(np.sum((y - a * x - b) ** 2))
    n = x.size
    return np.sqrt(rss / (n - 2)), [np.sqrt(rss / n), np.sqrt(rss / (n - 1)), rss / (n - 2),
                                    np.sqrt(rss)]


@recomputes("03-gradient-sigma")
def _03_gradient_sigma():
    x, y, _ = _line_03()

    def d_db(a, b, sigma):  # -(sum of residuals) / sigma^2, written out here
        return -float(np.sum(y - a * x - b)) / sigma ** 2

    at_half = d_db(0.86, 1.28, 0.5)
    return d_db(0.86, 1.28, 0.1), [at_half, 5 * at_half, d_db(1.0, 1.0, 0.1)]


# ------------------------------------------------------------- 04 MLE against MAP

def _ridge_04(x, y, penalty):
    X = np.column_stack([x, np.ones_like(x)])
    return list(np.linalg.solve(X.T @ X + penalty, X.T @ y))


@recomputes("04-posterior-gap")
def _04_posterior_gap():
    from scipy import stats

    from mlelib import datasets

    x, y = datasets.outlier_line_data()
    sigma, tau = 0.1, 0.04
    mle = _ridge_04(x, y, np.zeros((2, 2)))
    map_ = _ridge_04(x, y, sigma**2 / tau**2 * np.eye(2))

    def loglik(t):
        return float(np.sum(stats.norm.logpdf(y, t[0] * x + t[1], sigma)))

    def logprior(t, scale=tau):
        return float(np.sum(stats.norm.logpdf(t, 0.0, scale)))

    d_lik, d_prior = loglik(map_) - loglik(mle), logprior(map_) - logprior(mle)
    # the prior without the 1/2 of its exponent is N(0, (tau / sqrt 2)^2)
    d_prior_no_half = logprior(map_, tau / np.sqrt(2)) - logprior(mle, tau / np.sqrt(2))
    return d_lik + d_prior, [d_lik, d_prior, d_lik + d_prior_no_half]


@recomputes("04-free-intercept")
def _04_free_intercept():
    from mlelib import datasets

    x, y = datasets.outlier_line_data()
    clean = datasets.make_line_data(10, 0.5, 0)
    lam = 0.1**2 / 0.04**2
    slope_only, intercept_only = np.diag([lam, 0.0]), np.diag([0.0, lam])
    return _ridge_04(x, y, slope_only), [_ridge_04(x, y, lam * np.eye(2)),
                                         _ridge_04(x, y, np.zeros((2, 2))),
                                         _ridge_04(clean.x, clean.y, slope_only),
                                         _ridge_04(x, y, intercept_only)]


@recomputes("04-tau-drag")
def _04_tau_drag():
    from mlelib import datasets

    x, y = datasets.outlier_line_data()
    tau = 10 ** (np.log10(0.04) + 20 * 0.05)   # the slider's grid: 20 steps of 0.05 in log10
    return _ridge_04(x, y, (0.1 / tau) ** 2 * np.eye(2)), [
        _ridge_04(x, y, (0.1 / 0.04) ** 2 * np.eye(2)),   # the slider not moved
        _ridge_04(x, y, np.zeros((2, 2))),                # the MLE
        _ridge_04(x, y, (tau / 0.1) ** 2 * np.eye(2)),    # lambda = tau^2 / sigma^2
        _ridge_04(x, y, (0.5 / tau) ** 2 * np.eye(2)),    # sigma = 0.5, the data's noise
    ]


# ------------------------------------------------------------- 05 negative log-likelihood


# ------------------------------------------------------------- 06 conjugate priors


# ------------------------------------------------------------- 07 risk of an estimator


# ------------------------------------------------------------- 08 KL divergence and cross-entropy


# ------------------------------------------------------------- 09 a Poisson model


# ------------------------------------------------------------- 10 gradient descent


# ------------------------------------------------------------- the checks

KEY = load_key()


def _agrees(exercise, stored, computed) -> bool:
    """``stored`` carries at least one digit more than asked, and that digit is right."""
    if exercise.choices:
        return str(stored).strip().lower() == str(computed).strip().lower()
    stored = np.atleast_1d(np.asarray(stored, float))
    computed = np.atleast_1d(np.asarray(computed, float))
    if stored.shape != computed.shape:
        return False
    if exercise.decimals is not None:
        return bool(np.all(np.abs(stored - computed) <= 0.05 * 10.0 ** -exercise.decimals))
    scale = 0.05 * 10.0 ** (1 - exercise.significant)
    return bool(np.all(np.abs(stored - computed) <= scale * np.abs(computed)))


def test_every_exercise_of_the_key_is_recomputed_here():
    assert sorted(RECOMPUTE) == sorted(KEY)


@pytest.mark.parametrize("key", sorted(KEY))
def test_the_key_holds_the_recomputed_answer_and_mistakes(key):
    exercise = KEY[key]
    answer, mistakes = RECOMPUTE[key]()
    assert _agrees(exercise, exercise.answer, answer), (key, exercise.answer, answer)
    assert len(mistakes) == len(exercise.mistakes), key
    for listed, value in zip(exercise.mistakes, mistakes):
        assert _agrees(exercise, listed.value, value), (key, listed.hint, listed.value, value)
