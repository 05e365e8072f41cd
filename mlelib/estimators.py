r"""Estimators: maximum likelihood (MLE) and maximum a posteriori (MAP) in closed form.

For the line model :math:`y = a x + b + \varepsilon`, :math:`\varepsilon\sim\mathcal N(0,\sigma^2)`,
maximising the log-likelihood is minimising the residual sum of squares, so the MLE of
:math:`\theta = (a, b)` solves the normal equations :math:`X^\top X\,\theta = X^\top y` with
design matrix :math:`X = [x, 1]`.  With a Gaussian prior :math:`\theta\sim\mathcal N(0,\tau^2 I)`
the MAP estimate is ridge regression,
:math:`(X^\top X + \lambda I)\,\theta = X^\top y` with :math:`\lambda = \sigma^2/\tau^2`.

Both are solved as linear systems (``np.linalg.solve`` / ``lstsq``), never by forming an
explicit inverse: solving is cheaper and loses fewer digits when :math:`X^\top X` is
ill-conditioned.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from ._exact import compensated_mean, residuals
from ._validation import (
    as_count,
    as_data,
    as_flag,
    as_float_array,
    as_frequency_table,
    as_paired_data,
    check_k_le_n,
    location_scalar,
    positive_scalar,
    require_finite,
)

__all__ = [
    "LineFit",
    "design_matrix",
    "gaussian_mean_mle",
    "least_squares_line",
    "poisson_rate_mle",
    "proportion_mle",
    "ridge_lambda",
    "ridge_map",
    "sigma_mle",
]


class LineFit(NamedTuple):
    """Slope ``a`` and intercept ``b`` of a fitted line."""

    slope: float
    intercept: float


def design_matrix(x) -> np.ndarray:
    """The design matrix ``X = [x, 1]`` of the line model, shape ``(n, 2)``."""
    x = as_data(x, "x")
    return np.column_stack([x, np.ones_like(x)])


def least_squares_line(x, y) -> LineFit:
    r"""MLE of ``(a, b)`` under Gaussian noise: the least-squares line.

    .. math:: \hat\theta = \arg\min_\theta \lVert y - X\theta\rVert^2,
              \quad X = [x, 1]

    Solved with ``np.linalg.lstsq`` (an orthogonal factorisation of ``X``), which is
    accurate even when :math:`X^\top X` is badly conditioned.

    Raises
    ------
    ValueError
        If ``x`` has fewer than two distinct values (the line is not identified).
    """
    x, y = as_paired_data(x, y)
    if np.unique(x).size < 2:
        raise ValueError("x must have at least two distinct values to fit a line")
    theta, *_ = np.linalg.lstsq(design_matrix(x), y, rcond=None)
    return LineFit(float(theta[0]), float(theta[1]))


def sigma_mle(x, y, a: float, b: float) -> float:
    r"""MLE of the noise standard deviation given the line: the RMS residual.

    .. math:: \hat\sigma = \sqrt{\tfrac1n \sum_i (y_i - a x_i - b)^2}

    (divides by ``n``, not ``n - 2``: the MLE is biased low.)  The residuals are exact to
    the last digit (:func:`mlelib._exact.residuals`), so a line that fits to 1e-8 still
    gets every digit of its 1e-8.
    """
    x, y = as_paired_data(x, y)
    a = location_scalar(a, "a")
    b = location_scalar(b, "b")
    r = residuals(x, y, a, b)
    scale = float(np.max(np.abs(r)))
    if scale == 0.0:
        return 0.0
    return scale * math.sqrt(float(np.mean(np.square(r / scale))))


def ridge_lambda(sigma: float, tau: float) -> float:
    r"""Ridge strength of a Gaussian prior: :math:`\lambda = \sigma^2/\tau^2`."""
    sigma = positive_scalar(sigma, "sigma")
    tau = positive_scalar(tau, "tau")
    with np.errstate(over="ignore", under="ignore"):
        lam = float(np.square(sigma / tau))
    require_finite(lam, f"sigma / tau must be below 1.3e154 (lambda = (sigma/tau)^2 "
                        f"overflows float64), got sigma={sigma:g}, tau={tau:g}")
    return lam


def ridge_map(x, y, *, lam: float | None = None, sigma: float | None = None,
              tau: float | None = None, penalize_intercept: bool = True) -> LineFit:
    r"""MAP estimate of ``(a, b)`` under a zero-mean Gaussian prior: ridge regression.

    .. math:: \hat\theta_{MAP} = (X^\top X + \lambda D)^{-1} X^\top y,
              \quad \lambda = \sigma^2/\tau^2

    computed with ``np.linalg.solve`` (no explicit inverse).  ``D`` is the identity, or
    ``diag(1, 0)`` when the intercept is left unpenalised (a flat prior on ``b``).

    Parameters
    ----------
    x, y : array_like
        The data.
    lam : float, optional
        Ridge strength :math:`\lambda \ge 0`.  Give either ``lam`` or both ``sigma`` and ``tau``.
    sigma, tau : float, optional
        Noise and prior standard deviations, > 0.
    penalize_intercept : bool
        ``False`` shrinks only the slope.
    """
    x, y = as_paired_data(x, y)
    penalize_intercept = as_flag(penalize_intercept, "penalize_intercept")
    if lam is None:
        if sigma is None or tau is None:
            raise ValueError("give either lam, or both sigma and tau")
        lam = ridge_lambda(sigma, tau)
    else:
        if sigma is not None or tau is not None:
            raise ValueError("give either lam, or sigma and tau, not both")
        lam = float(as_float_array(lam, "lam", ndim=0, finite=False))
        if not np.isfinite(lam) or lam < 0:
            raise ValueError(f"lam must be a finite number >= 0, got {lam}")
    X = design_matrix(x)
    penalty = np.diag([1.0, 1.0 if penalize_intercept else 0.0])
    A = X.T @ X + lam * penalty
    if np.linalg.matrix_rank(A) < 2:
        raise ValueError("x must have at least two distinct values to fit a line")
    theta = np.linalg.solve(A, X.T @ y)
    return LineFit(float(theta[0]), float(theta[1]))


def gaussian_mean_mle(data) -> float:
    r"""MLE of a Gaussian mean: the sample mean :math:`\bar x = \frac1n\sum_i x_i`.

    Float64's mean plus the correction :math:`\frac1n\sum_i (x_i - \bar x)`, which
    recovers what rounding lost (see :func:`mlelib._exact.compensated_mean`).
    """
    m, c = compensated_mean(as_data(data, "data"))
    return m + c


def proportion_mle(k, n) -> float:
    r"""MLE of a success probability from ``k`` successes in ``n`` trials: :math:`k/n`."""
    k = as_count(k, "k")
    n = as_count(n, "n")
    if k.ndim or n.ndim:
        raise ValueError(f"k and n must be single counts, got shapes {k.shape} and {n.shape}")
    check_k_le_n(k, n)
    if n == 0:
        raise ValueError("n must be >= 1")
    return float(k) / float(n)


def poisson_rate_mle(k, weights=None) -> float:
    r"""MLE of a Poisson rate: the (weighted) mean count :math:`\sum w_i k_i / \sum w_i`."""
    k, w = as_frequency_table(k, weights)
    # in float64: int64 products and sums of large counts would wrap around silently
    wf = w.astype(float)
    return float(np.sum(wf * k.astype(float)) / np.sum(wf))
