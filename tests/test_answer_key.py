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

def _heights_loglik(mu, constant):
    """Log-likelihood of the ten heights (sigma = 5) with the density's constant written out."""
    from mlelib import datasets

    h, sigma = datasets.heights(), datasets.HEIGHTS_SIGMA_CM
    return float(np.sum(-(h - mu) ** 2 / (2 * sigma**2) - np.log(constant(sigma))))


@recomputes("05-loglik-at-mean")
def _05_loglik_at_mean():
    from scipy import stats

    from mlelib import datasets

    h, sigma = datasets.heights(), datasets.HEIGHTS_SIGMA_CM
    right = float(np.sum(stats.norm.logpdf(h, h.mean(), sigma)))
    wrong_constant = _heights_loglik(h.mean(), lambda s: np.sqrt(np.pi * s**2))
    at_168 = float(np.sum(stats.norm.logpdf(h, 168.0, sigma)))
    return right, [np.exp(right), wrong_constant, right / h.size, at_168]


@recomputes("05-wrong-constant-shift")
def _05_wrong_constant_shift():
    from mlelib import datasets

    mu = datasets.heights().mean()
    shift = (_heights_loglik(mu, lambda s: np.sqrt(np.pi * s**2))
             - _heights_loglik(mu, lambda s: np.sqrt(2 * np.pi * s**2)))
    one_pupil = shift / datasets.heights().size
    return shift, [one_pupil, 2 * shift, np.exp(one_pupil), np.exp(shift)]


@recomputes("05-coin-gradient")
def _05_coin_gradient():
    from mlelib import datasets, likelihoods

    coin, phones = datasets.coin(), datasets.phone_os()
    grad = float(likelihoods.bernoulli_nll_grad(coin.k, coin.n, 0.6))
    return grad, [-grad, float(likelihoods.bernoulli_nll_grad(phones.k, phones.n, 0.6)),
                  grad / coin.n]


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
