"""Input checks shared by every public function of :mod:`mlelib`.

Each check raises at the caller's level with a message that names the argument and the
rule it broke (``"sigma must be > 0, got -1.0"``), in the spirit of scikit-learn's
validation helpers, so that a learner never meets a silent NaN, a numpy warning or a
traceback from deep inside numpy.

Types: numbers and arrays of real numbers are accepted (Python ints and floats, numpy
integer and float dtypes, lists and tuples of them); ``None``, strings, bytes, complex
numbers, booleans, dicts, sets and object arrays of anything else are a ``TypeError``.
Values: NaN, infinities, empty arrays, wrong dimensions and out-of-range values are a
``ValueError``.
"""

from __future__ import annotations

import numbers

import numpy as np

#: Data and location parameters (x, y, mu, a, b, ...) must lie within +-LIMIT: sums of
#: squares and their products (the quadratic expansions of the likelihoods) then stay far
#: from float64's overflow at 1.8e308.
LIMIT = 1e50
#: Counts are stored as int64: 2**63 and above cannot be represented.
COUNT_LIMIT = 2**63

_NUMBER = "a real number or an array of real numbers"
_COUNT = "a non-negative integer"


def _describe(value) -> str:
    arr = np.asarray(value)
    if arr.ndim == 0:
        return repr(arr.item())
    return f"an array of shape {arr.shape}"


def _leaves(value):
    """The scalars of a (nested) list or tuple; a numpy array's dtype says it all."""
    if isinstance(value, (list, tuple)):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


_KIND_NAMES = {"U": "str", "S": "bytes", "c": "complex", "M": "datetime64",
               "m": "timedelta64", "V": "structured data", "b": "bool"}


def _bad_type(value) -> str | None:
    """The name of the first thing in ``value`` that is not a real number, or None."""
    for leaf in _leaves(value):
        if isinstance(leaf, (bool, np.bool_)):
            return "bool"
        if leaf is None:
            return "None"
        if isinstance(leaf, np.ndarray):
            kind = leaf.dtype.kind
            if kind in _KIND_NAMES:
                return _KIND_NAMES[kind] if leaf.ndim == 0 else f"an array of {_KIND_NAMES[kind]}"
            if kind == "O":
                bad = next(filter(None, map(_bad_type, leaf.flat)), None)
                if bad:
                    return bad
        elif not isinstance(leaf, numbers.Real):
            return type(leaf).__name__
    return None


def _real_array(value, name: str, what: str) -> np.ndarray:
    """``value`` as an int or float array, after refusing everything not a real number.

    Object arrays of real numbers (Fractions, very large ints) become float64; an int
    too large for float64 is a ValueError.
    """
    bad = _bad_type(value)
    if bad:
        raise TypeError(f"{name} must be {what}, got {bad}")
    try:
        arr = np.asarray(value)
    except ValueError:
        raise TypeError(f"{name} must be {what}, got a ragged sequence "
                        "(rows of different lengths)") from None
    if arr.dtype.kind == "O":
        try:
            arr = arr.astype(np.float64)
        except OverflowError:
            raise ValueError(f"{name} must be finite (no inf), got a value too large for "
                             "float64") from None
    return arr


def as_float_array(value, name: str, *, ndim: int | None = None, allow_empty: bool = False,
                   finite: bool = True, limit: float | None = None) -> np.ndarray:
    """Convert ``value`` to a float64 array, checking type, dimension, emptiness and NaN.

    ``finite`` refuses infinities; ``limit`` refuses magnitudes above it.  The value
    checks use the array's minimum and maximum only (NaN propagates through both), so
    a million points cost two passes and no temporary arrays.
    """
    arr = np.asarray(_real_array(value, name, _NUMBER), dtype=np.float64)
    if ndim is not None and arr.ndim != ndim:
        kind = "a scalar" if ndim == 0 else f"{ndim}-D"
        raise ValueError(f"{name} must be {kind}, got an array with {arr.ndim} dimensions")
    if arr.size == 0:
        if not allow_empty:
            raise ValueError(f"{name} must not be empty")
        return arr
    low, high = arr.min(), arr.max()
    if np.isnan(low) or np.isnan(high):
        raise ValueError(f"{name} must not contain NaN")
    if finite and not (np.isfinite(low) and np.isfinite(high)):
        raise ValueError(f"{name} must be finite (no inf)")
    if limit is not None and (low < -limit or high > limit):
        raise ValueError(f"{name} must be between -{limit:g} and {limit:g} (larger values "
                         f"overflow float64 in sums of squares), got {_describe(value)}")
    return arr


def as_location(value, name: str, *, ndim: int | None = None) -> np.ndarray:
    """A finite value (or array) of at most ``LIMIT`` in magnitude: data, means, a, b."""
    return as_float_array(value, name, ndim=ndim, limit=LIMIT)


