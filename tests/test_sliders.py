"""mlelib.engine.sliders: the step-grid arithmetic shared with canvas.js, and starting values."""

from __future__ import annotations

import ipywidgets as widgets
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlelib.engine.sliders import (
    float_slider,
    int_slider,
    log_slider,
    position_key,
    snap_to_slider,
    start_note,
    step_button,
    step_index,
    step_value,
    steps_to_end,
    value_at,
)


def test_position_keys_match_the_sliders_step_grid():
    lin = widgets.FloatSlider(min=-1.0, max=3.0, step=0.05, value=1.0)
    log = widgets.FloatLogSlider(base=10, min=-2.0, max=2.0, step=0.05, value=1.0)
    count = widgets.IntSlider(min=0, max=20, value=4)
    assert step_index(lin, 1.0) == 40 and step_index(lin, 0.9999999999999998) == 40
    assert step_index(log, 10 ** 0.35) == 47 and step_index(count, 4) == 4
    assert position_key({"a": lin, "t": log, "n": count}, {"a": -1.0, "t": 100.0, "n": 20}) \
        == "0,80,20"
    assert step_value(lin, 1.0, 3) == pytest.approx(1.15) and step_value(lin, 3.0, 1) is None
    assert step_value(log, 1.0, -2) == pytest.approx(10 ** -0.1)
    assert step_value(count, 0, -1) is None and step_value(count, 0, 2) == 2
    assert steps_to_end(lin, 1.0, 1) == 40 and steps_to_end(lin, 1.0, -1) == 40
    assert steps_to_end(count, 20, 1) == 0 and steps_to_end(log, 100.0, -1) == 80


@given(st.integers(0, 80), st.floats(-0.49, 0.49))
def test_snapping_finds_the_nearest_grid_value(index, offset):
    slider = widgets.FloatSlider(min=-1.0, max=3.0, step=0.05)
    value = -1.0 + (index + offset) * 0.05
    assert snap_to_slider(slider, value) == pytest.approx(value_at(slider, index), abs=1e-12)
    assert step_index(slider, snap_to_slider(slider, value)) == index


def test_snapping_clamps_to_the_range():
    slider = widgets.FloatLogSlider(base=10, min=-3.0, max=1.0, step=0.05)
    assert snap_to_slider(slider, 1e6) == pytest.approx(10.0)
    assert snap_to_slider(slider, 1e-9) == pytest.approx(1e-3)
    assert isinstance(snap_to_slider(widgets.IntSlider(min=0, max=5), 9.7), int)


def test_a_slider_starts_on_its_grid_without_a_note():
    slider = float_slider("noise", min=0.05, max=2.0, step=0.05, value=0.123)
    assert slider.value == pytest.approx(0.10) and start_note(slider) is None
    assert log_slider("tau", min_exp=-3.0, max_exp=1.0, value=10.0).value == pytest.approx(10.0)
    assert start_note(int_slider("n", min=0, max=9, value=9)) is None


@pytest.mark.parametrize("make, asked, starts", [
    (lambda v: float_slider("noise σ", min=0.05, max=2.0, step=0.05, value=v), 5.0, 2.0),
    (lambda v: float_slider("noise σ", min=0.05, max=2.0, step=0.05, value=v), -1.0, 0.05),
    (lambda v: int_slider("trials n", min=0, max=500, value=v), 900, 500),
    (lambda v: log_slider("prior scale τ", min_exp=-3.0, max_exp=1.0, value=v), 0.0, 0.001),
    (lambda v: float_slider("noise σ", min=0.05, max=2.0, step=0.05, value=v), float("nan"),
     2.0),
])
def test_a_value_outside_the_range_starts_at_the_nearest_end_with_a_note(make, asked, starts):
    slider = make(asked)
    assert slider.value == pytest.approx(starts)
    note = start_note(slider)
    assert note is not None and slider.description in note and "outside" in note
    assert repr(asked) in note and f"{starts:g}" in note


def test_a_step_button_moves_its_slider_one_step_and_wraps_past_the_end():
    seed = int_slider("data set seed", min=0, max=3, value=2)
    button = step_button(seed, "new data set")
    seen = []
    seed.observe(lambda change: seen.append(change["new"]), names="value")
    for _ in range(3):
        button.click()
    assert seen == [3, 0, 1]
    assert button.description == "new data set"


def test_a_step_button_hands_the_page_its_slider_so_the_page_makes_the_step():
    seed = int_slider("data set seed", min=0, max=3, value=2)
    other = int_slider("tosses n", min=1, max=9, value=3)
    button = step_button(seed, "new data set")
    state = button.get_state()
    # the synced reference names this slider's model, which the page steps (step_button.js)
    assert state["sliders"] == [f"IPY_MODEL_{seed.model_id}"] != [f"IPY_MODEL_{other.model_id}"]
    assert state["part"] == "step" and state["description"] == "new data set"
    assert state["tooltip"] == "data set seed + 1"
    assert "function stepSlider(" in state["_esm"] and "step: [createStepButton" in state["_esm"]
    assert button.slider is seed and seed.value == 2  # nothing moves until a click
