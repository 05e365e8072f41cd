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
  precision (:mod:`mlelib._exact`) so that ``q = 1 - p`` stays exact (up to N = 1000
  the three logarithms are simply added: they cancel by at most ~1000x);
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
# first omitted term is below 2e-18.
_STIRLING = (1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156,
             -3617 / 122400)
_SERIES_FROM = 10.0
_LOST_DIGITS = 2.0**-960  # a product below this has lost digits (or its rounding error has)
_DIRECT_MAX = 1000.0  # binomial log-pmfs up to this many trials are summed directly


def lgamma(z) -> np.ndarray:
    """``math.lgamma`` elementwise (CPython's is accurate to a few units in the last place)."""
    return _lgamma(np.asarray(z, dtype=float))


def _stirling_scalar(z: float) -> float:
    if z >= _SERIES_FROM:
        inv2, series = 1.0 / (z * z), _STIRLING[-1]
        for coefficient in _STIRLING[-2::-1]:
            series = series * inv2 + coefficient
        return series / z
    return math.lgamma(z) - (z - 0.5) * math.log(z) + z - _HALF_LOG_2PI


def stirling_remainder(z) -> np.ndarray:
    r""":math:`\delta(z) = \log\Gamma(z) - (z - \frac12)\log z + z - \frac12\log 2\pi`, z > 0."""
    z = np.asarray(z, dtype=float)
    if z.size == 1:  # the common case (one n, one k): plain floats are 10x faster
        return np.full(z.shape, _stirling_scalar(float(z.flat[0])))
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


_SERIES_TERMS = tuple(1.0 / (2 * j + 1) for j in range(1, 11))  # 1/3 ... 1/21
_NEAR = 0.1  # |x - m| < _NEAR (x + m): the series; its 10 terms then reach 1e-22


