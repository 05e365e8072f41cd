"""Explorers for a page with no kernel: every reachable picture and readout, stored in the widget state.

The static course site (``make site``, ``tools/build_site.py``) runs each notebook with
nbclient's ``store_widget_state`` and then calls :func:`embed_all` in the same kernel.
For every explorer built there it computes the pictures and readouts of the positions
:func:`site_positions` lists and puts them into synced traits of the explorer's
:class:`~mlelib.engine.canvas.FrameCanvas` (``site_keys``, ``site_frames``) and
:class:`~mlelib.engine.canvas.Readout` (``site_readouts``).  They become part of the
stored widget state, which ``@jupyter-widgets/html-manager`` renders; ``canvas.js``
paints them when its sliders move, and shows the nearest stored position, saying so,
where none was computed.

Encoding (both deflated with zlib, inflated in the page by ``DecompressionStream``):

``site_frames``
    Little-endian 32-bit words: the whole frame of the first key (``width * height``
    RGBA pixels), then for every other key of ``site_keys``, in order, the index of its
    parent position (:func:`site_positions`), the number of runs ``r``, the number of
    pixels ``m``, ``r`` gaps, ``r`` run lengths and ``m`` pixels: the runs that turn the
    parent's picture into this position's (:func:`~mlelib.engine.canvas.changed_runs`),
    each run starting ``gap`` pixels after the end of the previous one (the first
    after pixel 0).
``site_readouts``
    UTF-8 JSON: position key -> readout HTML.
"""

from __future__ import annotations

import json
import weakref
import zlib
from collections.abc import Mapping

import ipywidgets as widgets
import numpy as np

from .canvas import changed_runs
from .sliders import _last_index, position_key, step_index, value_at

__all__ = ["embed", "embed_all", "encode_frames", "site_positions"]

Values = dict[str, float]

# Every explorer built in this process (Explorer.__init__ adds itself).
_BUILT: weakref.WeakSet = weakref.WeakSet()


def register(explorer) -> None:
    """Remember ``explorer`` for :func:`embed_all` (weakly: it may be collected)."""
    _BUILT.add(explorer)


def site_positions(sliders: Mapping[str, widgets.ValueWidget], start: Mapping[str, float]
                   ) -> list[tuple[Values, int]]:
    """The positions stored for a page with no kernel, each with the index of its parent.

    Every position of every slider with the other sliders at their ``start`` values: the
    *cross* through the start, which holds every position a learner reaches by moving
    one slider at a time from where the page starts (for a one-slider explorer, its
    whole track).  The start comes first, with parent -1; every other position's parent
    is its neighbour one step nearer the start on the same track, so that each picture
    is stored as the few pixels that differ from its parent's.
    """
    start = {name: start[name] for name in sliders}
    out = [(start, -1)]
    for name, slider in sliders.items():
        here = step_index(slider, start[name])
        for direction in (1, -1):
            parent = 0
            for index in range(here + direction, -1 if direction < 0 else _last_index(slider) + 1,
                               direction):
                out.append(({**start, name: value_at(slider, index)}, parent))
                parent = len(out) - 1
    return out


def encode_frames(first: np.ndarray, frames: list[tuple[np.ndarray, int]]) -> bytes:
    """Deflated ``site_frames`` words: ``first`` whole, then each frame as runs from its parent.

    ``frames`` holds (RGBA frame, parent index) pairs; index 0 is ``first``, index
    ``i >= 1`` is ``frames[i - 1]``.
    """
    pictures = [np.ascontiguousarray(first)] + [np.ascontiguousarray(f) for f, _ in frames]
    words = [pictures[0].view("<u4").ravel()]
    for i, (rgba, parent) in enumerate(frames, start=1):
        starts, lengths = changed_runs(pictures[parent], rgba)
        starts, lengths = starts.astype(np.int64), lengths.astype(np.int64)
        flat = pictures[i].view("<u4").ravel()
        changed = np.repeat(starts, lengths) + _offsets_within(lengths)
        # gaps between runs (from the end of the previous one) deflate better than starts
        gaps = starts - np.concatenate(([0], (starts + lengths)[:-1]))
        words += [np.array([parent, starts.size, changed.size], "<u4"), gaps.astype("<u4"),
                  lengths.astype("<u4"), flat[changed]]
    return zlib.compress(np.concatenate(words).astype("<u4").tobytes(), 9)


def _offsets_within(lengths: np.ndarray) -> np.ndarray:
    """0, 1, ..., length - 1 for every run, concatenated."""
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, np.int64)
    ends = np.cumsum(lengths)
    return np.arange(total) - np.repeat(ends - lengths, lengths)


def embed(explorer) -> dict[str, int]:
    """Store ``explorer``'s pictures and readouts of :func:`site_positions` in its widgets.

    The explorer is left at its start position, as the page shows it.  Returns the
    number of positions and the stored bytes.
    """
    positions = site_positions(explorer.sliders, explorer.values)
    keys = [position_key(explorer.sliders, values) for values, _ in positions]
    first = np.array(explorer.picture.draw(positions[0][0], ahead=True), copy=True)
    frames = [(np.array(explorer.picture.draw(values, ahead=True), copy=True), parent)
              for values, parent in positions[1:]]
    readouts = {key: explorer._format(values)[0] for key, (values, _) in zip(keys, positions)}
    blob = encode_frames(first, frames)
    text = zlib.compress(json.dumps(readouts, ensure_ascii=False).encode("utf-8"), 9)
    explorer.refresh()
    with explorer.canvas.hold_sync():
        explorer.canvas.site_keys = " ".join(keys)
        explorer.canvas.site_frames = blob
    explorer.readout.site_readouts = text
    return {"positions": len(keys), "frame_bytes": len(blob), "readout_bytes": len(text)}


def embed_all() -> list[dict[str, int]]:
    """:func:`embed` every explorer built in this process that is still alive."""
    return [embed(explorer) for explorer in list(_BUILT)]
