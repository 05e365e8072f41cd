r"""Interval estimates of a success probability, and how often each covers the truth.

From ``k`` successes in ``n`` trials, four rules give an interval for :math:`p` at a
confidence (or credibility) ``level``, with :math:`z = \Phi^{-1}\big(\tfrac{1 + \text{level}}{2}\big)`
and :math:`\hat p = k/n`:

- :func:`wald_interval`: :math:`\hat p \pm z\sqrt{\hat p(1-\hat p)/n}`, the standard error
  of notebook 10 stretched by ``z``;
- :func:`wilson_interval`: the :math:`p` with :math:`|\hat p - p| \le z\sqrt{p(1-p)/n}`,
  the standard error taken at :math:`p` rather than at :math:`\hat p`;
- :func:`likelihood_ratio_interval`: the :math:`p` whose log-likelihood is within
  :math:`\chi^2_1(\text{level})/2` of its maximum;
- :func:`beta_credible_interval`: the equal-tailed credible interval of the Beta posterior.

:func:`exact_coverage` sums binomial probabilities over ``k`` to say how often a rule's
interval holds the true :math:`p`: the number a 95 % confidence interval promises to be
0.95.  Every function takes an array of ``k`` (all of ``0 .. n`` at once, as the coverage
needs) and returns arrays of lower and upper ends.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy import special

from ._validation import (
    as_count,
    as_float_array,
    as_int,
    as_probability,
    check_k_le_n,
    positive_scalar,
    scalar,
)

__all__ = [
    "INTERVAL_RULES",
    "beta_credible_interval",
    "exact_coverage",
    "likelihood_ratio_interval",
    "wald_interval",
    "wilson_interval",
]

#: Halvings of [0, 1] the likelihood-ratio ends are found with: 2**-60 is below float spacing.
_BISECTIONS = 60


def _level(level) -> float:
    value = float(as_float_array(level, "level", ndim=0))
    if not 0.0 < value < 1.0:
        raise ValueError(f"level must be strictly between 0 and 1, got {value}")
    return value


def _counts(k, n) -> tuple[np.ndarray, int]:
    """``k`` as an int array and ``n`` as an int >= 1, with ``k <= n``."""
    n = as_int(n, "n", minimum=1)
    k = as_count(k, "k")
    check_k_le_n(k, np.asarray(n))
    return k, n


def _z(level: float) -> float:
    r""":math:`z = \Phi^{-1}((1 + \text{level})/2)`, the two-sided normal quantile."""
    return float(special.ndtri(0.5 + level / 2.0))


def wald_interval(k, n: int, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    r"""The Wald interval :math:`\hat p \pm z\sqrt{\hat p(1-\hat p)/n}`, with :math:`\hat p = k/n`.

    The interval is not clipped to [0, 1], so that it shows where the normal
    approximation leaves the parameter's range; at ``k = 0`` and ``k = n`` it has width 0.

    Parameters
    ----------
    k : int or array_like of int
        Successes, ``0 <= k <= n``.
    n : int
        Trials, at least 1.
    level : float
        Confidence level, strictly between 0 and 1.

    Returns
    -------
    lower, upper : float or ndarray
        The ends, of the shape of ``k``.
    """
    k, n = _counts(k, n)
    z = _z(_level(level))
    p_hat = k / n
    half = z * np.sqrt(p_hat * (1.0 - p_hat) / n)
    return scalar(p_hat - half), scalar(p_hat + half)


def wilson_interval(k, n: int, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    r"""The Wilson score interval: the :math:`p` with :math:`(\hat p - p)^2 \le z^2 p(1-p)/n`.

    Solving the quadratic in :math:`p` gives

    .. math:: \frac{k + z^2/2}{n + z^2} \pm \frac{z\sqrt n}{n + z^2}
              \sqrt{\hat p(1 - \hat p) + \frac{z^2}{4n}} .

    Parameters and returns as :func:`wald_interval`; the ends lie in [0, 1].
    """
    k, n = _counts(k, n)
    z = _z(_level(level))
    p_hat = k / n
    centre = (k + z * z / 2.0) / (n + z * z)
    half = z * np.sqrt(n) / (n + z * z) * np.sqrt(p_hat * (1.0 - p_hat) + z * z / (4.0 * n))
    return scalar(np.maximum(centre - half, 0.0)), scalar(np.minimum(centre + half, 1.0))


def _loglik(k: np.ndarray, n: int, p: np.ndarray) -> np.ndarray:
    r""":math:`k\log p + (n - k)\log(1 - p)`, with :math:`0\log 0 = 0`."""
    return special.xlogy(k, p) + special.xlog1py(n - k, -p)


def likelihood_ratio_interval(k, n: int, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    r"""The :math:`p` whose binomial log-likelihood is within :math:`\chi^2_1(\text{level})/2` of its maximum.

    With :math:`\ell(p) = k\log p + (n-k)\log(1-p)`, the interval is
    :math:`\{p : \ell(\hat p) - \ell(p) \le \tfrac12\chi^2_1(\text{level})\}`; Wilks'
    theorem says :math:`2(\ell(\hat p) - \ell(p))` is close to :math:`\chi^2_1` at the
    true :math:`p`.  :math:`\ell` rises up to :math:`\hat p` and falls after it, so each
    end is found by bisection on its side (to float precision, all ``k`` at once).  At
    ``k = 0`` the lower end is 0, at ``k = n`` the upper end is 1.

    Parameters and returns as :func:`wald_interval`.
    """
    k, n = _counts(k, n)
    drop = float(special.chdtri(1, 1.0 - _level(level))) / 2.0    # chi2_1(level) / 2
    p_hat = k / n
    floor = _loglik(k, n, p_hat) - drop

    def end(inside, outside):
        # ell - floor is >= 0 at ``inside`` (p_hat) and < 0 or at the edge at ``outside``
        for _ in range(_BISECTIONS):
            middle = (inside + outside) / 2.0
            above = _loglik(k, n, middle) >= floor
            inside, outside = np.where(above, middle, inside), np.where(above, outside, middle)
        return np.where(_loglik(k, n, outside) >= floor, outside, inside)

    lower = end(p_hat, np.zeros_like(p_hat))
    upper = end(p_hat, np.ones_like(p_hat))
    return scalar(lower), scalar(upper)


def beta_credible_interval(k, n: int, level: float = 0.95, alpha: float = 1.0,
                           beta: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    r"""The equal-tailed credible interval of the posterior :math:`\mathrm{Beta}(\alpha + k, \beta + n - k)`.

    Its ends are the posterior's :math:`(1 \mp \text{level})/2` quantiles: the posterior
    puts :math:`(1 - \text{level})/2` of its mass below the interval and as much above.
    ``alpha = beta = 1`` is the flat prior, so 56 heads in 100 give Beta(57, 45).

    Parameters
    ----------
    k, n, level
        As :func:`wald_interval`.
    alpha, beta : float
        The Beta prior's parameters, both > 0.

    Returns
    -------
    lower, upper : float or ndarray
        The ends, of the shape of ``k``.
    """
    k, n = _counts(k, n)
    level = _level(level)
    a = positive_scalar(alpha, "alpha") + k
    b = positive_scalar(beta, "beta") + n - k
    tail = (1.0 - level) / 2.0
    return scalar(special.betaincinv(a, b, tail)), scalar(special.betaincinv(a, b, 1.0 - tail))


#: The course's rules by name, in the order the notebook and the explorer show them.
INTERVAL_RULES: dict[str, Callable] = {
    "Wald": wald_interval,
    "Wilson": wilson_interval,
    "likelihood-ratio": likelihood_ratio_interval,
    "Beta(1, 1) credible": beta_credible_interval,
}


def exact_coverage(rule, n: int, p, level: float = 0.95) -> np.ndarray | float:
    r"""How often the interval of ``rule`` holds the true ``p``, summed exactly over ``k``.

    .. math:: C(p) = \sum_{k=0}^{n} \binom nk p^k (1-p)^{n-k}\;
              \mathbf 1\big[L(k) \le p \le U(k)\big]

    Parameters
    ----------
    rule : str or callable
        A name of :data:`INTERVAL_RULES` (``"Wald"``, ``"Wilson"``, ``"likelihood-ratio"``,
        ``"Beta(1, 1) credible"``), or a function ``(k, n, level) -> (lower, upper)``
        taking an array of ``k``.
    n : int
        Trials, at least 1.
    p : float or array_like
        True success probability, or a grid of them, in [0, 1].
    level : float
        The level the intervals are built for, strictly between 0 and 1.

    Returns
    -------
    float or ndarray
        The coverage probability, of the shape of ``p``.
    """
    if isinstance(rule, str):
        if rule not in INTERVAL_RULES:
            raise ValueError(f"rule must be one of {list(INTERVAL_RULES)} or a function, "
                             f"got {rule!r}")
        rule = INTERVAL_RULES[rule]
    elif not callable(rule):
        raise TypeError(f"rule must be a name or a function, got {type(rule).__name__}")
    n = as_int(n, "n", minimum=1)
    p = as_probability(p, "p")
    level = _level(level)
    k = np.arange(n + 1)
    lower, upper = (np.asarray(end, dtype=float) for end in rule(k, n, level))
    inside = (lower[:, None] <= p.ravel()) & (p.ravel() <= upper[:, None])
    log_pmf = (special.gammaln(n + 1.0) - special.gammaln(k + 1.0) - special.gammaln(n - k + 1.0))
    pmf = np.exp(log_pmf[:, None] + _loglik(k[:, None], n, p.ravel()))
    return scalar(np.sum(pmf * inside, axis=0).reshape(p.shape))
