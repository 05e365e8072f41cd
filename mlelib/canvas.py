r"""A browser canvas that the kernel paints by sending only the pixels that changed.

:class:`FrameCanvas` is the picture half of every explorer (:mod:`mlelib.sliders`).
The kernel keeps a copy of the frame the browser shows.  For a new frame it compares
the two pixel by pixel (an RGBA pixel is one 32-bit word), and sends the changed pixels
as *runs*: where each run of consecutive changed pixels starts in the row-major pixel
order, how long it is, and the new pixel values (:func:`changed_runs`).  The front end
(``canvas.js``, loaded by anywidget) copies each run into its pixel buffer and puts
the rows that changed on the ``<canvas>`` with ``putImageData``.  A whole frame (the
first one, or for a new view) is a single run over every pixel.

Why runs of pixels rather than an encoded image (an ``<img>`` or a deflated rectangle):
a moving line or marker changes a few per cent of a figure, whose runs take about 1 ms
to find and paint synchronously; the measurements are in :mod:`mlelib.sliders`.

Why anywidget: it is the maintained way to give a widget a few lines of front-end code
without a JupyterLab build step, and its extension ships prebuilt with the package, so
nothing is fetched at run time.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import numpy as np
import traitlets

__all__ = ["FrameCanvas", "changed_runs"]

_WORD = np.dtype("<u4")  # one RGBA pixel; the browser reads it as a little-endian word


def _as_words(rgba: np.ndarray, name: str) -> np.ndarray:
    """``rgba`` (H, W, 4) uint8 viewed as (H, W) 32-bit words: one comparison per pixel."""
    rgba = np.asarray(rgba)
    if rgba.dtype != np.uint8 or rgba.ndim != 3 or rgba.shape[2] != 4:
        raise ValueError(f"{name} must be an (height, width, 4) uint8 RGBA array, "
                         f"got dtype {rgba.dtype} and shape {rgba.shape}")
    return np.ascontiguousarray(rgba).view(_WORD)[:, :, 0]


def changed_runs(before: np.ndarray, after: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Runs of consecutive changed pixels between two frames, in row-major pixel order.

    Parameters
    ----------
    before, after : numpy.ndarray
        RGBA frames of the same shape (height, width, 4), dtype uint8.

    Returns
    -------
    starts, lengths : numpy.ndarray
        uint32 arrays of equal length.  With pixels numbered ``i = row * width + column``,
        run ``k`` covers pixels ``starts[k] .. starts[k] + lengths[k] - 1``; every pixel
        that differs in any channel lies in exactly one run, no run holds an unchanged
        pixel, and runs are separated by at least one unchanged pixel.  Both arrays are
        empty when the frames are equal.
    """
    old, new = _as_words(before, "before"), _as_words(after, "after")
    if old.shape != new.shape:
        raise ValueError(f"before and after must have the same shape, got "
                         f"{np.shape(before)} and {np.shape(after)}")
    return _runs(np.flatnonzero(old.ravel() != new.ravel()))


def _runs(changed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted pixel indices -> (starts, lengths) of their maximal runs of consecutive ones."""
    if changed.size == 0:
        return np.empty(0, np.uint32), np.empty(0, np.uint32)
    gaps = np.flatnonzero(np.diff(changed) != 1)  # a run ends where the next index jumps
    starts = changed[np.concatenate(([0], gaps + 1))]
    ends = changed[np.concatenate((gaps, [changed.size - 1]))] + 1
    return starts.astype(np.uint32), (ends - starts).astype(np.uint32)


class FrameCanvas(anywidget.AnyWidget):
    """A canvas in the browser showing the frames passed to :meth:`show`.

    Parameters
    ----------
    label : str
        What the picture shows, read out by screen readers (``aria-label``).
    """

    _esm = Path(__file__).with_name("canvas.js")
    width = traitlets.Int(0).tag(sync=True)
    height = traitlets.Int(0).tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)

    def __init__(self, *, label: str = ""):
        super().__init__(label=label)
        self._shown: np.ndarray | None = None  # (H, W) words: what every view shows
        #: Frame messages, payload bytes and pixels sent (tests and the benchmark read it).
        self.stats = {"frames": 0, "bytes": 0, "pixels": 0}
        self.on_msg(self._on_view_message)

    def show(self, rgba: np.ndarray) -> int:
        """Send the pixels of ``rgba`` that differ from the frame shown; return how many.

        The first frame, and a frame of a new size, is sent whole.  Nothing is sent when
        no pixel changed.
        """
        words = _as_words(rgba, "rgba")
        if self._shown is None or self._shown.shape != words.shape:
            self._shown = words.copy()
            self.height, self.width = words.shape
            return self._send_whole()
        flat_new, flat_shown = words.ravel(), self._shown.reshape(-1)
        changed = np.flatnonzero(flat_new != flat_shown)
        if changed.size == 0:
            return 0
        values = flat_new[changed]
        flat_shown[changed] = values
        self._send_runs(*_runs(changed), values)
        return int(values.size)

    def whole_frame(self) -> np.ndarray | None:
        """The RGBA frame every view shows (a copy), or None before the first."""
        if self._shown is None:
            return None
        return self._shown.view(np.uint8).reshape(*self._shown.shape, 4).copy()

    def _send_whole(self) -> int:
        size = self._shown.size
        self._send_runs(np.array([0], np.uint32), np.array([size], np.uint32),
                        self._shown.reshape(-1))
        return size

    def _send_runs(self, starts: np.ndarray, lengths: np.ndarray, values: np.ndarray) -> None:
        height, width = self._shown.shape
        buffers = [np.ascontiguousarray(a, _WORD).tobytes() for a in (starts, lengths, values)]
        self.send({"type": "frame", "width": width, "height": height, "runs": int(starts.size)},
                  buffers=buffers)
        self.stats["frames"] += 1
        self.stats["bytes"] += sum(len(b) for b in buffers)
        self.stats["pixels"] += int(values.size)

    def _on_view_message(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("type") == "send-whole-frame" \
                and self._shown is not None:
            self._send_whole()
