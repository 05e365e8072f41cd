r"""Log-densities, log-likelihoods, negative log-likelihoods and their gradients.

Everything is computed in log space: the likelihood of even a few dozen points can
underflow to 0.0 in float64 while its logarithm is an ordinary number.  Names follow
scipy.stats: ``*_logpdf`` / ``*_logpmf`` are per observation, ``*_loglik`` sums over a data
set, ``*_nll`` is the negative log-likelihood, ``*_nll_grad`` its gradient.

Parameters may be scalars or arrays that broadcast (a grid of ``mu``, or of ``(a, b)``),
which is how the notebooks draw likelihood curves and surfaces.
"""

from __future__ import annotations

import math

import numpy as np

from . import _special
from ._exact import compensated_mean, two_product
from ._validation import (
    as_count,
    as_data,
    as_flag,
    as_float_array,
    as_frequency_table,
    as_location,
    as_positive,
    as_probability,
    broadcast_together,
    check_k_le_n,
    scalar,
)
from .line_model import (
    LineStats,
    line_loglik,
    line_loglik_grid,
    line_logpdf,
    line_nll,
    line_nll_grad,
    line_sufficient_stats,
)

__all__ = [
    "LineStats",
    "bernoulli_loglik",
    "bernoulli_logpmf",
    "bernoulli_nll",
    "bernoulli_nll_grad",
    "binomial_logpmf",
    "gaussian_loglik",
    "gaussian_logpdf",
    "gaussian_nll",
    "gaussian_nll_grad_mu",
    "line_loglik",
    "line_loglik_grid",
    "line_logpdf",
    "line_nll",
    "line_nll_grad",
    "line_sufficient_stats",
    "poisson_loglik",
    "poisson_logpmf",
]

_HALF_LOG_2PI = 0.5 * math.log(2.0 * math.pi)
#: |x| and |mu| of :func:`gaussian_logpdf` up to this: (x - mu)**2 stays finite
_LOGPDF_LIMIT = 1e100


# --------------------------------------------------------------------------- Gaussian

def gaussian_logpdf(x, mu=0.0, sigma=1.0) -> np.ndarray | float:
    r"""Log-density of :math:`\mathcal N(\mu, \sigma^2)`, elementwise and broadcast.

    .. math:: \log \mathcal N(x; \mu, \sigma^2)
              = -\tfrac12 \log(2\pi\sigma^2) - \frac{(x-\mu)^2}{2\sigma^2}

    Parameters
    ----------
    x, mu : array_like
        Observations and means (finite, within +-1e100, broadcastable).
    sigma : array_like
        Standard deviations, > 0.

    Returns
    -------
    float or numpy.ndarray
        Same as ``scipy.stats.norm.logpdf(x, mu, sigma)``; values below float64's range
        (a tiny ``sigma`` far from the data) are ``-inf``.
    """
    # no sum of squares here: (x - mu)**2 needs only |x|, |mu| <= 1e100
    x = as_float_array(x, "x", limit=_LOGPDF_LIMIT)
    mu = as_float_array(mu, "mu", limit=_LOGPDF_LIMIT)
    sigma = as_positive(sigma, "sigma")
    broadcast_together(x=x, mu=mu, sigma=sigma)
    with np.errstate(over="ignore"):
        z = (x - mu) / sigma
        return scalar(-_HALF_LOG_2PI - np.log(sigma) - 0.5 * (z * z))


def _gaussian_stats(data) -> tuple[int, float, float, float]:
    r"""``n``, the mean as ``m + c`` (see :func:`mlelib._exact.compensated_mean`) and
    :math:`S = \sum_i (x_i - \bar x)^2`, each to working precision."""
    x = as_data(data, "data")
    m, c = compensated_mean(x)
    d = x - m
    return x.size, m, c, max(float(np.sum(d * d)) - x.size * c * c, 0.0)


def gaussian_loglik(data, mu, sigma) -> np.ndarray | float:
    r"""Log-likelihood of i.i.d. data under :math:`\mathcal N(\mu, \sigma^2)`.

    .. math:: \ell(\mu, \sigma) = -\frac n2 \log(2\pi\sigma^2)
              - \frac{S + n(\bar x - \mu)^2}{2\sigma^2},
              \quad S = \sum_i (x_i - \bar x)^2

    Computed from the sufficient statistics :math:`(n, \bar x, S)`, so ``mu`` and
    ``sigma`` may be whole grids (they broadcast against each other) at a cost that does
    not grow with ``n``.  The mean is carried as float64's mean plus a correction, so
    :math:`\bar x - \mu` keeps its digits when the data spread is 1e-8 of their size.

    Parameters
    ----------
    data : array_like
        1-D, non-empty, finite.
    mu : array_like
        Mean or grid of means.
    sigma : array_like
        Standard deviation(s), > 0.
    """
    n, m, c, ss = _gaussian_stats(data)
    mu = as_location(mu, "mu")
    sigma = as_positive(sigma, "sigma")
    broadcast_together(mu=mu, sigma=sigma)
    with np.errstate(over="ignore"):
        z = ((m - mu) + c) / sigma
        quad = ss / sigma / sigma + n * (z * z)
        return scalar(-n * (_HALF_LOG_2PI + np.log(sigma)) - 0.5 * quad)