def as_data(value, name: str) -> np.ndarray:
    """A non-empty 1-D array of finite floats within +-LIMIT: a data set."""
    return as_location(value, name, ndim=1)


def location_scalar(value, name: str) -> float:
    """A single finite number within +-LIMIT (a slope, an intercept, a prior mean)."""
    return float(as_location(value, name, ndim=0))


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
    """Non-negative whole numbers below 2**63 (scalar or array), as an int64 array.

    Python ints are checked before any conversion, so 2**63 or more is refused instead
    of wrapping around or losing digits in a float.
    """
    too_big = [v for v in _leaves(value) if isinstance(v, numbers.Integral) and v >= COUNT_LIMIT]
    if too_big:
        digits = str(int(too_big[0]))
        raise ValueError(f"{name} must be < 2**63 (counts are int64), got "
                         f"{digits[0]}.{digits[1:3]}e+{len(digits) - 1}")
    arr = _real_array(value, name, _COUNT)
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    if arr.dtype.kind == "f":
        if np.isnan(arr).any():
            raise ValueError(f"{name} must not contain NaN")
        if not np.isfinite(arr).all():
            raise ValueError(f"{name} must be finite (no inf)")
    if (arr < 0).any() or (arr.dtype.kind == "f" and (arr != np.floor(arr)).any()):
        raise ValueError(f"{name} must be a non-negative integer, got {_describe(value)}")
    if arr.size and arr.dtype.kind in "uf" and arr.max() >= COUNT_LIMIT:
        raise ValueError(f"{name} must be < 2**63 (counts are int64), got {arr.max():.3g}")
    return arr.astype(np.int64)


def as_count_table(value, name: str) -> np.ndarray:
    """A 1-D array of counts: observations, or one column of a frequency table."""
    arr = as_count(value, name)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got an array with {arr.ndim} dimensions")
    return arr


def as_frequency_table(values, weights=None, values_name: str = "k",
                       weights_name: str = "weights", *, require_observations: bool = True
                       ) -> tuple[np.ndarray, np.ndarray]:
    """A frequency table: 1-D whole-number ``values`` and how often each was seen.

    ``weights`` defaults to one observation per value.  Both are returned as int64 arrays
    of the same length.  With ``require_observations`` the weights must not all be zero.
    """
    k = as_count_table(values, values_name)
    w = np.ones_like(k) if weights is None else as_count_table(weights, weights_name)
    check_same_length(k, w, values_name, weights_name)
    if require_observations and not w.any():
        raise ValueError(f"{weights_name} must not all be zero (no observations)")
    return k, w


def as_int(value, name: str, *, minimum: int = 0, maximum: int | None = None) -> int:
    """A Python ``int`` in ``[minimum, maximum]`` (sizes and seeds)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be <= {maximum}, got {value}")
    return int(value)


def as_flag(value, name: str) -> bool:
    """``True`` or ``False`` (a Python or numpy bool), nothing merely truthy."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__}")
    return bool(value)


def as_axis(axis, ndim: int, name: str = "axis") -> int | None:
    """``None`` or an integer axis of an array with ``ndim`` dimensions."""
    if axis is None:
        return None
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, numbers.Integral):
        raise TypeError(f"{name} must be an integer or None, got {type(axis).__name__}")
    if not -max(ndim, 1) <= axis < max(ndim, 1):
        raise ValueError(f"{name} must be between {-max(ndim, 1)} and {max(ndim, 1) - 1} "
                         f"for an array with {ndim} dimensions, got {axis}")
    return int(axis)


def _join(words) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def broadcast_together(**arrays: np.ndarray) -> tuple[int, ...]:
    """The common shape of the named arrays, or a ValueError naming them all."""
    shapes = [np.shape(a) for a in arrays.values()]
    try:
        return np.broadcast_shapes(*shapes)
    except ValueError:
        raise ValueError(f"{_join(arrays)} must broadcast together, got shapes "
                         f"{_join(str(s) for s in shapes)}") from None


def check_k_le_n(k: np.ndarray, n: np.ndarray, k_name: str = "k", n_name: str = "n") -> None:
    """Successes cannot exceed trials (``k`` and ``n`` must broadcast together)."""
    broadcast_together(**{k_name: k, n_name: n})
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


def require_finite(value, rule: str) -> None:
    """Refuse a result that overflowed float64 although the inputs were valid.

    ``rule`` completes the message and should name the arguments responsible, e.g.
    ``"shape and rate give a posterior mean beyond float64's range"``.
    """
    if not np.isfinite(value).all():
        raise ValueError(rule)


def scalar(arr):
    """Return a Python float for 0-d results, the array otherwise."""
    return float(arr) if np.ndim(arr) == 0 else arr

