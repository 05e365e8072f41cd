r"""Count models for a frequency table: the Poisson, its repairs, and how to judge a fit.

A frequency table says that the value ``k[i]`` was seen ``weights[i]`` times (100 pupils'
numbers of siblings: 1 seen 17 times, 2 seen 59 times, ...).  The plain Poisson log-pmf and
log-likelihood are in :mod:`mlelib.likelihoods`; this module adds

- the Poisson tail :math:`\log P(X > k)`, summed in log space (:func:`poisson_logsf`);
- models for counts that cannot be 0: the zero-truncated Poisson and the Poisson shifted
  by one (:func:`zero_truncated_poisson_logpmf`, :func:`poisson_table_loglik`);
- right-censoring: an observation "``c`` or more" contributes :math:`\log P(X \ge c)`;
- the saturated log-likelihood (the table's own frequencies: no model of the table does
  better), the deviance from it, and a Poisson model's expected counts.

The log-likelihoods and the gradient broadcast over a grid of rates.
"""

from __future__ import annotations

import math

import numpy as np

from . import _special
from ._validation import (
    COUNT_LIMIT,
    as_count,
    as_flag,
    as_float_array,
    as_frequency_table,
    as_int,
    as_positive,
    broadcast_together,
    scalar,
)
from .likelihoods import poisson_loglik, poisson_logpmf

__all__ = [
    "deviance",
    "poisson_expected_counts",
    "poisson_logsf",
    "poisson_table_loglik",
    "poisson_table_nll_grad",
    "saturated_loglik",
    "zero_truncated_poisson_logpmf",
]


def _log_at_least(m, rate) -> np.ndarray:
    r""":math:`\log P(X \ge m)` for whole ``m >= 0`` and ``rate > 0``, broadcast."""
    return _special.log_poisson_at_least(np.asarray(m, dtype=float), np.asarray(rate, dtype=float))


def poisson_logsf(k, rate) -> np.ndarray | float:
    r"""Log survival function of the Poisson distribution, :math:`\log P(X > k)`.

    .. math:: \log P(X > k) = \log \sum_{j > k} \frac{\lambda^j e^{-\lambda}}{j!}

    Same as ``scipy.stats.poisson.logsf(k, rate)``, and finite where ``sf`` underflows
    (a far tail).  Time and memory do not grow with ``k`` (k = 10**12 costs what k = 10
    does; see :func:`mlelib._special.log_poisson_at_least`), and far tails of a large
    ``k`` keep their digits: at k = 10**8, eight standard deviations above the rate, it
    gives -35.0313, where scipy's ``gammainc`` gives -35.2456.  ``P(X >= c)``, the likelihood of "``c`` or more", is
    ``exp(poisson_logsf(c - 1, rate))``.

    Parameters
    ----------
    k : array_like of int
        Whole numbers >= 0.
    rate : array_like
        :math:`\lambda > 0`, broadcast against ``k``.
    """
    k = as_count(k, "k")
    rate = as_positive(rate, "rate")
    broadcast_together(k=k, rate=rate)
    return scalar(_log_at_least(k.astype(float) + 1.0, rate))


def zero_truncated_poisson_logpmf(k, rate) -> np.ndarray | float:
    r"""Log-pmf of the zero-truncated Poisson: a Poisson count known to be at least 1.

    .. math:: \log P(X = k \mid X \ge 1) = k\log\lambda - \lambda - \log k!
              - \log\big(1 - e^{-\lambda}\big), \qquad k \ge 1

    ``k = 0`` has probability 0 (``-inf``).  :math:`\log(1 - e^{-\lambda})` is computed as
    ``log(-expm1(-rate))``, exact for small rates too.
    """
    k = as_count(k, "k")
    rate = as_positive(rate, "rate")
    logpmf = np.asarray(poisson_logpmf(k, rate)) - np.log(-np.expm1(-rate))
    return scalar(np.where(k >= 1, logpmf, -np.inf))


def _total(w: np.ndarray) -> float:
    """The sum of int64 counts as a float (an int64 sum wraps around past 2**63)."""
    return float(np.sum(w, dtype=float))


def _censor_point(censor_at, k: np.ndarray) -> int | None:
    if censor_at is None:
        return None
    c = as_int(censor_at, "censor_at", minimum=1)
    if (k > c).any():
        raise ValueError(f"k must be <= censor_at = {c} (an observation at censor_at means "
                         f"'{c} or more'), got {int(k.max())}")
    return c


