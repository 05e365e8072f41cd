r"""Exact bias, variance and risk of the course's estimators under squared loss.

An estimator :math:`\hat\theta` is a function of random data, so it is itself random.
Its *risk* at the true value :math:`\theta` is its mean squared error, which splits into
a systematic part and a random part:

.. math:: R(\theta) = \mathbb E\big[(\hat\theta - \theta)^2\big]
          = \underbrace{\big(\mathbb E\hat\theta - \theta\big)^2}_{\text{bias}^2}
          + \underbrace{\mathbb E\big[(\hat\theta - \mathbb E\hat\theta)^2\big]}_{\text{variance}} .

Every function here returns the three numbers in closed form, as the reference the
notebooks check their exact sums and their simulations against:

- :func:`proportion_risk`: the linear estimators :math:`(k + c)/(n + d)` of a success
  probability (the MLE, and the MAP and posterior mean of a Beta prior, see
  :func:`beta_estimator_shifts`);
- :func:`gaussian_variance_risk`: :math:`\mathrm{RSS}/d` as an estimator of a normal
  variance;
- :func:`ridge_risk`: the coefficients of the ridge (MAP) line of a fixed design.
"""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple

import numpy as np

from ._validation import (
    COUNT_LIMIT,
    as_flag,
    as_float_array,
    as_int,
    as_probability,
    location_scalar,
    positive_scalar,
    require_finite,
    scalar,
)
from .estimators import design_matrix

__all__ = [
    "Risk",
    "beta_estimator_shifts",
    "gaussian_variance_risk",
    "proportion_risk",
    "ridge_risk",
]


class Risk(NamedTuple):
    """Bias, variance and risk (mean squared error) of an estimator at a true value.

    ``risk == bias**2 + variance``; each is a float, or an array for a grid of true
    values (or, for :func:`ridge_risk`, one entry per coefficient).
    """

    bias: np.ndarray | float
    variance: np.ndarray | float
    risk: np.ndarray | float


def _finite_scalar(value, name: str) -> float:
    return float(as_float_array(value, name, ndim=0))


def proportion_risk(p, n: int, c: float = 0.0, d: float = 0.0) -> Risk:
    r"""Exact risk of the estimator :math:`\hat p = (k + c)/(n + d)` of a success probability.

    With :math:`k \sim \mathrm{Binomial}(n, p)`, :math:`\mathbb E k = np` and
    :math:`\mathrm{Var}\,k = np(1-p)`, so

    .. math:: \text{bias} = \frac{np + c}{n + d} - p = \frac{c - dp}{n + d}, \qquad
              \text{variance} = \frac{np(1-p)}{(n + d)^2}, \qquad
              R(p) = \text{bias}^2 + \text{variance}.

    ``c = d = 0`` is the MLE :math:`k/n`; a Beta(alpha, beta) prior gives the MAP
    (``c = alpha - 1``, ``d = alpha + beta - 2``) and the posterior mean (``c = alpha``,
    ``d = alpha + beta``), see :func:`beta_estimator_shifts`.

    Parameters
    ----------
    p : float or array_like
        True success probability (or a grid of them), in [0, 1].
    n : int
        Number of trials, at least 1.
    c, d : float
        Pseudo-successes added to ``k`` and pseudo-trials added to ``n``; ``n + d > 0``.

    Returns
    -------
    Risk
        Bias, variance and risk, floats for a scalar ``p``, arrays for a grid.
    """
    p = as_probability(p, "p")
    n = as_int(n, "n", minimum=1, maximum=COUNT_LIMIT - 1)
    c = _finite_scalar(c, "c")
    d = _finite_scalar(d, "d")
    if n + d <= 0:
        raise ValueError(f"n + d must be > 0 (the estimator divides by it), got {n + d}")
    total = n + d
    # divided before multiplied, so that nothing overflows on the way to a finite risk
    bias = c / total - (d / total) * p
    variance = (n / total) * (p * (1.0 - p)) / total
    with np.errstate(over="ignore"):  # refused just below
        risk = bias * bias + variance
    require_finite(risk, "c and d give a risk beyond float64's range (about 1.8e308)")
    return Risk(scalar(bias), scalar(variance), scalar(risk))


def beta_estimator_shifts(alpha: float, beta: float) -> dict[str, tuple[float, float]]:
    r"""The shifts ``(c, d)`` of the three estimates :math:`(k + c)/(n + d)` under a Beta prior.

    .. math:: \hat p_{\text{MLE}} = \frac{k}{n}, \qquad
              \hat p_{\text{MAP}} = \frac{k + \alpha - 1}{n + \alpha + \beta - 2}, \qquad
              \hat p_{\text{Bayes}} = \frac{k + \alpha}{n + \alpha + \beta}

    The MAP formula is the posterior's argmax only when ``alpha >= 1`` and
    ``beta >= 1`` (otherwise the Beta posterior can peak at an end of [0, 1]), so both
    must be at least 1.

    Returns
    -------
    dict
        ``{"MLE": (0, 0), "MAP": (alpha - 1, alpha + beta - 2),
        "posterior mean": (alpha, alpha + beta)}``, in that order.
    """
    alpha = positive_scalar(alpha, "alpha")
    beta = positive_scalar(beta, "beta")
    for name, value in (("alpha", alpha), ("beta", beta)):
        if value < 1:
            raise ValueError(f"{name} must be >= 1 for the MAP (k + alpha - 1) / "
                             f"(n + alpha + beta - 2) to be the posterior's peak, got {value}")
    require_finite(alpha + beta, f"alpha + beta must be below 1.8e308 (float64's range), "
                                 f"got alpha = {alpha:g} and beta = {beta:g}")
    return {"MLE": (0.0, 0.0), "MAP": (alpha - 1.0, alpha + beta - 2.0),
            "posterior mean": (alpha, alpha + beta)}


