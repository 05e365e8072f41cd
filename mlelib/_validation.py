"""Input checks shared by every public function of :mod:`mlelib`.

Each check raises at the caller's level with a message that names the argument and the
rule it broke (``"sigma must be > 0, got -1.0"``), in the spirit of scikit-learn's
validation helpers, so that a learner never meets a silent NaN or a traceback from deep
inside numpy.
"""

from __future__ import annotations

import numbers

import numpy as np


def _describe(value) -> str:
    arr = np.asarray(value)
    if arr.ndim == 0:
        return repr(arr.item())
    return f"an array of shape {arr.shape}"


def as_float_array(value, name: str, *, ndim: int | None = None, allow_empty: bool = False,
                   finite: bool = True) -> np.ndarray:
    """Convert ``value`` to a float array, checking type, dimension, emptiness and NaN."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be a number or an array of numbers, got {type(value).__name__}")
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be a number or an array of numbers, got {type(value).__name__}"
        ) from None
    if ndim is not None and arr.ndim != ndim:
        kind = "a scalar" if ndim == 0 else f"{ndim}-D"
        raise ValueError(f"{name} must be {kind}, got an array with {arr.ndim} dimensions")
    if not allow_empty and arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    if np.isnan(arr).any():
        raise ValueError(f"{name} must not contain NaN")
    if finite and not np.isfinite(arr).all():
        raise ValueError(f"{name} must be finite (no inf)")
    return arr


def as_data(value, name: str) -> np.ndarray:
    """A non-empty 1-D array of finite floats: a data set."""
    return as_float_array(value, name, ndim=1)


def as_positive(value, name: str) -> np.ndarray:
    """A finite parameter that must be > 0 everywhere (scalar or grid)."""
    arr = as_float_array(value, name)
    if (arr <= 0).any():
        raise ValueError(f"{name} must be > 0, got {_describe(value)}")
    return arr


def as_probability(value, name: str = "p") -> np.ndarray:
    """A probability, in the closed interval [0, 1] (scalar or grid)."""
    arr = as_float_array(value, name)
    if ((arr < 0) | (arr > 1)).any():
        raise ValueError(f"{name} must be in [0, 1], got {_describe(value)}")
    return arr


def positive_scalar(value, name: str) -> float:
    """A single finite number > 0 (a scale parameter where grids make no sense)."""
    return float(as_positive(as_float_array(value, name, ndim=0), name))


def as_count(value, name: str) -> np.ndarray:
    """Non-negative whole numbers (scalar or array), returned as an int64 array."""
    if isinstance(value, (bool, np.bool_)) or np.asarray(value).dtype == np.bool_:
        raise TypeError(f"{name} must be a non-negative integer, got bool")
    arr = as_float_array(value, name, allow_empty=False)
    if (arr < 0).any() or (arr != np.round(arr)).any():
        raise ValueError(f"{name} must be a non-negative integer, got {_describe(value)}")
    return arr.astype(np.int64)


def as_int(value, name: str, *, minimum: int = 0) -> int:
    """A Python ``int`` at least ``minimum`` (sizes and seeds)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def check_k_le_n(k: np.ndarray, n: np.ndarray, k_name: str = "k", n_name: str = "n") -> None:
    """Successes cannot exceed trials."""
    if (np.asarray(k) > np.asarray(n)).any():
        raise ValueError(f"{k_name} must be <= {n_name} (successes cannot exceed trials)")


def check_same_length(x: np.ndarray, y: np.ndarray, x_name: str = "x", y_name: str = "y") -> None:
    """Paired data must have one y for every x."""
    if x.shape != y.shape:
        raise ValueError(
            f"{x_name} and {y_name} must have the same length, got {x.size} and {y.size}"
        )


def as_paired_data(x, y) -> tuple[np.ndarray, np.ndarray]:
    """Paired observations ``(x_i, y_i)``: two 1-D finite arrays of the same length."""
    x = as_data(x, "x")
    y = as_data(y, "y")
    check_same_length(x, y)
    return x, y


def scalar(arr: np.ndarray):
    """Return a Python float for 0-d results, the array otherwise."""
    return float(arr) if np.ndim(arr) == 0 else arr


# --- 09/10

def as_frequency_table(values, weights=None, values_name: str = "k",
                       weights_name: str = "weights") -> tuple[np.ndarray, np.ndarray]:
    """A frequency table: 1-D whole-number ``values`` and how often each was seen.

    ``weights`` defaults to one observation per value.  Both are returned as int64 arrays
    of the same length; the weights must not all be zero.
    """
    k = as_count(values, values_name)
    if k.ndim != 1:
        raise ValueError(f"{values_name} must be 1-D, got an array with {k.ndim} dimensions")
    if weights is None:
        return k, np.ones_like(k)
    w = as_count(weights, weights_name)
    if w.ndim != 1:
        raise ValueError(f"{weights_name} must be 1-D, got an array with {w.ndim} dimensions")
    check_same_length(k, w, values_name, weights_name)
    if w.sum() == 0:
        raise ValueError(f"{weights_name} must not all be zero (no observations)")
    return k, w