def _table(k, rate, weights, shift, censor_at, zero_truncated):
    """The table and the rate validated, ``k`` shifted; ``exact`` marks uncensored rows."""
    as_flag(zero_truncated, "zero_truncated")
    k, w = as_frequency_table(k, weights)
    rate = as_positive(rate, "rate")
    shift = as_int(shift, "shift", minimum=0)
    c = _censor_point(censor_at, k)
    exact = k < c if c is not None else np.ones(k.shape, dtype=bool)
    impossible = bool(np.any((k < shift) & (w > 0)))
    return k - shift, w, rate, exact, (None if c is None else c - shift), impossible


def poisson_table_loglik(k, rate, weights=None, *, shift: int = 0, zero_truncated: bool = False,
                         censor_at: int | None = None) -> np.ndarray | float:
    r"""Log-likelihood of a frequency table under a Poisson model and its variants.

    With :math:`j = k - \text{shift}` (so ``shift = 1`` is the model :math:`k - 1 \sim
    \mathrm{Poisson}(\lambda)`), :math:`w` the weights and :math:`N = \sum w`,

    .. math:: \ell(\lambda) = \sum_{k < c} w_k \big(j\log\lambda - \lambda - \log j!\big)
              + w_c \log P(X \ge c - \text{shift})
              - [\text{zero-truncated}]\, N \log\big(1 - e^{-\lambda}\big)

    where the censored term appears only with ``censor_at = c`` (an observation equal to
    ``c`` means "``c`` or more").  Observations the model cannot produce (``k`` below
    ``shift``, or ``j = 0`` when zero-truncated) give ``-inf``.

    Parameters
    ----------
    k : array_like of int
        The table's values, 1-D, >= 0 (at most ``censor_at``).
    rate : array_like
        :math:`\lambda > 0`, scalar or grid.
    weights : array_like of int, optional
        How often each value was seen, same length as ``k`` (default once each).
    shift : int
        Subtracted from every value before the Poisson applies (default 0).
    zero_truncated : bool
        Condition the Poisson on :math:`j \ge 1`.
    censor_at : int, optional
        The value that stands for "this many or more".
    """
    j, w, rate, exact, c, impossible = _table(k, rate, weights, shift, censor_at, zero_truncated)
    if impossible or (zero_truncated and np.any((j == 0) & (w > 0))):
        return scalar(np.full(rate.shape, -np.inf))
    keep = exact & (w > 0)
    ll = np.zeros(rate.shape)
    if keep.any():
        ll = ll + np.asarray(poisson_loglik(j[keep], rate, w[keep]))
    censored = _total(w[~exact])
    if censored > 0:
        ll = ll + censored * _log_at_least(c, rate)
    if zero_truncated:
        ll = ll - _total(w) * np.log(-np.expm1(-rate))
    return scalar(ll)


def poisson_table_nll_grad(k, rate, weights=None, *, shift: int = 0,
                           zero_truncated: bool = False,
                           censor_at: int | None = None) -> np.ndarray | float:
    r"""Derivative in :math:`\lambda` of the NLL of :func:`poisson_table_loglik`.

    .. math:: \frac{d\,\mathrm{NLL}}{d\lambda} = -\sum_{k < c} w_k\Big(\frac j\lambda - 1\Big)
              - w_c\,\frac{P(X = c' - 1)}{P(X \ge c')}
              + [\text{zero-truncated}]\,\frac{N}{e^{\lambda} - 1},
              \qquad c' = c - \text{shift}

    since :math:`\frac{d}{d\lambda} P(X \ge c') = P(X = c' - 1)`; the ratio is taken in
    log space.  Same arguments as :func:`poisson_table_loglik`; where the data are
    impossible under the model the gradient is undefined and a ValueError says so.
    """
    j, w, rate, exact, c, impossible = _table(k, rate, weights, shift, censor_at, zero_truncated)
    if impossible or (zero_truncated and np.any((j == 0) & (w > 0))):
        raise ValueError("k holds a value the model cannot produce (below shift, or 0 when "
                         "zero-truncated): the log-likelihood is -inf, with no gradient")
    wf = w[exact].astype(float)
    grad = -(np.sum(wf * j[exact]) / rate - np.sum(wf))
    censored = _total(w[~exact])
    if censored > 0 and c > 0:  # with c = 0, P(X >= 0) = 1 has derivative 0
        log_ratio = np.asarray(poisson_logpmf(c - 1, rate)) - _log_at_least(c, rate)
        grad = grad - censored * np.exp(log_ratio)
    if zero_truncated:
        grad = grad + _total(w) / np.expm1(rate)
    return scalar(grad)