def gaussian_variance_risk(n: int, divisor: float, sigma2: float = 1.0) -> Risk:
    r"""Exact risk of :math:`\mathrm{RSS}/d` as an estimator of a normal variance.

    For :math:`x_1, \dots, x_n \sim \mathcal N(\mu, \sigma^2)` and
    :math:`\mathrm{RSS} = \sum_i (x_i - \bar x)^2`, :math:`\mathrm{RSS}/\sigma^2 \sim
    \chi^2_{n-1}`, with mean :math:`n - 1` and variance :math:`2(n - 1)`.  Hence

    .. math:: \text{bias} = \sigma^2\Big(\frac{n-1}{d} - 1\Big), \qquad
              \text{variance} = \frac{2(n-1)\,\sigma^4}{d^2} .

    ``d = n`` is the MLE, ``d = n - 1`` the unbiased estimator, and ``d = n + 1`` has
    the smallest risk of all divisors.

    Parameters
    ----------
    n : int
        Sample size, at least 2 (with one point the RSS is always 0).
    divisor : float
        The divisor ``d``, > 0.
    sigma2 : float
        The true variance, > 0.
    """
    n = as_int(n, "n", minimum=2, maximum=COUNT_LIMIT - 1)
    divisor = positive_scalar(divisor, "divisor")
    sigma2 = positive_scalar(sigma2, "sigma2")
    # sigma2 / divisor first: squaring sigma2 alone overflows (or underflows) long before
    # the risk does; n - 1 - divisor is taken exactly, then rounded once
    ratio = sigma2 / divisor
    bias = ratio * float(Fraction(n - 1) - Fraction(divisor))
    variance = 2.0 * (n - 1) * ratio * ratio
    risk = bias * bias + variance
    require_finite(risk, "sigma2 and divisor give a risk beyond float64's range (about "
                   f"1.8e308), got sigma2 = {sigma2:g} and divisor = {divisor:g}")
    return Risk(bias, variance, risk)


def ridge_risk(x, slope: float, intercept: float, sigma: float, lam: float, *,
               penalize_intercept: bool = True) -> Risk:
    r"""Exact risk of the ridge (MAP) coefficients of the line model, for a fixed design.

    With :math:`y = X\theta + \varepsilon`, :math:`\varepsilon \sim \mathcal N(0, \sigma^2 I)`,
    :math:`X = [x, 1]` and :math:`A = X^\top X + \lambda D`, the estimate
    :math:`\hat\theta = A^{-1}X^\top y` is linear in :math:`y`, so

    .. math:: \mathbb E\hat\theta = A^{-1}X^\top X\,\theta, \qquad
              \mathrm{Cov}\,\hat\theta = \sigma^2 A^{-1}X^\top X A^{-1} .

    ``D`` is the identity, or ``diag(1, 0)`` when the intercept is not penalised.
    ``lam = 0`` is the MLE (unbiased); as ``lam`` grows the estimate shrinks to 0.

    Parameters
    ----------
    x : array_like
        The fixed design, 1-D, at least two distinct values.
    slope, intercept : float
        The true line.
    sigma : float
        Noise standard deviation, > 0.
    lam : float
        Ridge strength :math:`\lambda = \sigma^2/\tau^2 \ge 0`.

    Returns
    -------
    Risk
        Arrays of two entries each: (slope, intercept).
    """
    X = design_matrix(x)
    theta = np.array([location_scalar(slope, "slope"), location_scalar(intercept, "intercept")])
    sigma = positive_scalar(sigma, "sigma")
    lam = _finite_scalar(lam, "lam")
    if lam < 0:
        raise ValueError(f"lam must be >= 0, got {lam}")
    gram = X.T @ X
    A = gram + lam * np.diag([1.0, 1.0 if as_flag(penalize_intercept, "penalize_intercept") else 0.0])
    if np.linalg.matrix_rank(A) < 2:
        raise ValueError("x must have at least two distinct values to fit a line")
    shrink = np.linalg.solve(A, gram)                  # A^-1 X^T X
    bias = shrink @ theta - theta
    with np.errstate(over="ignore"):   # refused just below; sigma**2 alone may overflow
        # sigma^2 diag(A^-1 X^T X A^-1), squared after the product so sigma^2 cannot overflow alone
        variance = (sigma * np.sqrt(np.diag(np.linalg.solve(A, shrink.T)))) ** 2
    require_finite(variance, f"sigma = {sigma:g} gives a variance beyond float64's range "
                             "(about 1.8e308)")
    return Risk(bias, variance, bias * bias + variance)
