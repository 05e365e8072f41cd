"""Entropy, cross-entropy, KL and softmax against scipy.stats / scipy.special, the
curriculum's coin figures, and finite differences for the classifier's gradient."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import special, stats

from mlelib import information, likelihoods

PROPERTY = settings(max_examples=80, deadline=None)


@st.composite
def distributions(draw, size=None):
    """A probability vector, some entries possibly exactly 0."""
    k = size if size is not None else draw(st.integers(2, 8))
    weights = draw(hnp.arrays(float, k, elements=st.one_of(st.just(0.0), st.floats(1e-3, 1e3))))
    if weights.sum() == 0:
        weights[draw(st.integers(0, k - 1))] = 1.0
    return weights / weights.sum()


@st.composite
def pairs(draw):
    p = draw(distributions())
    return p, draw(distributions(size=p.size))


# --------------------------------------------------------------------------- entropy, KL

@PROPERTY
@given(p=distributions())
def test_entropy_matches_scipy(p):
    assert information.entropy(p) == pytest.approx(stats.entropy(p), rel=1e-12, abs=1e-15)


@PROPERTY
@given(pq=pairs())
def test_kl_and_cross_entropy_match_scipy(pq):
    p, q = pq
    kl = np.sum(special.rel_entr(p, q))
    assert information.kl_divergence(p, q) == pytest.approx(kl, rel=1e-10, abs=1e-13)
    assert information.cross_entropy(p, q) == pytest.approx(-np.sum(special.xlogy(p, q)),
                                                            rel=1e-12, abs=1e-15)


@PROPERTY
@given(pq=pairs())
def test_cross_entropy_is_entropy_plus_kl_and_kl_is_never_negative(pq):
    p, q = pq
    kl = information.kl_divergence(p, q)
    assert kl >= 0
    assert information.kl_divergence(p, p) == 0.0
    if np.isfinite(kl):
        assert information.cross_entropy(p, q) == pytest.approx(
            information.entropy(p) + kl, rel=1e-10, abs=1e-12)
    else:   # q misses an outcome p has: the data are impossible under q
        assert information.cross_entropy(p, q) == np.inf


def test_kl_is_not_symmetric():
    p, q = [0.44, 0.56], [0.9, 0.1]
    assert information.kl_divergence(p, q) == pytest.approx(stats.entropy(p, q))
    assert information.kl_divergence(q, p) == pytest.approx(stats.entropy(q, p))
    assert information.kl_divergence(p, q) != pytest.approx(information.kl_divergence(q, p))


@pytest.mark.parametrize(("p", "cross", "kl", "kl_tolerance"), [
    (0.5, 0.693147, 0.0072174, 5e-8), (0.56, 0.685930, 0.0, 1e-15), (0.3, 0.831162, 0.145232, 5e-7),
    (0.7, 0.729486, 0.043556, 5e-7),
])
def test_the_curriculum_coin_figures(p, cross, kl, kl_tolerance):
    data = information.empirical_distribution([44, 56])
    assert information.entropy(data) == pytest.approx(0.685930, abs=5e-7)
    assert information.cross_entropy(data, [1 - p, p]) == pytest.approx(cross, abs=5e-7)
    assert information.kl_divergence(data, [1 - p, p]) == pytest.approx(kl, abs=kl_tolerance)
    # the NLL per toss is the cross-entropy (Bernoulli likelihood, no binomial constant)
    assert likelihoods.bernoulli_nll(56, 100, p) / 100 == pytest.approx(cross, abs=5e-7)


def test_n_times_kl_is_the_log_of_05s_likelihood_ratio():
    data = information.empirical_distribution([44, 56])
    log_ratio = stats.binom.logpmf(56, 100, 0.56) - stats.binom.logpmf(56, 100, 0.5)
    assert 100 * information.kl_divergence(data, [0.5, 0.5]) == pytest.approx(log_ratio, rel=1e-12)
    assert np.exp(log_ratio) == pytest.approx(2.0580, abs=5e-5)


def test_a_grid_of_models_broadcasts_against_one_data_distribution():
    data = np.array([0.44, 0.56])
    grid = np.linspace(0.01, 0.99, 99)
    models = np.column_stack([1 - grid, grid])
    kl = information.kl_divergence(data, models)
    assert kl.shape == (99,)
    np.testing.assert_allclose(kl, [stats.entropy(data, m) for m in models], rtol=1e-10, atol=1e-15)
    assert grid[np.argmin(kl)] == pytest.approx(0.56)


def test_zero_probabilities_follow_the_conventions():
    assert information.entropy([1.0, 0.0]) == 0.0
    assert information.cross_entropy([1.0, 0.0], [0.5, 0.5]) == pytest.approx(np.log(2))
    assert information.kl_divergence([1.0, 0.0], [0.0, 1.0]) == np.inf
    assert information.kl_divergence([0.0, 1.0], [0.5, 0.5]) == pytest.approx(np.log(2))


def test_empirical_distribution_is_counts_over_their_sum():
    np.testing.assert_array_equal(information.empirical_distribution([17, 59, 15, 6, 2, 0, 1]),
                                  np.array([17, 59, 15, 6, 2, 0, 1]) / 100)


# --------------------------------------------------------------------------- softmax

logit_rows = hnp.arrays(float, st.tuples(st.integers(1, 6), st.integers(2, 6)),
                        elements=st.floats(-50, 50))


@PROPERTY
@given(z=logit_rows, shift=st.floats(-700, 700))
def test_softmax_and_log_softmax_match_scipy_and_ignore_a_shift(z, shift):
    np.testing.assert_allclose(information.softmax(z), special.softmax(z, axis=-1),
                               rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(information.log_softmax(z), special.log_softmax(z, axis=-1),
                               rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(information.log_softmax(z + shift), information.log_softmax(z),
                               atol=1e-9)
    np.testing.assert_allclose(information.softmax(z, axis=0), special.softmax(z, axis=0),
                               rtol=1e-12, atol=1e-300)


def test_softmax_does_not_overflow_where_the_naive_formula_does():
    z = np.array([1000.0, 999.0, 0.0])
    with np.errstate(over="ignore", invalid="ignore"):
        naive = np.exp(z) / np.exp(z).sum()
    assert np.isnan(naive[0])
    np.testing.assert_allclose(information.softmax(z), special.softmax(z), rtol=1e-14)
    assert information.log_softmax(z)[2] == pytest.approx(-1000 - np.log1p(np.exp(-1)))


@st.composite
def classifier_problems(draw):
    logits = draw(logit_rows)
    labels = draw(hnp.arrays(np.int64, logits.shape[0], elements=st.integers(0, logits.shape[1] - 1)))
    return logits, labels


@PROPERTY
@given(problem=classifier_problems())
def test_the_classifier_loss_is_the_nll_of_one_hot_labels(problem):
    logits, labels = problem
    one_hot = np.eye(logits.shape[1])[labels]
    nll = -np.mean(np.sum(one_hot * special.log_softmax(logits, axis=1), axis=1))
    assert information.softmax_cross_entropy(logits, labels) == pytest.approx(nll, rel=1e-12,
                                                                               abs=1e-12)
    per_point = [information.cross_entropy(t, special.softmax(z)) for t, z in zip(one_hot, logits)]
    assert information.softmax_cross_entropy(logits, labels) == pytest.approx(np.mean(per_point),
                                                                               rel=1e-9, abs=1e-9)


@PROPERTY
@given(problem=classifier_problems())
def test_the_gradient_is_softmax_minus_one_hot_and_matches_finite_differences(problem):
    logits, labels = problem
    grad = information.softmax_cross_entropy_grad(logits, labels)
    one_hot = np.eye(logits.shape[1])[labels]
    np.testing.assert_allclose(grad, (special.softmax(logits, axis=1) - one_hot) / labels.size,
                               atol=1e-15)
    h = 1e-5
    numeric = np.zeros_like(logits)
    for index in np.ndindex(logits.shape):
        step = np.zeros_like(logits)
        step[index] = h
        numeric[index] = (information.softmax_cross_entropy(logits + step, labels)
                          - information.softmax_cross_entropy(logits - step, labels)) / (2 * h)
    np.testing.assert_allclose(grad, numeric, atol=1e-8)
    np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=1e-15)


# --------------------------------------------------------------------------- bad input

@pytest.mark.parametrize(("call", "error", "words"), [
    (lambda: information.entropy([0.5, 0.6]), ValueError, "p must sum to 1"),
    (lambda: information.entropy([1.5, -0.5]), ValueError, "p must hold probabilities in [0, 1]"),
    (lambda: information.entropy([np.nan, 1.0]), ValueError, "p must not contain NaN"),
    (lambda: information.entropy([np.inf, 0.0]), ValueError, "p must be finite"),
    (lambda: information.entropy(0.5), ValueError, "p must be an array of probabilities"),
    (lambda: information.entropy("0.5"), TypeError, "p must be a real number or an array"),
    (lambda: information.entropy([]), ValueError, "p must not be empty"),
    (lambda: information.cross_entropy([0.5, 0.5], [0.2, 0.9]), ValueError, "q must sum to 1"),
    (lambda: information.kl_divergence([0.5, 0.5], [0.2, 0.3, 0.5]), ValueError,
     "same number of outcomes"),
    (lambda: information.kl_divergence(np.full((2, 2), 0.5), np.full((3, 2), 0.5)), ValueError,
     "p and q must broadcast together"),
    (lambda: information.kl_divergence([0.5, 0.5], None), TypeError, "q must be a real number"),
    (lambda: information.empirical_distribution([3, -1]), ValueError,
     "counts must be a non-negative integer"),
    (lambda: information.empirical_distribution([1.5, 2]), ValueError,
     "counts must be a non-negative integer"),
    (lambda: information.empirical_distribution([0, 0]), ValueError, "counts must not all be 0"),
    (lambda: information.empirical_distribution([[1, 2]]), ValueError, "counts must be 1-D"),
    (lambda: information.softmax([1.0, 2.0], axis=None), TypeError, "axis must be an integer"),
    (lambda: information.softmax([1.0, np.nan]), ValueError, "z must not contain NaN"),
    (lambda: information.softmax(3.0), ValueError, "z must be an array of logits"),
    (lambda: information.softmax([1.0, 2.0], axis=1), ValueError, "axis must be between -1 and 0"),
    (lambda: information.log_softmax([1.0, 2.0], axis=0.5), TypeError, "axis must be an integer"),
    (lambda: information.softmax_cross_entropy([1.0, 2.0], [0]), ValueError, "logits must be 2-D"),
    (lambda: information.softmax_cross_entropy([[1.0, 2.0]], [0, 1]), ValueError,
     "labels and logits' rows must have the same length"),
    (lambda: information.softmax_cross_entropy([[1.0, 2.0]], [2]), ValueError,
     "labels must be class indices in 0..1"),
    (lambda: information.softmax_cross_entropy([[1.0, 2.0]], [-1]), ValueError,
     "labels must be a non-negative integer"),
    (lambda: information.softmax_cross_entropy_grad([[1.0]], [0]), ValueError,
     "number of classes (columns of logits) must be >= 2"),
    (lambda: information.softmax_cross_entropy([[1.0, np.inf]], [0]), ValueError,
     "logits must be finite"),
])
def test_bad_input_names_the_argument_and_the_rule(call, error, words):
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)
