r"""Numerical MLE: gradient descent on a negative log-likelihood, and its curvature.

Gradient descent repeats one step,

.. math:: \theta_{t+1} = \theta_t - \eta\,\nabla \mathrm{NLL}(\theta_t),

with a learning rate :math:`\eta > 0`.  :func:`gradient_descent` records every
:math:`\theta_t` (with :math:`\mathrm{NLL}(\theta_t)` and :math:`\lvert\nabla\mathrm{NLL}
(\theta_t)\rvert`) so that a notebook can draw the path, and it stops and says why when
the descent diverges: a step that leaves the parameter's domain (a probability outside
(0, 1)), or an NLL or gradient that is no longer a finite number.  It never passes a
point outside the domain to the NLL, and it never lets an overflow warning through.

:func:`numerical_hessian` measures the curvature of the NLL by central differences; at
the minimum, its inverse estimates the variance of the MLE.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._validation import as_float_array, as_int, positive_scalar

__all__ = ["DescentPath", "gradient_descent", "numerical_hessian"]


@dataclass(frozen=True)
class DescentPath:
    r"""The record of a gradient descent.

    Attributes
    ----------
    path : numpy.ndarray
        :math:`\theta_0, \dots, \theta_T`: shape ``(T + 1,)`` for a scalar parameter,
        ``(T + 1, d)`` for a vector.
    values : numpy.ndarray or None
        :math:`\mathrm{NLL}(\theta_t)`, shape ``(T + 1,)``, when ``fun`` was given.
    grad_norms : numpy.ndarray
        :math:`\lvert\nabla\mathrm{NLL}(\theta_t)\rvert`, shape ``(T + 1,)``.
    status : str
        ``"converged"`` (the gradient fell to ``gtol``), ``"done"`` (every step was
        taken) or ``"diverged"``.
    message : str
        One sentence saying what happened, for a learner.
    rejected : numpy.ndarray or None
        Where the diverging step would have gone (not evaluated), when it diverged.
    """

    path: np.ndarray
    values: np.ndarray | None
    grad_norms: np.ndarray
    status: str
    message: str
    rejected: np.ndarray | None = None

    @property
    def theta(self):
        """The last point reached, :math:`\\theta_T` (a float for a scalar parameter)."""
        last = self.path[-1]
        return float(last) if np.ndim(last) == 0 else last.copy()

    @property
    def steps(self) -> int:
        """How many steps were taken, :math:`T`."""
        return len(self.path) - 1

    @property
    def diverged(self) -> bool:
        """Whether the descent stopped because it diverged."""
        return self.status == "diverged"


def _show(theta: np.ndarray) -> str:
    if theta.ndim == 0:
        return f"{float(theta):.6g}"
    return "(" + ", ".join(f"{v:.6g}" for v in theta) + ")"


def _norm(g: np.ndarray) -> float:
    """The Euclidean length of ``g`` (inf when it overflows; the caller silences warnings)."""
    flat = g.reshape(-1)
    return float(np.sqrt(flat @ flat))


def _show_bounds(bounds) -> str:
    low, high = bounds
    if (low == low.flat[0]).all() and (high == high.flat[0]).all():
        return f"({low.flat[0]:g}, {high.flat[0]:g})"
    return f"low = {_show(low)}, high = {_show(high)}"


def _evaluate(function: Callable, theta: np.ndarray, shape: tuple, name: str):
    """``function(theta)`` as a float array of ``shape``, or None where it is not finite.

    Called inside ``np.errstate(all="ignore")``: an overflow is reported, not warned.
    """
    argument = float(theta) if theta.ndim == 0 else theta.copy()
    try:
        raw = np.asarray(function(argument))
    except (OverflowError, ZeroDivisionError):
        return None
    if raw.dtype.kind not in "biuf":   # complex, text, objects: not a real number
        kind = "complex numbers" if raw.dtype.kind == "c" else f"values of dtype {raw.dtype}"
        raise TypeError(f"{name} must return real numbers, got {kind}")
    value = raw.astype(float)
    if value.shape != shape:
        want = "a number" if shape == () else f"an array of shape {shape}"
        raise ValueError(f"{name} must return {want}, got shape {value.shape}")
    return value if np.isfinite(value).all() else None


def _as_bounds(bounds, theta: np.ndarray):
    if bounds is None:
        return None
    try:
        low, high = bounds
    except (TypeError, ValueError):
        raise ValueError("bounds must be a pair (low, high)") from None
    low = as_float_array(low, "bounds[0]", finite=False)
    high = as_float_array(high, "bounds[1]", finite=False)
    low, high, _ = np.broadcast_arrays(low, high, theta)
    if not (low < high).all():
        raise ValueError("bounds must have low < high")
    if not ((low < theta) & (theta < high)).all():
        raise ValueError(f"theta0 must lie strictly inside bounds, got {_show(theta)}")
    return low, high


def _try_step(grad, fun, new: np.ndarray, bounds, t: int):
    """``(gradient, NLL, |gradient|, None)`` at ``new``, or ``(.., .., .., why step t diverged)``.

    A ValueError from ``grad`` or ``fun`` at a point the descent walked to (a model that
    refuses a parameter that large) is divergence too; at ``theta0`` it is bad input.
    """
    if not np.isfinite(new).all():
        return None, None, None, f"diverged at step {t}: the step overflowed"
    if bounds is not None and not ((bounds[0] < new) & (new < bounds[1])).all():
        return None, None, None, (f"diverged at step {t}: theta = {_show(new)} is outside the "
                            f"bounds {_show_bounds(bounds)}")
    try:
        g = _evaluate(grad, new, new.shape, "grad")
        f = None if fun is None else _evaluate(fun, new, (), "fun")
    except ValueError as error:
        if "must return" in str(error):      # our own check of what grad or fun returned
            raise
        return None, None, None, (f"diverged at step {t}: the NLL refuses theta = {_show(new)} "
                            f"({error})")
    size = None if g is None else _norm(g)
    if g is None or (fun is not None and f is None) or not np.isfinite(size):
        return None, None, None, (f"diverged at step {t}: at theta = {_show(new)} the NLL or "
                                  "its gradient is too large to compute")
    return g, f, size, None


def _descend(grad, fun, theta, lr, steps, bounds, gtol) -> DescentPath:
    with np.errstate(all="ignore"):
        return _descend_quietly(grad, fun, theta, lr, steps, bounds, gtol)


def _descend_quietly(grad, fun, theta, lr, steps, bounds, gtol) -> DescentPath:
    g = _evaluate(grad, theta, theta.shape, "grad")
    f = None if fun is None else _evaluate(fun, theta, (), "fun")
    if g is None or (fun is not None and f is None) or not np.isfinite(_norm(g)):
        raise ValueError(f"the NLL or its gradient is not finite at theta0 = {_show(theta)}")
    path, values, norms = [theta], [f], [_norm(g)]
    status, message, rejected = "done", None, None
    for t in range(1, steps + 1):
        if gtol is not None and norms[-1] <= gtol:
            status = "converged"
            break
        new = theta - lr * g
        g, f, size, message = _try_step(grad, fun, new, bounds, t)
        if message is not None:
            status, rejected = "diverged", new
            break
        theta = new
        path.append(theta)
        values.append(f)
        norms.append(size)
    if message is None:
        how = "converged" if status == "converged" else f"took all {steps} steps"
        size = f"{norms[-1]:.3g}" if norms[-1] >= 1e-12 else "below 1e-12 (zero up to rounding)"
        message = f"{how}: theta = {_show(theta)}, |gradient| = {size}"
    return DescentPath(np.array(path), None if fun is None else np.array(values),
                       np.array(norms), status, message, rejected)


#: The most steps :func:`gradient_descent` takes: every one is recorded.
_MAX_STEPS = 1_000_000


def gradient_descent(grad: Callable, theta0, *, learning_rate: float, steps: int,
                     fun: Callable | None = None, bounds=None,
                     gtol: float | None = None) -> DescentPath:
    r"""Minimise an NLL by gradient descent from ``theta0``, recording the path.

    .. math:: \theta_{t+1} = \theta_t - \eta\,\nabla \mathrm{NLL}(\theta_t),
              \qquad t = 0, 1, \dots, T - 1

    Parameters
    ----------
    grad : callable
        :math:`\theta \mapsto \nabla\mathrm{NLL}(\theta)`, same shape as ``theta0``
        (called with a float for a scalar parameter).
    theta0 : float or array_like
        The start: a finite number, or a 1-D array of them.
    learning_rate : float
        The step size :math:`\eta > 0`.
    steps : int
        The most steps to take, from 0 to 1 000 000 (the path is kept in memory).
    fun : callable, optional
        :math:`\theta \mapsto \mathrm{NLL}(\theta)`, recorded along the path.
    bounds : (low, high), optional
        The open domain of every coordinate (``(0, 1)`` for a probability; ``np.inf``
        allowed).  A step that leaves it is not taken: the descent stops as diverged.
    gtol : float, optional
        Stop as converged once :math:`\lvert\nabla\mathrm{NLL}\rvert \le` ``gtol``.

    Returns
    -------
    DescentPath
        The path, NLL values, gradient norms, and a status with a message.
    """
    if not callable(grad):
        raise TypeError(f"grad must be a function of theta, got {type(grad).__name__}")
    if fun is not None and not callable(fun):
        raise TypeError(f"fun must be a function of theta, got {type(fun).__name__}")
    theta = as_float_array(theta0, "theta0")
    if theta.ndim > 1:
        raise ValueError(f"theta0 must be a number or 1-D, got {theta.ndim} dimensions")
    lr = positive_scalar(learning_rate, "learning_rate")
    steps = as_int(steps, "steps", minimum=0, maximum=_MAX_STEPS)
    if gtol is not None:
        gtol = float(as_float_array(gtol, "gtol", ndim=0))
        if gtol < 0:
            raise ValueError(f"gtol must be >= 0, got {gtol}")
    return _descend(grad, fun, theta, lr, steps, _as_bounds(bounds, theta), gtol)


def numerical_hessian(fun: Callable, theta, *, step: float = 1e-4) -> np.ndarray | float:
    r"""Second derivatives of ``fun`` at ``theta`` by central differences.

    With :math:`h_i = \text{step}\cdot\max(1, \lvert\theta_i\rvert)` and :math:`e_i` the
    unit vectors,

    .. math:: H_{ij} \approx \frac{f(\theta + h_i e_i + h_j e_j) - f(\theta + h_i e_i - h_j e_j)
              - f(\theta - h_i e_i + h_j e_j) + f(\theta - h_i e_i - h_j e_j)}{4 h_i h_j},

    which on the diagonal is :math:`(f(\theta + 2h_i e_i) - 2f(\theta)
    + f(\theta - 2h_i e_i)) / 4h_i^2`.  The error is of order :math:`h^2`.  At the
    minimum of an NLL, :math:`H^{-1}` estimates the covariance of the MLE.

    Returns
    -------
    float or numpy.ndarray
        A float for a scalar ``theta``, else a symmetric ``(d, d)`` array.
    """
    if not callable(fun):
        raise TypeError(f"fun must be a function of theta, got {type(fun).__name__}")
    x = as_float_array(theta, "theta")
    if x.ndim > 1:
        raise ValueError(f"theta must be a number or 1-D, got {x.ndim} dimensions")
    h = positive_scalar(step, "step") * np.maximum(1.0, np.abs(np.atleast_1d(x)))
    base = np.atleast_1d(x).astype(float)
    d = base.size

    def at(shift):
        with np.errstate(all="ignore"):
            value = _evaluate(fun, (base + shift).reshape(x.shape), (), "fun")
        if value is None:
            raise ValueError(f"fun is not finite near theta = {_show(x)}")
        return float(value)

    H = np.empty((d, d))
    for i in range(d):
        for j in range(i, d):
            ei, ej = np.eye(d)[i] * h[i], np.eye(d)[j] * h[j]
            H[i, j] = H[j, i] = (at(ei + ej) - at(ei - ej) - at(ej - ei) + at(-ei - ej)) / (
                4 * h[i] * h[j])
    return float(H[0, 0]) if x.ndim == 0 else H
