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


# ------------------------------------------------------------- 04 MLE against MAP


# ------------------------------------------------------------- 05 negative log-likelihood


# ------------------------------------------------------------- 06 conjugate priors


# ------------------------------------------------------------- 07 risk of an estimator


# ------------------------------------------------------------- 08 KL divergence and cross-entropy


# ------------------------------------------------------------- 09 a Poisson model

@recomputes("09-loglik-at-2")
def _09_loglik_at_2():
    from scipy import stats

    from mlelib import datasets
    values, counts = datasets.siblings()
    terms = stats.poisson.logpmf(values, 2.0)
    loglik = np.sum(counts * terms)
    without_factorials = np.sum(counts * (values * np.log(2.0) - 2.0))
    at_mle = np.sum(counts * stats.poisson.logpmf(values, 2.21))
    return loglik, [without_factorials, terms.sum(), loglik / counts.sum(), at_mle,
                    np.exp(loglik)]


@recomputes("09-variance")
def _09_variance():
    from mlelib import datasets
    values, counts = datasets.siblings()
    answers = np.repeat(values, counts)
    return np.var(answers), [np.var(answers, ddof=1), np.std(answers), np.var(values),
                             np.mean(answers**2)]


@recomputes("09-shifted-rate")
def _09_shifted_rate():
    from scipy import optimize, stats

    from mlelib import datasets
    values, counts = datasets.siblings()
    fit = optimize.minimize_scalar(lambda mu: -np.sum(counts * stats.poisson.logpmf(values - 1, mu)),
                                   bounds=(0.1, 5), method="bounded")
    return fit.x, [np.average(values, weights=counts), np.average(values, weights=counts) + 1,
                   np.sum(counts * (values - 1)) / values.size]


@recomputes("09-censored-term")
def _09_censored_term():
    from scipy import stats
    term = stats.poisson.logsf(6, 2.21)
    return term, [stats.poisson.logpmf(7, 2.21), stats.poisson.logsf(7, 2.21), np.exp(term),
                  term / np.log(10)]


# ------------------------------------------------------------- 10 gradient descent

def _coin_curvature(k, n, p):
    """d^2/dp^2 of -[k log p + (n - k) log(1 - p)], by scipy.differentiate."""
    from scipy import differentiate, stats
    def slope(q):
        return differentiate.derivative(lambda r: -stats.binom.logpmf(k, n, r), q,
                                        initial_step=0.01).df

    return float(differentiate.derivative(slope, p, initial_step=0.01).df)


@recomputes("10-first-step")
def _10_first_step():
    from scipy import differentiate, stats

    from mlelib import datasets
    k, n = datasets.coin()
    slope = float(differentiate.derivative(lambda p: -stats.binom.logpmf(k, n, p), 0.5,
                                           initial_step=0.01).df)
    return 0.5 - 0.001 * slope, [0.5 + 0.001 * slope, 0.5 - 0.001 * slope / n, 0.5 + slope]


@recomputes("10-largest-eta")
def _10_largest_eta():
    h = _coin_curvature(56, 100, 0.56)
    return 2 / h, [1 / h, h, 2 / (h / 100)]


@recomputes("10-line-largest-eta")
def _10_line_largest_eta():
    from mlelib import datasets, estimators
    x, _ = datasets.closed_form_line_data()
    design = estimators.design_matrix(x)
    curvatures = np.linalg.eigvalsh(design.T @ design / 0.5**2)
    return 2 / curvatures.max(), [2 / curvatures.min(), 1 / curvatures.max(),
                                  2 / (curvatures.max() * 0.5**2)]


@recomputes("10-phone-se")
def _10_phone_se():
    from mlelib import conjugate
    h = _coin_curvature(7, 10, 0.7)
    prior_2_2 = conjugate.beta_bernoulli_posterior(2, 2, 7, 10)
    return 1 / np.sqrt(h), [1 / h, np.sqrt(h), 1 / np.sqrt(h / 10), np.sqrt(prior_2_2.var)]


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
