"""A busy kernel, on purpose: slider changes from the page arrive in bursts, between any
two prefetch jobs, or while a frame is due; the kernel gets a random number of turns of
its loop in between.  Whatever the interleaving, every frame and every picture sent
ahead must be the explorer's picture for the position it names, and the last frame the
picture for the sliders' final values.

This is the race of issue 14 ("a wrong final picture, seen once"): an interrupted
prefetch left notebook 02's surface painted for the neighbouring sigma, the next real
move to that sigma taught the explorer that sigma "needs no repaint", and a later sigma
move reused a background cached for another sigma.  Layers are now declared and their
backgrounds keyed by the values of the sliders that move them.
"""

from __future__ import annotations

import asyncio
import random

import numpy as np
import pytest
from canvas_replay import Decoder
from explorer_specs import all_specs

from mlelib.sliders import step_value, value_at

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
    explorer.prefetcher.PICTURE_REACH = (3, 1, 2)
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
