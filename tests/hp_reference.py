"""High-precision references for the precision tests: Python's ``decimal`` and ``fractions``.

Every function takes ordinary floats or ints, converts them *exactly* (``Decimal(0.1)`` is
the binary value of 0.1, not one tenth) and works with 60 significant digits, so the
result is the exact mathematical value for the given float inputs to far better than
1e-40 relative.  It is then rounded to a float once.  Nothing here shares code or
algorithms with mlelib: log-gamma is Stirling's series with many Bernoulli terms after
shifting the argument above 40, sums of squares are exact rationals.

Only the standard library is used (no mpmath).
"""

from __future__ import annotations

import functools
import math
from decimal import Decimal, localcontext
from fractions import Fraction

DIGITS = 60
PI = Decimal("3.14159265358979323846264338327950288419716939937510582097494459230781640629")
_SHIFT = 40  # Stirling's series is used for arguments >= this


def _dec(value) -> Decimal:
    """The exact value of an int, float or Fraction as a Decimal (at the current precision)."""
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(value) if isinstance(value, int) else Decimal(float(value))


@functools.cache
def _bernoulli(count: int) -> tuple[Fraction, ...]:
    """B_0 ... B_count (exact), from the recurrence sum_j C(m+1, j) B_j = 0."""
    numbers = [Fraction(1)]
    for m in range(1, count + 1):
        numbers.append(-sum(math.comb(m + 1, j) * numbers[j] for j in range(m)) / (m + 1))
    return tuple(numbers)


def _lgamma(z: Decimal) -> Decimal:
    """log Gamma(z) for z > 0 at the current precision."""
    shift = Decimal(0)
    while z < _SHIFT:  # Gamma(z) = Gamma(z + 1) / z
        shift += z.ln()
        z += 1
    series = (z - Decimal("0.5")) * z.ln() - z + (2 * PI).ln() / 2
    bern = _bernoulli(48)
    for k in range(1, 25):
        b = bern[2 * k]
        series += _dec(b) / (2 * k * (2 * k - 1) * z ** (2 * k - 1))
    return series - shift


def log_beta(a, b) -> float:
    with localcontext() as ctx:
        ctx.prec = DIGITS
        a, b = _dec(a), _dec(b)
        return float(_lgamma(a) + _lgamma(b) - _lgamma(a + b))


def log_binomial_coefficient(n: int, k: int) -> float:
    """``log C(n, k)``: from the exact integer ``math.comb(n, k)`` when min(k, n - k) <= 200."""
    with localcontext() as ctx:
        ctx.prec = DIGITS
        return float(_log_comb(n, k))


def _xlogy(x: Decimal, y: Decimal) -> Decimal:
    if x == 0:
        return Decimal(0)
    return x * y.ln() if y > 0 else Decimal("-Infinity")


def _log1m(p: Decimal) -> Decimal:
    """log(1 - p), by its series where 1 - p would round p away at 60 digits."""
    if p < Decimal("1e-15"):
        return -sum(p**j / j for j in range(1, 6))
    return (1 - p).ln() if p < 1 else Decimal("-Infinity")


def binomial_logpmf(k: int, n: int, p: float) -> float:
    with localcontext() as ctx:
        ctx.prec = DIGITS
        pd = _dec(p)
        failures = Decimal(n - k)
        core = _xlogy(Decimal(k), pd) + (failures * _log1m(pd) if n > k else Decimal(0))
        if core.is_infinite():
            return -math.inf
        return float(_log_comb(n, k) + core)


def _log_comb(n: int, k: int) -> Decimal:
    if min(k, n - k) <= 200:
        return Decimal(math.comb(n, k)).ln()
    n_, k_ = Decimal(n), Decimal(k)
    return _lgamma(n_ + 1) - _lgamma(k_ + 1) - _lgamma(n_ - k_ + 1)


