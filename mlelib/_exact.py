r"""Error-free transformations: float64 sums and products carried to twice the precision.

A float64 sum or product is rounded to 53 bits.  The rounding error itself is again a
float64 and can be recovered exactly (Knuth's *TwoSum*, Dekker's *TwoProduct* with
Veltkamp's splitting), so ``a + b == s + t`` and ``a * b == p + e`` hold exactly.  The
course needs this where a tiny quantity is the difference of large ones: the residuals
of a line that fits the data almost exactly (``y - a x - b`` of 1e-8 when ``y`` is about
1), and ``n p`` when a binomial count ``k`` sits next to it.

All functions work elementwise on numpy arrays (or scalars) and are private helpers.
"""

from __future__ import annotations

import numpy as np

_SPLITTER = 134217729.0  # 2**27 + 1: splits a float64 into two 26-bit halves
_SPLIT_MAX = 2.0**996  # above this, _SPLITTER * a would overflow: split a / 2**28
#: elements per block of the residuals: a dozen temporaries of this size stay in cache
BLOCK = 1 << 15


def two_sum(a, b):
    """``s = fl(a + b)`` and the exact error ``t``: ``a + b == s + t``."""
    s = a + b
    b_virtual = s - a
    return s, (a - (s - b_virtual)) + (b - b_virtual)


def _split(a, bounded: bool = False):
    """``a = high + low`` with 26-bit halves; ``bounded`` promises abs(a) <= 2**996."""
    if bounded:
        c = _SPLITTER * a
        high = c - (c - a)
        return high, a - high
    if not np.any(np.abs(a) > _SPLIT_MAX):
        return _split(a, bounded=True)
    scale = np.where(np.abs(a) > _SPLIT_MAX, 2.0**28, 1.0)  # powers of two: exact
    high, low = _split(a / scale, bounded=True)
    return high * scale, low * scale


def two_product(a, b, bounded: bool = False):
    """``p = fl(a * b)`` and the exact error ``e``: ``a * b == p + e`` (no overflow)."""
    p = a * b
    a_hi, a_lo = _split(a, bounded)
    b_hi, b_lo = _split(b, bounded)
    e = ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo
    return p, e


def residuals(x: np.ndarray, y: np.ndarray, a: float, b: float) -> np.ndarray:
    r"""``y - a x - b`` correctly rounded (to within a unit in the last place).

    ``y - b = Y + Y'`` and ``a x = p + e`` are formed exactly; then ``Y - p`` is the
    residual up to the tiny ``Y' - e``, so its one rounding is relative to the residual
    itself, and ``(Y - p) + (Y' - e)`` keeps every digit: a residual of 1e-8 next to ``y``
    of 1 comes out right to the last place (plain float64 keeps about eight digits of
    it).  ``x``, ``y``, ``a``, ``b`` must be at most 2**996 in magnitude (the line model's
    data are); the work is done in blocks of ``BLOCK`` points so that the temporaries
    stay in the processor's cache.
    """
    out = np.empty(np.shape(x))
    for start in range(0, out.size, BLOCK):
        block = slice(start, start + BLOCK)
        shifted, shifted_err = two_sum(y[block], -b)
        p, e = two_product(a, x[block], bounded=True)
        shifted -= p
        shifted_err -= e
        out[block] = shifted + shifted_err
    return out


def compensated_mean(x: np.ndarray) -> tuple[float, float]:
    """The mean of ``x`` as ``m + c``: ``m`` is float64's mean, ``c`` the correction.

    ``c = sum(x - m) / n`` carries what rounding lost in ``m``, so ``x_i - (m + c)``
    is centred to working precision even when the spread of ``x`` is 1e-8 of its size.
    """
    m = float(np.mean(x))
    return m, float(np.sum(x - m)) / x.size
