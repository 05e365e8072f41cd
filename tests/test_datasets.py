"""The course data sets: the exact legacy NumPy streams, and no side effect on np.random."""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlelib import datasets

pytestmark = pytest.mark.filterwarnings("error")

PROPERTY = settings(max_examples=40, deadline=None)

seeds = st.integers(min_value=0, max_value=2**32 - 1)


@contextmanager
def legacy_seed(seed):
    """Run a block after ``np.random.seed(seed)``, then put the learner's state back."""
    saved = np.random.get_state()
    np.random.seed(seed)
    try:
        yield
    finally:
        np.random.set_state(saved)


def same_state(s, t) -> bool:
    return (s[0] == t[0] and np.array_equal(s[1], t[1]) and s[2] == t[2] and s[3] == t[3]
            and s[4] == t[4])


# --------------------------------------------------------------------------- curriculum figures

def test_curriculum_02_y_values_4dp():
    data = datasets.likelihood_line_data()
    assert [f"{v:.4f}" for v in data.y] == ["-0.8275", "1.6355", "1.0373", "1.1159", "1.8568"]
    np.testing.assert_array_equal(data.x, [-2.0, -1.0, 0.0, 1.0, 2.0])


def test_curriculum_02_data_is_seed_321_stream():
    with legacy_seed(321):
        x = np.linspace(-2, 2, 5)
        y = x + 1 + np.random.normal(0, 1, 5)
    data = datasets.likelihood_line_data()
    np.testing.assert_array_equal(data.x, x)
    np.testing.assert_array_equal(data.y, y)


def test_curriculum_03_data_is_seed_0_stream():
    with legacy_seed(0):
        x = np.linspace(-2, 2, 20)
        y = x + 1 + np.random.normal(0, 0.5, 20)
    data = datasets.closed_form_line_data()
    np.testing.assert_array_equal(data.x, x)
    np.testing.assert_array_equal(data.y, y)


def test_curriculum_04_data_is_seed_0_stream_plus_two_outliers():
    with legacy_seed(0):
        x = np.linspace(-2, 2, 10)
        y = x + 1 + np.random.normal(0, 0.5, 10)
    data = datasets.outlier_line_data()
    assert data.x.shape == data.y.shape == (12,)
    np.testing.assert_array_equal(data.x[:10], x)
    np.testing.assert_array_equal(data.y[:10], y)
    assert (data.x[10], data.y[10]) == (0.5, 9.0)
    assert (data.x[11], data.y[11]) == (1.5, 10.0)


def test_curriculum_01_uniform_parameter_points():
    points = datasets.sample_parameters(10, seed=3)
    assert points.shape == (10, 2)
    assert ((points >= -10) & (points < 10)).all()
    with legacy_seed(3):
        expected = np.random.uniform(-10, 10, (10, 2))
    np.testing.assert_array_equal(points, expected)


def test_curriculum_01_normal_parameter_points_centred_at_1_0():
    points = datasets.sample_parameters(10, seed=3, centre=(1, 0), spread=0.5)
    with legacy_seed(3):
        expected = np.random.normal((1, 0), 0.5, (10, 2))
    np.testing.assert_array_equal(points, expected)


def test_curriculum_05_heights_and_sigma():
    assert datasets.heights().tolist() == [164.95, 165.35, 165.76, 166.16, 167.78,
                                           168.99, 169.8, 170.2, 171.82, 172.63]
    assert datasets.HEIGHTS_SIGMA_CM == 5.0
    assert f"{datasets.heights().mean():.3f}" == "168.344"


def test_curriculum_05_counts():
    assert datasets.phone_os() == (7, 10)
    assert datasets.phone_os().k == 7
    assert datasets.phone_os().n == 10
    assert datasets.coin() == datasets.CountData(k=56, n=100)


def test_curriculum_siblings_table():
    values, counts = datasets.siblings()
    assert values.tolist() == [1, 2, 3, 4, 5, 6, 7]
    assert counts.tolist() == [17, 59, 15, 6, 2, 0, 1]
    assert counts.sum() == 100
    assert counts[values == 6].item() == 0


def test_heights_returns_a_fresh_copy():
    h = datasets.heights()
    h[:] = 0.0
    assert datasets.heights()[0] == 164.95
    assert datasets.HEIGHTS_CM[0] == 164.95


