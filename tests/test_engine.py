"""The explorer engine on a small figure: declared layers, the readout's numbers and their
text, the pacing switch, the ipykernel seam and its fallback, and bad input (a start
outside a slider's range, a readout or a picture that fails), which must show a message
and leave the explorer usable."""

from __future__ import annotations

import asyncio

import IPython
import numpy as np
import pytest
from canvas_replay import Decoder

from mlelib import datasets, explorers
from mlelib.engine import Explorer, Layer, Picture
from mlelib.engine.jupyter_internals import change_came_from_page, wait_for_kernel_output
from mlelib.engine.pacing import Pacer
from mlelib.engine.readout import format_number
from mlelib.engine.sliders import float_slider
from mlelib.plotting import new_figure


def small_explorer(*, readout=None, formats=None, bad_picture_above=np.inf, layered=False):
    """One axes, a moving line, optionally a layer moved by ``x``."""
    fig, ax = new_figure(1, 1, figsize=(3.0, 2.0))
    (surface,) = ax.plot([0, 1], [0.5, 0.5], zorder=1)
    (line,) = ax.plot([0, 1], [0, 1], zorder=2)
    ax.set(xlim=(0, 1), ylim=(0, 1))

    def move(x):
        if x > bad_picture_above:
            raise ValueError(f"x must be <= {bad_picture_above}, got {x}")
        line.set_ydata([0, x])

    def lift(x):
        surface.set_ydata([x / 2, x / 2])

    layers = [Layer(["x"], [surface], lift)] if layered else []
    picture = Picture(fig, moving=[line], update=move, layers=layers)
    slider = float_slider("x", min=0.0, max=1.0, step=0.1, value=0.5)
    return Explorer(picture, {"x": slider}, readout=readout or (lambda x: {"x": x}),
                    formats=formats or {"x": ".2f"}, title="small")


def test_layers_are_declared_below_the_moving_artists_and_for_known_sliders():
    fig, ax = new_figure(1, 1)
    (moving,) = ax.plot([0, 1], [0, 1], zorder=2)
    (above,) = ax.plot([0, 1], [1, 0], zorder=3)
    note = fig.text(0.5, 0.5, "figure text")
    with pytest.raises(ValueError, match="below every moving artist"):
        Picture(fig, moving=[moving], update=print, layers=[Layer(["x"], [above], print)])
    with pytest.raises(ValueError, match="must belong to an axes"):
        Picture(fig, moving=[moving], update=print, layers=[Layer(["x"], [note], print)])
    with pytest.raises(ValueError, match="at least one slider"):
        Layer([], [ax], print)
    picture = Picture(fig, moving=[moving], update=lambda x: None,
                      layers=[Layer(["y"], [ax], lambda y: None)])
    with pytest.raises(ValueError, match="layers name"):
        Explorer(picture, {"x": float_slider("x", min=0, max=1, step=0.1, value=0.5)},
                 readout=lambda x: {}, formats={}, title="t")


def test_a_layer_is_repainted_only_for_new_values_of_its_sliders():
    explorer = small_explorer(layered=True)
    counts = explorer.picture.renderer.counts
    assert counts == {"full_draws": 1, "layer_paints": 1}
    explorer.set(x=0.7)
    explorer.set(x=0.5)  # painted before: reused
    assert counts == {"full_draws": 1, "layer_paints": 2}
    fresh = small_explorer(layered=True)
    fresh.set(x=0.5)
    assert np.array_equal(explorer.pixels(), fresh.pixels())


class _FakeIOThread:
    """ipykernel's IOPub thread as the seam expects it (ipykernel 6-7)."""

    def __init__(self, log):
        self.log = log
        self.thread = type("T", (), {"is_alive": staticmethod(lambda: True)})

    def schedule(self, callback):
        self.log.append("kernel output sent")
        callback()


def _kernel_with(io_thread):
    socket = type("Socket", (), {"io_thread": io_thread})
    kernel = type("Kernel", (), {"iopub_socket": socket})
    return type("Shell", (), {"kernel": kernel})()


def test_the_picture_waits_until_the_kernel_has_sent_the_readout(monkeypatch):
    log = []
    explorer = small_explorer()
    explorer.pacer.prefetch = False
    draw = explorer.picture.draw
    monkeypatch.setattr(explorer.picture, "draw",
                        lambda v, **k: (log.append("drawn"), draw(v, **k))[1])
    monkeypatch.setattr(IPython, "get_ipython", lambda: _kernel_with(_FakeIOThread(log)))

    async def drive():
        explorer.sliders["x"].set_state({"value": 0.8})
        await asyncio.sleep(0)

    asyncio.run(drive())
    assert log == ["kernel output sent", "drawn"]


@pytest.mark.parametrize("shell", [None, _kernel_with(None), object()])
def test_without_the_kernel_internals_the_explorer_takes_the_plain_path(monkeypatch, shell):
    """Outside a kernel, or with an ipykernel that changed, nothing waits or breaks."""
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    assert wait_for_kernel_output() is False
    assert change_came_from_page({"owner": object()}) is False
    explorer = small_explorer()

    async def drive():
        explorer.sliders["x"].set_state({"value": 0.8})
        await asyncio.sleep(0)

    asyncio.run(drive())
    assert explorer.readout.text == "x = 0.80"
    fresh = small_explorer()
    fresh.set(x=0.8)
    assert np.array_equal(explorer.pixels(), fresh.pixels())


