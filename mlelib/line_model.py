r"""The line model :math:`y_i = a x_i + b + \varepsilon_i`, :math:`\varepsilon_i \sim \mathcal N(0, \sigma^2)`.

Its log-likelihood is

.. math:: \ell(a, b) = -\frac n2 \log(2\pi\sigma^2) - \frac{1}{2\sigma^2}\,\mathrm{RSS}(a, b),
          \qquad \mathrm{RSS}(a, b) = \sum_i (y_i - a x_i - b)^2 .

Where the line fits the data almost exactly and :math:`\sigma` is tiny, RSS is a small
difference of large numbers, so how it is computed decides how many digits survive:

- at a single ``(a, b)`` each residual :math:`y_i - a x_i - b` is formed with error-free
  float64 arithmetic (:func:`mlelib._exact.residuals`), correct to the last digit even
  when it is 1e-8 of :math:`y_i`;
- on a grid, RSS is a quadratic in ``(a, b)``.  It is expanded around the least-squares
  point :math:`(a_0, b_0)` from the residuals :math:`e_i` there and the centred
  :math:`d_i = x_i - \bar x`, with :math:`\Delta a = a - a_0`, :math:`\Delta b = b - b_0`:

  .. math:: \mathrm{RSS} = E - 2\Delta a\,G_x + S_{xx}\Delta a^2 - n h^2
            + n\,(\Delta b + \Delta a\,\bar x + h)^2,
            \qquad h = \frac{S_x \Delta a - G_1}{n},

  :math:`E = \sum e_i^2`, :math:`G_x = \sum e_i d_i`, :math:`G_1 = \sum e_i`,
  :math:`S_{xx} = \sum d_i^2`, :math:`S_x = \sum d_i`.  Every term is small where RSS is
  small, so nothing cancels; a 1000 x 1000 grid costs a few passes over the grid
  whatever n.

The textbook form :math:`S_{yy} - 2aS_{xy} + a^2S_{xx} + n(\bar y - a\bar x - b)^2` (see
:class:`LineStats`) loses up to all digits in that case and is not used for the
likelihood.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from ._exact import BLOCK, compensated_mean, residuals
from ._validation import (
    as_location,
    as_paired_data,
    as_positive,
    broadcast_together,
    location_scalar,
    positive_scalar,
    scalar,
)

__all__ = [
    "LineStats",
    "line_loglik",
    "line_loglik_grid",
    "line_logpdf",
    "line_nll",
    "line_nll_grad",
    "line_sufficient_stats",
]

_HALF_LOG_2PI = 0.5 * math.log(2.0 * math.pi)
_EPS = np.finfo(float).eps
#: relative error allowed in E before the residuals are recomputed error-free
_PLAIN_ENOUGH = 1e-14


class LineStats(NamedTuple):
    r"""Sufficient statistics of paired data for the Gaussian line model.

    .. math:: \sum_i (y_i - a x_i - b)^2 = S_{yy} - 2a S_{xy} + a^2 S_{xx}
              + n(\bar y - a\bar x - b)^2

    with :math:`S_{xx} = \sum (x_i-\bar x)^2`, :math:`S_{xy} = \sum (x_i-\bar x)(y_i-\bar y)`,
    :math:`S_{yy} = \sum (y_i-\bar y)^2`.  The identity is exact, but evaluated in float64
    its first three terms cancel when the line fits well; the likelihood functions of
    this module use the expansion described in the module docstring instead.
    """

    n: int
    x_mean: float
    y_mean: float
    sxx: float
    sxy: float
    syy: float


def line_sufficient_stats(x, y) -> LineStats:
    """Reduce data ``(x, y)`` to :class:`LineStats`, centred about the exactly rounded means."""
    x, y = as_paired_data(x, y)
    (mx, cx), (my, cy) = compensated_mean(x), compensated_mean(y)
    dx, dy = (x - mx) - cx, (y - my) - cy
    return LineStats(x.size, mx + cx, my + cy, float(np.sum(dx * dx)), float(np.sum(dx * dy)),
                     float(np.sum(dy * dy)))


class _Expansion(NamedTuple):
    """RSS(a, b) as a quadratic around (a0, b0); see the module docstring."""

    n: int
    x_mean: float
    a0: float
    b0: float
    rss0: float
    g_x: float
    g_1: float
    sxx: float
    s_x: float


def _expand(x: np.ndarray, y: np.ndarray) -> _Expansion:
    """The coefficients of RSS around the least-squares line, in three passes over the data.

    The residuals at (a0, b0) are taken in plain float64 when their rounding error is
    provably below ``_PLAIN_ENOUGH`` relative in E (the usual case: noise well above 1e-13
    of the data), and error-free otherwise (the line fits to 1e-8: slower, exact).  The
    data are read in blocks that fit the processor's cache; each block's sums are
    numpy's pairwise sums.
    """
    n = x.size
    mx, my = float(x.mean()), float(y.mean())
    sxx = s_x = s_xy = 0.0
    for block in _blocks(n):
        d = x[block] - mx
        sxx += float((d * d).sum())
        s_x += float(d.sum())
        s_xy += float((d * y[block]).sum())
    # the slope of the centred fit; 0 where x has no spread beyond rounding (mx itself
    # may be off by an ulp, so the d_i need not sum to 0)
    spread = sxx - s_x * s_x / n
    a0 = (s_xy - my * s_x) / spread if spread > 16 * _EPS * sxx else 0.0
    b0 = my - a0 * mx
    # |rounding of e_i| <= eps (|a0 x_i| + |b0| + 2|e_i|); by Cauchy-Schwarz E is then
    # within _PLAIN_ENOUGH relative when this holds (E = sum e_i^2 over the n points)
    scale = abs(a0) * math.sqrt(sxx + n * mx * mx) + abs(b0) * math.sqrt(n)

    def plain_enough(rss0: float) -> bool:
        return 2 * _EPS * (scale + 2 * math.sqrt(rss0)) <= _PLAIN_ENOUGH * math.sqrt(rss0)

    # a first block predicts E; going error-free on a wrong prediction only costs time
    probe, _, _ = _residual_sums(x[:BLOCK], y[:BLOCK], a0, b0, mx, exact=False)
    exact = not plain_enough(probe * n / min(n, BLOCK))
    rss0, g_x, g_1 = _residual_sums(x, y, a0, b0, mx, exact)
    if not exact and not plain_enough(rss0):
        rss0, g_x, g_1 = _residual_sums(x, y, a0, b0, mx, exact=True)
    return _Expansion(n, mx, a0, b0, rss0, g_x, g_1, sxx, s_x)


def _blocks(n: int):
    return (slice(start, start + BLOCK) for start in range(0, n, BLOCK))


def _residual_sums(x, y, a0: float, b0: float, mx: float, exact: bool):
    """E, G_x and G_1 of the residuals e_i at (a0, b0), plain or error-free."""
    rss0 = g_x = g_1 = 0.0
    for block in _blocks(x.size):
        xb, yb = x[block], y[block]
        if exact:
            e = residuals(xb, yb, a0, b0)
        else:
            e = xb * a0
            np.subtract(yb, e, out=e)
            e -= b0
        rss0 += float((e * e).sum())
        g_x += float((e * (xb - mx)).sum())
        g_1 += float(e.sum())
    return rss0, g_x, g_1


def _profile(q: _Expansion, a: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For slopes ``a``: the least RSS over b, where it lies (as b - b0), and a - a0."""
    da = a - q.a0
    h = (q.s_x * da - q.g_1) / q.n
    with np.errstate(over="ignore"):
        rss_min = np.maximum(q.rss0 - 2.0 * da * q.g_x + q.sxx * da * da - q.n * h * h, 0.0)
    return rss_min, -(da * q.x_mean + h), da


