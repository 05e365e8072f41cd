"""A stand-in for the browser side of mlelib.canvas (canvas.js), for the in-process tests."""

from __future__ import annotations

import numpy as np

from mlelib.canvas import FrameCanvas


class FakeView:
    """Applies each frame message to a pixel buffer the way canvas.js does, in numpy."""

    def __init__(self, canvas: FrameCanvas):
        self.words = None
        self.messages = []
        canvas.send = self.receive

    def receive(self, content, buffers=None):
        self.messages.append(content)
        assert content["type"] == "frame"
        starts, lengths, values = (np.frombuffer(b, "<u4") for b in buffers)
        assert starts.size == lengths.size == content["runs"]
        assert values.size == int(lengths.sum())
        shape = (content["height"], content["width"])
        if self.words is None or self.words.shape != (shape[0] * shape[1],):
            self.words = np.zeros(shape[0] * shape[1], "<u4")
        offset = 0
        for start, n in zip(starts, lengths):
            self.words[start:start + n] = values[offset:offset + n]
            offset += n

    @property
    def pixels(self) -> np.ndarray:
        return self.words.view(np.uint8).reshape(*self.shape, 4)

    @property
    def shape(self):
        last = self.messages[-1]
        return last["height"], last["width"]
