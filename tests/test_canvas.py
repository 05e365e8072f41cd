"""mlelib.canvas: changed runs against brute force, and the frame protocol
replayed by a stand-in for the browser that applies runs of pixels as canvas.js does."""

from __future__ import annotations

import numpy as np
import pytest
from canvas_replay import FakeView
from hypothesis import given, settings
from hypothesis import strategies as st

from mlelib.canvas import FrameCanvas, changed_runs


def _brute_force_runs(before, after):
    """Walk the pixels in row-major order, opening a run at each changed pixel that
    follows an unchanged one."""
    h, w = before.shape[:2]
    starts, lengths = [], []
    previous_changed = False
    for i in range(h * w):
        r, c = divmod(i, w)
        changed = any(before[r, c, k] != after[r, c, k] for k in range(4))
        if changed and not previous_changed:
            starts.append(i)
            lengths.append(0)
        if changed:
            lengths[-1] += 1
        previous_changed = changed
    return starts, lengths


@st.composite
def frame_pairs(draw):
    h, w = draw(st.integers(1, 12)), draw(st.integers(1, 12))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    before = rng.integers(0, 256, (h, w, 4), dtype=np.uint8)
    after = before.copy()
    for _ in range(draw(st.integers(0, 4))):
        r, c, k = draw(st.integers(0, h - 1)), draw(st.integers(0, w - 1)), draw(
            st.integers(0, 3))
        after[r, c, k] = (int(after[r, c, k]) + draw(st.integers(1, 255))) % 256
    return before, after


@settings(max_examples=300, deadline=None)
@given(frame_pairs())
def test_changed_runs_match_brute_force(pair):
    before, after = pair
    starts, lengths = changed_runs(before, after)
    assert starts.dtype == lengths.dtype == np.uint32
    assert (starts.tolist(), lengths.tolist()) == _brute_force_runs(before, after)


def test_changed_runs_of_one_channel_and_across_a_row_end():
    before = np.zeros((5, 7, 4), np.uint8)
    after = before.copy()
    after[4, 6, 3] = 1  # only the alpha of the bottom-right pixel
    assert [a.tolist() for a in changed_runs(before, after)] == [[34], [1]]
    after[1, 5:, 0] = 9  # the end of row 1 and the start of row 2 form one run
    after[2, :2, 0] = 9
    assert [a.tolist() for a in changed_runs(before, after)] == [[12, 34], [4, 1]]
    assert [a.tolist() for a in changed_runs(after, after)] == [[], []]


