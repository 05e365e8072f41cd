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