def beta_logpdf(p: float, a: float, b: float) -> float:
    with localcontext() as ctx:
        ctx.prec = DIGITS
        pd, ad, bd = _dec(p), _dec(a), _dec(b)
        value = ((ad - 1) * pd.ln() + (bd - 1) * _log1m(pd)
                 - (_lgamma(ad) + _lgamma(bd) - _lgamma(ad + bd)))
        return float(value)


def gamma_logpdf(lam: float, shape: float, rate: float) -> float:
    with localcontext() as ctx:
        ctx.prec = DIGITS
        x, a, b = _dec(lam), _dec(shape), _dec(rate)
        return float(a * b.ln() - _lgamma(a) + (a - 1) * x.ln() - b * x)


def poisson_logpmf(k: int, rate: float) -> float:
    with localcontext() as ctx:
        ctx.prec = DIGITS
        kd, lam = Decimal(k), _dec(rate)
        return float(_xlogy(kd, lam) - lam - _lgamma(kd + 1))


def _sum_of_squares(values) -> Fraction:
    return sum((v * v for v in values), Fraction(0))


def gaussian_loglik(data, mu: float, sigma: float) -> float:
    """sum_i log N(x_i; mu, sigma^2), the squares summed exactly as rationals."""
    ss = _sum_of_squares(Fraction(float(x)) - Fraction(float(mu)) for x in data)
    return _gaussian_total(len(data), ss, sigma)


def line_rss(x, y, a: float, b: float) -> Fraction:
    """sum_i (y_i - a x_i - b)^2 exactly."""
    fa, fb = Fraction(float(a)), Fraction(float(b))
    return _sum_of_squares(Fraction(float(yi)) - fa * Fraction(float(xi)) - fb
                           for xi, yi in zip(x, y))


def line_loglik(x, y, a: float, b: float, sigma: float) -> float:
    return _gaussian_total(len(x), line_rss(x, y, a, b), sigma)


def _gaussian_total(n: int, ss: Fraction, sigma: float) -> float:
    with localcontext() as ctx:
        ctx.prec = DIGITS
        s = _dec(sigma)
        const = -Decimal(n) / 2 * ((2 * PI).ln() + 2 * s.ln())
        return float(const - _dec(ss) / (2 * s * s))



def rms_residual(x, y, a: float, b: float) -> float:
    """sqrt(mean of (y_i - a x_i - b)^2), the squares exact, the root to 60 digits."""
    with localcontext() as ctx:
        ctx.prec = DIGITS
        return float((_dec(line_rss(x, y, a, b)) / len(x)).sqrt())


def mean(data) -> float:
    return float(sum((Fraction(float(v)) for v in data), Fraction(0)) / len(data))


def line_nll_grad(x, y, a: float, b: float, sigma: float) -> tuple[float, float]:
    """(-sum r_i x_i / sigma^2, -sum r_i / sigma^2), exactly rounded."""
    fa, fb, s2 = Fraction(float(a)), Fraction(float(b)), Fraction(float(sigma)) ** 2
    r = [Fraction(float(yi)) - fa * Fraction(float(xi)) - fb for xi, yi in zip(x, y)]
    return (float(-sum(ri * Fraction(float(xi)) for ri, xi in zip(r, x)) / s2),
            float(-sum(r) / s2))


def normal_posterior(mu0: float, s0: float, sigma: float, data) -> tuple[float, float, float]:
    """Posterior mean, variance and sd of a Gaussian mean (exact rationals, the root to
    60 digits), each rounded once."""
    p0 = 1 / Fraction(float(s0)) ** 2
    p1 = len(data) / Fraction(float(sigma)) ** 2
    total = sum((Fraction(float(v)) for v in data), Fraction(0))
    precision = p0 + p1
    mean_ = (Fraction(float(mu0)) * p0 + total / Fraction(float(sigma)) ** 2) / precision
    with localcontext() as ctx:
        ctx.prec = DIGITS
        sd = float((1 / _dec(precision)).sqrt())
    return float(mean_), float(1 / precision), sd
