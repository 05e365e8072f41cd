"""The small data sets of the course, made exactly as the curriculum prescribes.

Random data comes from NumPy's *legacy* generator.  ``np.random.seed(S)`` followed by
``np.random.normal(...)`` draws from the global :class:`numpy.random.RandomState`; a private
``RandomState(S)`` produces the very same stream, so the functions here reproduce the
curriculum's numbers without touching the learner's global random state.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import as_int, as_location, location_scalar, positive_scalar

__all__ = [
    "HEIGHTS_CM",
    "HEIGHTS_SIGMA_CM",
    "CountData",
    "LineData",
    "closed_form_line_data",
    "coin",
    "heights",
    "likelihood_line_data",
    "make_line_data",
    "outlier_line_data",
    "phone_os",
    "sample_parameters",
    "siblings",
]

#: Data sets are generated in memory: 10**8 points take 800 MB per array already.
MAX_POINTS = 10**8
#: ``numpy.random.RandomState`` accepts seeds 0 ... 2**32 - 1.
MAX_SEED = 2**32 - 1


class LineData(NamedTuple):
    """Paired observations ``(x_i, y_i)`` of the line model ``y = a x + b + e``."""

    x: np.ndarray
    y: np.ndarray


class CountData(NamedTuple):
    """``k`` successes in ``n`` Bernoulli trials (``k`` heads, ``k`` Android users, ...)."""

    k: int
    n: int


def make_line_data(n: int, noise_sd: float, seed: int, *, slope: float = 1.0,
                   intercept: float = 1.0, x_range: tuple[float, float] = (-2.0, 2.0)) -> LineData:
    r"""Points on a line with Gaussian noise, reproducing the legacy NumPy stream.

    .. math:: x = \mathrm{linspace}(x_0, x_1, n), \quad
              y_i = \text{slope}\, x_i + \text{intercept} + \varepsilon_i, \quad
              \varepsilon_i \sim \mathcal N(0, \text{noise\_sd}^2)

    Equivalent to ``np.random.seed(seed); y = slope*x + intercept +
    np.random.normal(0, noise_sd, n)`` but leaves the global generator untouched.

    Parameters
    ----------
    n : int
        Number of points, at least 1.
    noise_sd : float
        Standard deviation of the noise, > 0.
    seed : int
        Seed of the legacy generator.
    slope, intercept : float
        The true line.
    x_range : (float, float)
        Ends of the evenly spaced x grid.

    Returns
    -------
    LineData
        ``x`` and ``y``, 1-D float arrays of length ``n``.
    """
    n = as_int(n, "n", minimum=1, maximum=MAX_POINTS)
    noise_sd = positive_scalar(noise_sd, "noise_sd")
    seed = as_int(seed, "seed", maximum=MAX_SEED)
    slope = location_scalar(slope, "slope")
    intercept = location_scalar(intercept, "intercept")
    ends = as_location(x_range, "x_range", ndim=1)
    if ends.size != 2 or not ends[0] < ends[1]:
        raise ValueError(f"x_range must be two numbers (low, high) with low < high, got {x_range}")
    x = np.linspace(ends[0], ends[1], n)
    with np.errstate(over="ignore"):
        noise = np.random.RandomState(seed).normal(0.0, noise_sd, n)
        y = slope * x + intercept + noise
    if not np.isfinite(y).all():
        raise ValueError(f"noise_sd must be below about 1e307 (the noise overflows float64), "
                         f"got {noise_sd:g}")
    return LineData(x, y)


def likelihood_line_data() -> LineData:
    """Notebook 02: five points, ``y = x + 1 + N(0, 1)``, seed 321."""
    return make_line_data(5, 1.0, 321)


def closed_form_line_data() -> LineData:
    """Notebook 03: twenty points, ``y = x + 1 + N(0, 0.5^2)``, seed 0."""
    return make_line_data(20, 0.5, 0)


#: The two outliers appended to the data of notebook 04.
OUTLIERS = ((0.5, 9.0), (1.5, 10.0))


def outlier_line_data() -> LineData:
    """Notebook 04: ten points ``y = x + 1 + N(0, 0.5^2)`` (seed 0) plus two outliers.

    The outliers (0.5, 9.0) and (1.5, 10.0) are appended after the ten clean points.
    """
    clean = make_line_data(10, 0.5, 0)
    ox, oy = np.array(OUTLIERS).T
    return LineData(np.concatenate([clean.x, ox]), np.concatenate([clean.y, oy]))


def sample_parameters(n: int, *, seed: int, centre=(0.0, 0.0), spread: float | None = None,
                      low: float = -10.0, high: float = 10.0) -> np.ndarray:
    r"""Draw ``n`` points ``(a, b)`` of parameter space (notebook 01).

    Without ``spread`` the points are uniform on ``[low, high) x [low, high)``
    (``np.random.uniform(low, high, (n, 2))``); with ``spread`` they are Gaussian,
    :math:`(a, b) \sim \mathcal N(\text{centre}, \text{spread}^2 I)`
    (``np.random.normal(centre, spread, (n, 2))``).

    Returns
    -------
    numpy.ndarray
        Shape ``(n, 2)``: column 0 is the slope ``a``, column 1 the intercept ``b``.
    """
    n = as_int(n, "n", minimum=0, maximum=MAX_POINTS)
    seed = as_int(seed, "seed", maximum=MAX_SEED)
    rng = np.random.RandomState(seed)
    if spread is None:
        low, high = location_scalar(low, "low"), location_scalar(high, "high")
        if not low < high:
            raise ValueError(f"low must be < high, got low={low}, high={high}")
        return rng.uniform(low, high, (n, 2))
    spread = positive_scalar(spread, "spread")
    centre = as_location(centre, "centre", ndim=1)
    if centre.shape != (2,):
        raise ValueError(f"centre must hold two numbers (a, b), got {centre.size}")
    with np.errstate(over="ignore"):
        theta = rng.normal(centre, spread, (n, 2))
    if not np.isfinite(theta).all():
        raise ValueError(f"spread must be below about 1e307 (the draws overflow float64), "
                         f"got {spread:g}")
    return theta


#: Heights in cm of the ten pupils of notebook 05.
HEIGHTS_CM = np.array([164.95, 165.35, 165.76, 166.16, 167.78,
                       168.99, 169.8, 170.2, 171.82, 172.63])
#: The known standard deviation of the heights model, in cm.
HEIGHTS_SIGMA_CM = 5.0


def heights() -> np.ndarray:
    """Heights (cm) of ten pupils, modelled as ``N(mu, 5^2)``.  Returns a fresh copy."""
    return HEIGHTS_CM.copy()


def phone_os() -> CountData:
    """Ten people, seven of them Android users: ``k = 7`` of ``n = 10``."""
    return CountData(7, 10)


def coin() -> CountData:
    """A hundred tosses with 56 heads: ``k = 56`` of ``n = 100``."""
    return CountData(56, 100)


def siblings() -> tuple[np.ndarray, np.ndarray]:
    """Number of siblings reported by 100 pupils.

    Returns
    -------
    values, counts : numpy.ndarray
        ``values[i]`` siblings were reported by ``counts[i]`` pupils.  The last value, 7,
        stands for "7 or more"; nobody reported 6.
    """
    values = np.array([1, 2, 3, 4, 5, 6, 7])
    counts = np.array([17, 59, 15, 6, 2, 0, 1])
    return values, counts