def gaussian_nll(data, mu, sigma) -> np.ndarray | float:
    """Negative log-likelihood, ``-gaussian_loglik(data, mu, sigma)``."""
    return scalar(-np.asarray(gaussian_loglik(data, mu, sigma)))


def gaussian_nll_grad_mu(data, mu, sigma) -> np.ndarray | float:
    r"""Derivative of the Gaussian NLL in the mean: :math:`-\sum_i (x_i - \mu)/\sigma^2`."""
    n, m, c, _ = _gaussian_stats(data)
    mu = as_location(mu, "mu")
    sigma = as_positive(sigma, "sigma")
    broadcast_together(mu=mu, sigma=sigma)
    with np.errstate(over="ignore"):
        return scalar(-n * (((m - mu) + c) / sigma) / sigma)


# --------------------------------------------------------------------------- Bernoulli / binomial

def _xlogy(k: np.ndarray, p: np.ndarray, log=np.log) -> np.ndarray:
    """k * log(p) with the convention 0 * log(0) = 0 (k = 0 never observed).

    ``log=np.log1p`` with ``p`` replaced by ``-p`` gives k * log(1 - p) without the
    rounding of ``1 - p``, which matters for p near 0.
    """
    k, p = np.broadcast_arrays(np.asarray(k, dtype=float), np.asarray(p, dtype=float))
    out = np.zeros(k.shape)
    nz = k != 0
    with np.errstate(divide="ignore"):
        out[nz] = k[nz] * log(p[nz])
    return out


