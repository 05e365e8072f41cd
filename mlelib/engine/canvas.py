"""The two widgets an explorer sends its output through: a pixel canvas and a readout panel.

Both are transport only, like ipympl's ``Canvas``: they send what the explorer hands
them and route the page's requests; ``canvas.js`` (loaded by anywidget) is their front
end.  The protocol, kernel to page, as custom messages:

``frame``
    The picture the kernel shows, as *runs* of pixels changed since frame ``base``
    (``base = -1``: a whole frame).  Three buffers of little-endian 32-bit words: where
    each run starts in row-major pixel order, its length, and the new RGBA pixels.
    Frames carry an ``id``; the page applies a frame only to the frame it names, and
    asks for a whole one (``send-whole-frame``) when it lacks it, so a lost or
    reordered message costs one whole frame, never a wrong picture.  The synced trait
    ``frame_id`` repeats the id of the last frame, so the page also notices a lost last
    frame.
``patch``
    Runs that turn frame ``anchor`` into the picture for slider position ``key``,
    drawn ahead while the kernel is idle.  The page keeps the anchor frame and its
    patches and shows one when its sliders reach that position.
``readouts``
    Readout HTML of other positions (``entries``: key -> HTML), sent ahead likewise.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import anywidget
import ipywidgets as widgets
import numpy as np
import traitlets

__all__ = ["FrameCanvas", "Panel", "changed_runs"]

# One module for every widget of an explorer (FrameCanvas, Panel, sliders.StepButton):
# canvas_stored.js is what a page with no kernel paints (mlelib/engine/export.py),
# step_button.js the button that steps a slider.
_FRONT_END = "\n".join(Path(__file__).with_name(name).read_text(encoding="utf-8")
                       for name in ("canvas.js", "canvas_stored.js", "step_button.js"))
_WORD = np.dtype("<u4")  # one RGBA pixel; the browser reads it as a little-endian word
_SLIDER_LIST = dict(sync=True, **widgets.widget_serialization)


def _as_words(rgba: np.ndarray, name: str) -> np.ndarray:
    """``rgba`` (H, W, 4) uint8 viewed as (H, W) 32-bit words: one comparison per pixel."""
    rgba = np.asarray(rgba)
    if rgba.dtype != np.uint8 or rgba.ndim != 3 or rgba.shape[2] != 4:
        raise ValueError(f"{name} must be an (height, width, 4) uint8 RGBA array, "
                         f"got dtype {rgba.dtype} and shape {rgba.shape}")
    return np.ascontiguousarray(rgba).view(_WORD)[:, :, 0]


def changed_runs(before: np.ndarray, after: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Runs of consecutive changed pixels between two RGBA frames, in row-major order.

    Returns ``starts, lengths`` (uint32): with pixels numbered ``row * width + column``,
    run ``k`` covers ``starts[k] .. starts[k] + lengths[k] - 1``.  Every changed pixel
    lies in exactly one run, no run holds an unchanged one, and runs are separated by
    at least one unchanged pixel.  Both are empty when the frames are equal.
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
    """A ``<canvas>`` in the page showing the frames passed to :meth:`show`.

    Parameters
    ----------
    label : str
        What the picture shows, for screen readers (``aria-label``).
    sliders : list of ipywidgets.ValueWidget
        The sliders whose position keys the patches (:func:`mlelib.engine.sliders.position_key`),
        in that order; the page follows them.
    """

    _esm = _FRONT_END
    part = traitlets.Unicode("canvas").tag(sync=True)
    width = traitlets.Int(0).tag(sync=True)
    height = traitlets.Int(0).tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    frame_id = traitlets.Int(-1).tag(sync=True)
    sliders = traitlets.List(traitlets.Instance(widgets.Widget)).tag(**_SLIDER_LIST)
    #: Pictures for a page with no kernel (mlelib.engine.export): positions, pixels.
    site_keys = traitlets.Unicode("").tag(sync=True)
    site_frames = traitlets.Bytes(b"").tag(sync=True)

    def __init__(self, *, label: str = "", sliders=()):
        super().__init__(label=label, sliders=list(sliders))
        self._shown: np.ndarray | None = None  # (H, W) words: the frame the page should show
        self._key = ""
        self._anchor: np.ndarray | None = None  # flat words of the frame patches start from
        self._anchor_id = -1
        self._patched: set[str] = set()  # positions sent as patches of the anchor
        #: Frame and patch messages, payload bytes and pixels sent.
        self.stats = {"frames": 0, "patches": 0, "bytes": 0, "pixels": 0}
        self.on_msg(self._handle_message)

    def show(self, rgba: np.ndarray, key: str = "") -> int:
        """Send the pixels of ``rgba`` that differ from the frame shown; return how many.

        ``key`` is the slider position of the frame.  The first frame, and a frame of a
        new size, go whole; nothing is sent when neither pixels nor position changed.
        """
        words = _as_words(rgba, "rgba")
        if self._shown is None or self._shown.shape != words.shape:
            self._shown, self._key, self._anchor = words.copy(), key, None
            self.height, self.width = words.shape
            return self._send_whole()
        flat_new, flat_shown = words.ravel(), self._shown.reshape(-1)
        changed = np.flatnonzero(flat_new != flat_shown)
        if changed.size == 0 and key == self._key:
            return 0
        flat_shown[changed] = flat_new[changed]
        self._key = key
        return self._send_frame(_runs(changed), flat_new[changed])

    def send_whole_frame(self) -> None:
        """Send the frame shown again, whole (for a new view, or one that lost a frame)."""
        if self._shown is not None:
            self._anchor = None  # a page that lost frames may lack the anchor too
            self._send_whole()

    def anchor_here(self) -> None:
        """Make the frame shown the one that the next patches start from."""
        if self._shown is not None:
            self._anchor, self._anchor_id = self._shown.ravel().copy(), self.frame_id
            self._patched = set()

    def has_patch(self, key: str) -> bool:
        """Whether a patch for position ``key`` was sent since the last :meth:`anchor_here`."""
        return self._anchor is not None and key in self._patched

    def send_patch(self, rgba: np.ndarray, key: str) -> int:
        """Send, for the page to keep, the runs that turn the anchor frame into ``rgba``.

        ``rgba`` is the picture for slider position ``key``.  Anchors at the frame shown
        if there is no anchor.  Returns how many pixels were sent (nothing before the
        first frame or for a frame of another size).
        """
        words = _as_words(rgba, "rgba")
        if self._shown is None or self._shown.shape != words.shape:
            return 0
        if self._anchor is None:
            self.anchor_here()
        flat_new = words.ravel()
        changed = np.flatnonzero(flat_new != self._anchor)
        self._patched.add(key)
        return self._send_runs("patch", _runs(changed), flat_new[changed],
                          anchor=self._anchor_id, key=key)

    def whole_frame(self) -> np.ndarray | None:
        """The RGBA frame shown (a copy), or None before the first."""
        if self._shown is None:
            return None
        return self._shown.view(np.uint8).reshape(*self._shown.shape, 4).copy()

    def _send_frame(self, runs, values: np.ndarray) -> int:
        """Send the runs from the last frame sent as the next frame."""
        return self._send_runs("frame", runs, values, id=self.frame_id + 1, base=self.frame_id,
                          key=self._key)

    def _send_whole(self) -> int:
        whole = (np.zeros(1, np.uint32), np.array([self._shown.size], np.uint32))
        return self._send_runs("frame", whole, self._shown.reshape(-1), id=self.frame_id + 1,
                          base=-1, key=self._key)

    def _send_runs(self, kind: str, runs, values: np.ndarray, **fields) -> int:
        height, width = self._shown.shape
        buffers = [np.ascontiguousarray(a, _WORD).tobytes() for a in (*runs, values)]
        self.send({"type": kind, "width": width, "height": height, "runs": int(runs[0].size),
                   **fields}, buffers=buffers)
        if kind == "frame":
            self.frame_id = fields["id"]
        self.stats["frames" if kind == "frame" else "patches"] += 1
        self.stats["bytes"] += sum(len(b) for b in buffers)
        self.stats["pixels"] += int(values.size)
        return int(values.size)

    def _handle_message(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("type") == "send-whole-frame":
            self.send_whole_frame()


class Panel(anywidget.AnyWidget):
    """The panel beside the sliders: the readout's HTML, written by the kernel, and a note.

    Parameters
    ----------
    sliders : list of ipywidgets.ValueWidget
        The sliders whose position keys the readouts, in that order.
    """

    _esm = _FRONT_END
    part = traitlets.Unicode("readout").tag(sync=True)
    html = traitlets.Unicode("").tag(sync=True)
    key = traitlets.Unicode("").tag(sync=True)
    note = traitlets.Unicode("").tag(sync=True)
    sliders = traitlets.List(traitlets.Instance(widgets.Widget)).tag(**_SLIDER_LIST)
    #: Readouts for a page with no kernel (mlelib.engine.export).
    site_readouts = traitlets.Bytes(b"").tag(sync=True)

    def __init__(self, *, sliders=(), **kwargs):
        super().__init__(sliders=list(sliders), **kwargs)
        #: Readouts sent ahead of the sliders.
        self.stats = {"prefetched": 0}

    def show(self, key: str, html: str) -> None:
        """Show ``html``, the readout for slider position ``key``, in every view."""
        with self.hold_sync():
            self.key = key
            self.html = html

    def send_prefetched(self, entries: Mapping[str, str]) -> None:
        """Send readouts of other slider positions (key -> HTML) for the page to keep."""
        if entries:
            self.send({"type": "readouts", "entries": dict(entries)})
            self.stats["prefetched"] += len(entries)
