"""The public face of every slider explorer: sliders wired to a readout and a picture.

An :class:`Explorer` is handed its :class:`~mlelib.engine.picture.Picture` (the figure
and its blit renderer) and builds its transport (:class:`~mlelib.engine.canvas.FrameCanvas`,
:class:`~mlelib.engine.canvas.Panel`), its :class:`~mlelib.engine.prefetch.Prefetcher` and
its :class:`~mlelib.engine.pacing.Pacer` unless given them.  How to write one:
``docs/writing-an-explorer.md``; why it works this way: ``docs/explorer-engine.md``.
"""

from __future__ import annotations

import base64
import contextlib
import io
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as widgets
import numpy as np
from PIL import Image

from . import export
from .canvas import FrameCanvas, Panel
from .jupyter_internals import change_came_from_page
from .pacing import Pacer
from .picture import Layer, Picture
from .prefetch import Prefetcher
from .readout import Format, Readout, format_rows, summary_line
from .sliders import position_key, snap_to_slider, start_note

__all__ = ["Explorer", "Layer", "Picture"]

_log = logging.getLogger(__name__)


class Explorer:
    """Sliders whose every position shows a readout and a picture.

    Parameters
    ----------
    picture : Picture
        The figure, what moves on every frame and the layers.
    sliders : mapping of str to ipywidgets.ValueWidget
        Parameter name -> slider; the names are the keyword arguments of ``readout``
        and of the picture's update functions.
    readout : callable
        ``readout(**values) -> {quantity: number}``, a pure function (it is also called
        for positions the sliders are not at).  If it raises, the panel shows the error
        instead.
    formats : mapping of str to str or callable
        Quantity -> how the panel writes it: a format spec (``".4f"``, see
        :func:`~mlelib.engine.readout.format_number`) or a function of its value.
        The quantities are keys for programs (``readout_for(...).numbers``), the same
        in every language; the panel shows ``translate(quantity)``.
    title : str
        Short name, used in the plain-text representation (in the reader's language).
    buttons : sequence of ipywidgets.DOMWidget
        Shown under the sliders; each moves a slider when clicked
        (:func:`~mlelib.engine.sliders.step_button`, which steps it in the page, kernel
        or none), so it needs no wiring of its own.
    translate : callable, optional
        English -> the reader's language, for the quantities' names and the engine's
        own sentences (notes, the plain-text heading); English when not given.  The
        engine knows no course: the builder passes the course's ``gettext``.
    labels : mapping of str to str, optional
        Quantity -> the name the panel shows, for quantities whose name ``translate``
        cannot look up as it is (one made of parts); the others show ``translate(quantity)``.

    Attributes
    ----------
    png_metadata : dict
        Metadata of the picture's PNG in the cell's output (``image/png``); empty unless
        the builder puts something there (the words a notebook gave it, for its catalog).
    readout : Readout
        What the panel shows now: the numbers and their rows of text.
    panel, canvas : Panel, FrameCanvas
        The widgets beside and below the sliders; ``widget`` holds them with the sliders.
    """

    def __init__(self, picture: Picture, sliders: Mapping[str, widgets.ValueWidget], *,
                 readout: Callable[..., Mapping[str, Any]], formats: Mapping[str, Format],
                 title: str, buttons: Sequence[widgets.DOMWidget] = (),
                 canvas: FrameCanvas | None = None, panel: Panel | None = None,
                 pacer: Pacer | None = None, translate: Callable[[str], str] | None = None,
                 labels: Mapping[str, str] | None = None):
        self.picture, self.sliders, self.title = picture, dict(sliders), title
        self._translate = translate or (lambda message: message)
        #: Quantity -> the name the panel shows.
        self.labels = {name: (labels or {}).get(name) or self._translate(name)
                       for name in formats}
        self.formats, self._compute_readout, self._holding = dict(formats), readout, False
        unknown = picture.layered_sliders - set(self.sliders)
        if not self.sliders or unknown:
            raise ValueError(f"sliders must name every slider a layer is moved by; got "
                             f"{sorted(self.sliders)}, layers name {sorted(unknown)}")
        order = list(self.sliders.values())
        self.panel = panel or Panel(sliders=order, layout={"min_width": "260px",
                                                           "margin": "0 0 0 24px"})
        label = self.gettext("{title}: figure following the sliders").format(title=title)
        self.canvas = canvas or FrameCanvas(label=label, sliders=order)
        self.prefetcher = Prefetcher(
            self.sliders, readout_html=lambda v: self._readout_at(v).html,
            send_readouts=self.panel.send_prefetched, send_picture=self._send_patch,
            has_picture=self.canvas.has_patch, anchor=self.canvas.anchor_here,
            layered=picture.layered_sliders)
        self.pacer = pacer or Pacer(readout=self._show_readout, picture=self._show_picture,
                                    prefetch_jobs=self.prefetcher.jobs)
        self.buttons = list(buttons)
        self.widget = widgets.VBox([widgets.HBox([widgets.VBox(order + self.buttons),
                                                  self.panel]),
                                    self.canvas])
        self.widget.add_class("mlelib-explorer")
        self._notes = {name: note for name in self.sliders
                       if (note := start_note(self.sliders[name], self.gettext)) is not None}
        #: The readout the panel shows.
        self.readout, self.counts = Readout(self.values), {"updates": 0, "prefetched": 0}
        self.png_metadata: dict[str, Any] = {}
        #: Seconds the last change spent on the readout, the drawing and the sending.
        self.last_timings: dict[str, float] = {}
        for slider in order:
            slider.observe(self._on_change, names="value")
        self.refresh()
        export.register(self)

    def gettext(self, message: str) -> str:
        """``message`` in the reader's language (the ``translate`` the explorer was given)."""
        return self._translate(message)

    @property
    def values(self) -> dict[str, float]:
        """The current slider values by parameter name."""
        return {name: slider.value for name, slider in self.sliders.items()}

    def set(self, **values) -> Readout:
        """Move several sliders (snapped to their grids), draw once; return the readout."""
        with self.hold():
            for name, value in self._snapped(values).items():
                self.sliders[name].value = value
        return self.readout

    def readout_for(self, **values) -> Readout:
        """The readout (numbers and text) for the sliders moved to ``values``.

        Sliders not named keep their value; the values used, snapped to the sliders'
        grids, are the readout's ``sliders``.  Computed without moving anything:
        sliders, panel and picture stay put.
        """
        return self._readout_at({**self.values, **self._snapped(values)})

    @contextlib.contextmanager
    def hold(self):
        """Within the block, slider changes do not render; one render happens at the end."""
        self._holding = True
        try:
            yield self
        finally:
            self._holding = False
            self.refresh()

    def refresh(self) -> None:
        """Show the readout and the picture for the sliders' current values."""
        self._show_readout()
        self._show_picture()

    def prefetch(self) -> int:
        """Send now what the idle kernel sends ahead after a move; how many jobs ran."""
        return self.pacer.run_prefetch()

    def pixels(self) -> np.ndarray:
        """The RGBA frame the page is sent (a copy)."""
        return self.canvas.whole_frame()

    def full_draw_pixels(self) -> np.ndarray:
        """A plain full draw for the current values, bypassing every cache (for tests)."""
        return self.picture.full_draw(self.values)

    def png(self) -> bytes | None:
        """The PNG bytes of the picture shown (the static fallback); None before any."""
        pixels = self.pixels()
        if pixels is None:
            return None
        out = io.BytesIO()
        Image.fromarray(pixels).convert("RGB").save(out, format="png", compress_level=1)
        return out.getvalue()

    def _snapped(self, values: Mapping[str, float]) -> dict[str, float]:
        unknown = set(values) - set(self.sliders)
        if unknown:
            raise ValueError(f"unknown slider(s) {sorted(unknown)}; "
                             f"this explorer has {sorted(self.sliders)}")
        return {name: snap_to_slider(self.sliders[name], v) for name, v in values.items()}

    def _readout_at(self, values: Mapping[str, float]) -> Readout:
        """The readout for ``values``; if computing or writing it fails, it says why."""
        values = dict(values)
        try:
            numbers = dict(self._compute_readout(**values))
            return Readout(values, numbers, format_rows(numbers, self.formats),
                           labels=self.labels)
        except Exception as exc:  # noqa: BLE001 - any failure is shown, not raised
            where = ", ".join(f"{name} = {value:g}" for name, value in values.items())
            problem = self.gettext("The readout could not be computed for {where}: {error}")
            return Readout(values, problem=problem.format(
                where=where, error=f"{type(exc).__name__}: {exc}"))

    def _on_change(self, change) -> None:
        """A slider's value changed, on whatever thread delivered the change."""
        name = next(n for n, s in self.sliders.items() if s is change["owner"])
        direction = 1 if change["new"] > change["old"] else -1
        self.pacer.on_home_thread(self._changed, name, direction,
                                  change_came_from_page(change))

    def _changed(self, name: str, direction: int, from_page: bool) -> None:
        self._notes.pop(name, None)
        if self._holding:
            return
        if from_page:
            self.prefetcher.moved(name, direction)
        self.pacer.change(from_page=from_page)

    def _show_readout(self) -> None:
        t0, values = time.perf_counter(), self.values
        self.readout = self._readout_at(values)
        self.panel.show(position_key(self.sliders, values), self.readout.html)
        self.last_timings = {"readout": time.perf_counter() - t0}

    def _show_picture(self) -> None:
        t0, values = time.perf_counter(), self.values
        try:
            rgba = self.picture.draw(values)
        except Exception as exc:  # noqa: BLE001 - the page keeps working
            _log.debug("drawing failed", exc_info=True)
            self._notes["picture"] = self.gettext(
                "The picture could not be drawn for these values ({error}); it shows the "
                "last one that could.").format(error=f"{type(exc).__name__}: {exc}")
        else:
            self._notes.pop("picture", None)
            t1 = time.perf_counter()
            self.canvas.show(rgba, position_key(self.sliders, values))
            self.counts["updates"] += 1
            self.last_timings.update(draw=t1 - t0, send=time.perf_counter() - t1)
        self.panel.note = "\n".join(self._notes.values())

    def _send_patch(self, values: dict[str, float], key: str) -> int:
        try:
            rgba = self.picture.draw(values, ahead=True)
        except Exception:  # noqa: BLE001 - the page waits for the kernel there
            _log.debug("drawing ahead failed", exc_info=True)
            return 0
        self.counts["prefetched"] += 1
        return self.canvas.send_patch(rgba, key)

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        data = dict(bundle[0] if isinstance(bundle, tuple) else bundle)
        png = self.png()
        if png is not None:
            data["image/png"] = base64.b64encode(png).decode("ascii")
        note = "".join(f" ({n})" for n in self._notes.values())
        heading = self.gettext("{title} explorer ({params}): ")
        data["text/plain"] = summary_line(self.title, self.readout, heading) + note
        if png is not None and self.png_metadata:
            return data, {"image/png": dict(self.png_metadata)}
        return data

    def __repr__(self) -> str:
        return f"<Explorer {self.title!r} with sliders {list(self.sliders)}>"
