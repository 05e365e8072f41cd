"""Explorers for a page with no kernel: reachable pictures and readouts, stored in the widget state.

The static course site (``make site``, ``tools/build_site.py``) runs each notebook with
nbclient's ``store_widget_state`` and then calls :func:`embed_all` in the same kernel.
For every explorer built there it computes the readouts and pictures of the positions
:func:`site_positions` lists and puts them into synced traits of the explorer's
:class:`~mlelib.engine.canvas.FrameCanvas` (``site_keys``, ``site_frames``) and
:class:`~mlelib.engine.canvas.Panel` (``site_readouts``).  They become part of the
stored widget state, which ``@jupyter-widgets/html-manager`` renders; ``canvas.js``
shows them when its sliders move, and where nothing was computed shows the nearest
position that was, and says so.  Why and what it costs: ``docs/site.md``.

Encoding (both deflated with zlib, inflated in the page by ``DecompressionStream``):

``site_frames``
    Little-endian 32-bit words: the whole picture of the first key of ``site_keys``
    (``width * height`` RGBA pixels), then for every other key, in order, the index of
    its parent position (:func:`site_positions`), the number of runs ``r``, the number
    of pixels ``m``, ``r`` gaps, ``r`` run lengths and ``m`` pixels: the runs that turn
    the parent's picture into this position's (:func:`~mlelib.engine.canvas.changed_runs`),
    each run starting ``gap`` pixels after the end of the previous one (the first one
    after pixel 0).
``site_readouts``
    UTF-8 JSON: ``readouts`` (position key -> readout HTML), ``pictures`` (the keys
    of ``site_keys``, so that the readout can say when the picture shown is of a nearby
    position) and ``notes``, what it then says, in the explorer's language
    (:func:`stored_notes`, through the explorer's ``gettext``; ``{position}`` is filled
    in by the page).
"""

from __future__ import annotations

import json
import weakref
import zlib
from collections.abc import Callable, Mapping

import ipywidgets as widgets
import numpy as np

from .canvas import changed_runs
from .sliders import _last_index, position_key, step_index, value_at

__all__ = ["embed", "embed_all", "encode_frames", "picture_strides", "register",
           "site_positions", "stored_notes"]

Values = dict[str, float]

#: Deflated bytes of pictures stored per explorer, roughly at most: a page with two such
#: explorers stays within 10 MB, base64 included.
PICTURE_BUDGET = 3_000_000


def stored_notes(gettext: Callable[[str], str]) -> dict[str, str]:
    """The notes the page adds when it shows the nearest stored position, in the words
    of ``gettext``: ``readout`` and ``picture``, each with ``{position}`` to fill in."""
    return {
        "readout": gettext("This position was not computed when the page was built: the "
                           "readout is for the nearest one that was ({position})."),
        "picture": gettext("The picture is of the nearest position drawn when the page was "
                           "built ({position})."),
    }


# Every explorer built in this process (Explorer.__init__ adds itself).
_BUILT: weakref.WeakSet = weakref.WeakSet()


def register(explorer) -> None:
    """Remember ``explorer`` for :func:`embed_all` (weakly: it may be collected)."""
    _BUILT.add(explorer)


def site_positions(sliders: Mapping[str, widgets.ValueWidget], start: Mapping[str, float],
                   strides: Mapping[str, int] | None = None) -> list[tuple[Values, int]]:
    """The positions stored for a page with no kernel, each with the index of its parent.

    Every position of every slider with the other sliders at their ``start`` values: the
    *cross* through the start, which holds every position a learner reaches by moving
    one slider at a time from where the page starts (for a one-slider explorer, its
    whole track).  With ``strides``, slider ``name`` keeps only every
    ``strides[name]``-th position counted from its start.  The start comes first, with
    parent -1; every other position's parent is the one before it on its track, towards
    the start, so that each picture is stored as the pixels that differ from its
    parent's.
    """
    start = {name: start[name] for name in sliders}
    out = [(start, -1)]
    for name, slider in sliders.items():
        here, stride = step_index(slider, start[name]), (strides or {}).get(name, 1)
        for step, stop in ((stride, _last_index(slider) + 1), (-stride, -1)):
            parent = 0
            for index in range(here + step, stop, step):
                out.append(({**start, name: value_at(slider, index)}, parent))
                parent = len(out) - 1
    return out


def picture_strides(sliders: Mapping[str, widgets.ValueWidget],
                    bytes_per_step: Mapping[str, float], budget: float) -> dict[str, int]:
    """Strides along each slider that bring the stored pictures within ``budget`` bytes.

    ``bytes_per_step[name]`` estimates one stored picture along slider ``name``, so a
    stride ``s`` costs about ``steps / s * bytes_per_step``; the track costing most is
    thinned first, one stride at a time.  Every stride is 1 when everything fits.
    """
    strides = {name: 1 for name in sliders}
    steps = {name: _last_index(slider) for name, slider in sliders.items()}

    def cost(name: str) -> float:
        return steps[name] / strides[name] * bytes_per_step.get(name, 0.0)

    while sum(map(cost, strides)) > budget:
        name = max((n for n in strides if strides[n] < steps[n]), key=cost, default=None)
        if name is None:
            break
        strides[name] += 1
    return strides


