"""mlelib.engine.canvas: changed runs against brute force, and the frame protocol decoded by a
reference decoder (tests/canvas_replay.py)."""

from __future__ import annotations

import numpy as np
import pytest
from canvas_replay import Decoder
from hypothesis import given, settings
from hypothesis import strategies as st

from mlelib.engine.canvas import FrameCanvas, changed_runs


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
    page = Decoder(canvas)
    rng = np.random.default_rng(7)
    frame = np.full((30, 40, 4), 255, np.uint8)
    assert canvas.show(frame) == 40 * 30, "the first frame goes whole"
    assert (canvas.width, canvas.height) == (40, 30)
    for _ in range(25):
        frame = frame.copy()
        r, c = rng.integers(0, 28), rng.integers(0, 37)
        frame[r:r + 3, c:c + 4] = rng.integers(0, 256, 4, dtype=np.uint8)
        sent = canvas.show(frame)
        assert np.array_equal(page.pixels, frame)
        assert sent <= 12, "only the changed pixels travel"
    assert canvas.stats["frames"] == len(page.messages)


def test_each_frame_names_the_frame_it_changes():
    """A frame's runs apply to the previous frame; the synced frame_id follows."""
    canvas = FrameCanvas()
    page = Decoder(canvas)
    for value in range(5):
        canvas.show(np.full((4, 5, 4), value, np.uint8), key=str(value))
    ids = [m["id"] for m in page.messages]
    bases = [m["base"] for m in page.messages]
    assert ids == sorted(set(ids)) and bases == [-1, *ids[:-1]]
    assert canvas.frame_id == ids[-1]
    assert [page.keys[i] for i in ids] == ["0", "1", "2", "3", "4"]


def test_an_unchanged_frame_sends_nothing():
    canvas = FrameCanvas()
    page = Decoder(canvas)
    frame = np.zeros((8, 8, 4), np.uint8)
    canvas.show(frame)
    assert canvas.show(frame.copy()) == 0
    assert len(page.messages) == 1


def test_a_moved_position_with_the_same_pixels_still_names_its_frame():
    canvas = FrameCanvas()
    page = Decoder(canvas)
    canvas.show(_picture(0), key="0")
    assert canvas.show(_picture(0), key="1") == 0
    assert page.keys[page.last_id] == "1" and page.messages[-1]["runs"] == 0
    assert canvas.show(_picture(0), key="1") == 0 and len(page.messages) == 2


def test_a_page_that_asks_gets_the_whole_frame():
    canvas = FrameCanvas()
    Decoder(canvas)
    frame = np.zeros((6, 9, 4), np.uint8)
    canvas.show(frame)
    frame[2, 3] = 200
    canvas.show(frame)
    late = Decoder(canvas)  # a page that saw none of the above
    canvas.send_whole_frame()
    assert np.array_equal(late.pixels, frame)
    assert late.messages[-1]["runs"] == 1 and late.messages[-1]["base"] == -1


def test_before_the_first_frame_there_is_nothing_to_send():
    canvas = FrameCanvas()
    page = Decoder(canvas)
    canvas.send_whole_frame()
    assert canvas.send_patch(_picture(1), "1") == 0
    assert page.messages == [] and canvas.whole_frame() is None


def test_a_frame_of_a_new_size_goes_whole():
    canvas = FrameCanvas()
    page = Decoder(canvas)
    canvas.show(np.zeros((4, 4, 4), np.uint8))
    bigger = np.full((5, 6, 4), 3, np.uint8)
    assert canvas.show(bigger) == 30
    assert (canvas.width, canvas.height) == (6, 5)
    assert np.array_equal(page.pixels, bigger)


def test_show_names_a_bad_frame():
    with pytest.raises(ValueError, match="rgba must be an"):
        FrameCanvas().show(np.zeros((3, 3, 4), np.int16))


def _picture(seed: int, shape=(12, 16)) -> np.ndarray:
    frame = np.full((*shape, 4), 255, np.uint8)
    rng = np.random.default_rng(seed)
    r, c = rng.integers(0, shape[0] - 3), rng.integers(0, shape[1] - 3)
    frame[r:r + 3, c:c + 3] = rng.integers(0, 255, 4, dtype=np.uint8)
    return frame


def test_patches_start_from_their_anchor_frame_across_later_frames():
    """Pictures sent ahead stay usable while frames go on: each names the anchor frame."""
    canvas = FrameCanvas()
    page = Decoder(canvas)
    canvas.show(_picture(0), key="0")
    canvas.anchor_here()
    canvas.send_patch(_picture(1), "1")
    canvas.show(_picture(1), key="1")  # the kernel moves on; the anchor stays
    canvas.send_patch(_picture(2), "2")
    assert {m["anchor"] for m in page.messages if m["type"] == "patch"} == {page.messages[0]["id"]}
    for key in ("1", "2"):
        assert np.array_equal(page.patch(key), _picture(int(key)))
    assert canvas.has_patch("1") and canvas.has_patch("2") and not canvas.has_patch("3")


def test_anchoring_again_starts_a_new_set_of_patches():
    canvas = FrameCanvas()
    page = Decoder(canvas)
    canvas.show(_picture(0), key="0")
    canvas.send_patch(_picture(1), "1")  # anchors at the frame shown
    canvas.show(_picture(3), key="3")
    canvas.anchor_here()
    assert not canvas.has_patch("1")
    canvas.send_patch(_picture(4), "4")
    assert page.messages[-1]["anchor"] == canvas.frame_id
    assert np.array_equal(page.patch("4"), _picture(4))


def test_a_whole_frame_on_request_drops_the_anchor():
    """A page that lost frames may lack the anchor: the next patches start afresh."""
    canvas = FrameCanvas()
    page = Decoder(canvas)
    canvas.show(_picture(0), key="0")
    canvas.send_patch(_picture(1), "1")
    canvas.send_whole_frame()
    assert not canvas.has_patch("1")
    canvas.send_patch(_picture(1), "1")
    assert page.messages[-1]["anchor"] == page.messages[-2]["id"]