def _loglik_from_rss(n: int, rss, sigma):
    with np.errstate(over="ignore"):
        return -n * (_HALF_LOG_2PI + np.log(sigma)) - 0.5 * (rss / sigma / sigma)


def line_logpdf(x, y, a, b, sigma) -> np.ndarray:
    r"""Per-point log-likelihood of the line model :math:`y = a x + b + \varepsilon`.

    .. math:: \log \mathcal N(y_i;\, a x_i + b,\, \sigma^2)

    Returns one value per data point (``a``, ``b``, ``sigma`` scalars); the residuals are
    exact to the last digit (see the module docstring).
    """
    x, y = as_paired_data(x, y)
    a, b = location_scalar(a, "a"), location_scalar(b, "b")
    sigma = positive_scalar(sigma, "sigma")
    with np.errstate(over="ignore"):
        z = residuals(x, y, a, b) / sigma
        return -_HALF_LOG_2PI - math.log(sigma) - 0.5 * (z * z)


def line_loglik(x, y, a, b, sigma) -> np.ndarray | float:
    r"""Total log-likelihood of the line model, for one ``(a, b, sigma)`` or broadcast grids.

    .. math:: \ell(a, b) = -\frac n2 \log(2\pi\sigma^2)
              - \frac{1}{2\sigma^2}\sum_i (y_i - a x_i - b)^2

    A single ``(a, b)`` sums the squares of exact residuals; arrays of ``a`` and ``b``
    use the expansion of the module docstring, at a cost independent of ``n`` per
    ``(a, b)``.  ``a``, ``b`` and ``sigma`` broadcast together.
    """
    x, y = as_paired_data(x, y)
    a, b = as_location(a, "a"), as_location(b, "b")
    sigma = as_positive(sigma, "sigma")
    broadcast_together(a=a, b=b, sigma=sigma)
    if a.ndim == 0 and b.ndim == 0:
        r = residuals(x, y, float(a), float(b))
        rss = float(np.sum(r * r))
    else:
        q = _expand(x, y)
        rss_min, centre, _ = _profile(q, a)
        gap = (b - q.b0) - centre
        rss = rss_min + q.n * gap * gap
    return scalar(_loglik_from_rss(x.size, rss, sigma))


