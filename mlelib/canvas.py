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

The readout beside the sliders (:class:`Readout`) is the other half: HTML the kernel
writes, tagged with the slider position it was computed for.

Prefetching.  Both widgets know the explorer's sliders and follow them in the page.  While
the kernel is idle, the explorer sends what it would show one or a few slider steps away
(:meth:`Readout.send_prefetched`, :meth:`FrameCanvas.send_patch`); when a slider moves to
such a position, ``canvas.js`` shows those numbers and that picture in the same task as
the key press or pointer move, without the kernel round trip.  A position is keyed by
each slider's step index (:func:`position_key`), computed the same way in ``canvas.js``.
A picture prefetched for one frame of the kernel's applies only to that frame: patches
carry the id of the frame they change.

Why anywidget: it is the maintained way to give a widget a few lines of front-end code
without a JupyterLab build step, and its extension ships prebuilt with the package, so
nothing is fetched at run time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

import anywidget
import ipywidgets as widgets
import numpy as np
import traitlets

__all__ = ["FrameCanvas", "Readout", "changed_runs", "position_key", "step_index"]

_FRONT_END = Path(__file__).with_name("canvas.js")

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


def step_index(slider: widgets.ValueWidget, value: float) -> int:
    r"""Which step of ``slider``'s grid ``value`` sits on (for a log slider, its exponent).

    :math:`\operatorname{round}((v - \text{min}) / \text{step})`, with
    :math:`v = \log_\text{base}(\text{value})` for a :class:`ipywidgets.FloatLogSlider`.
    ``canvas.js`` computes the same from the slider's model in the page.
    """
    position = (math.log(value, slider.base) if isinstance(slider, widgets.FloatLogSlider)
                else value)
    return round((position - slider.min) / slider.step)


def position_key(sliders: Mapping[str, widgets.ValueWidget], values: Mapping[str, float]) -> str:
    """The key of a slider position: every slider's :func:`step_index`, comma-separated."""
    return ",".join(str(step_index(slider, values[name])) for name, slider in sliders.items())


_SLIDER_LIST = dict(sync=True, **widgets.widget_serialization)


class FrameCanvas(anywidget.AnyWidget):
    """A canvas in the browser showing the frames passed to :meth:`show`.

    Parameters
    ----------
    label : str
        What the picture shows, read out by screen readers (``aria-label``).
    sliders : list of ipywidgets.ValueWidget
        The sliders whose position the frames are keyed by (:func:`position_key`), in the
        same order; the page follows them to show prefetched pictures.
    """

    _esm = _FRONT_END
    part = traitlets.Unicode("canvas").tag(sync=True)
    width = traitlets.Int(0).tag(sync=True)
    height = traitlets.Int(0).tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    sliders = traitlets.List(traitlets.Instance(widgets.Widget)).tag(**_SLIDER_LIST)

    def __init__(self, *, label: str = "", sliders=()):
        super().__init__(label=label, sliders=list(sliders))
        self._shown: np.ndarray | None = None  # (H, W) words: what every view shows
        self._key = ""  # the slider position of that frame
        self._frame_id = 0  # patches name the frame they apply to
        #: Frame and patch messages, payload bytes and pixels sent (tests and the
        #: benchmark read it).
        self.stats = {"frames": 0, "patches": 0, "bytes": 0, "pixels": 0}
        self.on_msg(self._on_view_message)

    def show(self, rgba: np.ndarray, key: str = "") -> int:
        """Send the pixels of ``rgba`` that differ from the frame shown; return how many.

        ``key`` is the slider position the frame shows (:func:`position_key`).  The
        first frame, and a frame of a new size, is sent whole.  Nothing is sent when no
        pixel changed and the position is the same.
        """
        words = _as_words(rgba, "rgba")
        if self._shown is None or self._shown.shape != words.shape:
            self._shown = words.copy()
            self._key = key
            self.height, self.width = words.shape
            return self._send_whole()
        flat_new, flat_shown = words.ravel(), self._shown.reshape(-1)
        changed = np.flatnonzero(flat_new != flat_shown)
        if changed.size == 0 and key == self._key:
            return 0
        values = flat_new[changed]
        flat_shown[changed] = values
        self._key = key
        self._frame_id += 1
        self._send_runs("frame", *_runs(changed), values)
        return int(values.size)

    def send_patch(self, rgba: np.ndarray, key: str) -> int:
        """Send, for the page to keep, the runs that turn the frame shown into ``rgba``.

        ``rgba`` is the picture for slider position ``key``.  The page paints it when
        its sliders reach that position before the kernel's next frame.  Returns how
        many pixels were sent (nothing before the first frame or when the sizes differ).
        """
        words = _as_words(rgba, "rgba")
        if self._shown is None or self._shown.shape != words.shape:
            return 0
        flat_new = words.ravel()
        changed = np.flatnonzero(flat_new != self._shown.reshape(-1))
        values = flat_new[changed]
        self._send_runs("patch", *_runs(changed), values, key=key)
        return int(values.size)

    def whole_frame(self) -> np.ndarray | None:
        """The RGBA frame every view shows (a copy), or None before the first."""
        if self._shown is None:
            return None
        return self._shown.view(np.uint8).reshape(*self._shown.shape, 4).copy()

    def _send_whole(self) -> int:
        size = self._shown.size
        self._send_runs("frame", np.array([0], np.uint32), np.array([size], np.uint32),
                        self._shown.reshape(-1))
        return size

    def _send_runs(self, kind: str, starts: np.ndarray, lengths: np.ndarray,
                   values: np.ndarray, key: str | None = None) -> None:
        height, width = self._shown.shape
        buffers = [np.ascontiguousarray(a, _WORD).tobytes() for a in (starts, lengths, values)]
        message = {"type": kind, "width": width, "height": height, "runs": int(starts.size)}
        if kind == "frame":
            message.update(id=self._frame_id, key=self._key)
        else:
            message.update(base=self._frame_id, key=key)
        self.send(message, buffers=buffers)
        self.stats["frames" if kind == "frame" else "patches"] += 1
        self.stats["bytes"] += sum(len(b) for b in buffers)
        self.stats["pixels"] += int(values.size)

    def _on_view_message(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("type") == "send-whole-frame" \
                and self._shown is not None:
            self._send_whole()


class Readout(anywidget.AnyWidget):
    """The explorer's readout: HTML written by the kernel, one line per quantity.

    Parameters
    ----------
    sliders : list of ipywidgets.ValueWidget
        The sliders whose position readouts are keyed by (:func:`position_key`).
    """

    _esm = _FRONT_END
    part = traitlets.Unicode("readout").tag(sync=True)
    html = traitlets.Unicode("").tag(sync=True)
    key = traitlets.Unicode("").tag(sync=True)
    sliders = traitlets.List(traitlets.Instance(widgets.Widget)).tag(**_SLIDER_LIST)

    def __init__(self, *, sliders=(), **kwargs):
        super().__init__(sliders=list(sliders), **kwargs)
        #: Readouts sent ahead of the sliders (tests and the benchmark read it).
        self.stats = {"prefetched": 0}

    def show(self, key: str, html: str) -> None:
        """Show ``html``, the readout for slider position ``key``, in every view."""
        with self.hold_sync():
            self.key = key
            self.html = html

    def send_prefetched(self, entries: Mapping[str, str]) -> None:
        """Send readouts for other slider positions (key -> HTML) for the page to keep."""
        if entries:
            self.send({"type": "readouts", "entries": dict(entries)})
            self.stats["prefetched"] += len(entries)
