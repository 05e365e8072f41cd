"""A reference decoder of what mlelib.engine.canvas sends, for the in-process tests.

:class:`Decoder` receives the messages of a :class:`~mlelib.engine.canvas.FrameCanvas` (it
replaces the widget's ``send``) and rebuilds every frame and every picture sent ahead
from the protocol alone: a frame's runs apply to the frame named by its ``base``, a
patch's runs to the frame named by its ``anchor``.  It keeps every frame it was sent,
so it also catches a message that names the wrong frame.  Which picture the page shows
when is canvas.js's business and is tested in a real browser (test_canvas_page.py).
"""

from __future__ import annotations

import numpy as np

from mlelib.engine.canvas import FrameCanvas, Panel


def decode_runs(content, buffers):
    starts, lengths, values = (np.frombuffer(b, "<u4") for b in buffers)
    assert starts.size == lengths.size == content["runs"]
    assert values.size == int(lengths.sum())
    return starts, lengths, values


def apply_runs(target: np.ndarray, runs) -> None:
    starts, lengths, values = runs
    offset = 0
    for start, n in zip(starts, lengths):
        target[start:start + n] = values[offset:offset + n]
        offset += n


class Decoder:
    """Every frame and patch one canvas sent, rebuilt as (H, W, 4) uint8 pictures."""

    def __init__(self, canvas: FrameCanvas):
        self.frames: dict[int, np.ndarray] = {}  # id -> flat words
        self.keys: dict[int, str] = {}  # id -> slider position of the frame
        self.patches: dict[str, np.ndarray] = {}  # position -> flat words, newest wins
        self.messages: list[dict] = []
        self.shape = None
        canvas.send = self.receive

    def receive(self, content, buffers=None):
        self.messages.append(content)
        self.shape = (content["height"], content["width"])
        runs = decode_runs(content, buffers)
        if content["type"] == "frame":
            if content["base"] == -1:
                words = np.zeros(self.shape[0] * self.shape[1], "<u4")
            else:
                words = self.frames[content["base"]].copy()
            apply_runs(words, runs)
            self.frames[content["id"]] = words
            self.keys[content["id"]] = content["key"]
        else:
            assert content["type"] == "patch", content
            words = self.frames[content["anchor"]].copy()
            apply_runs(words, runs)
            self.patches[content["key"]] = words

    def _picture(self, words: np.ndarray) -> np.ndarray:
        return words.view(np.uint8).reshape(*self.shape, 4)

    @property
    def last_id(self) -> int:
        return max(self.frames)

    @property
    def pixels(self) -> np.ndarray:
        """The last frame."""
        return self._picture(self.frames[self.last_id])

    def patch(self, key: str) -> np.ndarray:
        """The picture sent ahead for position ``key``."""
        return self._picture(self.patches[key])


class PanelRecorder:
    """The readouts a :class:`~mlelib.engine.canvas.Panel` showed and sent ahead, by position."""

    def __init__(self, panel: Panel):
        self.panel = panel
        self.table = {panel.key: panel.html}
        self.sent_ahead: dict[str, str] = {}
        panel.send = self.receive
        panel.observe(self._changed, names=["html", "key"])

    def _changed(self, _change):
        self.table[self.panel.key] = self.panel.html

    def receive(self, content, buffers=None):
        assert content["type"] == "readouts"
        self.sent_ahead.update(content["entries"])
