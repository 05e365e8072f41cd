r"""Working in log space: log-sum-exp, normalising a log density on a grid, special functions.

A product of many densities underflows to 0.0 in float64 long before it is meaningless,
so the course keeps every likelihood as a log-likelihood.  Normalising a posterior known
only up to a constant on a grid needs

.. math:: \log \sum_j e^{\ell_j} = m + \log \sum_j e^{\ell_j - m}, \quad m = \max_j \ell_j,

which never overflows and underflows only terms that do not matter.
"""

from __future__ import annotations

import math

import numpy as np

from ._validation import as_count, as_float_array, as_positive, check_k_le_n, scalar

__all__ = [
    "integrate_density",
    "log_beta_function",
    "log_binomial_coefficient",
    "log_gamma",
    "logsumexp",
    "normalise_log_grid",
]

_lgamma = np.vectorize(math.lgamma, otypes=[float])


def log_gamma(z) -> np.ndarray | float:
    r"""Elementwise :math:`\log \Gamma(z)` for ``z > 0`` (``math.lgamma`` vectorised)."""
    z = as_float_array(z, "z")
    if (z <= 0).any():
        raise ValueError("z must be > 0")
    return scalar(_lgamma(z))


def log_binomial_coefficient(n, k) -> np.ndarray | float:
    r"""Elementwise :math:`\log \binom{n}{k} = \log\Gamma(n+1) - \log\Gamma(k+1) - \log\Gamma(n-k+1)`.

    ``n`` and ``k`` are whole numbers with ``0 <= k <= n``.
    """
    n = as_count(n, "n")
    k = as_count(k, "k")
    check_k_le_n(k, n)
    n = n.astype(float)
    k = k.astype(float)
    return scalar(_lgamma(n + 1) - _lgamma(k + 1) - _lgamma(n - k + 1))


def log_beta_function(a, b) -> np.ndarray | float:
    r""":math:`\log B(a, b) = \log\Gamma(a) + \log\Gamma(b) - \log\Gamma(a + b)` for a, b > 0."""
    a = as_positive(a, "a")
    b = as_positive(b, "b")
    return scalar(_lgamma(a) + _lgamma(b) - _lgamma(a + b))


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
    if (v == np.inf).any():
        raise ValueError("values must not contain +inf")
    m = np.max(v, axis=axis, keepdims=True)
    m_safe = np.where(np.isfinite(m), m, 0.0)
    with np.errstate(divide="ignore"):
        out = np.log(np.sum(np.exp(v - m_safe), axis=axis, keepdims=True)) + m_safe
    return scalar(np.squeeze(out, axis=axis) if axis is not None else out.reshape(()))


def _grid_weights(grid: np.ndarray) -> np.ndarray:
    """Trapezoid weights of an increasing 1-D grid: sum(w * f) integrates f."""
    g = as_float_array(grid, "grid", ndim=1)
    if g.size < 2:
        raise ValueError("grid must hold at least 2 points")
    if not (np.diff(g) > 0).all():
        raise ValueError("grid must be strictly increasing")
    w = np.zeros_like(g)
    d = np.diff(g)
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
    w = _grid_weights(grid)
    if lv.shape != w.shape:
        raise ValueError(
            f"log_values and grid must have the same length, got {lv.size} and {w.size}"
        )
    if not np.isfinite(lv).any():
        raise ValueError("log_values must have at least one finite entry")
    with np.errstate(divide="ignore"):
        log_norm = logsumexp(lv + np.log(w))
    return np.exp(lv - log_norm)


def integrate_density(density, grid) -> float:
    """Integrate density values on a 1-D grid with the trapezoid rule (a normalisation check)."""
    f = as_float_array(density, "density", ndim=1)
    w = _grid_weights(grid)
    if f.shape != w.shape:
        raise ValueError(f"density and grid must have the same length, got {f.size} and {w.size}")
    return float(np.sum(w * f))
