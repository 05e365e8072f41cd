"""In-process checks of every slider explorer: right numbers, exact pixels, no re-created figure."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import pytest
from canvas_replay import FakeView
from explorer_specs import all_specs

from mlelib.sliders import snap_to_slider

SPECS = all_specs()
IDS = [f"{s.notebook}:{s.title}" for s in SPECS]


def _parse(text: str) -> dict[str, str]:
    return dict(line.split(" = ", 1) for line in text.splitlines())


def _readout(explorer) -> dict[str, str]:
    return _parse(explorer.readout_text)


def _slider_positions(slider, rng, count=4):
    """A few valid values of a slider: its ends and random positions on its step grid.

    A log slider's ``min``, ``max`` and ``step`` are exponents of its ``base``.
    """
    lo, hi = slider.min, slider.max
    steps = round((hi - lo) / slider.step)
    picks = [0, steps, *rng.integers(0, steps + 1, size=count - 2)]
    grid = [lo + int(k) * slider.step for k in picks]
    if isinstance(slider, widgets.FloatLogSlider):
        return [snap_to_slider(slider, slider.base ** g) for g in grid]
    return [snap_to_slider(slider, g) for g in grid]


@pytest.fixture(params=SPECS, ids=IDS)
def spec(request):
    return request.param


def test_initial_readout_matches_independent_computation(spec):
    explorer = spec.build()
    assert _readout(explorer) == spec.expected(explorer.values)


def test_every_slider_position_shows_the_right_numbers(spec):
    rng = np.random.default_rng(0)
    explorer = spec.build()
    fig = explorer.fig
    for name, slider in explorer.sliders.items():
        assert slider.description, f"slider {name!r} has no label"
        for value in _slider_positions(slider, rng):
            explorer.sliders[name].value = value
            assert _readout(explorer) == spec.expected(explorer.values), (name, value)
    assert explorer.fig is fig, "the explorer must keep the figure it was built with"


def test_moving_a_slider_changes_the_picture(spec):
    """...and what the canvas sends rebuilds, in a stand-in browser, exactly that picture."""
    explorer = spec.build()
    view = FakeView(explorer.canvas)
    explorer.canvas._on_view_message(explorer.canvas, {"type": "send-whole-frame"}, [])
    for name, slider in explorer.sliders.items():
        before = explorer.pixels()
        target = slider.max if slider.value != slider.max else slider.min
        explorer.sliders[name].value = target
        assert not np.array_equal(before, explorer.pixels()), f"moving {name} changed no pixel"
        assert np.array_equal(view.pixels, explorer.pixels()), f"{name}: replay differs"
    whole = explorer.pixels().shape[0] * explorer.pixels().shape[1]
    assert explorer.canvas.stats["pixels"] < whole * (1 + 0.8 * len(explorer.sliders) + 1), \
        "frames should carry the changed rectangle, not the whole figure"


def test_blitted_frame_equals_a_full_draw(spec):
    """The update must register every artist it moves, or stale pixels would show."""
    rng = np.random.default_rng(1)
    explorer = spec.build()
    for name, slider in explorer.sliders.items():
        explorer.sliders[name].value = _slider_positions(slider, rng, 3)[2]
        blitted = explorer.pixels().astype(int)
        full = explorer.full_draw_pixels().astype(int)
        diff = np.abs(blitted - full)
        # compositing the cached top layer rounds differently from Agg by at most 2 levels
        assert diff.max() <= 2, f"after moving {name}: {np.count_nonzero(diff > 2)} pixels differ"


def test_updates_blit_instead_of_redrawing(spec):
    """Only sliders listed in ``redraws_background`` may cost a full draw."""
    explorer = spec.build()
    for name, slider in explorer.sliders.items():
        if name in spec.redraws_background:
            continue
        full_before = explorer.counts["full_draws"]
        for value in _slider_positions(slider, np.random.default_rng(2), 5)[2:]:
            if value == slider.value:
                continue
            updates_before = explorer.counts["updates"]
            explorer.sliders[name].value = value
            assert explorer.counts["updates"] == updates_before + 1, "one event, one update"
        assert explorer.counts["full_draws"] == full_before, f"moving {name} redrew everything"


def test_static_fallback_is_a_png_and_stable_text(spec):
    explorer = spec.build()
    bundle = explorer._repr_mimebundle_()
    import base64
    png = base64.b64decode(bundle["image/png"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == spec.build()._repr_mimebundle_()["text/plain"]
    for name, value in spec.expected(explorer.values).items():
        assert f"{name} = {value}" in bundle["text/plain"]


def test_initial_values_lie_on_the_slider_grid(spec):
    """An off-grid value is snapped by the browser and sent back, overwriting the kernel's.

    Choose ranges and steps so that every initial value is a grid point (for a log slider:
    log10(value) = min + k * step), or start from the nearest grid value.
    """
    explorer = spec.build()
    for name, slider in explorer.sliders.items():
        assert snap_to_slider(slider, slider.value) == pytest.approx(slider.value, rel=1e-9), (
            f"slider {name!r} starts at {slider.value!r}, off its step grid "
            f"(min={slider.min}, step={slider.step})")


def test_browser_events_show_the_readout_first_and_coalesce_frames():
    """Inside the kernel's loop, a change from the browser updates the readout at once and
    draws one frame after the message is handled, for the newest values only."""
    import asyncio

    spec = SPECS[0]
    explorer = spec.build()
    slider = next(iter(explorer.sliders.values()))
    values = _slider_positions(slider, np.random.default_rng(3), 4)[:2]

    async def drive():
        frames_before = explorer.counts["updates"]
        sent_before = explorer.canvas.stats["frames"]
        for value in values:  # two messages before the loop gets a turn
            slider.set_state({"value": value})  # how ipywidgets applies a browser update
        assert _readout(explorer) == spec.expected(explorer.values)
        assert explorer.counts["updates"] == frames_before, "the frame must wait"
        assert explorer.canvas.stats["frames"] == sent_before, "nothing sent yet"
        await asyncio.sleep(0)
        assert explorer.counts["updates"] == frames_before + 1, "one frame for both events"
        assert explorer.canvas.stats["frames"] == sent_before + 1
        assert np.array_equal(explorer.canvas.whole_frame(), explorer.pixels())

    asyncio.run(drive())
    assert np.abs(explorer.pixels().astype(int) - explorer.full_draw_pixels()).max() <= 2


def test_a_frame_waits_for_the_kernel_to_send_the_readout(monkeypatch):
    """In a kernel, the frame is drawn only after the IOPub thread has sent what is
    queued (the readout); the draw holds the GIL and would otherwise delay it."""
    import IPython

    from mlelib import sliders

    order = []

    class IOThread:
        class thread:
            @staticmethod
            def is_alive():
                return True

        @staticmethod
        def schedule(callback):
            order.append("iopub drained")
            callback()

    class Kernel:
        iopub_socket = type("Socket", (), {"io_thread": IOThread})

    monkeypatch.setattr(IPython, "get_ipython", lambda: type("Shell", (), {"kernel": Kernel}))
    explorer = SPECS[0].build()
    render = explorer._render
    monkeypatch.setattr(explorer, "_render", lambda *a: (order.append("drawn"), render(*a)))
    order.clear()
    explorer._push_frame()
    assert order == ["iopub drained", "drawn"]
    monkeypatch.setattr(IPython, "get_ipython", lambda: None)  # plain Python: no wait
    order.clear()
    explorer._push_frame()
    assert order == ["drawn"]
    assert sliders._drain_kernel_output() is None


def test_readout_for_computes_without_moving_the_explorer(spec):
    """The checking cells' path: the numbers of a drag, while sliders, readout and picture
    stay put; the explorer still draws correctly afterwards."""
    rng = np.random.default_rng(5)
    explorer = spec.build()
    start_values, start_text = explorer.values, explorer.readout_text
    start_pixels, frames = explorer.pixels(), explorer.canvas.stats["frames"]
    for _ in range(3):
        wanted = {name: _slider_positions(s, rng, 3)[2] for name, s in explorer.sliders.items()}
        used, text = explorer.readout_for(**wanted)
        assert _parse(text) == spec.expected(used)
        assert explorer.values == start_values and explorer.readout_text == start_text
        assert np.array_equal(explorer.pixels(), start_pixels)
        assert explorer.canvas.stats["frames"] == frames
    name, slider = next(iter(explorer.sliders.items()))
    explorer.sliders[name].value = _slider_positions(slider, rng, 3)[2]
    assert _readout(explorer) == spec.expected(explorer.values)
    assert np.abs(explorer.pixels().astype(int) - explorer.full_draw_pixels()).max() <= 2
    with pytest.raises(ValueError, match="unknown slider"):
        explorer.readout_for(nonsense=1.0)


def test_layered_artists_are_checked():
    """A layered artist must belong to an axes and lie below the axes' moving artists."""
    from mlelib.plotting import new_figure
    from mlelib.sliders import Explorer, float_slider

    def build(layered_of):
        fig, ax = new_figure(1, 1)
        (moving,) = ax.plot([0, 1], [0, 1], zorder=2)
        (above,) = ax.plot([0, 1], [1, 0], zorder=3)
        note = fig.text(0.5, 0.5, "figure text")
        layered = layered_of(ax, above, note)

        def readout(x):
            return {"x": f"{x:.2f}"}

        def update(x):
            moving.set_ydata([0, x])

        return Explorer(fig, {"x": float_slider("x", min=0.0, max=1.0, step=0.1, value=0.5)},
                        readout=readout, update=update, animated=[moving], title="t",
                        layered=layered)

    with pytest.raises(ValueError, match="below every animated artist"):
        build(lambda ax, above, note: [above])
    with pytest.raises(ValueError, match="must belong to an axes"):
        build(lambda ax, above, note: [note])
    assert build(lambda ax, above, note: [ax]).counts["full_draws"] == 1


