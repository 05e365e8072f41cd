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
from typing import NamedTuple

import numpy as np

from ._validation import (
    as_count,
    as_data,
    as_float_array,
    as_paired_data,
    as_positive,
    as_probability,
    check_k_le_n,
    check_same_length,
    positive_scalar,
    scalar,
)
from .logspace import log_binomial_coefficient, log_gamma

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

_LOG_2PI = math.log(2.0 * math.pi)


# --------------------------------------------------------------------------- Gaussian

def gaussian_logpdf(x, mu=0.0, sigma=1.0) -> np.ndarray | float:
    r"""Log-density of :math:`\mathcal N(\mu, \sigma^2)`, elementwise and broadcast.

    .. math:: \log \mathcal N(x; \mu, \sigma^2)
              = -\tfrac12 \log(2\pi\sigma^2) - \frac{(x-\mu)^2}{2\sigma^2}

    Parameters
    ----------
    x, mu : array_like
        Observations and means (finite, broadcastable).
    sigma : array_like
        Standard deviations, > 0.

    Returns
    -------
    float or numpy.ndarray
        Same as ``scipy.stats.norm.logpdf(x, mu, sigma)``.
    """
    x = as_float_array(x, "x")
    mu = as_float_array(mu, "mu")
    sigma = as_positive(sigma, "sigma")
    z = (x - mu) / sigma
    return scalar(-0.5 * _LOG_2PI - np.log(sigma) - 0.5 * z * z)


def gaussian_loglik(data, mu, sigma) -> np.ndarray | float:
    r"""Log-likelihood of i.i.d. data under :math:`\mathcal N(\mu, \sigma^2)`.

    .. math:: \ell(\mu, \sigma) = -\frac n2 \log(2\pi\sigma^2)
              - \frac{S + n(\bar x - \mu)^2}{2\sigma^2},
              \quad S = \sum_i (x_i - \bar x)^2

    Computed from the sufficient statistics :math:`(n, \bar x, S)`, so ``mu`` and
    ``sigma`` may be whole grids (they broadcast against each other) at a cost that does
    not grow with ``n``.

    Parameters
    ----------
    data : array_like
        1-D, non-empty, finite.
    mu : array_like
        Mean or grid of means.
    sigma : array_like
        Standard deviation(s), > 0.
    """
    x = as_data(data, "data")
    mu = as_float_array(mu, "mu")
    sigma = as_positive(sigma, "sigma")
    n = x.size
    xbar = x.mean()
    ss = np.sum((x - xbar) ** 2)
    return scalar(-0.5 * n * (_LOG_2PI + 2.0 * np.log(sigma))
                  - (ss + n * (xbar - mu) ** 2) / (2.0 * sigma ** 2))


def gaussian_nll(data, mu, sigma) -> np.ndarray | float:
    """Negative log-likelihood, ``-gaussian_loglik(data, mu, sigma)``."""
    return scalar(-np.asarray(gaussian_loglik(data, mu, sigma)))


def gaussian_nll_grad_mu(data, mu, sigma) -> np.ndarray | float:
    r"""Derivative of the Gaussian NLL in the mean: :math:`-\sum_i (x_i - \mu)/\sigma^2`."""
    x = as_data(data, "data")
    mu = as_float_array(mu, "mu")
    sigma = as_positive(sigma, "sigma")
    return scalar(-x.size * (x.mean() - mu) / sigma ** 2)


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


def bernoulli_logpmf(x, p) -> np.ndarray | float:
    r"""Log-probability of one Bernoulli outcome: :math:`x\log p + (1-x)\log(1-p)`.

    ``x`` is 0 or 1; ``p`` in [0, 1].  An outcome that has probability 0 gives ``-inf``.
    """
    x = as_count(x, "x")
    if (x > 1).any():
        raise ValueError("x must be 0 or 1")
    p = as_probability(p, "p")
    return scalar(_xlogy(x, p) + _xlogy(1 - x, -p, np.log1p))


def bernoulli_loglik(k, n, p) -> np.ndarray | float:
    r"""Log-likelihood of ``k`` successes in ``n`` Bernoulli trials (order known).

    .. math:: \ell(p) = k \log p + (n-k) \log(1-p)

    This is the binomial log-pmf without the constant :math:`\log\binom nk`; it does not
    change where the maximum is.  ``p`` may be a grid, and 0 or 1 are allowed: the
    result is ``-inf`` where the data are impossible.
    """
    k = as_count(k, "k")
    n = as_count(n, "n")
    check_k_le_n(k, n)
    p = as_probability(p, "p")
    return scalar(_xlogy(k, p) + _xlogy(n - k, -p, np.log1p))


