"""Stand-ins for the browser side of mlelib.canvas (canvas.js), for the in-process tests.

They follow canvas.js step by step in numpy: a view keeps the kernel's last frame (the
base), the prefetched patches of that frame, and what it shows, which is the base or,
when the page's sliders sit at a prefetched position, that picture.
"""

from __future__ import annotations

import numpy as np

from mlelib.canvas import FrameCanvas, Readout


def _runs(content, buffers):
    starts, lengths, values = (np.frombuffer(b, "<u4") for b in buffers)
    assert starts.size == lengths.size == content["runs"]
    assert values.size == int(lengths.sum())
    return starts, lengths, values


def _apply(runs, target, source=None):
    starts, lengths, values = runs
    offset = 0
    for start, n in zip(starts, lengths):
        target[start:start + n] = (values[offset:offset + n] if source is None
                                   else source[start:start + n])
        offset += n


class FakeView:
    """One page's view of a :class:`FrameCanvas`, as canvas.js keeps it."""

    def __init__(self, canvas: FrameCanvas, *, key: str | None = None):
        self.base = self.shown = None
        self.base_id, self.base_key = -1, None
        self.patches: dict[str, tuple] = {}
        self.overlay: tuple[str, list] | None = None  # (position, runs it changed)
        self.key = key  # where the page's sliders are (None: not followed)
        self.messages = []
        self.prefetched_shown = 0
        canvas.send = self.receive

    def receive(self, content, buffers=None):
        self.messages.append(content)
        assert content["type"] in ("frame", "patch")
        size = content["height"] * content["width"]
        if self.base is None or self.base.size != size:
            self.base = np.zeros(size, "<u4")
            self.shown = np.zeros(size, "<u4")
            self.patches, self.overlay = {}, None
        runs = _runs(content, buffers)
        if content["type"] == "patch":
            if content["base"] == self.base_id:
                self.patches[content["key"]] = runs
                self.follow()
            return
        showing = self.base_key if self.overlay is None else self.overlay[0]
        _apply(runs, self.base)
        self.base_id, self.base_key = content["id"], content["key"]
        self.patches = {}
        if self.key is not None and showing == self.key != content["key"]:
            # a frame for a position the page has left: keep the page's picture
            self.overlay = self.overlay or (self.key, [])
            self.overlay[1].append(runs)
            return
        self._drop_overlay()
        _apply(runs, self.shown, self.base)

    def _drop_overlay(self):
        if self.overlay is not None:
            for runs in self.overlay[1]:
                _apply(runs, self.shown, self.base)
        self.overlay = None

    def follow(self):
        key = self.key
        if key is None or self.shown is None or (self.overlay and self.overlay[0] == key):
            return
        if key == self.base_key:
            self._drop_overlay()
        elif key in self.patches:
            self._drop_overlay()
            _apply(self.patches[key], self.shown)
            self.overlay = (key, [self.patches[key]])
            self.prefetched_shown += 1

    def move_to(self, key: str):
        """The page's sliders move to position ``key``."""
        self.key = key
        self.follow()

    @property
    def pixels(self) -> np.ndarray:
        return self.shown.view(np.uint8).reshape(*self.shape, 4)

    @property
    def shape(self):
        last = self.messages[-1]
        return last["height"], last["width"]


class FakeReadoutView:
    """One page's view of a :class:`Readout`: the kernel's HTML or a prefetched one."""

    def __init__(self, readout: Readout, *, key: str | None = None):
        self.readout = readout
        self.table = {readout.key: readout.html}
        self.key = key
        readout.send = self.receive
        readout.observe(self._changed, names=["html", "key"])

    def _changed(self, _change):
        self.table[self.readout.key] = self.readout.html

    def receive(self, content, buffers=None):
        assert content["type"] == "readouts"
        self.table.update(content["entries"])

    @property
    def html(self) -> str:
        return self.table.get(self.key) or self.readout.html
