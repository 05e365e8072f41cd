"""mlelib.engine.export: which positions a page with no kernel stores, and how."""

from __future__ import annotations

import itertools
import json
import zlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlelib.engine import export
from mlelib.engine.sliders import float_slider, int_slider, position_key


def _sliders():
    return {"a": float_slider("a", min=0.0, max=1.0, step=0.25, value=0.5),
            "n": int_slider("n", min=1, max=7, value=2)}


def _decode(blob: bytes, size: int, count: int) -> list[np.ndarray]:
    """The pictures of ``site_frames``, rebuilt from the format in the module docstring."""
    words = np.frombuffer(zlib.decompress(blob), "<u4")
    pictures, at = [words[:size].copy()], size
    for _ in range(count - 1):
        parent, runs, pixels = (int(w) for w in words[at:at + 3])
        gaps = words[at + 3:at + 3 + runs]
        lengths = words[at + 3 + runs:at + 3 + 2 * runs]
        values = words[at + 3 + 2 * runs:at + 3 + 2 * runs + pixels]
        at += 3 + 2 * runs + pixels
        picture, end, used = pictures[parent].copy(), 0, 0
        for gap, length in zip(gaps, lengths):
            start = end + int(gap)
            picture[start:start + length] = values[used:used + length]
            end, used = start + int(length), used + int(length)
        pictures.append(picture)
    assert at == words.size, "words left over after the last picture"
    return pictures


def test_positions_are_the_cross_through_the_start_each_once():
    sliders = _sliders()
    positions = export.site_positions(sliders, {"a": 0.5, "n": 2})
    values = [v for v, _ in positions]
    expected = ([{"a": 0.5, "n": 2}] + [{"a": a, "n": 2} for a in (0.0, 0.25, 0.75, 1.0)]
                + [{"a": 0.5, "n": n} for n in (1, 3, 4, 5, 6, 7)])
    assert sorted(map(str, values)) == sorted(map(str, expected))
    assert positions[0] == ({"a": 0.5, "n": 2}, -1)


def test_a_parent_is_the_neighbour_towards_the_start_on_the_same_track():
    sliders = _sliders()
    start = {"a": 0.5, "n": 2}
    positions = export.site_positions(sliders, start)
    for i, (values, parent) in enumerate(positions[1:], start=1):
        assert parent in (0, i - 1)
        before = positions[parent][0]
        moved = [name for name in start if values[name] != before[name]]
        assert len(moved) == 1
        name = moved[0]
        assert abs(values[name] - start[name]) > abs(before[name] - start[name])


def test_strides_keep_every_kth_position_from_the_start():
    sliders = _sliders()
    positions = export.site_positions(sliders, {"a": 0.5, "n": 2}, {"n": 2})
    assert sorted(v["n"] for v, _ in positions if v["a"] == 0.5) == [2, 4, 6]


@given(st.dictionaries(st.sampled_from(["a", "n"]), st.floats(0, 1e6), min_size=2),
       st.floats(0, 1e7))
def test_strides_fit_the_budget_whenever_thinning_can(cost, budget):
    sliders = _sliders()
    strides = export.picture_strides(sliders, cost, budget)
    steps = {"a": 4, "n": 6}
    total = sum(steps[n] / strides[n] * cost[n] for n in steps)
    at_most = sum(cost[n] for n in steps)  # one picture per slider: the most thinning
    assert total <= budget or total == pytest.approx(at_most)
    if sum(steps[n] * cost[n] for n in steps) <= budget:
        assert strides == {"a": 1, "n": 1}


def test_the_costliest_track_is_thinned_first():
    strides = export.picture_strides(_sliders(), {"a": 1.0, "n": 100.0}, 350.0)
    assert strides["a"] == 1 and strides["n"] > 1


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_frames_decode_to_the_pictures_drawn(seed):
    sliders = _sliders()
    positions = export.site_positions(sliders, {"a": 0.5, "n": 2})
    rng = np.random.default_rng(seed)
    base = rng.integers(0, 256, (3, 5, 4), dtype=np.uint8)
    drawn = {}

    def draw(values):
        # each position changes a few pixels of a fixed picture, some runs of them
        key = position_key(sliders, values)
        if key not in drawn:
            picture = base.copy()
            mask = np.random.default_rng([seed, *map(int, key.split(","))]).random((3, 5)) < 0.3
            picture[mask] = 255 - picture[mask]
            drawn[key] = picture
        return drawn[key]

    blob = export.encode_frames(draw, positions)
    decoded = _decode(blob, 15, len(positions))
    for (values, _), words in zip(positions, decoded):
        assert np.array_equal(words.view(np.uint8).reshape(3, 5, 4), draw(values))


def test_encode_frames_refuses_a_parent_it_does_not_keep():
    picture = np.zeros((2, 2, 4), np.uint8)
    positions = [({"x": 0}, -1), ({"x": 1}, 0), ({"x": 2}, 1), ({"x": 3}, 1)]
    with pytest.raises(ValueError, match="position 3's parent must be the start or position 2"):
        export.encode_frames(lambda v: picture, positions)


def test_embed_stores_readouts_everywhere_and_pictures_within_the_budget():
    from mlelib import explorers

    ex = explorers.beta_bernoulli_explorer(alpha=2.0, beta=2.0, n=100, k=56)
    report = export.embed(ex, budget=200_000)
    stored = json.loads(zlib.decompress(ex.panel.site_readouts))
    cross = export.site_positions(ex.sliders, ex.values)
    assert set(stored["readouts"]) == {position_key(ex.sliders, v) for v, _ in cross}
    assert stored["pictures"] == ex.canvas.site_keys.split(" ")
    assert report["strides"]["n"] > 1 and len(stored["pictures"]) < len(cross)
    assert len(ex.canvas.site_frames) < 1.5 * 200_000
    start_key = position_key(ex.sliders, ex.values)
    assert stored["pictures"][0] == start_key == ex.panel.key
    words = _decode(ex.canvas.site_frames, ex.canvas.width * ex.canvas.height,
                    len(stored["pictures"]))
    for key, picture in itertools.islice(zip(stored["pictures"], words), 0, None, 97):
        values = {name: value for name, value in zip(ex.sliders, _values_at(ex, key))}
        ex.set(**values)
        shown = picture.view(np.uint8).reshape(ex.pixels().shape).astype(int)
        assert np.abs(shown - ex.pixels()).max() <= 2, f"picture of {key} is not {values}"


def _values_at(ex, key):
    from mlelib.engine.sliders import value_at

    return [value_at(slider, int(i)) for slider, i in zip(ex.sliders.values(), key.split(","))]


def test_embed_all_reaches_every_live_explorer(monkeypatch):
    import weakref

    from mlelib import explorers

    monkeypatch.setattr(export, "_BUILT", weakref.WeakSet())
    ex = explorers.proportion_explorer(56, 100, p=0.5, p_label="p", title="coin")
    assert export.embed_all() == [{"title": "coin", "readouts": 99, "pictures": 99, "strides": {"p": 1},
                                   "picture_bytes": len(ex.canvas.site_frames)}]
