"""mlelib.optimise: gradient descent reaches scipy.optimize's optima, and stops cleanly when it diverges."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import differentiate, optimize, stats

from mlelib import count_models, datasets, likelihoods
from mlelib.optimise import gradient_descent, numerical_hessian

K, N = datasets.coin()
X, Y = datasets.closed_form_line_data()
VALUES, COUNTS = datasets.siblings()
SIGMA = 0.5


def coin_nll(p):
    return -stats.binom.logpmf(K, N, p)


def coin_grad(p):
    return likelihoods.bernoulli_nll_grad(K, N, p)


def line_nll(theta):
    return -np.sum(stats.norm.logpdf(Y, theta[0] * X + theta[1], SIGMA))


def line_grad(theta):
    return likelihoods.line_nll_grad(X, Y, theta[0], theta[1], SIGMA)


@pytest.fixture(autouse=True)
def _no_warnings():
    """Divergence must be reported, never leak as a numpy warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# ---------------------------------------------------------------- where a closed form checks it

def test_the_coin_reaches_the_mle_from_one_half_in_200_steps():
    run = gradient_descent(coin_grad, 0.5, learning_rate=0.001, steps=200, fun=coin_nll,
                           bounds=(0, 1))
    assert run.status == "done" and run.steps == 200 and run.path.shape == (201,)
    assert f"{run.theta:.4f}" == "0.5600"
    reference = optimize.minimize_scalar(coin_nll, bounds=(0.01, 0.99), method="bounded")
    assert run.theta == pytest.approx(reference.x, abs=1e-5)
    assert run.path[1] == pytest.approx(0.5 - 0.001 * (-K / 0.5 + (N - K) / 0.5))
    np.testing.assert_allclose(run.values, coin_nll(run.path))
    assert run.grad_norms[-1] < 1e-10
    assert run.message.endswith("|gradient| = below 1e-12 (zero up to rounding)")


def test_the_line_reaches_least_squares_and_scipys_minimum():
    run = gradient_descent(line_grad, [0.0, 0.0], learning_rate=0.01, steps=300, fun=line_nll)
    assert run.path.shape == (301, 2)
    assert [f"{v:.4f}" for v in run.theta] == ["0.8578", "1.2847"]
    reference = optimize.minimize(line_nll, [0.0, 0.0], method="BFGS", options={"gtol": 1e-10})
    np.testing.assert_allclose(run.theta, reference.x, atol=1e-6)
    assert run.values[-1] == pytest.approx(reference.fun, rel=1e-10)


def test_the_censored_poisson_reaches_scipys_optimum():
    def nll(rate):
        return -(np.sum(COUNTS[:-1] * stats.poisson.logpmf(VALUES[:-1], rate))
                 + COUNTS[-1] * stats.poisson.logsf(6, rate))

    run = gradient_descent(
        lambda r: count_models.poisson_table_nll_grad(VALUES, r, COUNTS, censor_at=7), 2.21,
        learning_rate=0.01, steps=100, fun=nll, bounds=(0, np.inf))
    reference = optimize.minimize_scalar(nll, bounds=(1, 3), method="bounded",
                                         options={"xatol": 1e-10})
    assert f"{run.theta:.6f}" == "2.213473"
    assert run.theta == pytest.approx(reference.x, abs=3e-7)


@given(eta=st.floats(1e-4, 0.95), start=st.lists(st.floats(-5, 5), min_size=2, max_size=2),
       steps=st.integers(0, 30))
@settings(max_examples=50)
def test_on_a_quadratic_the_path_is_the_closed_form(eta, start, steps):
    # NLL = (theta - c)^T A (theta - c) / 2, so theta_t - c = (I - eta A)^t (theta_0 - c)
    A, c = np.array([[1.5, 0.3], [0.3, 0.5]]), np.array([1.0, -2.0])
    run = gradient_descent(lambda t: A @ (t - c), start, learning_rate=eta, steps=steps,
                           fun=lambda t: 0.5 * (t - c) @ A @ (t - c))
    step = np.eye(2) - eta * A
    expected = [c + np.linalg.matrix_power(step, t) @ (np.array(start) - c)
                for t in range(steps + 1)]
    np.testing.assert_allclose(run.path, expected, atol=1e-12)
    # below 2 / largest curvature the NLL never rises
    assert np.all(np.diff(run.values) <= 1e-12)