def _offsets_within(lengths: np.ndarray) -> np.ndarray:
    """0, 1, ..., length - 1 for every run, concatenated."""
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, np.int64)
    ends = np.cumsum(lengths)
    return np.arange(total) - np.repeat(ends - lengths, lengths)


def _delta_words(parent: np.ndarray, picture: np.ndarray, parent_index: int) -> np.ndarray:
    """One stored picture: parent index, run count, pixel count, gaps, lengths, pixels."""
    starts, lengths = changed_runs(parent, picture)
    starts, lengths = starts.astype(np.int64), lengths.astype(np.int64)
    changed = np.repeat(starts, lengths) + _offsets_within(lengths)
    # gaps between runs (from the end of the previous one) deflate better than starts
    gaps = starts - np.concatenate(([0], (starts + lengths)[:-1]))
    pixels = np.ascontiguousarray(picture).view("<u4").ravel()[changed]
    return np.concatenate(([parent_index, starts.size, changed.size], gaps, lengths, pixels)
                          ).astype("<u4")


def encode_frames(draw: Callable[[Values], np.ndarray],
                  positions: list[tuple[Values, int]]) -> bytes:
    """Deflated ``site_frames`` for ``positions`` (as :func:`site_positions` lists them).

    ``draw(values)`` returns the RGBA picture of a position.  A position's parent is the
    start or the position listed just before it, so only those two pictures are kept.
    """
    first = np.array(draw(positions[0][0]), copy=True)
    words, previous = [first.view("<u4").ravel()], first
    for i, (values, parent) in enumerate(positions[1:], start=1):
        if parent not in (0, i - 1):
            raise ValueError(f"position {i}'s parent must be the start or position {i - 1}, "
                             f"got {parent}")
        picture = np.array(draw(values), copy=True)
        words.append(_delta_words(first if parent == 0 else previous, picture, parent))
        previous = picture
    return zlib.compress(np.concatenate(words).tobytes(), 9)


def _bytes_per_step(explorer, draw, samples: int = 6) -> dict[str, float]:
    """Deflated bytes of one picture stored as a step from its neighbour, per slider
    (the mean over ``samples`` steps spread along its track)."""
    out, start = {}, explorer.values
    for name, slider in explorer.sliders.items():
        sizes = []
        for index in np.linspace(0, max(_last_index(slider) - 1, 0), samples).round():
            here, there = ({**start, name: value_at(slider, int(i))} for i in (index, index + 1))
            before = np.array(draw(here), copy=True)
            sizes.append(len(zlib.compress(_delta_words(before, draw(there), 0).tobytes(), 6)))
        out[name] = float(np.mean(sizes))
    return out


def embed(explorer, budget: float = PICTURE_BUDGET) -> dict:
    """Store ``explorer``'s readouts and pictures for a page with no kernel (module doc).

    Readouts are stored for every position of :func:`site_positions`; pictures for every
    position too when they fit in ``budget`` bytes, else along strides
    (:func:`picture_strides`).  The explorer is left at its start, as the page shows it.
    Returns its title, the counts of positions, the bytes of pictures and the strides.
    """
    def draw(values):
        return explorer.picture.draw(values, ahead=True)

    start = explorer.values
    readouts = {position_key(explorer.sliders, values): explorer.readout_for(**values).html
                for values, _ in site_positions(explorer.sliders, start)}
    strides = picture_strides(explorer.sliders, _bytes_per_step(explorer, draw), budget)
    pictures = site_positions(explorer.sliders, start, strides)
    keys = [position_key(explorer.sliders, values) for values, _ in pictures]
    blob = encode_frames(draw, pictures)
    text = json.dumps({"readouts": readouts, "pictures": keys,
                       "notes": stored_notes(explorer.gettext)}, ensure_ascii=False)
    explorer.refresh()
    with explorer.canvas.hold_sync():
        explorer.canvas.site_keys = " ".join(keys)
        explorer.canvas.site_frames = blob
    explorer.panel.site_readouts = zlib.compress(text.encode("utf-8"), 9)
    return {"title": explorer.title, "readouts": len(readouts), "pictures": len(keys),
            "picture_bytes": len(blob), "strides": strides}


def embed_all() -> list[dict]:
    """:func:`embed` every explorer built in this process that is still alive."""
    return [embed(explorer) for explorer in list(_BUILT)]
