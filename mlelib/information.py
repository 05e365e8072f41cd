r"""Entropy, cross-entropy and KL divergence of discrete distributions; softmax and its log.

For distributions :math:`p` and :math:`q` over the same :math:`K` outcomes (natural
logs, so the unit is the *nat*):

.. math:: H(p) = -\sum_i p_i \log p_i, \qquad
          H(p, q) = -\sum_i p_i \log q_i, \qquad
          \mathrm{KL}(p \,\|\, q) = \sum_i p_i \log\frac{p_i}{q_i} = H(p, q) - H(p) \ge 0,

with the convention :math:`0 \log 0 = 0` (an outcome that never happens under
:math:`p` costs nothing).  When :math:`p` is the data's empirical distribution and
:math:`q` the model's, :math:`H(p, q)` is the NLL per observation, which is why
maximising the likelihood minimises :math:`\mathrm{KL}(p\,\|\,q)`.

A distribution is an array whose last axis holds the :math:`K` probabilities; leading
axes broadcast, so ``q`` may be a grid of models (shape ``(m, K)``) against one ``p``.
"""

from __future__ import annotations

import numpy as np

from ._validation import (
    as_axis,
    as_count_table,
    as_float_array,
    as_int,
    broadcast_together,
    check_same_length,
    scalar,
)

__all__ = [
    "cross_entropy",
    "empirical_distribution",
    "entropy",
    "kl_divergence",
    "log_softmax",
    "softmax",
    "softmax_cross_entropy",
    "softmax_cross_entropy_grad",
]

#: How far from 1 a distribution's probabilities may sum (rounding of K terms).
SUM_TOLERANCE = 1e-9


def _distribution(value, name: str) -> np.ndarray:
    """Probabilities along the last axis: each in [0, 1], each distribution summing to 1."""
    arr = as_float_array(value, name)
    if arr.ndim == 0:
        raise ValueError(f"{name} must be an array of probabilities (one per outcome), "
                         "got a single number")
    if ((arr < 0) | (arr > 1)).any():
        raise ValueError(f"{name} must hold probabilities in [0, 1], got a value of "
                         f"{float(arr[(arr < 0) | (arr > 1)].flat[0])!r}")
    total = arr.sum(axis=-1)
    if (np.abs(total - 1.0) > SUM_TOLERANCE).any():
        bad = np.atleast_1d(total)[np.abs(np.atleast_1d(total) - 1.0) > SUM_TOLERANCE][0]
        raise ValueError(f"{name} must sum to 1 over its last axis, got {bad:.12g}")
    return arr


def _pair(p, q) -> tuple[np.ndarray, np.ndarray]:
    p = _distribution(p, "p")
    q = _distribution(q, "q")
    if p.shape[-1] != q.shape[-1]:
        raise ValueError("p and q must have the same number of outcomes, got "
                         f"{p.shape[-1]} and {q.shape[-1]}")
    broadcast_together(p=p, q=q)
    return p, q