def bernoulli_nll(k, n, p) -> np.ndarray | float:
    """Negative log-likelihood, ``-bernoulli_loglik(k, n, p)``."""
    return scalar(-np.asarray(bernoulli_loglik(k, n, p)))


def bernoulli_nll_grad(k, n, p) -> np.ndarray | float:
    r"""Derivative of the Bernoulli NLL in ``p``.

    .. math:: \frac{d}{dp}\big(-\ell(p)\big) = -\frac kp + \frac{n-k}{1-p}

    It vanishes at the MLE :math:`p = k/n`.  Defined for ``p`` strictly inside (0, 1).
    """
    k = as_count(k, "k")
    n = as_count(n, "n")
    check_k_le_n(k, n)
    p = as_probability(p, "p")
    if ((p <= 0) | (p >= 1)).any():
        raise ValueError("p must be in the open interval (0, 1) for the gradient")
    return scalar(-k / p + (n - k) / (1.0 - p))


def binomial_logpmf(k, n, p, *, include_constant: bool = True) -> np.ndarray | float:
    r"""Log-pmf of the binomial distribution.

    .. math:: \log P(K = k) = \log\binom nk + k\log p + (n-k)\log(1-p)

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
    k = as_count(k, "k")
    n = as_count(n, "n")
    check_k_le_n(k, n)
    core = np.asarray(bernoulli_loglik(k, n, p))
    if include_constant:
        core = core + log_binomial_coefficient(n, k)
    return scalar(core)


# --------------------------------------------------------------------------- Poisson

def poisson_logpmf(k, rate) -> np.ndarray | float:
    r"""Log-pmf of the Poisson distribution: :math:`k\log\lambda - \lambda - \log k!`.

    ``k`` are non-negative integers, ``rate`` >= 0 (rate 0 gives ``-inf`` for k > 0).
    """
    k = as_count(k, "k")
    rate = as_float_array(rate, "rate")
    if (rate < 0).any():
        raise ValueError("rate must be >= 0")
    return scalar(_xlogy(k, rate) - rate - np.asarray(log_gamma(k + 1.0)))


def poisson_loglik(k, rate, weights=None) -> np.ndarray | float:
    r"""Log-likelihood of counts under a Poisson model, optionally from a frequency table.

    .. math:: \ell(\lambda) = \sum_i w_i\,(k_i \log\lambda - \lambda - \log k_i!)

    Parameters
    ----------
    k : array_like of int
        1-D observed counts, or the distinct values of a frequency table.
    rate : array_like
        :math:`\lambda \ge 0`, scalar or grid.
    weights : array_like of int, optional
        How often each ``k`` was observed (default: once each).
    """
    k = as_count(k, "k")
    if k.ndim != 1:
        raise ValueError("k must be 1-D")
    w = np.ones_like(k) if weights is None else as_count(weights, "weights")
    check_same_length(k, w, "k", "weights")
    rate = as_float_array(rate, "rate")
    if (rate < 0).any():
        raise ValueError("rate must be >= 0")
    total_k = float(np.sum(w * k))
    total_w = float(np.sum(w))
    const = float(np.sum(w * np.asarray(log_gamma(k + 1.0))))
    return scalar(_xlogy(total_k, rate) - total_w * rate - const)


# --------------------------------------------------------------------------- the line model

class LineStats(NamedTuple):
    r"""Sufficient statistics of paired data for the Gaussian line model.

    Centred sums make the residual sum of squares exact and cheap for any ``(a, b)``:

    .. math:: \sum_i (y_i - a x_i - b)^2 = S_{yy} - 2a S_{xy} + a^2 S_{xx}
              + n(\bar y - a\bar x - b)^2

    with :math:`S_{xx} = \sum (x_i-\bar x)^2`, :math:`S_{xy} = \sum (x_i-\bar x)(y_i-\bar y)`,
    :math:`S_{yy} = \sum (y_i-\bar y)^2`.
    """

    n: int
    x_mean: float
    y_mean: float
    sxx: float
    sxy: float
    syy: float


def line_sufficient_stats(x, y) -> LineStats:
    """Reduce data ``(x, y)`` to :class:`LineStats` (one pass; the rest is O(1) per ``(a, b)``)."""
    x, y = as_paired_data(x, y)
    xm, ym = x.mean(), y.mean()
    dx, dy = x - xm, y - ym
    return LineStats(x.size, float(xm), float(ym), float(dx @ dx), float(dx @ dy), float(dy @ dy))


def line_logpdf(x, y, a, b, sigma) -> np.ndarray:
    r"""Per-point log-likelihood of the line model :math:`y = a x + b + \varepsilon`.

    .. math:: \log \mathcal N(y_i;\, a x_i + b,\, \sigma^2)

    Returns one value per data point (the direct formula; ``a``, ``b`` scalars).
    """
    x, y = as_paired_data(x, y)
    a = float(as_float_array(a, "a", ndim=0))
    b = float(as_float_array(b, "b", ndim=0))
    sigma = positive_scalar(sigma, "sigma")
    return np.asarray(gaussian_logpdf(y, a * x + b, sigma))


def _line_rss(stats: LineStats, a, b) -> np.ndarray:
    d = stats.y_mean - a * stats.x_mean - b
    rss = stats.syy - 2.0 * a * stats.sxy + a * a * stats.sxx + stats.n * d * d
    return np.maximum(rss, 0.0)


def line_loglik(x, y, a, b, sigma) -> np.ndarray | float:
    r"""Total log-likelihood of the line model, for one ``(a, b, sigma)`` or broadcast grids.

    .. math:: \ell(a, b) = -\frac n2 \log(2\pi\sigma^2)
              - \frac{1}{2\sigma^2}\sum_i (y_i - a x_i - b)^2

    The residual sum of squares comes from :class:`LineStats`, so arrays of ``a``, ``b``
    and ``sigma`` broadcast at a cost independent of ``n``.
    """
    stats = line_sufficient_stats(x, y)
    a = as_float_array(a, "a")
    b = as_float_array(b, "b")
    sigma = as_positive(sigma, "sigma")
    rss = _line_rss(stats, a, b)
    return scalar(-0.5 * stats.n * (_LOG_2PI + 2.0 * np.log(sigma)) - rss / (2.0 * sigma ** 2))


def line_loglik_grid(x, y, a_values, b_values, sigma: float) -> np.ndarray:
    r"""Log-likelihood of the line model on the grid ``a_values x b_values``.

    Element ``[i, j]`` is :math:`\ell(a_i, b_j)`.  The residual sum of squares splits into
    a part that depends on ``a`` only and a square in :math:`(\bar y - a\bar x) - b`
    (see :class:`LineStats`), so a 1000 x 1000 grid costs a few passes over the grid
    whatever ``n``.

    Parameters
    ----------
    x, y : array_like
        The data, 1-D, same length.
    a_values, b_values : array_like
        1-D grids of slopes and intercepts.
    sigma : float
        Noise standard deviation, > 0.

    Returns
    -------
    numpy.ndarray
        Shape ``(len(a_values), len(b_values))``.
    """
    s = line_sufficient_stats(x, y)
    a = as_float_array(a_values, "a_values", ndim=1)
    b = as_float_array(b_values, "b_values", ndim=1)
    sigma = positive_scalar(sigma, "sigma")
    inv = 1.0 / (2.0 * sigma * sigma)
    const = -0.5 * s.n * (_LOG_2PI + 2.0 * math.log(sigma))
    # part of the RSS that depends on a only, and the centre of the square in b
    q = np.maximum(s.syy - 2.0 * a * s.sxy + a * a * s.sxx, 0.0)
    c = s.y_mean - a * s.x_mean
    out = np.subtract.outer(c, b)
    np.multiply(out, out, out=out)
    out *= -s.n * inv
    out += (const - q * inv)[:, None]
    return out


def line_nll(x, y, a, b, sigma) -> np.ndarray | float:
    """Negative log-likelihood of the line model, ``-line_loglik(x, y, a, b, sigma)``."""
    return scalar(-np.asarray(line_loglik(x, y, a, b, sigma)))


def line_nll_grad(x, y, a, b, sigma) -> np.ndarray:
    r"""Gradient of the line-model NLL in ``(a, b)``.

    .. math:: \frac{\partial\,\mathrm{NLL}}{\partial a} = -\frac{1}{\sigma^2}\sum_i r_i x_i,
              \qquad
              \frac{\partial\,\mathrm{NLL}}{\partial b} = -\frac{1}{\sigma^2}\sum_i r_i,
              \qquad r_i = y_i - a x_i - b

    Both vanish at the least-squares solution.  Returns ``array([d/da, d/db])``.
    """
    x, y = as_paired_data(x, y)
    a = float(as_float_array(a, "a", ndim=0))
    b = float(as_float_array(b, "b", ndim=0))
    sigma = positive_scalar(sigma, "sigma")
    r = y - a * x - b
    return -np.array([r @ x, r.sum()]) / sigma ** 2
