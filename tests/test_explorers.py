"""Every slider explorer in-process, through its public interface: right numbers, exact
pixels, blitting without full draws, pictures sent ahead that are the pictures shown."""

from __future__ import annotations

import asyncio
import base64

import numpy as np
import pytest
from canvas_replay import Decoder, PanelRecorder
from explorer_specs import all_specs, same_numbers

from mlelib.engine.readout import Readout, format_rows
from mlelib.engine.sliders import position_key, step_value, steps_to_end, value_at

SPECS = all_specs()
IDS = [f"{s.notebook}:{s.title}" for s in SPECS]


def _expected_readout(spec, explorer, values) -> Readout:
    """The readout of the spec's numbers at ``values``, written with the explorer's formats."""
    numbers = spec.expected(values)
    return Readout(dict(values), numbers, format_rows(numbers, explorer.formats))


def _assert_right(spec, explorer, readout: Readout):
    """The readout's numbers are the spec's, and its rows write them with its formats."""
    assert same_numbers(readout.numbers, spec.expected(readout.sliders)) == [], readout.sliders
    assert readout.rows == _expected_readout(spec, explorer, readout.sliders).rows


def _positions(slider, rng, count=4):
    """A few values on the slider's grid: both ends and random steps."""
    last = round((slider.max - slider.min) / slider.step)
    return [value_at(slider, int(k)) for k in [0, last, *rng.integers(0, last + 1, count - 2)]]


def _close_to_full_draw(explorer) -> bool:
    # compositing the cached top layer rounds differently from Agg by at most 2 levels
    diff = np.abs(explorer.pixels().astype(int) - explorer.full_draw_pixels().astype(int))
    return diff.max() <= 2


def _from_page(slider, value):
    """Apply a value the way ipywidgets applies a state update sent by the page."""
    slider.set_state({"value": value})


@pytest.fixture(params=SPECS, ids=IDS)
def spec(request):
    return request.param


def test_initial_readout_matches_independent_computation(spec):
    explorer = spec.build()
    assert explorer.readout.sliders == explorer.values
    _assert_right(spec, explorer, explorer.readout)


def test_every_slider_position_shows_the_right_numbers(spec):
    rng = np.random.default_rng(0)
    explorer = spec.build()
    for name, slider in explorer.sliders.items():
        assert slider.description, f"slider {name!r} has no label"
        for value in _positions(slider, rng):
            slider.value = value
            assert explorer.readout.sliders == explorer.values, (name, value)
            _assert_right(spec, explorer, explorer.readout)


def test_moving_a_slider_changes_the_picture(spec):
    """...and the frames sent rebuild, from the protocol alone, exactly that picture."""
    explorer = spec.build()
    page = Decoder(explorer.canvas)
    explorer.canvas.send_whole_frame()
    for name, slider in explorer.sliders.items():
        before = explorer.pixels()
        slider.value = slider.max if slider.value != slider.max else slider.min
        assert not np.array_equal(before, explorer.pixels()), f"moving {name} changed no pixel"
        assert np.array_equal(page.pixels, explorer.pixels()), f"{name}: decoded frame differs"
    whole = before.shape[0] * before.shape[1]
    assert explorer.canvas.stats["pixels"] < whole * (2 + 0.8 * len(explorer.sliders)), \
        "frames should carry the changed pixels, not the whole figure"


def test_blitted_frame_equals_a_full_draw(spec):
    """The picture must declare every artist it moves, or stale pixels would show."""
    rng = np.random.default_rng(1)
    explorer = spec.build()
    for name, slider in explorer.sliders.items():
        slider.value = _positions(slider, rng, 3)[2]
        assert _close_to_full_draw(explorer), f"after moving {name}"


def test_updates_blit_instead_of_redrawing(spec):
    """After the first frame, no slider costs a full draw of the figure."""
    explorer = spec.build()
    counts = explorer.picture.renderer.counts
    for slider in explorer.sliders.values():
        for value in _positions(slider, np.random.default_rng(2), 5)[2:]:
            if value != slider.value:
                updates = explorer.counts["updates"]
                slider.value = value
                assert explorer.counts["updates"] == updates + 1, "one event, one frame"
    assert counts["full_draws"] == 1


def _data(bundle):
    """The data of a mime bundle returned with or without its metadata."""
    return bundle[0] if isinstance(bundle, tuple) else bundle


def test_static_fallback_is_a_png_and_stable_text(spec):
    explorer = spec.build()
    bundle = _data(explorer._repr_mimebundle_())
    assert base64.b64decode(bundle["image/png"])[:8] == b"\x89PNG\r\n\x1a\n"
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == _data(spec.build()._repr_mimebundle_())["text/plain"]
    assert bundle["text/plain"].startswith(f"{explorer.title} explorer (")
    for name, text in _expected_readout(spec, explorer, explorer.values).rows.items():
        assert f"{name} = {text}" in bundle["text/plain"]


def test_readout_for_computes_without_moving_the_explorer(spec):
    rng = np.random.default_rng(5)
    explorer = spec.build()
    start = explorer.values, explorer.readout, explorer.pixels()
    frames = explorer.canvas.stats["frames"]
    for _ in range(3):
        wanted = {name: _positions(s, rng, 3)[2] for name, s in explorer.sliders.items()}
        readout = explorer.readout_for(**wanted)
        assert readout.sliders == wanted
        _assert_right(spec, explorer, readout)
        assert (explorer.values, explorer.readout) == start[:2]
        assert np.array_equal(explorer.pixels(), start[2])
        assert explorer.canvas.stats["frames"] == frames
    with pytest.raises(ValueError, match="unknown slider"):
        explorer.readout_for(nonsense=1.0)


