r"""Log-gamma, log-beta and the binomial and Poisson log-probabilities, accurate everywhere.

The textbook formulas subtract huge numbers: :math:`\log\binom{n}{k} = \log\Gamma(n+1) -
\log\Gamma(k+1) - \log\Gamma(n-k+1)` has terms of 2.7e13 for n = 1e12 and a result of 55,
so float64 keeps four digits of it.  The forms here never subtract large quantities
(the approach of C. Loader, "Fast and accurate computation of binomial probabilities",
2000, which R's ``dbinom`` and ``dpois`` also take):

- the Stirling remainder :math:`\delta(z) = \log\Gamma(z) - (z - \tfrac12)\log z + z -
  \tfrac12\log 2\pi`, a small number, from its asymptotic series for z >= 10;
- the deviance :math:`D(x, m) = x\log(x/m) + m - x \ge 0`, from a series in
  :math:`(x - m)/(x + m)` when x is near m;
- :math:`\log\binom{x+y}{x} = \delta(N) - \delta(x) - \delta(y) + \tfrac12\log\frac{N}
  {2\pi x y} + x\log\frac Nx - y\,\mathrm{log1p}(-x/N)` with N = x + y;
- the binomial log-pmf :math:`\delta(N) - \delta(x) - \delta(y) + \tfrac12\log\frac{N}
  {2\pi x y} - D(x, Np) - D(y, Nq)`, with N p and N q carried to twice float64's
  precision (:mod:`mlelib._exact`) so that ``q = 1 - p`` stays exact;
- the Poisson log-pmf :math:`-\delta(x) - D(x, m) - \tfrac12\log(2\pi x)`.

Arguments are real (not only integer) so that the Beta and Gamma densities use the same
code.  Inputs are assumed valid (checked by the public callers); everything is
elementwise on float arrays.
"""

from __future__ import annotations

import math

import numpy as np

from ._exact import two_product, two_sum

LOG_2PI = math.log(2.0 * math.pi)
_HALF_LOG_2PI = 0.5 * LOG_2PI
_lgamma = np.vectorize(math.lgamma, otypes=[float])

# B_2k / (2k (2k - 1)), k = 1..8: the Stirling series of log Gamma.  From z = 10 on, the
# first omitted term is below 3e-19.
_STIRLING = (1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156,
             -3617 / 122400)
_SERIES_FROM = 10.0
_LOST_DIGITS = 2.0**-960  # a product below this has lost digits (or its rounding error has)


def lgamma(z) -> np.ndarray:
    """``math.lgamma`` elementwise (CPython's is accurate to a few units in the last place)."""
    return _lgamma(np.asarray(z, dtype=float))


def stirling_remainder(z) -> np.ndarray:
    r""":math:`\delta(z) = \log\Gamma(z) - (z - \frac12)\log z + z - \frac12\log 2\pi`, z > 0."""
    z = np.asarray(z, dtype=float)
    out = np.empty(z.shape)
    big = z >= _SERIES_FROM
    inv = 1.0 / z[big]
    inv2 = inv * inv
    series = np.full(inv.shape, _STIRLING[-1])
    for coefficient in _STIRLING[-2::-1]:
        series = series * inv2 + coefficient
    out[big] = series * inv
    small = z[~big]
    out[~big] = lgamma(small) - (small - 0.5) * np.log(small) + small - _HALF_LOG_2PI
    return out