def deviance(x, m_hi, m_lo=0.0, log_m=None) -> np.ndarray:
    r""":math:`D(x, m) = x \log(x/m) + m - x` for x >= 0, ``m = m_hi + m_lo > 0``.

    Near ``x = m`` it is the series :math:`(x-m)v + 2x\sum_{j\ge1} v^{2j+1}/(2j+1)`,
    :math:`v = (x-m)/(x+m)`, with ``x - m`` formed from both parts of ``m``.  Where ``m``
    is a product that fell below float64's normal range (and so lost digits), pass its
    logarithm ``log_m`` computed from the factors.  Both forms are evaluated everywhere
    and the right one is selected (cheaper than indexing for a grid of ``m``).
    """
    x, m_hi, m_lo = (np.asarray(t, dtype=float) for t in (x, m_hi, m_lo))
    with np.errstate(all="ignore"):  # the form not selected may overflow or be NaN
        d = (x - m_hi) - m_lo
        s = x + m_hi
        v = d / s
        v2 = v * v
        poly = _SERIES_TERMS[-1]
        for coefficient in _SERIES_TERMS[-2::-1]:
            poly = poly * v2 + coefficient
        series = d * v + 2.0 * x * v * v2 * poly
        log_x = np.log(x)
        ratio = x / m_hi
        # a ratio beyond float64's normal range: take the logs apart
        wild = (ratio < np.finfo(float).tiny) | np.isinf(ratio)
        log_ratio = np.where(wild, log_x - np.log(m_hi), np.log(ratio)) - np.log1p(m_lo / m_hi)
        if log_m is not None:
            log_ratio = np.where(m_hi < _LOST_DIGITS, log_x - log_m, log_ratio)
        direct = x * log_ratio + (m_hi - x) + m_lo
    return np.where(np.abs(d) < _NEAR * s, series, np.where(x == 0, m_hi + m_lo, direct))


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

    ``x`` successes and ``y`` failures (real, >= 0), ``p`` in [0, 1].  Up to
    ``x + y = _DIRECT_MAX`` the three logarithms are simply added (they cancel by at most
    a factor of ~1000, which leaves 1e-13); above, the saddle-point form, whose normal
    part is computed on the shape of ``x`` and ``y`` only, so a grid of ``p`` costs a
    few dozen array operations.
    """
    x, y = (np.asarray(t, dtype=float) for t in np.broadcast_arrays(x, y))
    p = np.asarray(p, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):  # 0 log 0 is replaced below
        only_x = np.where(x == 0, 0.0, x * np.log(p))  # p^x
        only_y = np.where(y == 0, 0.0, y * np.log1p(-p))  # (1 - p)^y
    if np.all(x + y <= _DIRECT_MAX):
        return log_choose(x, y) + only_x + only_y
    inner = (x > 0) & (y > 0)
    normal = np.zeros(x.shape)
    normal[inner] = _normal_part(x[inner], y[inner])
    n_hi, n_lo = two_sum(x, y)
    with np.errstate(all="ignore"):  # values at p = 0 or 1 are replaced below
        (np_hi, np_lo), (nq_hi, nq_lo) = _times_q(n_hi, n_lo, p)
        log_np = np.log(n_hi) + np.log(p)
        saddle = normal - deviance(x, np_hi, np_lo, log_np) - deviance(y, nq_hi, nq_lo)
    saddle = np.where((p == 0) | (p == 1), -np.inf, saddle)
    return np.where(inner, saddle, only_x + only_y)


def log_poisson_pmf(x, m_hi, m_lo=0.0, log_m=None) -> np.ndarray:
    r"""Log of :math:`m^x e^{-m} / \Gamma(x+1)` for real x >= 0, ``m = m_hi + m_lo >= 0``.

    ``log_m`` as for :func:`deviance`, where ``m`` is a product that underflowed.
    """
    x, m_hi, m_lo = (np.asarray(t, dtype=float) for t in (x, m_hi, m_lo))
    positive = x > 0
    remainder = np.zeros(x.shape)
    remainder[positive] = stirling_remainder(x[positive]) + 0.5 * (LOG_2PI + np.log(x[positive]))
    with np.errstate(all="ignore"):  # values at x = 0 or m = 0 are replaced below
        saddle = -remainder - deviance(x, m_hi, m_lo, log_m)
    saddle = np.where(m_hi == 0, -np.inf, saddle)
    return np.where(positive, saddle, -(m_hi + m_lo))


# --------------------------------------------------------------------------- Poisson tail

#: Up to this ``m`` the terms of P(X >= m) are summed one by one; above, the series and
#: the integral below take over, whose cost does not grow with ``m``.
_TERMS_MAX = 2000.0
_CHUNK = 1 << 20  # floats per block of the term-by-term sum
_RATIO_TERMS = 64  # a series whose ratio is at most 1/2: 2**-64 of its first term is left
_DROP = 45.0  # the integral stops where the integrand fell e**45 below its start (or more)
_PANELS = 32
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(16)


def _by_terms(m: np.ndarray, rate: np.ndarray) -> np.ndarray:
    r"""log P(X >= m) from the Poisson terms; ``m`` at most ``_TERMS_MAX``.

    Where ``rate >= m`` the head :math:`P(X < m)` is at most about one half, so
    :math:`\log(1 - P(X < m))` loses nothing; elsewhere the tail is summed term by term,
    :math:`10\sqrt{m} + 30` terms past ``m`` (the rest is below :math:`e^{-50}` of it).
    """
    top = float(m.max())
    j = np.arange(top + 31 + int(10 * math.sqrt(top)))
    out = np.empty(m.shape)
    step = max(1, _CHUNK // j.size)
    for start in range(0, m.size, step):
        mm, rr = m[start:start + step, None], rate[start:start + step, None]
        log_terms = log_poisson_pmf(j, rr)
        with np.errstate(divide="ignore"):
            log_head = _logsumexp_rows(np.where(j < mm, log_terms, -np.inf))
            log_tail = _logsumexp_rows(np.where(j < mm, -np.inf, log_terms))
            # where rate < m the head is close to 1 (rounding may pass 1): not picked
            from_head = np.log1p(-np.exp(np.minimum(log_head, 0.0)))
        out[start:start + step] = np.where(rr[:, 0] >= mm[:, 0], from_head, log_tail)
    return out


def _logsumexp_rows(v: np.ndarray) -> np.ndarray:
    top = v.max(axis=-1)
    safe = np.where(np.isfinite(top), top, 0.0)
    return np.log(np.exp(v - safe[:, None]).sum(axis=-1)) + safe


def _log_ratio_series(first: np.ndarray, step: np.ndarray) -> np.ndarray:
    r""":math:`\log(1 + r_1 + r_1 r_2 + \dots)`, ``r_i = first / (step_i)`` rows, each <= 1/2."""
    return np.log1p(np.cumprod(first[:, None] / step, axis=-1).sum(axis=-1))


def _by_integral(m: np.ndarray, rate: np.ndarray) -> np.ndarray:
    r"""log P(X >= m) for m/2 < rate < 2m, from the Gamma integral of the tail.

    :math:`\frac{d}{dt}P(X_t \ge m) = P(X_t = m - 1)`, so
    :math:`P(X \ge m) = \int_0^\lambda f(t)\,dt` and
    :math:`P(X < m) = \int_\lambda^\infty f(t)\,dt` with :math:`f(t) = t^{m-1}e^{-t}/(m-1)!`.
    The smaller of the two (the first if :math:`\lambda < m`) is integrated from
    :math:`t = \lambda` outwards, as :math:`f(\lambda)\int_0^U e^{D(\lambda) - D(t)}du`
    with :math:`D(t) = D(m - 1, t)` the deviance and :math:`t = \lambda \mp u` carried to
    twice the precision, by Gauss-Legendre on 32 panels.  :math:`\log f` is concave with
    slope :math:`\kappa = (m-1)/\lambda - 1` at :math:`\lambda` and curvature at least
    :math:`c`, so :math:`U` with :math:`\pm\kappa U + cU^2/2 = 45` reaches past
    :math:`e^{-45}` of the start.
    """
    x = m - 1.0
    left = rate < m
    sign = np.where(left, -1.0, 1.0)
    slope = sign * (1.0 - x / rate)            # the integrand's log falls at this rate ...
    curve = x / rate**2 * np.where(left, 1.0, 0.25)   # ... and bends down at least this much
    root = np.sqrt(slope**2 + 2.0 * curve * _DROP)
    # the root of slope*U + curve*U**2/2 = _DROP, in the form that does not cancel
    reach = np.where(slope > 0, 2.0 * _DROP / (root + slope), (root - slope) / curve)
    edges = np.linspace(0.0, 1.0, _PANELS + 1)
    nodes = ((edges[:-1, None] + edges[1:, None]) / 2
             + (edges[1:, None] - edges[:-1, None]) / 2 * _NODES).ravel()
    weights = np.repeat(np.diff(edges), _NODES.size) / 2 * np.tile(_WEIGHTS, _PANELS)
    u = reach[:, None] * nodes
    t_hi, t_lo = two_sum(rate[:, None], sign[:, None] * u)
    log_ratio = deviance(x, rate)[:, None] - deviance(x[:, None], t_hi, t_lo)
    log_integral = (log_poisson_pmf(x, rate) + np.log(reach)
                    + np.log(np.exp(log_ratio) @ weights))
    with np.errstate(divide="ignore"):
        return np.where(left, log_integral, np.log1p(-np.exp(log_integral)))


def log_poisson_at_least(m, rate) -> np.ndarray:
    r""":math:`\log P(X \ge m)`, :math:`X \sim \mathrm{Poisson}(\lambda)`, broadcast.

    ``m`` whole numbers >= 0 (as floats, up to 2**63), ``rate > 0``.  Up to
    ``m = 2000`` the terms are summed; above, far from the centre a series whose ratio
    is at most 1/2 (:math:`\lambda \le m/2`:
    :math:`P(X \ge m) = P(X = m)\sum_{n\ge0}\lambda^n m!/(m+n)!`; :math:`\lambda \ge 2m`:
    :math:`P(X < m) = P(X = m-1)\sum_{n\ge0}\lambda^{-n}(m-1)!/(m-1-n)!`), and near it the
    integral of :func:`_by_integral`: memory and time are the same for m = 10 and 10**18.
    """
    m, rate = (np.array(a, dtype=float) for a in np.broadcast_arrays(m, rate))
    shape, m, rate = m.shape, m.ravel(), rate.ravel()
    out = np.zeros(m.shape)  # P(X >= 0) = 1
    few = (m > 0) & (m <= _TERMS_MAX)
    if few.any():
        out[few] = _by_terms(m[few], rate[few])
    many = m > _TERMS_MAX
    step = np.arange(1.0, _RATIO_TERMS + 1)
    tail = many & (2.0 * rate <= m)
    mt, rt = m[tail], rate[tail]
    out[tail] = log_poisson_pmf(mt, rt) + _log_ratio_series(rt, mt[:, None] + step)
    head = many & (rate >= 2.0 * m)
    mh, rh = m[head], rate[head]
    log_head = log_poisson_pmf(mh - 1.0, rh) + _log_ratio_series(
        np.ones(mh.shape), rh[:, None] / (mh[:, None] - step))
    out[head] = np.log1p(-np.exp(log_head))
    middle = many & ~tail & ~head
    if middle.any():
        out[middle] = _by_integral(m[middle], rate[middle])
    return out.reshape(shape)
