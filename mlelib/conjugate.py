r"""Conjugate posteriors, their summaries, and a brute-force grid posterior to check them.

A prior is *conjugate* to a likelihood when the posterior
:math:`p(\theta\mid D) = p(D\mid\theta)\,p(\theta)/p(D)` stays in the prior's family, so
updating on data only changes the family's parameters.  Each function returns the
posterior's parameters with its mean (the Bayesian estimate under squared loss), its
mode (the MAP estimate, ``None`` where the density has no interior maximum) and its
variance.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from ._validation import (
    as_count,
    as_data,
    as_float_array,
    as_positive,
    as_probability,
    check_k_le_n,
    check_same_length,
    positive_scalar,
    scalar,
)
from .logspace import log_beta_function, log_gamma, normalise_log_grid

__all__ = [
    "BetaPosterior",
    "GammaPosterior",
    "NormalPosterior",
    "beta_bernoulli_posterior",
    "beta_binomial_posterior",
    "beta_logpdf",
    "gamma_logpdf",
    "gamma_poisson_posterior",
    "grid_posterior",
    "normal_normal_posterior",
]


class BetaPosterior(NamedTuple):
    r"""A :math:`\mathrm{Beta}(\alpha, \beta)` distribution and its summaries."""

    alpha: float
    beta: float
    mean: float
    mode: float | None
    var: float


class NormalPosterior(NamedTuple):
    r"""A :math:`\mathcal N(\text{mean}, \text{sd}^2)` distribution (mean = mode)."""

    mean: float
    sd: float
    mode: float
    var: float


class GammaPosterior(NamedTuple):
    r"""A :math:`\mathrm{Gamma}(\text{shape}, \text{rate})` distribution and its summaries."""

    shape: float
    rate: float
    mean: float
    mode: float | None
    var: float


def _beta_summary(a: float, b: float) -> BetaPosterior:
    mean = a / (a + b)
    mode = (a - 1.0) / (a + b - 2.0) if a > 1 and b > 1 else None
    var = a * b / ((a + b) ** 2 * (a + b + 1.0))
    return BetaPosterior(a, b, mean, mode, var)


def _beta_prior(alpha, beta) -> tuple[float, float]:
    return positive_scalar(alpha, "alpha"), positive_scalar(beta, "beta")


def beta_bernoulli_posterior(alpha: float, beta: float, k: int, n: int) -> BetaPosterior:
    r"""Posterior of a success probability after ``k`` successes in ``n`` Bernoulli trials.

    .. math:: \mathrm{Beta}(\alpha, \beta) \;\to\; \mathrm{Beta}(\alpha + k,\ \beta + n - k)

    mean :math:`(\alpha+k)/(\alpha+\beta+n)`; MAP :math:`(\alpha+k-1)/(\alpha+\beta+n-2)`
    when both posterior parameters exceed 1.
    """
    a0, b0 = _beta_prior(alpha, beta)
    k = as_count(k, "k")
    n = as_count(n, "n")
    if k.ndim or n.ndim:
        raise ValueError("k and n must be single counts")
    check_k_le_n(k, n)
    return _beta_summary(a0 + int(k), b0 + int(n - k))


def beta_binomial_posterior(alpha: float, beta: float, successes, trials) -> BetaPosterior:
    r"""Posterior of a success probability from several binomial experiments.

    Experiment ``i`` has ``trials[i]`` trials and ``successes[i]`` successes:

    .. math:: \mathrm{Beta}(\alpha, \beta) \;\to\;
              \mathrm{Beta}\big(\alpha + \textstyle\sum_i x_i,\ \beta + \sum_i N_i - \sum_i x_i\big)
    """
    a0, b0 = _beta_prior(alpha, beta)
    x = as_count(successes, "successes")
    n = as_count(trials, "trials")
    if x.ndim != 1 or n.ndim != 1:
        raise ValueError("successes and trials must be 1-D")
    check_same_length(x, n, "successes", "trials")
    check_k_le_n(x, n, "successes", "trials")
    return _beta_summary(a0 + int(x.sum()), b0 + int(n.sum() - x.sum()))


def normal_normal_posterior(mu0: float, s0: float, sigma: float, data) -> NormalPosterior:
    r"""Posterior of a Gaussian mean with known noise ``sigma`` and prior :math:`\mathcal N(\mu_0, s_0^2)`.

    .. math:: \text{precision} = \frac1{s_0^2} + \frac n{\sigma^2}, \qquad
              \text{mean} = \frac{\mu_0/s_0^2 + \sum_i x_i/\sigma^2}{\text{precision}}
    """
    mu0 = float(as_float_array(mu0, "mu0", ndim=0))
    s0 = positive_scalar(s0, "s0")
    sigma = positive_scalar(sigma, "sigma")
    x = as_data(data, "data")
    precision = 1.0 / s0 ** 2 + x.size / sigma ** 2
    mean = (mu0 / s0 ** 2 + x.sum() / sigma ** 2) / precision
    var = 1.0 / precision
    return NormalPosterior(float(mean), math.sqrt(var), float(mean), var)


def gamma_poisson_posterior(shape: float, rate: float, k, weights=None) -> GammaPosterior:
    r"""Posterior of a Poisson rate under a :math:`\mathrm{Gamma}(a, b)` prior (rate parametrisation).

    .. math:: \mathrm{Gamma}(a, b) \;\to\; \mathrm{Gamma}\big(a + \textstyle\sum_i w_i k_i,\ b + \sum_i w_i\big)

    mean :math:`a'/b'`, mode :math:`(a'-1)/b'` when :math:`a' \ge 1`, variance :math:`a'/b'^2`.
    """
    a0 = positive_scalar(shape, "shape")
    b0 = positive_scalar(rate, "rate")
    k = as_count(k, "k")
    if k.ndim != 1:
        raise ValueError("k must be 1-D")
    w = np.ones_like(k) if weights is None else as_count(weights, "weights")
    check_same_length(k, w, "k", "weights")
    a = a0 + float(np.sum(w * k))
    b = b0 + float(np.sum(w))
    mode = (a - 1.0) / b if a >= 1 else None
    return GammaPosterior(a, b, a / b, mode, a / b ** 2)


def beta_logpdf(p, alpha: float, beta: float) -> np.ndarray | float:
    r"""Log-density of :math:`\mathrm{Beta}(\alpha,\beta)`:
    :math:`(\alpha-1)\log p + (\beta-1)\log(1-p) - \log B(\alpha,\beta)`.

    ``p`` in [0, 1]; at the ends the value is ``-inf`` or ``+inf`` as the maths says.
    """
    p = as_probability(p, "p")
    a, b = _beta_prior(alpha, beta)
    with np.errstate(divide="ignore", invalid="ignore"):
        la = np.where(a == 1.0, 0.0, (a - 1.0) * np.log(p))
        lb = np.where(b == 1.0, 0.0, (b - 1.0) * np.log1p(-p))
    return scalar(la + lb - log_beta_function(a, b))


def gamma_logpdf(lam, shape: float, rate: float) -> np.ndarray | float:
    r"""Log-density of :math:`\mathrm{Gamma}(a, b)` (rate ``b``):
    :math:`a\log b - \log\Gamma(a) + (a-1)\log\lambda - b\lambda`, for :math:`\lambda > 0`."""
    lam = as_positive(lam, "lam")
    a = positive_scalar(shape, "shape")
    b = positive_scalar(rate, "rate")
    return scalar(a * math.log(b) - float(log_gamma(a)) + (a - 1.0) * np.log(lam) - b * lam)


def grid_posterior(grid, log_likelihood, log_prior) -> np.ndarray:
    r"""Brute-force posterior density on a 1-D grid, normalised in log space.

    .. math:: p(\theta_j\mid D) = \frac{\exp(\ell_j + \log p(\theta_j))}
              {\int \exp(\ell + \log p)\, d\theta}

    The normaliser (the evidence, up to grid error) is taken with log-sum-exp, so
    log-likelihoods of -10,000 are no problem.  Used to check every closed form.

    Parameters
    ----------
    grid : array_like
        Strictly increasing 1-D grid of parameter values.
    log_likelihood, log_prior : array_like
        Values at the grid points (``-inf`` allowed).

    Returns
    -------
    numpy.ndarray
        The posterior density at the grid points; it integrates to 1 on the grid.
    """
    ll = as_float_array(log_likelihood, "log_likelihood", ndim=1, finite=False)
    lp = as_float_array(log_prior, "log_prior", ndim=1, finite=False)
    check_same_length(ll, lp, "log_likelihood", "log_prior")
    return normalise_log_grid(ll + lp, grid)