def saturated_loglik(weights) -> float:
    r"""Log-likelihood of the saturated model: every category has its own observed share.

    .. math:: \ell_{\text{sat}} = \sum_k w_k \log\frac{w_k}{N}, \qquad N = \sum_k w_k,
              \quad 0 \log 0 = 0

    No model that gives each category of the table a probability (summing to at most 1)
    can have a higher log-likelihood (Gibbs' inequality): it is the ceiling.
    """
    w = as_count(weights, "weights")
    if w.ndim != 1:
        raise ValueError(f"weights must be 1-D, got an array with {w.ndim} dimensions")
    if not w.any():
        raise ValueError("weights must not all be zero (no observations)")
    seen = [int(v) for v in w[w > 0]]
    total = sum(seen)  # a Python int: exact, where an int64 sum wraps around past 2**63
    # log(w / N) with w / N correctly rounded (an int / int division); for a share near 1,
    # log1p(-(N - w) / N) with N - w exact, or 1 of 2**53 + 1 would lose its last nat
    logs = [math.log(v / total) if 2 * v < total else math.log1p(-(total - v) / total)
            for v in seen]
    return math.fsum(v * lg for v, lg in zip(seen, logs))


def deviance(loglik, weights) -> np.ndarray | float:
    r"""Deviance of a model from the saturated model of the same table.

    .. math:: D = 2\,\big(\ell_{\text{sat}} - \ell_{\text{model}}\big) \ge 0

    Parameters
    ----------
    loglik : array_like
        The model's log-likelihood of the table (a grid is fine; ``-inf`` gives ``inf``).
    weights : array_like of int
        The table's counts, as for :func:`saturated_loglik`.

    Raises
    ------
    ValueError
        If ``loglik`` exceeds the ceiling: it is not a log-likelihood of this table.
    """
    ll = as_float_array(loglik, "loglik", finite=False)
    if (ll == np.inf).any():
        raise ValueError("loglik must not be +inf")
    ceiling = saturated_loglik(weights)
    if (ll > ceiling + 1e-9 * max(1.0, abs(ceiling))).any():
        raise ValueError(f"loglik must be <= the saturated log-likelihood {ceiling:.4f} of "
                         f"this table (a log-likelihood of another table?), got {np.max(ll):.4f}")
    return scalar(np.maximum(2.0 * (ceiling - ll), 0.0))


#: The most categories :func:`poisson_expected_counts` makes (one float per rate each).
_MAX_CATEGORIES = 100_000


def poisson_expected_counts(n: int, rate, k_max: int) -> np.ndarray:
    r"""Expected counts of a Poisson model: :math:`n P(X = k)` for ``k < k_max``, then the rest.

    .. math:: E_k = n\,\frac{\lambda^k e^{-\lambda}}{k!}\ (k = 0, \dots, k_{\max} - 1),
              \qquad E_{k_{\max}+} = n\,P(X \ge k_{\max})

    so the entries add up to ``n``.

    Parameters
    ----------
    n : int
        Number of observations, >= 1.
    rate : array_like
        :math:`\lambda > 0`, scalar or grid.
    k_max : int
        The last category, "``k_max`` or more", from 1 to 100 000.

    Returns
    -------
    numpy.ndarray
        Shape ``rate.shape + (k_max + 1,)``.
    """
    n = as_int(n, "n", minimum=1, maximum=COUNT_LIMIT - 1)
    rate = as_positive(rate, "rate")
    k_max = as_int(k_max, "k_max", minimum=1, maximum=_MAX_CATEGORIES)
    head = np.asarray(poisson_logpmf(np.arange(k_max), rate[..., None]))
    tail = _log_at_least(np.array(k_max), rate)[..., None]
    return n * np.exp(np.concatenate([head, tail], axis=-1))