# --------------------------------------------------------------------------- the global generator

CALLS = [
    pytest.param(lambda: datasets.make_line_data(50, 0.3, 7), id="make_line_data"),
    pytest.param(datasets.likelihood_line_data, id="likelihood_line_data"),
    pytest.param(datasets.closed_form_line_data, id="closed_form_line_data"),
    pytest.param(datasets.outlier_line_data, id="outlier_line_data"),
    pytest.param(lambda: datasets.sample_parameters(10, seed=1), id="sample_uniform"),
    pytest.param(lambda: datasets.sample_parameters(10, seed=1, centre=(1, 0), spread=0.5),
                 id="sample_normal"),
]


@pytest.mark.parametrize("make", CALLS)
def test_data_sets_leave_the_global_random_state_alone(make):
    saved = np.random.get_state()
    try:
        np.random.seed(2024)
        np.random.normal()  # a cached Gaussian half of the Box-Muller pair is part of the state
        before = np.random.get_state()
        make()
        after = np.random.get_state()
        assert same_state(before, after)
        fresh = np.random.RandomState(2024)
        fresh.normal()
        assert np.random.normal(size=3).tolist() == fresh.normal(size=3).tolist()
    finally:
        np.random.set_state(saved)


@pytest.mark.parametrize("make", CALLS)
def test_data_sets_are_repeatable(make):
    first, second = make(), make()
    for a, b in zip(np.atleast_1d(first), np.atleast_1d(second), strict=True):
        np.testing.assert_array_equal(a, b)


@PROPERTY
@given(n=st.integers(1, 300), sd=st.floats(0.01, 10.0), seed=seeds,
       slope=st.floats(-5, 5), intercept=st.floats(-5, 5),
       lo=st.floats(-10, 0), width=st.floats(0.1, 20))
def test_make_line_data_reproduces_the_legacy_stream(n, sd, seed, slope, intercept, lo, width):
    before = np.random.get_state()
    data = datasets.make_line_data(n, sd, seed, slope=slope, intercept=intercept,
                                   x_range=(lo, lo + width))
    assert same_state(before, np.random.get_state())
    with legacy_seed(seed):
        x = np.linspace(lo, lo + width, n)
        y = slope * x + intercept + np.random.normal(0, sd, n)
    assert isinstance(data, datasets.LineData)
    np.testing.assert_array_equal(data.x, x)
    np.testing.assert_array_equal(data.y, y)


@PROPERTY
@given(n=st.integers(0, 50), seed=seeds, low=st.floats(-100, 100), width=st.floats(0.5, 100))
def test_sample_parameters_uniform_reproduces_the_legacy_stream(n, seed, low, width):
    before = np.random.get_state()
    points = datasets.sample_parameters(n, seed=seed, low=low, high=low + width)
    assert same_state(before, np.random.get_state())
    with legacy_seed(seed):
        expected = np.random.uniform(low, low + width, (n, 2))
    assert points.shape == (n, 2)
    np.testing.assert_array_equal(points, expected)


@PROPERTY
@given(n=st.integers(0, 50), seed=seeds, a=st.floats(-5, 5), b=st.floats(-5, 5),
       spread=st.floats(0.01, 5))
def test_sample_parameters_normal_reproduces_the_legacy_stream(n, seed, a, b, spread):
    before = np.random.get_state()
    points = datasets.sample_parameters(n, seed=seed, centre=(a, b), spread=spread)
    assert same_state(before, np.random.get_state())
    with legacy_seed(seed):
        expected = np.random.normal((a, b), spread, (n, 2))
    np.testing.assert_array_equal(points, expected)


def test_noise_is_centred_on_the_true_line():
    """Many points: the least-squares line through the data is close to slope 1, bias 1."""
    data = datasets.make_line_data(20000, 0.5, 11)
    slope, bias = np.polyfit(data.x, data.y, 1)
    assert slope == pytest.approx(1.0, abs=0.01)
    assert bias == pytest.approx(1.0, abs=0.01)
    residual_sd = np.std(data.y - data.x - 1.0)
    assert residual_sd == pytest.approx(0.5, rel=0.02)