def test_gtol_stops_early_and_says_converged():
    run = gradient_descent(line_grad, [0.0, 0.0], learning_rate=0.01, steps=1000, gtol=1e-6)
    assert run.status == "converged" and run.steps < 1000
    assert run.grad_norms[-1] <= 1e-6 and run.grad_norms[-2] > 1e-6
    assert run.message.startswith("converged")


def test_no_steps_is_the_start():
    run = gradient_descent(coin_grad, 0.3, learning_rate=0.1, steps=0)
    assert run.steps == 0 and run.theta == 0.3 and run.values is None


# ---------------------------------------------------------------- divergence, shown not crashed

def test_a_step_out_of_zero_one_stops_with_a_message_and_no_nan():
    run = gradient_descent(coin_grad, 0.5, learning_rate=0.01, steps=200, fun=coin_nll,
                           bounds=(0, 1))
    assert run.diverged and run.steps == 1
    np.testing.assert_allclose(run.path, [0.5, 0.74])
    assert run.rejected == pytest.approx(0.74 - 0.01 * coin_grad(0.74))
    assert "step 2" in run.message and "outside the bounds (0, 1)" in run.message
    assert np.isfinite(run.values).all()


def test_the_bounds_are_open_and_hold_on_both_sides():
    up = gradient_descent(lambda p: -0.25, 0.5, learning_rate=1.0, steps=5, bounds=(0, 1))
    np.testing.assert_allclose(up.path, [0.5, 0.75])      # 1.0 itself is outside (0, 1)
    assert up.diverged and up.rejected == 1.0
    down = gradient_descent(lambda p: 0.25, 0.5, learning_rate=1.0, steps=5, bounds=(0, 1))
    assert down.diverged and down.rejected == 0.0


def test_too_large_a_step_on_the_line_overflows_into_a_message():
    run = gradient_descent(line_grad, [0.0, 0.0], learning_rate=0.03, steps=2000, fun=line_nll)
    assert run.diverged and run.steps < 2000
    assert "diverged" in run.message
    assert np.isfinite(run.path).all() and np.isfinite(run.values).all()


def test_a_box_stops_a_runaway_early():
    run = gradient_descent(line_grad, [0.0, 0.0], learning_rate=0.03, steps=200,
                           bounds=(-100, 100))
    assert run.diverged and np.all(np.abs(run.path) < 100)
    assert np.any(np.abs(run.rejected) >= 100) and "outside the bounds (-100, 100)" in run.message


def test_a_model_that_refuses_a_far_parameter_stops_the_descent_with_its_reason():
    def grad(t):
        if abs(t) > 100:
            raise ValueError(f"t must be at most 100, got {t}")
        return -1.0

    run = gradient_descent(grad, 0.0, learning_rate=30.0, steps=10)
    assert run.diverged and run.steps == 3 and run.rejected == 120.0
    assert "t must be at most 100" in run.message


def test_a_value_error_at_the_start_is_bad_input_not_divergence():
    def grad(t):
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        gradient_descent(grad, 0.0, learning_rate=1.0, steps=3)


def test_an_overflowing_python_function_is_divergence_too():
    run = gradient_descent(lambda t: -(10.0 ** t), 1.0, learning_rate=100.0, steps=10)
    assert run.diverged and run.steps == 0 and run.rejected == 1001.0  # 10.0 ** 1001 overflows


def test_the_grad_norms_are_recorded_along_the_path():
    run = gradient_descent(line_grad, [0.0, 0.0], learning_rate=0.005, steps=20)
    np.testing.assert_allclose(run.grad_norms, [np.linalg.norm(line_grad(t)) for t in run.path])


# ---------------------------------------------------------------- curvature