@pytest.mark.parametrize("bad, message", [
    (np.zeros((4, 4, 3), np.uint8), "before must be an (height, width, 4) uint8 RGBA array"),
    (np.zeros((4, 4, 4), np.float64), "before must be an (height, width, 4) uint8 RGBA array"),
    (np.zeros((4, 4), np.uint8), "before must be an (height, width, 4) uint8 RGBA array"),
])
def test_changed_runs_name_a_bad_frame(bad, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        changed_runs(bad, np.zeros((4, 4, 4), np.uint8))


def test_changed_runs_need_frames_of_one_size():
    with pytest.raises(ValueError, match="before and after must have the same shape"):
        changed_runs(np.zeros((4, 4, 4), np.uint8), np.zeros((4, 5, 4), np.uint8))


def test_replayed_frames_rebuild_every_picture():
    canvas = FrameCanvas(label="test")
    view = FakeView(canvas)
    rng = np.random.default_rng(7)
    frame = np.full((30, 40, 4), 255, np.uint8)
    assert canvas.show(frame) == 40 * 30, "the first frame goes whole"
    assert (canvas.width, canvas.height) == (40, 30)
    for _ in range(25):
        frame = frame.copy()
        r, c = rng.integers(0, 28), rng.integers(0, 37)
        frame[r:r + 3, c:c + 4] = rng.integers(0, 256, 4, dtype=np.uint8)
        sent = canvas.show(frame)
        assert np.array_equal(view.pixels, frame)
        assert sent <= 12, "only the changed pixels travel"
    assert canvas.stats["frames"] == len(view.messages)


def test_an_unchanged_frame_sends_nothing():
    canvas = FrameCanvas()
    view = FakeView(canvas)
    frame = np.zeros((8, 8, 4), np.uint8)
    canvas.show(frame)
    assert canvas.show(frame.copy()) == 0
    assert len(view.messages) == 1


def test_a_new_view_gets_the_whole_frame():
    canvas = FrameCanvas()
    FakeView(canvas)
    frame = np.zeros((6, 9, 4), np.uint8)
    canvas.show(frame)
    frame[2, 3] = 200
    canvas.show(frame)
    late = FakeView(canvas)  # a view that saw none of the above
    canvas._on_view_message(canvas, {"type": "send-whole-frame"}, [])
    assert np.array_equal(late.pixels, frame)
    assert late.messages[-1]["runs"] == 1


def test_a_view_before_the_first_frame_waits_for_it():
    canvas = FrameCanvas()
    view = FakeView(canvas)
    canvas._on_view_message(canvas, {"type": "send-whole-frame"}, [])
    assert view.messages == []


def test_a_frame_of_a_new_size_goes_whole():
    canvas = FrameCanvas()
    view = FakeView(canvas)
    canvas.show(np.zeros((4, 4, 4), np.uint8))
    bigger = np.full((5, 6, 4), 3, np.uint8)
    assert canvas.show(bigger) == 30
    assert (canvas.width, canvas.height) == (6, 5)
    assert np.array_equal(view.pixels, bigger)


def test_show_names_a_bad_frame():
    with pytest.raises(ValueError, match="rgba must be an"):
        FrameCanvas().show(np.zeros((3, 3, 4), np.int16))


def _picture(seed: int, shape=(12, 16)) -> np.ndarray:
    frame = np.full((*shape, 4), 255, np.uint8)
    rng = np.random.default_rng(seed)
    r, c = rng.integers(0, shape[0] - 3), rng.integers(0, shape[1] - 3)
    frame[r:r + 3, c:c + 3] = rng.integers(0, 255, 4, dtype=np.uint8)
    return frame


def test_a_prefetched_picture_shows_when_the_page_reaches_its_position():
    canvas = FrameCanvas()
    view = FakeView(canvas, key="0")
    canvas.show(_picture(0), key="0")
    for key, seed in (("1", 1), ("-1", 2)):
        canvas.send_patch(_picture(seed), key)
    assert np.array_equal(view.pixels, _picture(0)), "a patch alone changes nothing shown"
    view.move_to("1")
    assert np.array_equal(view.pixels, _picture(1))
    view.move_to("-1")
    assert np.array_equal(view.pixels, _picture(2)), "one patch replaces the other"
    view.move_to("0")
    assert np.array_equal(view.pixels, _picture(0)), "back at the kernel's frame"
    view.move_to("5")
    assert np.array_equal(view.pixels, _picture(0)), "nothing prefetched: wait for the kernel"
    canvas.show(_picture(5), key="5")
    assert np.array_equal(view.pixels, _picture(5))
    assert canvas.stats["patches"] == 2 and view.prefetched_shown == 2


def test_a_patch_arriving_after_the_move_shows_at_once():
    canvas = FrameCanvas()
    view = FakeView(canvas, key="0")
    canvas.show(_picture(0), key="0")
    view.move_to("1")
    canvas.send_patch(_picture(1), "1")
    assert np.array_equal(view.pixels, _picture(1))


def test_patches_of_an_older_frame_are_not_used():
    canvas = FrameCanvas()
    view = FakeView(canvas, key="0")
    canvas.show(_picture(0), key="0")
    held = []  # the patch made for the first frame, delivered after the second
    canvas.send = lambda content, buffers=None: held.append((content, buffers))
    canvas.send_patch(_picture(1), "1")
    canvas.send = view.receive
    view.move_to("2")
    canvas.show(_picture(2), key="2")
    view.receive(*held[0])
    view.move_to("1")
    assert np.array_equal(view.pixels, _picture(2)), "a patch is relative to its own frame"


def test_a_page_ahead_of_the_kernel_keeps_its_newer_picture():
    """A fast drag: the kernel's frames for earlier positions must not pull the page back."""
    canvas = FrameCanvas()
    view = FakeView(canvas, key="0")
    canvas.show(_picture(0), key="0")
    canvas.send_patch(_picture(3), "3")
    view.move_to("3")
    canvas.show(_picture(1), key="1")  # the kernel catches up one position at a time
    assert np.array_equal(view.pixels, _picture(3))
    canvas.show(_picture(2), key="2")
    assert np.array_equal(view.pixels, _picture(3))
    canvas.show(_picture(3), key="3")
    assert np.array_equal(view.pixels, _picture(3))
    assert view.overlay is None, "the kernel's frame is shown again"
    view.move_to("2")  # no patch for the new frame yet: the page waits
    canvas.show(_picture(2), key="2")
    assert np.array_equal(view.pixels, _picture(2))


def test_a_moved_position_with_the_same_pixels_still_names_its_frame():
    canvas = FrameCanvas()
    view = FakeView(canvas)
    canvas.show(_picture(0), key="0")
    assert canvas.show(_picture(0), key="1") == 0
    assert view.base_key == "1" and view.messages[-1]["runs"] == 0
    assert canvas.show(_picture(0), key="1") == 0 and len(view.messages) == 2


def test_position_keys_match_the_sliders_step_grid():
    import ipywidgets as widgets

    from mlelib.canvas import position_key, step_index
    from mlelib.sliders import step_value

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


def test_a_frame_for_a_position_the_page_has_left_does_not_pull_it_back():
    """Right then left again, both from patches: the kernel's frame for the right-hand
    position arrives after the page is back, and must not show."""
    canvas = FrameCanvas()
    view = FakeView(canvas, key="0")
    canvas.show(_picture(0), key="0")
    canvas.send_patch(_picture(1), "1")
    view.move_to("1")
    view.move_to("0")
    assert np.array_equal(view.pixels, _picture(0))
    canvas.show(_picture(1), key="1")
    assert np.array_equal(view.pixels, _picture(0))
    canvas.show(_picture(0), key="0")
    assert np.array_equal(view.pixels, _picture(0)) and view.overlay is None