def _trials(k, n, p) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Checked successes ``k <= n`` and probabilities ``p``, all broadcasting together."""
    k = as_count(k, "k")
    n = as_count(n, "n")
    p = as_probability(p, "p")
    broadcast_together(k=k, n=n, p=p)
    check_k_le_n(k, n)
    return k, n, p


def bernoulli_logpmf(x, p) -> np.ndarray | float:
    r"""Log-probability of one Bernoulli outcome: :math:`x\log p + (1-x)\log(1-p)`.

    ``x`` is 0 or 1; ``p`` in [0, 1].  An outcome that has probability 0 gives ``-inf``.
    """
    x = as_count(x, "x")
    if (x > 1).any():
        raise ValueError(f"x must be 0 or 1, got {x.max() if x.ndim else int(x)}")
    p = as_probability(p, "p")
    broadcast_together(x=x, p=p)
    return scalar(_xlogy(x, p) + _xlogy(1 - x, -p, np.log1p))


def bernoulli_loglik(k, n, p) -> np.ndarray | float:
    r"""Log-likelihood of ``k`` successes in ``n`` Bernoulli trials (order known).

    .. math:: \ell(p) = k \log p + (n-k) \log(1-p)

    This is the binomial log-pmf without the constant :math:`\log\binom nk`; it does not
    change where the maximum is.  ``p`` may be a grid, and 0 or 1 are allowed: the
    result is ``-inf`` where the data are impossible.  ``log(1 - p)`` is taken as
    ``log1p(-p)``, exact for p within 1e-12 of 0.
    """
    k, n, p = _trials(k, n, p)
    return scalar(_xlogy(k, p) + _xlogy(n - k, -p, np.log1p))


def bernoulli_nll(k, n, p) -> np.ndarray | float:
    """Negative log-likelihood, ``-bernoulli_loglik(k, n, p)``."""
    return scalar(-np.asarray(bernoulli_loglik(k, n, p)))


def bernoulli_nll_grad(k, n, p) -> np.ndarray | float:
    r"""Derivative of the Bernoulli NLL in ``p``.

    .. math:: \frac{d}{dp}\big(-\ell(p)\big) = -\frac kp + \frac{n-k}{1-p}

    It vanishes at the MLE :math:`p = k/n`.  Defined for ``p`` strictly inside (0, 1).
    """
    k, n, p = _trials(k, n, p)
    if ((p <= 0) | (p >= 1)).any():
        raise ValueError("p must be in the open interval (0, 1) for the gradient")
    with np.errstate(over="ignore"):
        return scalar(-k / p + (n - k) / (1.0 - p))


def binomial_logpmf(k, n, p, *, include_constant: bool = True) -> np.ndarray | float:
    r"""Log-pmf of the binomial distribution.

    .. math:: \log P(K = k) = \log\binom nk + k\log p + (n-k)\log(1-p)

    Added as written, the two parts cancel for large n (both are about
    :math:`7\times10^{11}` for n = 1e12, the sum about -14).  Above 1000 trials it is
    computed instead in Loader's saddle-point form :math:`\delta(n) - \delta(k) -
    \delta(n-k) + \frac12\log\frac{n}{2\pi k(n-k)} - D(k, np) - D(n-k, nq)` (Stirling
    remainders :math:`\delta`, deviances :math:`D`; see :mod:`mlelib._special`): within
    1e-15 of exact for any n below 2**63 and any p, p within 1e-12 of 0 or 1 included.

    Parameters
    ----------
    k, n : array_like of int
        Successes and trials, ``0 <= k <= n``.
    p : array_like
        Success probability in [0, 1] (a grid is fine).
    include_constant : bool
        With ``False`` the :math:`\log\binom nk` term is left out, which gives
        :func:`bernoulli_loglik`.
    """
    if not as_flag(include_constant, "include_constant"):
        return bernoulli_loglik(k, n, p)
    k, n, p = _trials(k, n, p)
    return scalar(_special.log_binomial_pmf(k.astype(float), (n - k).astype(float), p))


# --------------------------------------------------------------------------- Poisson

def _rate(rate) -> np.ndarray:
    rate = as_float_array(rate, "rate")
    if (rate < 0).any():
        raise ValueError(f"rate must be >= 0, got {rate.min() if rate.ndim else float(rate)}")
    return rate


def poisson_logpmf(k, rate) -> np.ndarray | float:
    r"""Log-pmf of the Poisson distribution: :math:`k\log\lambda - \lambda - \log k!`.

    ``k`` are non-negative integers, ``rate`` >= 0 (rate 0 gives ``-inf`` for k > 0).
    Computed as :math:`-\delta(k) - D(k, \lambda) - \frac12\log(2\pi k)` (see
    :func:`binomial_logpmf`), so k = 1e12 near its rate keeps full precision.
    """
    k = as_count(k, "k")
    rate = _rate(rate)
    broadcast_together(k=k, rate=rate)
    return scalar(_special.log_poisson_pmf(k.astype(float), rate))


def poisson_loglik(k, rate, weights=None) -> np.ndarray | float:
    r"""Log-likelihood of counts under a Poisson model, optionally from a frequency table.

    .. math:: \ell(\lambda) = \sum_i w_i\,(k_i \log\lambda - \lambda - \log k_i!)
              = \ell(\bar k) + D(K, W\bar k) - D(K, W\lambda)

    with :math:`K = \sum_i w_i k_i`, :math:`W = \sum_i w_i`, :math:`\bar k = K/W` and the
    deviance :math:`D(x, m) = x\log(x/m) + m - x`: a grid of rates costs one deviance
    each, and nothing large is subtracted.

    Parameters
    ----------
    k : array_like of int
        1-D observed counts, or the distinct values of a frequency table.
    rate : array_like
        :math:`\lambda \ge 0`, scalar or grid.
    weights : array_like of int, optional
        How often each ``k`` was observed (default: once each).
    """
    k, w = as_frequency_table(k, weights, require_observations=False)
    rate = _rate(rate)
    kf, wf = k.astype(float), w.astype(float)
    total_k, total_w = float(np.sum(wf * kf)), float(np.sum(wf))
    if total_k == 0:  # every observed count is 0: the likelihood is exp(-W rate)
        return scalar(-total_w * rate)
    seen = wf > 0
    centre = total_k / total_w
    c_hi, c_lo = two_product(total_w, centre)
    at_centre = float(np.sum(wf[seen] * _special.log_poisson_pmf(kf[seen], centre))
                      + _special.deviance(total_k, c_hi, c_lo))
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        m_hi, m_lo = two_product(total_w, rate)
        log_m = math.log(total_w) + np.log(rate)  # for W * rate below the normal range
    out = np.full(rate.shape, -np.inf)
    ok = (rate > 0) & np.isfinite(m_hi)
    out[ok] = at_centre - _special.deviance(total_k, m_hi[ok], m_lo[ok], log_m[ok])
    return scalar(out)