def test_the_coins_curvature_is_n_over_p_q_and_its_standard_error_0_0496():
    h = numerical_hessian(coin_nll, 0.56)
    assert h == pytest.approx(N / (0.56 * 0.44), rel=1e-6)
    assert f"{1 / np.sqrt(h):.4f}" == "0.0496"


def test_the_lines_hessian_is_x_transpose_x_over_sigma_squared():
    design = np.column_stack([X, np.ones_like(X)])
    H = numerical_hessian(line_nll, [0.8578, 1.2847])
    np.testing.assert_allclose(H, design.T @ design / SIGMA**2, rtol=1e-5, atol=1e-5)


def test_the_hessian_is_scipys():
    def f(t):
        return np.exp(t[0]) * np.sin(t[1]) + t[0] ** 2 * t[1] ** 3

    def f_vec(t):  # scipy evaluates many points at once along the trailing axes
        return np.exp(t[0]) * np.sin(t[1]) + t[0] ** 2 * t[1] ** 3

    point = np.array([0.3, -1.2])
    reference = differentiate.hessian(f_vec, point).ddf
    np.testing.assert_allclose(numerical_hessian(f, point), reference, rtol=1e-6, atol=1e-7)


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize(("kwargs", "error", "words"), [
    ({"grad": 3.0}, TypeError, "grad must be a function"),
    ({"fun": "nll"}, TypeError, "fun must be a function"),
    ({"theta0": np.nan}, ValueError, "theta0 must not contain NaN"),
    ({"theta0": np.inf}, ValueError, "theta0 must be finite"),
    ({"theta0": "0.5"}, TypeError, "theta0 must be a (real )?number"),
    ({"theta0": [[0.5]]}, ValueError, "theta0 must be a number or 1-D"),
    ({"learning_rate": 0.0}, ValueError, "learning_rate must be > 0"),
    ({"learning_rate": -0.1}, ValueError, "learning_rate must be > 0"),
    ({"learning_rate": np.nan}, ValueError, "learning_rate must not contain NaN"),
    ({"learning_rate": "big"}, TypeError, "learning_rate must be a (real )?number"),
    ({"steps": -1}, ValueError, "steps must be >= 0"),
    ({"steps": 2.5}, TypeError, "steps must be an integer"),
    ({"bounds": (1, 0)}, ValueError, "bounds must have low < high"),
    ({"bounds": (0, 1, 2)}, ValueError, "bounds must be a pair"),
    ({"bounds": 5}, ValueError, "bounds must be a pair"),
    ({"bounds": (0.6, 1)}, ValueError, "theta0 must lie strictly inside bounds"),
    ({"bounds": (0, np.nan)}, ValueError, "bounds\\[1\\] must not contain NaN"),
    ({"gtol": -1.0}, ValueError, "gtol must be >= 0"),
    ({"grad": lambda p: [1.0, 2.0]}, ValueError, "grad must return a number"),
    ({"fun": lambda p: [1.0, 2.0]}, ValueError, "fun must return a number"),
    ({"theta0": 0.0, "grad": lambda p: 1 / p}, ValueError, "not finite at theta0"),
])
def test_bad_input_is_named(kwargs, error, words):
    arguments = {"grad": coin_grad, "theta0": 0.5, "learning_rate": 0.001, "steps": 5,
                 **kwargs}
    with pytest.raises(error, match=words):
        gradient_descent(**arguments)


@pytest.mark.parametrize(("args", "kwargs", "error", "words"), [
    ((np.sin, 0.5), {"step": 0.0}, ValueError, "step must be > 0"),
    (("f", 0.5), {}, TypeError, "fun must be a function"),
    ((np.sin, np.nan), {}, ValueError, "theta must not contain NaN"),
    ((np.log, 0.0), {}, ValueError, "fun is not finite near theta"),
    ((lambda t: t, [0.5, 0.2]), {}, ValueError, "fun must return a number"),
])
def test_bad_input_to_the_hessian_is_named(args, kwargs, error, words):
    with pytest.raises(error, match=words):
        numerical_hessian(*args, **kwargs)
