r"""Conjugate posteriors, their summaries, and a brute-force grid posterior to check them.

A prior is *conjugate* to a likelihood when the posterior
:math:`p(\theta\mid D) = p(D\mid\theta)\,p(\theta)/p(D)` stays in the prior's family, so
updating on data only changes the family's parameters.  Each function returns the
posterior's parameters with its mean (the Bayesian estimate under squared loss), its
mode and its variance.

The mode (the MAP estimate) is the argmax of the density over its *closed* support,
boundary included: Beta(a, b) with a <= 1 < b has its mode at 0 (the density falls from
p = 0 on, or is infinite there), with b <= 1 < a at 1, and Gamma(a, b) with shape
a <= 1 at 0.  The mode is ``None`` only where no single point maximises the density:
Beta(1, 1) is flat and Beta(a, b) with a, b < 1 is infinite at both ends.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from . import _special
from ._exact import compensated_mean, two_product
from ._validation import (
    as_count,
    as_count_table,
    as_data,
    as_float_array,
    as_frequency_table,
    as_probability,
    check_k_le_n,
    check_same_length,
    location_scalar,
    positive_scalar,
    require_finite,
    scalar,
)
from .logspace import log_beta_function, normalised_density

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
    r"""A :math:`\mathrm{Gamma}(\text{shape}, \text{rate})` distribution and its summaries.

    The mode is :math:`\max(a - 1, 0)/b`: 0 for shape <= 1, where the density is
    largest (or infinite) at the boundary.
    """

    shape: float
    rate: float
    mean: float
    mode: float
    var: float


def _beta_mode(a: float, b: float) -> float | None:
    """Argmax of the Beta(a, b) density on [0, 1]; None if it is not a single point."""
    if a > 1 and b > 1:
        return (a - 1.0) / ((a - 1.0) + (b - 1.0))
    if (a < 1 and b < 1) or a == b == 1:
        return None  # infinite at both ends, or flat
    return 0.0 if a < b else 1.0  # one end only: a <= 1 < b, a < 1 = b, or the mirror


def _beta_summary(a: float, b: float) -> BetaPosterior:
    """Mean, mode and variance of Beta(a, b), written so that no step overflows."""
    total = a + b
    require_finite(total, "alpha + beta and the data give posterior parameters whose sum "
                          "overflows float64")
    mean = a / total
    var = mean * (b / total) / (total + 1.0)
    return BetaPosterior(a, b, mean, _beta_mode(a, b), var)


def _beta_prior(alpha, beta) -> tuple[float, float]:
    return positive_scalar(alpha, "alpha"), positive_scalar(beta, "beta")


def beta_bernoulli_posterior(alpha: float, beta: float, k: int, n: int) -> BetaPosterior:
    r"""Posterior of a success probability after ``k`` successes in ``n`` Bernoulli trials.

    .. math:: \mathrm{Beta}(\alpha, \beta) \;\to\; \mathrm{Beta}(\alpha + k,\ \beta + n - k)

    mean :math:`(\alpha+k)/(\alpha+\beta+n)`; MAP :math:`(\alpha+k-1)/(\alpha+\beta+n-2)`
    when both posterior parameters exceed 1, else 0 or 1 or ``None`` (module docstring).
    """
    a0, b0 = _beta_prior(alpha, beta)
    k = as_count(k, "k")
    n = as_count(n, "n")
    if k.ndim or n.ndim:
        raise ValueError(f"k and n must be single counts, got shapes {k.shape} and {n.shape}")
    check_k_le_n(k, n)
    return _beta_summary(a0 + float(k), b0 + float(n - k))


def beta_binomial_posterior(alpha: float, beta: float, successes, trials) -> BetaPosterior:
    r"""Posterior of a success probability from several binomial experiments.

    Experiment ``i`` has ``trials[i]`` trials and ``successes[i]`` successes:

    .. math:: \mathrm{Beta}(\alpha, \beta) \;\to\;
              \mathrm{Beta}\big(\alpha + \textstyle\sum_i x_i,\ \beta + \sum_i N_i - \sum_i x_i\big)
    """
    a0, b0 = _beta_prior(alpha, beta)
    x = as_count_table(successes, "successes")
    n = as_count_table(trials, "trials")
    check_same_length(x, n, "successes", "trials")
    check_k_le_n(x, n, "successes", "trials")
    # summed as floats: int64 sums of large counts would wrap around silently
    return _beta_summary(a0 + float(np.sum(x, dtype=float)),
                         b0 + float(np.sum(n - x, dtype=float)))


def normal_normal_posterior(mu0: float, s0: float, sigma: float, data) -> NormalPosterior:
    r"""Posterior of a Gaussian mean with known noise ``sigma`` and prior :math:`\mathcal N(\mu_0, s_0^2)`.

    .. math:: \text{precision} = \frac1{s_0^2} + \frac n{\sigma^2}, \qquad
              \text{mean} = \frac{\mu_0/s_0^2 + \sum_i x_i/\sigma^2}{\text{precision}}

    Computed through the ratio :math:`r = s_0 / (\sigma/\sqrt n)` of the prior sd to the
    sd of the sample mean: mean :math:`\bar x + (\mu_0 - \bar x)/(1 + r^2)`, sd
    :math:`s_0 \sigma/\sqrt{n s_0^2 + \sigma^2}`.  No precision is ever formed, so scales
    from 1e-200 to 1e200 give the right limits instead of dividing by zero.
    """
    mu0 = location_scalar(mu0, "mu0")
    s0 = positive_scalar(s0, "s0")
    sigma = positive_scalar(sigma, "sigma")
    x = as_data(data, "data")
    m, c = compensated_mean(x)
    xbar = m + c
    u, v = s0, sigma / math.sqrt(x.size)  # prior sd, sd of the sample mean
    small, big = min(u, v), max(u, v)
    sd = small / math.sqrt(1.0 + (small / big) ** 2)
    with np.errstate(over="ignore"):
        w_prior = 1.0 / (1.0 + float(np.square(u / v)))  # weight of mu0 in the mean
        w_data = 1.0 / (1.0 + float(np.square(v / u)))
    mean = xbar + w_prior * (mu0 - xbar) if w_prior <= w_data else mu0 + w_data * (xbar - mu0)
    with np.errstate(over="ignore"):
        var = float(np.square(sd))
    require_finite(var, f"s0 and sigma must give a posterior variance within float64's range "
                        f"(1.8e308), got a posterior sd of {sd:g}")
    return NormalPosterior(mean, sd, mean, var)


def gamma_poisson_posterior(shape: float, rate: float, k, weights=None) -> GammaPosterior:
    r"""Posterior of a Poisson rate under a :math:`\mathrm{Gamma}(a, b)` prior (rate parametrisation).

    .. math:: \mathrm{Gamma}(a, b) \;\to\; \mathrm{Gamma}\big(a + \textstyle\sum_i w_i k_i,\ b + \sum_i w_i\big)

    mean :math:`a'/b'`, mode :math:`\max(a'-1, 0)/b'` (0 when :math:`a' \le 1`, where the
    density is largest at the boundary), variance :math:`a'/b'^2`.
    """
    a0 = positive_scalar(shape, "shape")
    b0 = positive_scalar(rate, "rate")
    k, w = as_frequency_table(k, weights, require_observations=False)
    a = a0 + float(np.sum(w.astype(float) * k.astype(float)))
    b = b0 + float(np.sum(w, dtype=float))
    mean = a / b
    var = mean / b
    require_finite([a, mean, var], "shape, rate and the data give a posterior mean or "
                                   "variance beyond float64's range (1.8e308)")
    return GammaPosterior(a, b, mean, (a - 1.0) / b if a > 1 else 0.0, var)


def beta_logpdf(p, alpha: float, beta: float) -> np.ndarray | float:
    r"""Log-density of :math:`\mathrm{Beta}(\alpha,\beta)`:
    :math:`(\alpha-1)\log p + (\beta-1)\log(1-p) - \log B(\alpha,\beta)`.

    ``p`` in [0, 1]; at the ends the value is ``-inf`` or ``+inf`` as the maths says.
    For :math:`\alpha, \beta > 1` the two large terms would cancel (Beta(1e9, 1e9) at
    1/2: 1.4e9 each, the result 10.5); it is computed instead as the binomial form
    :math:`\log(\alpha+\beta-1) + \log\binom{\alpha+\beta-2}{\alpha-1} + (\alpha-1)\log p
    + (\beta-1)\log(1-p)` in Loader's saddle-point form (see :mod:`mlelib._special`).
    """
    p = as_probability(p, "p")
    a, b = _beta_prior(alpha, beta)
    require_finite(a + b, f"alpha + beta must be below 1.8e308 (float64's range), "
                          f"got alpha={a:g}, beta={b:g}")
    if a > 1 and b > 1:
        return scalar(_special.log_sum(a - 1.0, b)
                      + _special.log_binomial_pmf(a - 1.0, b - 1.0, p))
    with np.errstate(divide="ignore"):
        la = np.log(p) * (a - 1.0) if a != 1 else np.zeros(p.shape)
        lb = np.log1p(-p) * (b - 1.0) if b != 1 else np.zeros(p.shape)
    return scalar(la + lb - log_beta_function(a, b))


def gamma_logpdf(lam, shape: float, rate: float) -> np.ndarray | float:
    r"""Log-density of :math:`\mathrm{Gamma}(a, b)` (rate ``b``):
    :math:`a\log b - \log\Gamma(a) + (a-1)\log\lambda - b\lambda`, for :math:`\lambda \ge 0`.

    At :math:`\lambda = 0` it is ``+inf`` for a < 1, :math:`\log b` for a = 1 and
    ``-inf`` for a > 1.  For a > 1 it is computed as :math:`\log b` plus the Poisson
    log-pmf of a - 1 at mean :math:`b\lambda` (see :func:`mlelib.likelihoods.poisson_logpmf`),
    so large shapes keep full precision.
    """
    lam = as_float_array(lam, "lam")
    if (lam < 0).any():
        raise ValueError(f"lam must be >= 0, got {lam.min() if lam.ndim else float(lam)}")
    a = positive_scalar(shape, "shape")
    b = positive_scalar(rate, "rate")
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        m_hi, m_lo = two_product(b, lam)
        if a == 1:
            return scalar(math.log(b) - m_hi)
        if a < 1:
            return scalar(a * math.log(b) - math.lgamma(a) + (a - 1.0) * np.log(lam) - m_hi)
        log_m = math.log(b) + np.log(lam)  # for b * lam below float64's normal range
    out = np.full(lam.shape, -np.inf)  # where b * lam overflows
    ok = np.isfinite(m_hi)
    out[ok] = math.log(b) + _special.log_poisson_pmf(a - 1.0, m_hi[ok], m_lo[ok], log_m[ok])
    return scalar(out)


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
        Values at the grid points (``-inf`` allowed, ``+inf`` and NaN not), with at
        least one point where both are finite.

    Returns
    -------
    numpy.ndarray
        The posterior density at the grid points; it integrates to 1 on the grid.
    """
    ll = as_float_array(log_likelihood, "log_likelihood", ndim=1, finite=False)
    lp = as_float_array(log_prior, "log_prior", ndim=1, finite=False)
    check_same_length(ll, lp, "log_likelihood", "log_prior")
    for name, values in (("log_likelihood", ll), ("log_prior", lp)):
        if (values == np.inf).any():
            raise ValueError(f"{name} must not contain +inf")
        if not np.isfinite(values).any():
            raise ValueError(f"{name} must have at least one finite entry")
    with np.errstate(over="ignore"):
        total = ll + lp
        if (total == np.inf).any() or (np.isinf(total) & np.isfinite(ll) & np.isfinite(lp)).any():
            # two finite values whose sum overflows: the normalisation removes any
            # constant, so add halves (which cannot overflow) and shift by their maximum
            half = 0.5 * ll + 0.5 * lp
            total = 2.0 * (half - np.max(half))
    if not np.isfinite(total).any():
        raise ValueError("log_likelihood + log_prior must have at least one finite entry "
                         "(the two are -inf at different points: the posterior is 0 "
                         "everywhere)")
    return normalised_density(total, grid, "log_likelihood")