def test_a_start_outside_a_sliders_range_is_shown_in_the_readout():
    data = datasets.likelihood_line_data()
    explorer = explorers.line_likelihood_explorer(data, sigma=5.0)
    assert explorer.values["sigma"] == 2.0
    assert "noise σ = 5.0 is outside the slider's range [0.05, 2]" in explorer.panel.note
    assert "it starts at 2 instead" in explorer._repr_mimebundle_()["text/plain"]
    reference = explorers.line_likelihood_explorer(data, sigma=2.0)
    assert explorer.readout == reference.readout
    assert np.array_equal(explorer.pixels(), reference.pixels())
    explorer.sliders["a"].value = 1.5
    assert "noise σ" in explorer.panel.note, "the note stays until sigma moves"
    explorer.sliders["sigma"].value = 1.0
    assert explorer.panel.note == ""


def test_a_readout_that_raises_shows_its_error_and_the_explorer_goes_on():
    def readout(x):
        if x > 0.75:
            raise ValueError(f"x must be <= 0.75, got {x}")
        return {"x": x}

    explorer = small_explorer(readout=readout)
    explorer.set(x=0.9)
    message = "The readout could not be computed for x = 0.9: ValueError: x must be <= 0.75"
    assert explorer.readout.text.startswith(message) and explorer.readout.numbers == {}
    assert 'role="alert"' in explorer.panel.html and "x must be &lt;= 0.75" in \
        explorer.panel.html
    assert message in explorer._repr_mimebundle_()["text/plain"]
    assert explorer.readout_for(x=0.9).problem.startswith(message)
    fresh = small_explorer()
    fresh.set(x=0.9)
    assert np.array_equal(explorer.pixels(), fresh.pixels()), "the picture is still drawn"
    explorer.set(x=0.2)
    assert explorer.readout.text == "x = 0.20"


def test_a_picture_that_fails_keeps_the_last_one_and_says_so():
    explorer = small_explorer(bad_picture_above=0.75)
    page = Decoder(explorer.canvas)
    explorer.canvas.send_whole_frame()
    before = explorer.pixels()

    async def drive():  # from the page, inside the kernel's loop: nothing may raise
        explorer.sliders["x"].set_state({"value": 0.9})
        for _ in range(30):
            await asyncio.sleep(0.001)

    asyncio.run(drive())
    assert explorer.readout.text == "x = 0.90"
    assert explorer.panel.note.startswith("The picture could not be drawn for these values "
                                            "(ValueError: x must be <= 0.75, got 0.9)")
    assert np.array_equal(explorer.pixels(), before) and np.array_equal(page.pixels, before)
    explorer.set(x=0.3)
    assert explorer.panel.note == ""
    fresh = small_explorer()
    fresh.set(x=0.3)
    assert np.array_equal(page.pixels, fresh.pixels())


def test_the_readout_holds_the_numbers_and_writes_them_with_the_declared_formats():
    explorer = small_explorer(readout=lambda x: {"x": x, "x²": x * x, "x - 0.5": x - 0.5},
                              formats={"x": ".2f", "x²": ".3e", "x - 0.5": ".3f"})
    readout = explorer.readout_for(x=0.2)
    assert readout.sliders == {"x": 0.2} and explorer.values == {"x": 0.5}
    assert readout.numbers == {"x": 0.2, "x²": 0.2 * 0.2, "x - 0.5": 0.2 - 0.5}
    assert readout.rows == {"x": "0.20", "x²": "4.000e-02", "x - 0.5": "-0.300"}
    assert readout.text == "x = 0.20\nx² = 4.000e-02\nx - 0.5 = -0.300"
    assert explorer.set(x=0.5).rows["x - 0.5"] == "0.000"
    assert explorer._repr_mimebundle_()["text/plain"] == \
        "small explorer (x = 0.5): x = 0.50; x² = 2.500e-01; x - 0.5 = 0.000"


@pytest.mark.parametrize(("value", "spec", "text"), [
    (-0.0004, ".3f", "0.000"), (-0.0, ".4e", "0.0000e+00"), (-0.0006, ".3f", "-0.001"),
    (-1e-5, ".4e", "-1.0000e-05"), (-np.inf, ".3f", "-inf"), (-0.4, ".0f", "0"),
    (-10.0, ".0f", "-10"), (-0.00004, "g", "-4e-05")])
def test_a_number_that_rounds_to_zero_is_written_without_a_sign(value, spec, text):
    assert format_number(value, spec) == text


def test_quantities_without_a_format_are_a_problem_shown_in_the_panel():
    explorer = small_explorer(readout=lambda x: {"x": x, "y": 2 * x})
    assert explorer.readout.problem.endswith("ValueError: the readout's quantities ['x', 'y'] "
                                             "and the formats' ['x'] must be the same")
    assert explorer.readout.rows == {} and 'role="alert"' in explorer.panel.html


@pytest.mark.parametrize("prefetch", [True, False])
def test_the_pacer_prefetches_after_a_change_from_the_page_only_when_built_to(prefetch):
    log = []

    def jobs():
        yield lambda: log.append("job")

    async def drive():
        pacer = Pacer(readout=lambda: log.append("readout"), picture=lambda: log.append("picture"),
                      prefetch_jobs=jobs, prefetch=prefetch)
        pacer.rest_after_step = 0.0
        pacer.change(from_page=True)
        for _ in range(20):
            await asyncio.sleep(0.001)

    asyncio.run(drive())
    assert log == ["readout", "picture", "job"] if prefetch else ["readout", "picture"]