def _a_step(slider):
    up = step_value(slider, slider.value, 1)
    return up if up is not None else step_value(slider, slider.value, -1)


def _movers(explorer):
    """A slider that moves no layer and, if any, one that does."""
    layered = explorer.picture.layered_sliders
    light = [n for n in explorer.sliders if n not in layered]
    return light[:1] + [n for n in explorer.sliders if n in layered][:1]


def _track_ends(explorer, name) -> dict[str, dict]:
    """Key -> values of the positions at either end of slider ``name``, the others kept."""
    slider, here, ends = explorer.sliders[name], explorer.values, {}
    for sign in (1, -1):
        steps = steps_to_end(slider, here[name], sign)
        if steps:
            values = {**here, name: step_value(slider, here[name], sign * steps)}
            ends[position_key(explorer.sliders, values)] = values
    return ends


def test_pictures_and_readouts_sent_ahead_are_what_the_explorer_shows_there(spec):
    """On the first move already (layers are declared, nothing is learned): what the idle
    kernel sends ahead (near positions, and the moved slider's track ends, where a drag
    across the track stops) equals the spec's numbers and a second explorer's picture
    there, and a real move to such a position reuses the cached layer."""
    explorer, other = spec.build(), spec.build()
    page, readouts = Decoder(explorer.canvas), PanelRecorder(explorer.panel)
    explorer.canvas.send_whole_frame()
    for moved in _movers(explorer):
        readouts.sent_ahead, page.patches = {}, {}
        _from_page(explorer.sliders[moved], _a_step(explorer.sliders[moved]))
        shown = explorer.pixels()
        assert explorer.prefetch() > 0
        assert np.array_equal(explorer.pixels(), shown), "sending ahead changed the frame"
        assert np.array_equal(page.pixels, shown)
        here = position_key(explorer.sliders, explorer.values)
        ahead = {}
        for name, slider in explorer.sliders.items():
            for k in range(-200, 201):
                value = step_value(slider, explorer.values[name], k)
                if value is not None:
                    values = {**explorer.values, name: value}
                    ahead[position_key(explorer.sliders, values)] = values
        ends = _track_ends(explorer, moved)
        ahead.update(ends)
        assert readouts.sent_ahead and set(readouts.sent_ahead) <= set(ahead) - {here}
        assert set(ends) <= set(readouts.sent_ahead) & set(page.patches), "no track end"
        for key, html in readouts.sent_ahead.items():
            assert html == _expected_readout(spec, explorer, ahead[key]).html, key
        for name in explorer.sliders:  # one step each way along every slider, at least
            for k in (1, -1):
                value = step_value(explorer.sliders[name], explorer.values[name], k)
                if value is not None:
                    key = position_key(explorer.sliders, {**explorer.values, name: value})
                    assert key in page.patches, f"no picture ahead {k:+d} along {name}"
        for key in page.patches:
            other.set(**ahead[key])
            assert np.array_equal(page.patch(key), other.pixels()), f"picture ahead at {key}"
        counts = dict(explorer.picture.renderer.counts)
        explorer.sliders[moved].value = _a_step(explorer.sliders[moved])
        assert explorer.picture.renderer.counts == counts, "the layer drawn ahead was reused"
        assert np.array_equal(page.pixels, explorer.pixels()) and _close_to_full_draw(explorer)


def test_browser_events_show_the_readout_first_and_share_one_frame():
    """In the kernel's loop, a change from the page writes the readout at once and draws
    one frame, for the newest values, once the messages at hand are handled."""
    spec = SPECS[0]
    explorer = spec.build()
    explorer.pacer.prefetch = False
    slider = next(iter(explorer.sliders.values()))
    values = _positions(slider, np.random.default_rng(3), 4)[:2]

    async def drive():
        frames = explorer.canvas.stats["frames"]
        for value in values:  # two messages before the loop gets a turn
            _from_page(slider, value)
        _assert_right(spec, explorer, explorer.readout)
        assert explorer.readout.sliders == explorer.values
        assert explorer.canvas.stats["frames"] == frames, "the frame must wait"
        await asyncio.sleep(0)
        assert explorer.canvas.stats["frames"] == frames + 1, "one frame for both events"

    asyncio.run(drive())
    assert _close_to_full_draw(explorer)


def test_a_slider_change_stops_what_the_kernel_sends_ahead():
    explorer = SPECS[1].build()
    explorer.pacer.rest_after_step = 0.0
    recorder = PanelRecorder(explorer.panel)
    slider = explorer.sliders["a"]

    async def drive():
        _from_page(slider, _a_step(slider))
        for _ in range(50):
            await asyncio.sleep(0)
            if recorder.sent_ahead:
                break
        sent = len(recorder.sent_ahead)
        assert sent > 0, "the idle kernel sends readouts ahead"
        explorer.sliders["b"].value = _a_step(explorer.sliders["b"])  # a change from code
        for _ in range(20):
            await asyncio.sleep(0)
        assert len(recorder.sent_ahead) == sent, "the change stopped the round"

    asyncio.run(drive())