def log_sum(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """``log(u + v)`` for u, v >= 0, without forming a sum that could overflow."""
    big, small = np.maximum(u, v), np.minimum(u, v)
    return np.log(big) + np.log1p(small / big)


def deviance(x, m_hi, m_lo=0.0, log_m=None) -> np.ndarray:
    r""":math:`D(x, m) = x \log(x/m) + m - x` for x >= 0, ``m = m_hi + m_lo > 0``.

    Near ``x = m`` it is the series :math:`(x-m)v + 2x\sum_{j\ge1} v^{2j+1}/(2j+1)`,
    :math:`v = (x-m)/(x+m)`, with ``x - m`` formed from both parts of ``m``.  Where ``m``
    is a product that fell below float64's normal range (and so lost digits), pass its
    logarithm ``log_m`` computed from the factors.
    """
    log_m = np.nan if log_m is None else log_m
    x, m_hi, m_lo, log_m = (np.asarray(t, dtype=float)
                            for t in np.broadcast_arrays(x, m_hi, m_lo, log_m))
    out = np.empty(x.shape)
    d = (x - m_hi) - m_lo
    s = x + m_hi
    near = np.abs(d) < 0.1 * s
    dn, v = d[near], d[near] / s[near]
    total, term, v2 = dn * v, 2.0 * x[near] * v, v * v
    for j in range(1, 40):
        term = term * v2
        step = term / (2 * j + 1)
        total = total + step
        if not np.any(np.abs(step) > 1e-17 * np.abs(total)):
            break
    out[near] = total
    far = ~near
    xf, mh, ml = x[far], m_hi[far], m_lo[far]
    with np.errstate(divide="ignore", over="ignore", under="ignore"):
        ratio = xf / mh
        log_ratio = np.log(ratio)
        # a ratio beyond float64's normal range: take the logs apart (x == 0 is handled below)
        wild = ((ratio < np.finfo(float).tiny) | np.isinf(ratio)) & (xf > 0)
        log_ratio[wild] = np.log(xf[wild]) - np.log(mh[wild])
        log_ratio -= np.log1p(ml / mh)
        lost = (mh < _LOST_DIGITS) & ~np.isnan(log_m[far]) & (xf > 0)
        log_ratio[lost] = np.log(xf[lost]) - log_m[far][lost]
    out[far] = np.where(xf == 0.0, mh + ml, xf * log_ratio + (mh - xf) + ml)
    return out


def _normal_part(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    r""":math:`\delta(N) - \delta(x) - \delta(y) + \frac12\log\frac{N}{2\pi x y}`, x, y > 0."""
    log_n = log_sum(x, y)
    with np.errstate(over="ignore"):  # N beyond 1.8e308 has remainder 0 anyway
        n = x + y
    return (stirling_remainder(n) - stirling_remainder(x) - stirling_remainder(y)
            + 0.5 * (log_n - np.log(x) - np.log(y) - LOG_2PI))


def log_choose(x, y) -> np.ndarray:
    r""":math:`\log \frac{\Gamma(x+y+1)}{\Gamma(x+1)\Gamma(y+1)}` for real x, y >= 0."""
    x, y = (np.asarray(t, dtype=float) for t in np.broadcast_arrays(x, y))
    out = np.zeros(x.shape)
    inner = (x > 0) & (y > 0)
    small, large = np.minimum(x, y)[inner], np.maximum(x, y)[inner]
    ratio = small / large
    with np.errstate(over="ignore"):  # beyond 1.8e308 the value is +inf in float64
        entropy = small * (np.log1p(ratio) - np.log(ratio)) + large * np.log1p(ratio)
        out[inner] = _normal_part(small, large) + entropy
    return out


def log_beta(a, b) -> np.ndarray:
    r""":math:`\log B(a, b)` for a, b > 0.

    Small arguments (a + b < 10) use log-gamma directly.  Otherwise arguments <= 1 are
    raised by one (:math:`B(a, b) = B(a+1, b)\,(a+b)/a`) and
    :math:`\log B(a, b) = -\log(a + b - 1) - \log\binom{a+b-2}{a-1}`.
    """
    a, b = (np.asarray(t, dtype=float).copy() for t in np.broadcast_arrays(a, b))
    out = np.empty(a.shape)
    direct = (a < _SERIES_FROM) & (b < _SERIES_FROM - a)
    ad, bd = a[direct], b[direct]
    out[direct] = lgamma(ad) + lgamma(bd) - lgamma(ad + bd)
    a, b = a[~direct], b[~direct]
    shift = np.zeros(a.shape)
    for first, second in ((a, b), (b, a)):
        low = first <= 1.0
        shift[low] += log_sum(first[low], second[low]) - np.log(first[low])
        first[low] += 1.0
    out[~direct] = shift - log_sum(a - 1.0, b) - log_choose(a - 1.0, b - 1.0)
    return out


def _times_q(n_hi, n_lo, p):
    """``N p`` and ``N (1 - p)`` as (high, low) pairs, with ``N = n_hi + n_lo``."""
    q_hi = 1.0 - p
    q_lo = (1.0 - q_hi) - p  # exact: 1 - p == q_hi + q_lo
    np_hi, np_err = two_product(n_hi, p)
    nq_hi, nq_err = two_product(n_hi, q_hi)
    return (np_hi, np_err + n_lo * p), (nq_hi, nq_err + (n_hi * q_lo + n_lo * q_hi))


def log_binomial_pmf(x, y, p) -> np.ndarray:
    r"""Log of :math:`\frac{\Gamma(x+y+1)}{\Gamma(x+1)\Gamma(y+1)} p^x (1-p)^y`.

    ``x`` successes and ``y`` failures (real, >= 0), ``p`` in [0, 1].  The normal part
    is computed on the shape of ``x`` and ``y`` only, so a grid of ``p`` costs a few
    array operations per point.
    """
    x, y = (np.asarray(t, dtype=float) for t in np.broadcast_arrays(x, y))
    p = np.asarray(p, dtype=float)
    shape = np.broadcast_shapes(x.shape, p.shape)
    normal = np.zeros(x.shape)
    inner = (x > 0) & (y > 0)
    normal[inner] = _normal_part(x[inner], y[inner])
    xb, yb, pb, nb = (np.broadcast_to(t, shape) for t in (x, y, p, normal))
    out = np.empty(shape)
    only_x, only_y = (yb == 0) & (xb > 0), (xb == 0) & (yb > 0)
    with np.errstate(divide="ignore"):
        out[only_x] = xb[only_x] * np.log(pb[only_x])
        out[only_y] = yb[only_y] * np.log1p(-pb[only_y])
    out[(xb == 0) & (yb == 0)] = 0.0  # no trials: probability 1
    both = (xb > 0) & (yb > 0)
    edge = both & ((pb == 0) | (pb == 1))
    out[edge] = -np.inf
    mid = both & ~edge
    xm, ym, pm = xb[mid], yb[mid], pb[mid]
    n_hi, n_lo = two_sum(xm, ym)
    (np_hi, np_lo), (nq_hi, nq_lo) = _times_q(n_hi, n_lo, pm)
    with np.errstate(divide="ignore"):
        log_np = np.log(n_hi) + np.log(pm)
    out[mid] = nb[mid] - deviance(xm, np_hi, np_lo, log_np) - deviance(ym, nq_hi, nq_lo)
    return out


def log_poisson_pmf(x, m_hi, m_lo=0.0, log_m=np.nan) -> np.ndarray:
    r"""Log of :math:`m^x e^{-m} / \Gamma(x+1)` for real x >= 0, ``m = m_hi + m_lo >= 0``.

    ``log_m`` as for :func:`deviance`, where ``m`` is a product that underflowed.
    """
    x, m_hi, m_lo, log_m = (np.asarray(t, dtype=float)
                            for t in np.broadcast_arrays(x, m_hi, m_lo, log_m))
    out = np.empty(x.shape)
    zero = x == 0
    out[zero] = -(m_hi[zero] + m_lo[zero])
    impossible = ~zero & (m_hi == 0)
    out[impossible] = -np.inf
    rest = ~zero & ~impossible
    xr = x[rest]
    out[rest] = (-stirling_remainder(xr) - deviance(xr, m_hi[rest], m_lo[rest], log_m[rest])
                 - 0.5 * (LOG_2PI + np.log(xr)))
    return out
