r"""Working in log space: log-sum-exp, normalising a log density on a grid, special functions.

A product of many densities underflows to 0.0 in float64 long before it is meaningless,
so the course keeps every likelihood as a log-likelihood.  Normalising a posterior known
only up to a constant on a grid needs

.. math:: \log \sum_j e^{\ell_j} = m + \log \sum_j e^{\ell_j - m}, \quad m = \max_j \ell_j,

which never overflows and underflows only terms that do not matter.
"""

from __future__ import annotations

import numpy as np

from . import _special
from ._validation import (
    as_axis,
    as_count,
    as_float_array,
    as_positive,
    broadcast_together,
    check_k_le_n,
    check_same_length,
    require_finite,
    scalar,
)

__all__ = [
    "integrate_density",
    "log_beta_function",
    "log_binomial_coefficient",
    "log_gamma",
    "logsumexp",
    "normalise_log_grid",
]


def log_gamma(z) -> np.ndarray | float:
    r"""Elementwise :math:`\log \Gamma(z)` for ``z > 0`` (``math.lgamma`` vectorised).

    Beyond z = 2.5e305 the value exceeds float64's range, which is a ValueError.
    """
    z = as_positive(z, "z")
    try:
        return scalar(_special.lgamma(z))
    except OverflowError:
        raise ValueError(f"z must be <= 2.5e305 (log Gamma(z) overflows float64 beyond), "
                         f"got {z.max():g}") from None


def log_binomial_coefficient(n, k) -> np.ndarray | float:
    r"""Elementwise :math:`\log \binom{n}{k}` for whole numbers ``0 <= k <= n < 2^{63}``.

    .. math:: \log\binom nk = \delta(n) - \delta(k) - \delta(n-k)
              + \tfrac12 \log\frac{n}{2\pi k (n-k)} + k\log\frac nk + (n-k)\log\frac{n}{n-k}

    with the Stirling remainders :math:`\delta` (see :mod:`mlelib._special`): no
    difference of large log-gamma values, so the result keeps full precision for any n
    (the textbook :math:`\log\Gamma(n+1) - \log\Gamma(k+1) - \log\Gamma(n-k+1)` keeps four
    digits at n = 1e12).  ``n`` and ``k`` broadcast together.
    """
    n = as_count(n, "n")
    k = as_count(k, "k")
    check_k_le_n(k, n)
    return scalar(_special.log_choose(k.astype(float), (n - k).astype(float)))


def log_beta_function(a, b) -> np.ndarray | float:
    r""":math:`\log B(a, b) = \log\Gamma(a) + \log\Gamma(b) - \log\Gamma(a + b)` for a, b > 0.

    For a + b >= 10 it is computed as :math:`-\log(a+b-1) - \log\binom{a+b-2}{a-1}`
    with the Stirling-remainder form of :func:`log_binomial_coefficient`, so one huge
    and one small argument (1e9 and 2.5) keep full precision.  ``a`` and ``b``
    broadcast together.
    """
    a = as_positive(a, "a")
    b = as_positive(b, "b")
    broadcast_together(a=a, b=b)
    return scalar(_special.log_beta(a, b))


def logsumexp(values, axis: int | None = None) -> np.ndarray | float:
    r"""Compute :math:`\log \sum_j e^{v_j}` without overflow or needless underflow.

    Parameters
    ----------
    values : array_like
        Log-values; ``-inf`` entries (zero probability) are allowed, NaN is not.
    axis : int, optional
        Axis to sum over; all entries when omitted.

    Returns
    -------
    float or numpy.ndarray
        ``-inf`` where every summed value is ``-inf``.
    """
    v = as_float_array(values, "values", finite=False)
    axis = as_axis(axis, v.ndim)
    if (v == np.inf).any():
        raise ValueError("values must not contain +inf")
    m = np.max(v, axis=axis, keepdims=True)
    m_safe = np.where(np.isfinite(m), m, 0.0)
    with np.errstate(divide="ignore", over="ignore"):  # v - m may be below -1.8e308: exp 0
        out = np.log(np.sum(np.exp(v - m_safe), axis=axis, keepdims=True)) + m_safe
    return scalar(np.squeeze(out, axis=axis) if axis is not None else out.reshape(()))


def _grid_weights(grid: np.ndarray) -> np.ndarray:
    """Trapezoid weights of an increasing 1-D grid: sum(w * f) integrates f."""
    g = as_float_array(grid, "grid", ndim=1)
    if g.size < 2:
        raise ValueError("grid must hold at least 2 points")
    with np.errstate(over="ignore"):
        d = np.diff(g)
    if not (d > 0).all():
        raise ValueError("grid must be strictly increasing")
    require_finite(d, "grid must span less than 1.8e308 (its steps overflow float64)")
    w = np.zeros_like(g)
    w[:-1] += d / 2
    w[1:] += d / 2
    return w


def normalise_log_grid(log_values, grid) -> np.ndarray:
    r"""Turn an unnormalised log density on a 1-D grid into a density that integrates to 1.

    .. math:: p(\theta_j) = \exp\big(\ell_j - \log \textstyle\sum_k w_k e^{\ell_k}\big)

    with trapezoid weights :math:`w_k`, the log normaliser taken by :func:`logsumexp`.

    Parameters
    ----------
    log_values : array_like
        Unnormalised log density at the grid points (``-inf`` allowed).
    grid : array_like
        Strictly increasing grid points, same length as ``log_values``.

    Returns
    -------
    numpy.ndarray
        The normalised density (not its log) at the grid points.
    """
    lv = as_float_array(log_values, "log_values", ndim=1, finite=False)
    return normalised_density(lv, grid, "log_values")


def normalised_density(log_values: np.ndarray, grid, name: str) -> np.ndarray:
    """:func:`normalise_log_grid` for checked 1-D ``log_values``; messages call them ``name``."""
    w = _grid_weights(grid)
    if log_values.shape != w.shape:
        raise ValueError(f"{name} and grid must have the same length, "
                         f"got {log_values.size} and {w.size}")
    if (log_values == np.inf).any():
        raise ValueError(f"{name} must not contain +inf")
    if not np.isfinite(log_values).any():
        raise ValueError(f"{name} must have at least one finite entry")
    with np.errstate(divide="ignore"):
        log_norm = logsumexp(log_values + np.log(w))
    with np.errstate(over="ignore"):  # a value 1.8e308 below the normaliser is exp(-inf) = 0
        density = np.exp(log_values - log_norm)
    require_finite(density, "grid is so narrow that the normalised density exceeds float64's "
                            "range (1.8e308): spread the grid wider")
    return density


def integrate_density(density, grid) -> float:
    """Integrate density values on a 1-D grid with the trapezoid rule (a normalisation check)."""
    f = as_float_array(density, "density", ndim=1)
    w = _grid_weights(grid)
    check_same_length(f, w, "density", "grid")
    with np.errstate(over="ignore", invalid="ignore"):
        total = float(np.sum(w * f))
    require_finite(total, "the integral of density over grid overflows float64")
    return total