def line_loglik_grid(x, y, a_values, b_values, sigma: float) -> np.ndarray:
    r"""Log-likelihood of the line model on the grid ``a_values x b_values``.

    Element ``[i, j]`` is :math:`\ell(a_i, b_j)`.  The residual sum of squares is a
    quadratic in ``(a, b)``, expanded around the least-squares line (module docstring):
    for each :math:`a_i` the least RSS over ``b`` plus :math:`n` times the squared
    distance of :math:`b_j` from where that least RSS lies.  A 1000 x 1000 grid costs a
    few passes over the grid whatever ``n``, and keeps full precision when the line fits
    the data to 1e-8 and ``sigma`` is 1e-8.

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
    x, y = as_paired_data(x, y)
    a = as_location(a_values, "a_values", ndim=1)
    b = as_location(b_values, "b_values", ndim=1)
    sigma = positive_scalar(sigma, "sigma")
    q = _expand(x, y)
    rss_min, centre, _ = _profile(q, a)
    out = np.subtract.outer(centre, b - q.b0)  # minus the gap; squared below
    with np.errstate(over="ignore"):
        if sigma > 1e-150:
            np.multiply(out, out, out=out)
            out *= -0.5 * q.n / sigma / sigma
        else:  # 1/sigma^2 would overflow: divide first, then square
            out /= sigma
            np.multiply(out, out, out=out)
            out *= -0.5 * q.n
        out += _loglik_from_rss(q.n, rss_min, sigma)[:, None]
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

    Both vanish at the least-squares solution.  Returns ``array([d/da, d/db])``; the
    residuals are exact to the last digit.
    """
    x, y = as_paired_data(x, y)
    a, b = location_scalar(a, "a"), location_scalar(b, "b")
    sigma = positive_scalar(sigma, "sigma")
    r = residuals(x, y, a, b)
    with np.errstate(over="ignore"):
        return -np.array([np.sum(r * x), np.sum(r)]) / sigma / sigma
