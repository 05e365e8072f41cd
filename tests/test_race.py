"""A busy kernel, on purpose: slider changes from the page arrive in bursts, between any
two prefetch jobs, or while a frame is due, on the kernel's main thread or on another
thread; the kernel gets a random number of turns of its loop in between.  Whatever the
interleaving, every frame and every picture sent ahead must be the explorer's picture
for the position it names, and the last frame the picture for the sliders' final values.

Issue 14's race ("a wrong final picture, seen once") was the second case: ipykernel 7
hands the widgets' messages to a subshell thread with its own event loop (JupyterLab
4.6 does this), so a slider change drew a frame on that thread while the main thread
drew pictures ahead, both into one Agg canvas, and a frame mixed two positions.  The
first case found a second one in the old engine: an interrupted prefetch taught it
that 02's sigma "needs no repaint", and a later sigma move reused a background cached
for another sigma.  Now everything is drawn on the explorer's home thread, layers are
declared, and backgrounds are keyed by the values of the sliders that move them.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time

import numpy as np
import pytest
from canvas_replay import Decoder
from explorer_specs import all_specs

from mlelib.engine.sliders import step_value, value_at

SPECS = {s.title: s for s in all_specs()}
CASES = ["Likelihood of a line", "NLL and its gradient", "Beta prior and Bernoulli data"]
SEEDS = range(3)


class Pictures:
    """The true picture of every position, drawn by a second explorer (cached by key)."""

    def __init__(self, spec):
        self.explorer = spec.build()
        self.cache = {}

    def at(self, key: str) -> np.ndarray:
        if key not in self.cache:
            sliders = self.explorer.sliders
            indices = [int(i) for i in key.split(",")]
            self.explorer.set(**{name: value_at(slider, i)
                                 for (name, slider), i in zip(sliders.items(), indices)})
            self.cache[key] = self.explorer.pixels()
        return self.cache[key]


async def _drive(explorer, rng: random.Random, moves: int) -> None:
    names = list(explorer.sliders)
    for _ in range(moves):
        # mostly one slider at a time, as a hand does, with the odd switch
        name = names[0] if rng.random() < 0.5 else rng.choice(names)
        slider = explorer.sliders[name]
        value = step_value(slider, slider.value, rng.choice((1, -1)))
        if value is None:
            continue
        slider.set_state({"value": value})  # a state update from the page
        for _ in range(rng.choice((0, 0, 1, 2, 3, 5, 8, 13, 40, 120))):
            await asyncio.sleep(0)  # the kernel's loop: a frame, some prefetch jobs
    for _ in range(2000):  # let the last round of prefetching finish
        await asyncio.sleep(0)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("title", CASES)
def test_every_frame_and_picture_sent_is_the_one_for_its_position(title, seed):
    spec = SPECS[title]
    explorer, truth = spec.build(), Pictures(spec)
    explorer.pacer.rest_after_step = explorer.pacer.rest_after_drag = 0.0
    explorer.prefetcher.READOUT_REACH = (6, 2)  # fewer jobs per round: more interruptions
    explorer.prefetcher.PICTURE_REACH = (3, 2)
    page = Decoder(explorer.canvas)
    explorer.canvas.send_whole_frame()
    asyncio.run(_drive(explorer, random.Random(seed), moves=20))
    assert page.patches, "the kernel sent pictures ahead"
    for frame_id, key in page.keys.items():
        words = page.frames[frame_id].view(np.uint8).reshape(*page.shape, 4)
        assert np.array_equal(words, truth.at(key)), f"frame {frame_id} at {key}"
    for key in page.patches:
        assert np.array_equal(page.patch(key), truth.at(key)), f"picture sent ahead at {key}"
    last_key = page.keys[page.last_id]
    assert np.array_equal(page.pixels, truth.at(last_key))
    truth.explorer.set(**explorer.values)
    assert np.array_equal(page.pixels, truth.explorer.pixels()), "the last frame is not the " \
        "picture for the sliders' final values"


def test_changes_arriving_on_another_thread_are_drawn_on_the_explorers_thread():
    """Like a kernel subshell: page messages applied by a second thread with its own loop
    while the explorer's thread draws ahead; nothing may be drawn on the second thread."""
    spec = SPECS["Likelihood of a line"]
    truth, drawn_on = Pictures(spec), set()

    async def kernel():
        explorer = spec.build()  # built on this thread's running loop, as in a notebook
        explorer.pacer.rest_after_step = explorer.pacer.rest_after_drag = 0.0
        draw, move = explorer.picture.draw, explorer.picture.update
        explorer.picture.draw = lambda v, **k: (drawn_on.add(threading.get_ident()),
                                                draw(v, **k))[1]
        # a slow frame that lets other threads run between moving the artists and drawing
        explorer.picture.update = lambda **v: (move(**v), time.sleep(0.003))
        page = Decoder(explorer.canvas)
        explorer.canvas.send_whole_frame()
        subshell = threading.Thread(target=asyncio.run, args=(_page(explorer, seed=7),))
        subshell.start()
        await _page(explorer, seed=8, until=subshell)  # the main shell gets messages too
        subshell.join()
        await asyncio.sleep(0.5)  # the last picture and the pictures ahead
        return explorer, page

    explorer, page = asyncio.run(kernel())
    assert drawn_on == {threading.get_ident()}, "an explorer drew on another thread"
    for frame_id, key in page.keys.items():
        words = page.frames[frame_id].view(np.uint8).reshape(*page.shape, 4)
        assert np.array_equal(words, truth.at(key)), f"frame {frame_id} at {key}"
    for key in page.patches:
        assert np.array_equal(page.patch(key), truth.at(key)), f"picture sent ahead at {key}"
    truth.explorer.set(**explorer.values)
    assert np.array_equal(page.pixels, truth.explorer.pixels())


async def _page(explorer, *, seed: int, until: threading.Thread | None = None) -> None:
    """Apply page messages on this thread: 30 of them, or until ``until`` ends."""
    rng = random.Random(seed)
    for _ in range(30):
        if until is not None and not until.is_alive():
            return
        slider = explorer.sliders[rng.choice(("a", "a", "b", "sigma"))]
        value = step_value(slider, slider.value, rng.choice((1, -1)))
        if value is not None:
            slider.set_state({"value": value})
        await asyncio.sleep(rng.choice((0.0, 0.001, 0.004, 0.015)))