def _p_log(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Terms ``p * log(q)`` with ``0 * log(anything) = 0``; ``-inf`` where p > 0 and q = 0."""
    p, q = np.broadcast_arrays(p, q)
    out = np.zeros(p.shape)
    seen = p > 0
    with np.errstate(divide="ignore"):
        out[seen] = p[seen] * np.log(q[seen])
    return out


def entropy(p) -> np.ndarray | float:
    r"""Entropy in nats: :math:`H(p) = -\sum_i p_i \log p_i`, with :math:`0\log 0 = 0`.

    Parameters
    ----------
    p : array_like
        Probabilities along the last axis, in [0, 1], summing to 1.
    """
    p = _distribution(p, "p")
    return scalar(-_p_log(p, p).sum(axis=-1))


def cross_entropy(p, q) -> np.ndarray | float:
    r"""Cross-entropy in nats: :math:`H(p, q) = -\sum_i p_i \log q_i`.

    ``inf`` when :math:`q` gives probability 0 to an outcome :math:`p` gives weight to.
    With :math:`p` the empirical distribution of :math:`n` observations, :math:`n\,H(p, q)`
    is their NLL under :math:`q`.
    """
    p, q = _pair(p, q)
    return scalar(-_p_log(p, q).sum(axis=-1))


def kl_divergence(p, q) -> np.ndarray | float:
    r"""Kullback-Leibler divergence in nats: :math:`\sum_i p_i \log(p_i / q_i)`.

    Never negative, 0 exactly when :math:`q = p` wherever :math:`p > 0`; ``inf`` when
    :math:`q` gives probability 0 to an outcome :math:`p` gives weight to.  Not
    symmetric: ``kl_divergence(p, q) != kl_divergence(q, p)`` in general.
    """
    p, q = _pair(p, q)
    terms = _p_log(p, p) - _p_log(p, q)
    # a sum of terms can round a hair below 0 when q is within rounding of p: clip that
    return scalar(np.maximum(terms.sum(axis=-1), 0.0))


def empirical_distribution(counts) -> np.ndarray:
    r"""The data's empirical distribution: :math:`\tilde p_i = c_i / \sum_j c_j`.

    Parameters
    ----------
    counts : array_like of int
        How often each outcome was seen: 1-D, non-negative whole numbers, not all 0.
    """
    counts = as_count_table(counts, "counts")
    if not counts.any():
        raise ValueError("counts must not all be 0 (no observations)")
    counts = counts.astype(float)  # an int64 sum wraps around past 2**63
    return counts / counts.sum()


def _logits(z, axis: int) -> tuple[np.ndarray, int]:
    z = as_float_array(z, "z")
    if z.ndim == 0:
        raise ValueError("z must be an array of logits (one per class), got a single number")
    if axis is None:
        raise TypeError("axis must be an integer (the axis of the classes), got None")
    return z, as_axis(axis, z.ndim)


def log_softmax(z, axis: int = -1) -> np.ndarray:
    r"""Log of the softmax, computed without overflow.

    .. math:: \log\mathrm{softmax}(z)_i = z_i - \log\sum_j e^{z_j}
              = (z_i - m) - \log\sum_j e^{z_j - m}, \quad m = \max_j z_j

    Subtracting the largest logit makes every exponent :math:`\le 0`, so nothing
    overflows and the largest term is exactly 1.
    """
    z, axis = _logits(z, axis)
    with np.errstate(over="ignore"):  # a logit 1.8e308 below the largest: exp(-inf) = 0
        shifted = z - z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def softmax(z, axis: int = -1) -> np.ndarray:
    r"""Softmax of logits: :math:`\mathrm{softmax}(z)_i = e^{z_i} / \sum_j e^{z_j}`.

    Positive, summing to 1 along ``axis``; unchanged when a constant is added to every
    logit, which is what :func:`log_softmax` uses to avoid overflow.
    """
    return np.exp(log_softmax(z, axis))


def _classifier_inputs(logits, labels) -> tuple[np.ndarray, np.ndarray]:
    logits = as_float_array(logits, "logits", ndim=2)
    labels = as_count_table(labels, "labels")
    check_same_length(labels, logits[:, 0], "labels", "logits' rows")
    classes = as_int(logits.shape[1], "the number of classes (columns of logits)", minimum=2)
    if (labels >= classes).any():
        raise ValueError(f"labels must be class indices in 0..{classes - 1}, "
                         f"got {int(labels.max())}")
    return logits, labels


def softmax_cross_entropy(logits, labels) -> float:
    r"""Mean cross-entropy loss of a softmax classifier: the NLL per point of the labels.

    .. math:: L = -\frac1n \sum_{i=1}^n \log\mathrm{softmax}(z_i)_{y_i}
              = \frac1n\sum_{i=1}^n H\big(\text{onehot}(y_i),\ \mathrm{softmax}(z_i)\big)

    Parameters
    ----------
    logits : array_like, shape (n, K)
        One row of ``K >= 2`` class scores per point, finite.
    labels : array_like of int, shape (n,)
        The class of each point, in ``0 .. K - 1``.
    """
    logits, labels = _classifier_inputs(logits, labels)
    chosen = log_softmax(logits)[np.arange(labels.size), labels]
    return float(-chosen.mean())


def softmax_cross_entropy_grad(logits, labels) -> np.ndarray:
    r"""Gradient of :func:`softmax_cross_entropy` with respect to the logits.

    .. math:: \frac{\partial L}{\partial z_{ik}} = \frac1n\big(\mathrm{softmax}(z_i)_k
              - [y_i = k]\big)

    Returns
    -------
    numpy.ndarray
        Shape ``(n, K)``; each row sums to 0.
    """
    logits, labels = _classifier_inputs(logits, labels)
    grad = softmax(logits)
    grad[np.arange(labels.size), labels] -= 1.0
    return grad / labels.size