def _learn_every_slider(explorer):
    """Move each slider a step and back, as a learner would, so the explorer learns which
    sliders move without repainting the background (only their frames are prefetched)."""
    from mlelib.sliders import step_value

    for slider in explorer.sliders.values():
        start = slider.value
        up = step_value(slider, start, 1)
        slider.value = up if up is not None else step_value(slider, start, -1)
        slider.value = start


def _prefetch_all(explorer, moved):
    explorer._moved = (moved, 1)
    for job in explorer._prefetch_jobs():
        job()


def test_prefetched_readouts_and_pictures_are_what_the_explorer_shows_there(spec):
    """What the kernel sends ahead of the sliders is exactly what it shows when they get
    there: every prefetched readout (against the spec's independent numbers) and every
    prefetched picture, applied the way canvas.js applies it (against a second explorer
    drawn at that position).  Checked after a light slider moved, and after one that
    repaints a layer (its backgrounds are then cached, and a real step uses the cache)."""
    from canvas_replay import FakeReadoutView

    from mlelib.canvas import position_key
    from mlelib.sliders import format_readout, step_value

    explorer = spec.build()
    _learn_every_slider(explorer)
    light = explorer._light  # sliders whose move repaints no cached layer
    assert light, "every explorer has a slider whose frames can be prefetched"
    movers = [next(name for name in explorer.sliders if name in light)]
    movers += [name for name in explorer.sliders if name not in light][:1]
    other = spec.build()
    for moved in movers:
        here = position_key(explorer.sliders, explorer.values)
        view = FakeView(explorer.canvas, key=here)
        panel = FakeReadoutView(explorer.readout, key=here)
        explorer.canvas._on_view_message(explorer.canvas, {"type": "send-whole-frame"}, [])
        before = explorer.pixels()
        _prefetch_all(explorer, moved)
        assert np.array_equal(explorer.pixels(), before), "prefetching must put the picture back"

        positions = {}
        for name in explorer.sliders:
            for values in explorer._neighbours(name, range(-200, 201)):
                positions[position_key(explorer.sliders, values)] = values
        prefetched = set(panel.table) - {here}
        assert prefetched, "no readout was prefetched"
        assert prefetched <= set(positions)
        for key in prefetched:
            assert panel.table[key] == format_readout(spec.expected(positions[key]))[0], key
        steps = {position_key(explorer.sliders, v) for v in explorer._neighbours(moved, (1, -1))}
        assert set(view.patches) >= steps, f"the steps of {moved} were not drawn ahead"
        for key in view.patches:
            view.move_to(key)
            other.set(**positions[key])
            assert np.array_equal(view.pixels, other.pixels()), f"prefetched picture at {key}"
        view.move_to(here)
        assert np.array_equal(view.pixels, before)

        # the real move to a prefetched position: right pixels, and no repaint of a layer
        paints = explorer.counts["layer_paints"], explorer.counts["full_draws"]
        slider = explorer.sliders[moved]
        up = step_value(slider, slider.value, 1)
        slider.value = up if up is not None else step_value(slider, slider.value, -1)
        assert (explorer.counts["layer_paints"], explorer.counts["full_draws"]) == paints
        assert np.abs(explorer.pixels().astype(int)
                      - explorer.full_draw_pixels()).max() <= 2, f"after moving {moved}"


def test_a_slider_change_stops_prefetching():
    explorer = SPECS[0].build()
    _learn_every_slider(explorer)
    queue = []
    loop = type("Loop", (), {"call_soon": lambda self, *a: queue.append(a)})()
    explorer._moved = (next(iter(explorer.sliders)), 1)
    explorer._prefetch_step(loop, explorer._prefetch_round, iter(explorer._prefetch_jobs()))
    assert len(queue) == 1, "one job per turn of the loop, then the next is scheduled"
    sent = explorer.readout.stats["prefetched"]
    assert sent > 0
    slider = next(iter(explorer.sliders.values()))
    slider.value = slider.max  # a learner moves a slider
    callback, *args = queue.pop()
    callback(*args)
    assert queue == [] and explorer.readout.stats["prefetched"] == sent
