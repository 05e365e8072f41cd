r"""The slider mechanism of the course: one :class:`Explorer` behind every slider.

How it works
------------
An explorer owns a matplotlib figure that is built **once**, outside pyplot, on an Agg
canvas.  The artists that follow the sliders (a line, a marker, a text) are registered
as *animated*: a full draw leaves them out, the result is cached as the background, and
each slider event only

1. calls the explorer's readout function, a pure function of the slider values that
   computes with :mod:`mlelib`, and writes the readout (a :class:`mlelib.canvas.Readout`
   beside the sliders) first, so the numbers appear even before the picture;
2. calls the explorer's update function, which moves the animated artists in place
   (``set_data``, ``set_text``...);
3. restores the cached background and draws only the animated artists (blitting);
4. hands the frame to a :class:`mlelib.canvas.FrameCanvas`, which sends the browser only
   the pixels that changed, as runs, and paints them on a ``<canvas>``.

A full draw happens only when the background itself changed: the update touched an
artist that is not animated (matplotlib then marks the figure stale, which animated
artists never do), an axis range moved, or :meth:`Explorer.invalidate` was called.
What only some sliders change and is too slow for every frame (notebook 02's surface,
the y-axes of notebook 03's profile panels, whose range follows sigma) is *layered*:
cached in the background, repainted alone when it changes, and kept per value of the
sliders that change it.  Per axes, artists are drawn in
``Axes.draw``'s order: static artists above the highest moving one are cached as a top
layer, and static ones between moving ones as sprites, both alpha-composited per frame.

Why pushed pixels, and not ipympl, ``interact`` or an ``<img>``
--------------------------------------------------------------
Measured on this project's 2-core machine (../shared/JUPYTER-NOTES.md and ``make bench``):
re-creating an inline figure per change (``interact``) costs 120-170 ms in the kernel
and 170-225 ms per plot step in the browser.  ipympl updates in place, but its canvas
asks the browser for a redraw and waits for a second kernel round trip after
``draw_idle()``, so its plot lags its readout (~110 ms).  Pushing the frame from the
kernel needs one message and no round trip.  Blitting takes the draw from 35-190 ms (a
full draw; most of it is tick labels) to 2-25 ms (the 25 is notebook 02's five per-point
annotations, text being matplotlib's slowest artist).

How the frame travels was chosen in the browser.  The first version pushed a lossless
WebP into an :class:`ipywidgets.Image`: 9-23 ms to encode, then 25-45 ms from the
message reaching the page to the pixels on screen (an ``<img>`` loads its blob URL
through the browser process and decodes it), for a plot p50 of 90-120 ms.  Deflating the
changed rectangle instead cost 5-10 ms in the kernel and 11-18 ms to inflate in the page
(``DecompressionStream`` is asynchronous and waits behind JupyterLab's own work).  Runs
of changed pixels (:mod:`mlelib.canvas`) take about 1 ms to find, weigh 5-120 kB since a
moving line changes a few per cent of the figure, and are painted synchronously in the
message handler: plot p50 40-78 ms over several runs (was 89-120).

No backlog, readout first
-------------------------
The ipywidgets front end keeps at most one state update per widget in flight and
merges the rest, so a fast drag never queues one render per intermediate value.  In
the kernel, a change that comes from the browser runs the (cheap) update function and
writes the readout at once, and schedules the draw on the kernel's event loop: drawing
inside the comm handler held the readout back by a whole frame.  Before drawing, the
frame waits until the kernel's IOPub thread has sent the readout (see
:func:`_drain_kernel_output`).  Changes that arrive before the scheduled frame is drawn
share it, so the frame always shows the newest values.  Changes made from code
(``Explorer.set``, or outside a running loop) render at once.

Ahead of the kernel: prefetching
--------------------------------
Even a kernel that answers at once is a round trip away: a bare slider with an HTML
readout and no figure measured 20-32 ms from key press to readout in JupyterLab here
(the websocket hops, JupyterLab's handling of each kernel message and the page's own
rendering after the key press), so no kernel-side saving reaches the 20 ms target.
Instead, once the sliders have rested (30 ms after a single step, 150 ms after a drag;
:attr:`Explorer.PREFETCH_DELAY`, :attr:`Explorer.DRAG_REST`), the idle
kernel sends what the explorer *would* show nearby: the readouts of the moved slider's
whole track and of four steps of every other slider (a few kilobytes; a readout costs
well under a millisecond), then the pictures one step either way of the moved slider
and of every slider seen not to repaint a layer, each as runs of the pixels that differ
from the frame the page has.  ``canvas.js`` follows the slider models in the page; when
they reach a position it holds, it shows that readout and picture in the same task as
the key press.  The kernel still handles the move, and its frame, identical, costs no
second paint.  Everything the page shows is still computed by the kernel with
:mod:`mlelib`; the browser only looks it up.  Any slider change stops the prefetching
between two jobs (a job is one readout batch or one picture).

A slider that repaints a layered artist (sigma) is drawn ahead too: the repainted
backgrounds are kept, keyed by the values of the sliders that repaint layers, so the
real step reuses the one drawn ahead.

Static fallback
---------------
``Explorer._repr_mimebundle_`` carries the live widget view *and* a PNG of the current
state and a plain-text summary.  JupyterLab with a kernel shows the widget; a viewer
without the widget manager (GitHub, nbviewer, a kernel-less JupyterLab) shows the PNG;
nbval compares only the plain text, which is stable.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import functools
import io
import math
import threading
import time
from collections.abc import Callable, Iterable, Mapping

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox
from PIL import Image

from mlelib.canvas import FrameCanvas, Readout, position_key

__all__ = [
    "Explorer",
    "float_slider",
    "format_fixed",
    "format_readout",
    "int_slider",
    "log_slider",
    "snap_to_slider",
    "step_value",
]

_SLIDER_LAYOUT = {"width": "460px"}
_SLIDER_STYLE = {"description_width": "150px"}


def float_slider(description: str, *, min: float, max: float, step: float, value: float,
                 readout_format: str = ".2f") -> widgets.FloatSlider:
    """A continuous slider with the course's layout: wide label, value readout, keyboard steps."""
    return widgets.FloatSlider(value=value, min=min, max=max, step=step, description=description,
                               readout=True, readout_format=readout_format,
                               continuous_update=True, style=_SLIDER_STYLE,
                               layout=_SLIDER_LAYOUT)


def int_slider(description: str, *, min: int, max: int, value: int, step: int = 1
               ) -> widgets.IntSlider:
    """An integer slider (sample sizes, counts) with the course's layout."""
    return widgets.IntSlider(value=value, min=min, max=max, step=step, description=description,
                             readout=True, continuous_update=True, style=_SLIDER_STYLE,
                             layout=_SLIDER_LAYOUT)


def log_slider(description: str, *, min_exp: float, max_exp: float, value: float,
               step: float = 0.05, readout_format: str = ".3g") -> widgets.FloatLogSlider:
    """A slider whose position is ``log10`` of its value (a prior's scale ``tau``)."""
    return widgets.FloatLogSlider(value=value, base=10, min=min_exp, max=max_exp, step=step,
                                  description=description, readout=True,
                                  readout_format=readout_format, continuous_update=True,
                                  style=_SLIDER_STYLE, layout=_SLIDER_LAYOUT)


def snap_to_slider(slider: widgets.ValueWidget, value: float) -> float:
    """The value on the slider's step grid nearest to ``value`` (clamped to its range).

    The browser can only show grid values: given an off-grid value it moves the handle to
    the nearest step and sends that back to the kernel, overwriting a later setting.
    Setting grid values from code keeps the kernel and the page in agreement.
    """
    if isinstance(slider, widgets.FloatLogSlider):
        exponent = math.log(value, slider.base)
        k = round((exponent - slider.min) / slider.step)
        exponent = min(max(slider.min + k * slider.step, slider.min), slider.max)
        return float(slider.base ** round(exponent, 10))
    k = round((value - slider.min) / slider.step)
    snapped = min(max(slider.min + k * slider.step, slider.min), slider.max)
    if isinstance(slider, widgets.IntSlider):
        return int(snapped)
    return round(float(snapped), 10)


def step_value(slider: widgets.ValueWidget, value: float, steps: int) -> float | None:
    """The value ``steps`` grid steps from ``value`` on ``slider``, or None past either end."""
    log = isinstance(slider, widgets.FloatLogSlider)
    position = math.log(value, slider.base) if log else value
    k = round((position - slider.min) / slider.step) + steps
    moved = slider.min + k * slider.step
    if moved < slider.min - 1e-9 * slider.step or moved > slider.max + 1e-9 * slider.step:
        return None
    return snap_to_slider(slider, slider.base ** moved if log else moved)


def format_fixed(value: float, digits: int) -> str:
    """``value`` with ``digits`` decimals; a value that rounds to zero never shows as ``-0.000``."""
    text = f"{value:.{digits}f}"
    return f"{0.0:.{digits}f}" if float(text) == 0.0 else text


def format_readout(items: Mapping[str, str]) -> tuple[str, str]:
    """Readout as HTML (one line per quantity) and as plain text (``name = value`` lines)."""
    text = "\n".join(f"{name} = {value}" for name, value in items.items())
    rows = "".join(
        f'<div class="mlelib-readout-row"><span>{name}</span> = <code>{value}</code></div>'
        for name, value in items.items()
    )
    html = f'<div class="mlelib-readout" style="font-size:14px;line-height:1.6">{rows}</div>'
    return html, text


def _drain_kernel_output(timeout: float = 0.05) -> None:
    """Wait until the kernel's IOPub thread has sent every message queued so far.

    The kernel hands its messages to a thread that sends them; that thread needs the GIL,
    and a frame being drawn holds it for most of its 5-50 ms (Agg's drawing calls do not
    release it).  Started right after the readout, a draw made the readout, and the
    messages around it, wait for the GIL one after another.  Blocking here costs well
    under a millisecond and lets them go first.  Outside a kernel this does nothing.
    """
    try:
        from IPython import get_ipython

        io_thread = get_ipython().kernel.iopub_socket.io_thread
        alive = io_thread.thread.is_alive()
    except AttributeError:
        return
    if alive:
        sent = threading.Event()
        io_thread.schedule(sent.set)  # runs after everything queued before it
        sent.wait(timeout)


def _by_axes(artists: Iterable[Artist]) -> list[tuple[Axes, list[Artist]]]:
    """Artists grouped by their axes, axes in order of first appearance."""
    groups: list[tuple[Axes, list[Artist]]] = []
    for artist in artists:
        for ax, members in groups:
            if ax is artist.axes:
                members.append(artist)
                break
        else:
            groups.append((artist.axes, [artist]))
    return groups


def _draw_order(ax: Axes, extra: Iterable[Artist]):
    """``ax``'s children and the key ``Axes.draw`` sorts them by (zorder, then child order).

    ``extra`` artists that are not among the children (yet) sort after them.
    """
    children = ax.get_children()
    rank = {id(c): i for i, c in enumerate(children)}
    for artist in extra:
        rank.setdefault(id(artist), len(rank))
    return children, lambda c: (c.get_zorder(), rank[id(c)])


def _running_loop():
    """The kernel's running asyncio loop, or None (plain Python, tests)."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class Explorer:
    """Sliders wired to a figure built once and redrawn by blitting.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure with an Agg canvas, not managed by pyplot (see
        :func:`mlelib.plotting.new_figure`).
    sliders : mapping of str to ipywidgets.ValueWidget
        Parameter name -> slider; the names are the keyword arguments of ``readout`` and
        ``update``.
    readout : callable
        ``readout(**values) -> Mapping[str, str]``: the readout for the given slider
        values, ``{quantity: formatted value}``.  A pure function of its arguments: the
        explorer also calls it for positions the sliders are not at (prefetching).
    update : callable
        ``update(**values) -> None``: moves the animated artists for the given slider
        values.  Changing other artists is allowed and costs a full draw.
    animated : iterable of matplotlib.artist.Artist
        The artists ``update`` changes; everything else is background.
    title : str
        Short name of the explorer, used in its plain-text representation.
    layered : iterable of matplotlib.artist.Artist or matplotlib.axes.Axes, optional
        What only some sliders change and is too slow to draw on every frame.  It is
        part of the cached background; when ``update`` changes it, it is repainted into
        the background instead of a full draw of the figure.  An artist (a
        log-likelihood surface that ``sigma`` rescales) is repainted together with the
        static artists above it (composited from sprites), and must lie below every
        animated artist of its axes.  An x- or y-axis (``ax.yaxis``, whose range follows
        a slider) is such an artist whose own limits may change without a full draw.
        A whole axes (one whose y-range follows a slider) is repainted with everything
        in it except its animated artists; its limits may change without a full draw,
        provided the static artists of that axes that are cached above or between its
        animated ones (titles, spines, labels placed in axes coordinates) do not depend
        on them.  The blit-against-full-draw test fails when one does.
    """

    def __init__(self, fig: Figure, sliders: Mapping[str, widgets.ValueWidget], *,
                 readout: Callable[..., Mapping[str, str]], update: Callable[..., None],
                 animated: Iterable[Artist], title: str, layered: Iterable[Artist] = ()):
        if not isinstance(fig, Figure):
            raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
        if not sliders:
            raise ValueError("sliders must name at least one slider")
        self.fig = fig
        self.sliders = dict(sliders)
        self.title = title
        self._readout = readout
        self._update = update
        animated = list(animated)
        self._moving = {id(a) for a in animated}
        self._live, self._top = self._plan(animated)
        self._animated = self._live + self._top
        self._layered = list(layered)
        self._layer_plan = self._plan_layer(self._layered, self._animated)
        # left out of a full draw: what every frame draws, and what a layer repaint draws
        # (drawn in both, a static line above a layer would be painted twice, darker)
        self._not_in_base = self._animated + self._layer_plan
        for artist in self._not_in_base:
            artist.set_animated(True)
        self._top_layer = None
        self._sprites: dict[int, tuple] = {}  # static artists drawn between moving ones
        self._base = None  # the background without the layered artists
        self._background = None
        self._background_key = None
        self._background_changed = False  # whether the last render replaced the background
        self._layer_cache: dict = {}
        self._limits = None
        self._holding = False
        self._frame_pending = False
        self._dirty = True
        self._drawn_values: dict[str, float] | None = None  # of the last frame
        self._light: set[str] = set()  # sliders whose move was seen to need no repaint
        self._moved: tuple[str, int] | None = None  # the last slider moved, and which way
        self._last_change = -math.inf  # time.monotonic() of the last change from the page
        self._dragging = False
        self._prefetch_round = 0  # a newer round stops an older one
        self._prefetched_readouts: set[str] = set()
        self._prefetched_frames: set[str] = set()  # for the frame shown now
        #: Seconds spent in the last update, by stage (``compute``, ``draw``, ``send``).
        self.last_timings: dict[str, float] = {}
        #: How many full draws, repaints of the layered artists, frames and prefetched
        #: frames were made.
        self.counts = {"full_draws": 0, "layer_paints": 0, "updates": 0, "prefetched": 0}

        slider_list = list(self.sliders.values())
        self.readout = Readout(sliders=slider_list,
                               layout={"min_width": "260px", "margin": "0 0 0 24px"})
        self.canvas = FrameCanvas(label=f"{title}: figure following the sliders",
                                  sliders=slider_list)
        controls = widgets.VBox(slider_list)
        self.widget = widgets.VBox([widgets.HBox([controls, self.readout]), self.canvas])
        self.widget.add_class("mlelib-explorer")
        self.readout_text = ""
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        self.refresh()

    # ------------------------------------------------------------------ public
    @property
    def values(self) -> dict[str, float]:
        """The current slider values by parameter name."""
        return {name: s.value for name, s in self.sliders.items()}

    def set(self, **values) -> str:
        """Set several sliders at once, render once, and return the readout text.

        Used by the notebooks' checking cells: it goes through the same path as a drag.
        Values are snapped to each slider's step grid (see :func:`snap_to_slider`).
        """
        unknown = set(values) - set(self.sliders)
        if unknown:
            raise ValueError(f"unknown slider(s) {sorted(unknown)}; "
                             f"this explorer has {sorted(self.sliders)}")
        with self.hold():
            for name, value in values.items():
                self.sliders[name].value = snap_to_slider(self.sliders[name], value)
        return self.readout_text

    def readout_for(self, **values) -> tuple[dict[str, float], str]:
        """What the explorer shows for ``values``, computed without moving it.

        Runs the same update function and readout formatting as a drag, for the current
        slider values overridden by ``values`` (each snapped to its slider's grid, see
        :func:`snap_to_slider`), then puts the figure back.  The sliders, the readout and
        the picture on the page stay where they are.  Returns the values used and the
        readout text (``name = value`` lines).

        The notebooks' checking cells use this rather than :meth:`set`: moving a
        displayed slider from code several times in a row makes JupyterLab's slider send
        values back (its own arithmetic puts 2.0 at 1.9999999999999998), and those
        arrive after the cell's last setting and leave the explorer at an earlier one.
        """
        unknown = set(values) - set(self.sliders)
        if unknown:
            raise ValueError(f"unknown slider(s) {sorted(unknown)}; "
                             f"this explorer has {sorted(self.sliders)}")
        used = self.values
        used.update({name: snap_to_slider(self.sliders[name], value)
                     for name, value in values.items()})
        return used, format_readout(self._readout(**used))[1]

    @contextlib.contextmanager
    def hold(self):
        """Within the block, slider changes do not render; one render happens at the end."""
        self._holding = True
        try:
            yield self
        finally:
            self._holding = False
            self.refresh()

    def invalidate(self) -> None:
        """Ask for a full draw at the next render (the background changed)."""
        self._dirty = True

    def refresh(self) -> None:
        """Run the update for the current slider values and push readout and image."""
        self._update_readout()
        self._push_frame()

    def _update_readout(self) -> None:
        t0 = time.perf_counter()
        values = self.values
        html, self.readout_text = format_readout(self._readout(**values))
        self.readout.show(position_key(self.sliders, values), html)
        self.last_timings = {"compute": time.perf_counter() - t0}

    def _push_frame(self) -> None:
        self._frame_pending = False
        _drain_kernel_output()
        t1 = time.perf_counter()
        values = self.values
        self._update(**values)
        t2 = time.perf_counter()
        self._render(self._layer_key(values))
        self._learn_cost(values, self._background_changed)
        t3 = time.perf_counter()
        self.canvas.show(np.asarray(self.fig.canvas.buffer_rgba()),
                         position_key(self.sliders, values))
        t4 = time.perf_counter()
        self.last_timings["compute"] = self.last_timings.get("compute", 0.0) + (t2 - t1)
        self.last_timings.update(draw=t3 - t2, send=t4 - t3)
        self.counts["updates"] += 1

    def _learn_cost(self, values: dict[str, float], repainted: bool) -> None:
        """Note whether moving one slider alone left the background as it was (light)."""
        before, self._drawn_values = self._drawn_values, values
        if before is None:
            return
        changed = [name for name in values if values[name] != before[name]]
        if len(changed) == 1:
            (self._light.discard if repainted else self._light.add)(changed[0])

    def png(self) -> bytes:
        """The PNG bytes of what the explorer shows now (the static fallback)."""
        w, h = self.fig.canvas.get_width_height(physical=True)
        img = Image.frombuffer("RGBA", (w, h), self.fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        out = io.BytesIO()
        img.convert("RGB").save(out, format="png", compress_level=1)
        return out.getvalue()

    def pixels(self) -> np.ndarray:
        """The RGBA pixels of the canvas as an array (for tests)."""
        return np.asarray(self.fig.canvas.buffer_rgba()).copy()

    def full_draw_pixels(self) -> np.ndarray:
        """Pixels of a from-scratch draw with every artist, bypassing the blitting cache.

        Tests compare this with :meth:`pixels` to prove that the update function only
        changes artists it registered as animated or layered.
        """
        for artist in self._not_in_base:
            artist.set_animated(False)
        try:
            self.fig.canvas.draw()
            out = np.asarray(self.fig.canvas.buffer_rgba()).copy()
        finally:
            for artist in self._not_in_base:
                artist.set_animated(True)
            self._dirty = True
            self.refresh()
        return out

    # ------------------------------------------------------------------ internals
    def _on_change(self, change) -> None:
        if self._holding:
            return
        loop = _running_loop()
        # ipywidgets holds a property lock while it applies a state update from the browser
        from_browser = bool(getattr(change["owner"], "_property_lock", None))
        self._prefetch_round += 1  # whatever was being prefetched waits for this change
        if loop is None or not from_browser:
            self.refresh()
            return
        # From the browser: the readout now, the picture once this message is handled.
        # The kernel sends what a handler wrote only after the handler returns, so drawing
        # here would hold the readout back by a whole frame.  Events that arrive before
        # the frame is drawn only update the artists: one frame shows the newest values.
        old, new = change["old"], change["new"]
        name = next(n for n, s in self.sliders.items() if s is change["owner"])
        self._moved = (name, 1 if new > old else -1)
        now = time.monotonic()
        self._dragging = now - self._last_change < self.DRAG_GAP
        self._last_change = now
        self._update_readout()
        if not self._frame_pending:
            self._frame_pending = True
            loop.call_soon(self._frame_then_prefetch, loop)

    def _frame_then_prefetch(self, loop) -> None:
        self._push_frame()
        if not self.prefetch:
            return
        self._prefetch_round += 1
        # Prefetching waits for the sliders to rest, longer during a drag (changes coming
        # in quick succession), so that its jobs never hold up the drag's own frames.
        delay = self.DRAG_REST if self._dragging else self.PREFETCH_DELAY
        loop.call_later(delay, self._prefetch_step, loop, self._prefetch_round,
                        self._prefetch_jobs())

    # ------------------------------------------------------------------ prefetching
    #: Whether the idle kernel sends readouts and pictures of nearby positions ahead
    #: (the benchmark switches it off to measure the kernel round trip alone).
    prefetch = True
    #: Seconds without a slider change before prefetching starts: after a single step,
    #: and after a drag (changes less than ``DRAG_GAP`` seconds apart).
    PREFETCH_DELAY = 0.03
    DRAG_REST = 0.15
    DRAG_GAP = 0.15
    #: How many steps ahead readouts are prefetched: for the slider moved last (its whole
    #: track, for a fast drag), and for the others.  A readout costs well under a
    #: millisecond; a frame costs a draw, so only one step each way is drawn ahead.
    READOUT_REACH = (200, 4)
    #: Positions per readout message.
    READOUT_BATCH = 12

    def _prefetch_step(self, loop, round_: int, jobs) -> None:
        """Run one prefetch job, then schedule the next; stop when a change came in.

        One job per turn of the event loop, so a slider event waits at most one job
        (a readout batch, or one frame) before the kernel handles it.
        """
        if round_ != self._prefetch_round:
            return
        job = next(jobs, None)
        if job is None:
            return
        _drain_kernel_output()
        job()
        loop.call_soon(self._prefetch_step, loop, round_, jobs)

    def _neighbours(self, name: str, steps: Iterable[int]):
        """Slider positions ``steps`` grid steps from now along ``name``, within its range."""
        values = self.values
        for k in steps:
            moved = step_value(self.sliders[name], values[name], k)
            if moved is not None:
                yield {**values, name: moved}

    def _prefetch_order(self) -> list[tuple[str, int]]:
        """The sliders, the one moved last first, each with its likely direction."""
        moved, direction = self._moved or (None, 1)
        order = [(moved, direction)] if moved in self.sliders else []
        return order + [(name, 1) for name in self.sliders if name != moved]

    def _prefetch_jobs(self):
        """Work for the idle kernel: readouts, then frames, of positions a step or more away."""
        order = self._prefetch_order()
        near, far = self.READOUT_REACH
        wanted = []
        for i, (name, direction) in enumerate(order):
            reach = near if i == 0 and self._moved else far
            steps = [sign * k for k in range(1, reach + 1) for sign in (direction, -direction)]
            wanted.extend(self._neighbours(name, steps))
        if len(self._prefetched_readouts) > 50_000:
            self._prefetched_readouts.clear()
        todo = [(position_key(self.sliders, v), v) for v in wanted]
        todo = [(key, v) for key, v in todo if key not in self._prefetched_readouts]
        for i in range(0, len(todo), self.READOUT_BATCH):
            yield functools.partial(self._prefetch_readouts, todo[i:i + self.READOUT_BATCH])
        # the slider moved last even when it repaints a layer (the background is cached,
        # so the repaint then serves the real move too); the others when they are light
        frames = [v for i, (name, direction) in enumerate(order)
                  if name in self._light or (i == 0 and self._moved)
                  for v in self._neighbours(name, (direction, -direction))]
        if frames:
            saved = (self.pixels(), self._background, self._background_key)
            for values in frames:
                yield functools.partial(self._prefetch_frame, values)
            yield functools.partial(self._restore_after_prefetch, *saved)

    def _prefetch_readouts(self, batch: list[tuple[str, dict]]) -> None:
        entries = {key: format_readout(self._readout(**values))[0] for key, values in batch}
        self.readout.send_prefetched(entries)
        self._prefetched_readouts.update(entries)

    def _prefetch_frame(self, values: dict[str, float]) -> None:
        """Draw the picture for ``values`` and send it as a patch of the frame shown."""
        frame_key = (self.canvas._frame_id, position_key(self.sliders, values))
        if frame_key in self._prefetched_frames:
            return
        self._update(**values)
        if self._needs_background():
            return  # a full draw is too slow for a guess; the restore undoes the update
        self._render(self._layer_key(values))
        self.canvas.send_patch(np.asarray(self.fig.canvas.buffer_rgba()), frame_key[1])
        self._prefetched_frames = {k for k in self._prefetched_frames
                                   if k[0] == frame_key[0]} | {frame_key}
        self.counts["prefetched"] += 1

    def _restore_after_prefetch(self, pixels: np.ndarray, background, background_key) -> None:
        """Put the artists, the background and the pixels back to the sliders' position.

        Without this (a change interrupted the prefetching), the next frame still comes
        out right: its update moves every artist back and marks what it changes stale.
        """
        self._update(**self.values)
        # the guesses' changes are undone: nothing of the cached background is out of date
        self.fig.stale = False
        for artist in self._layered:
            artist.stale = False
        self._background, self._background_key = background, background_key
        np.asarray(self.fig.canvas.buffer_rgba())[...] = pixels

    @staticmethod
    def _plan(animated: list[Artist]) -> tuple[list[Artist], list[Artist]]:
        """Split what a frame draws into artists drawn live and a cached top layer.

        Blitting draws over the cached background, so anything a full draw paints *over*
        a moving artist (a legend, a title, a scatter above a line) must be painted again
        after it.  Per axes, the artists are put in ``Axes.draw``'s order (zorder, then
        child order); everything from the lowest moving artist up to the highest one is
        drawn live, and the static artists above the highest moving one form a top layer
        that is rendered once and alpha-composited onto each frame.  Artists outside any
        axes (figure texts) are drawn live after the axes.
        """
        chosen = {id(a) for a in animated}
        live: list[Artist] = []
        top: list[Artist] = []
        for ax, moving in _by_axes(a for a in animated if a.axes is not None):
            children, order = _draw_order(ax, moving)
            # a static artist that a full draw paints after the lowest moving one must be
            # painted after it here too (same zorder counts, by child order)
            lowest = min(order(a) for a in moving)
            members = [c for c in children if c is not ax.patch and id(c) not in chosen
                       and order(c) > lowest] + moving
            members.sort(key=order)
            last = max(i for i, c in enumerate(members) if id(c) in chosen)
            live.extend(members[:last + 1])
            top.extend(members[last + 1:])
        live.extend(a for a in animated if a.axes is None)
        return live, top

    @staticmethod
    def _plan_layer(layered: list[Artist], animated: list[Artist]) -> list[Artist]:
        """What repainting the layered artists draws: them and the static artists above.

        Per axes, in ``Axes.draw``'s order, from the lowest layered artist up, every artist
        that is neither animated (drawn per frame anyway) nor the axes' background patch.
        A layered axes is drawn whole (``Axes.draw`` leaves its animated artists out).
        """
        moving = {id(a) for a in animated}
        plan: list[Artist] = [a for a in layered if isinstance(a, Axes)]
        artists = [a for a in layered if not isinstance(a, Axes)]
        if any(a.axes is None for a in artists):
            raise ValueError("layered artists must belong to an axes")
        for ax, mine in _by_axes(artists):
            if any(ax is whole for whole in plan):
                continue
            children, order = _draw_order(ax, mine)
            lowest = min(order(a) for a in mine)
            highest = max(order(a) for a in mine)
            below = [a for a in animated if a.axes is ax and order(a) < highest]
            if below:
                raise ValueError("layered artists must lie below every animated artist of "
                                 f"their axes; {below[0]!r} is below one")
            members = [c for c in children if c is not ax.patch and id(c) not in moving
                       and order(c) >= lowest]
            members += [a for a in mine if not any(a is c for c in members)]
            members.sort(key=order)
            plan.extend(members)
        return plan

    def _paint_layer(self) -> None:
        """Background = base + the layered artists and the static artists above them."""
        canvas = self.fig.canvas
        canvas.restore_region(self._base)
        renderer = canvas.get_renderer()
        for artist in self._layer_plan:
            sprite = self._sprites.get(id(artist))
            if sprite is not None:
                self._composite(sprite)
            elif artist.get_visible():
                artist.draw(renderer)
        for artist in self._layered:
            artist.stale = False
        w, h = canvas.get_width_height(physical=True)
        self._background = canvas.copy_from_bbox(Bbox.from_extents(0, 0, w, h))
        self.counts["layer_paints"] += 1

    def _current_limits(self):
        """The data limits a full draw depends on.

        A layered axes is repainted whole when it changes, its limits included; a layered
        x- or y-axis (with its ticks, labels and grid lines) is repainted when its own
        limits change.
        """
        def layered(thing) -> bool:
            return any(thing is artist for artist in self._layered)

        return tuple((None if layered(ax.xaxis) else tuple(ax.viewLim.intervalx),
                      None if layered(ax.yaxis) else tuple(ax.viewLim.intervaly))
                     for ax in self.fig.axes if not layered(ax))

    def _needs_background(self) -> bool:
        """Whether the cached background is out of date (a full draw is due)."""
        return (self._dirty or self.fig.stale or self._background is None
                or self._current_limits() != self._limits)

    #: Backgrounds kept, by the values of the sliders that repaint the layered artists.
    LAYER_CACHE_SIZE = 8

    def _layer_key(self, values: Mapping[str, float]):
        """What the layered artists depend on: the values of every slider not seen light.

        A slider counts as light once moving it alone left the layered artists alone.
        A layer found stale while this key stayed the same is repainted, never looked up.
        """
        heavy = tuple((name, values[name]) for name in self.sliders if name not in self._light)
        return frozenset(self._light), heavy

    def _render(self, layer_key=None) -> None:
        """Blit the animated artists over the cached background, refreshed if out of date.

        ``layer_key`` (:meth:`_layer_key` of the values drawn) names the background for
        the layer cache; None (a draw from code) never reuses a cached one.
        """
        canvas = self.fig.canvas
        self._background_changed = False
        # Animated artists do not mark the figure stale (matplotlib stops the propagation),
        # so a stale figure means the update changed the background itself.
        if self._needs_background():
            canvas.draw()  # everything except the animated and layered artists
            if self.counts["full_draws"] == 0 and self.fig.get_layout_engine() is not None:
                # Freeze the layout computed by the first draw: later full draws skip it.
                self.fig.set_layout_engine("none")
            # whole pixels: fig.bbox can be 459.99999999999994 high on a 460-row canvas,
            # and a background one row short would leave that row stale
            w, h = canvas.get_width_height(physical=True)
            self._base = canvas.copy_from_bbox(Bbox.from_extents(0, 0, w, h))
            self._render_cached_layers()
            if self._layered:
                self._paint_layer()
            else:
                self._background = self._base
            self._limits = self._current_limits()
            self._dirty = False
            self.counts["full_draws"] += 1
            self._layer_cache = {} if layer_key is None else {layer_key: self._background}
            self._background_key = layer_key
            self._background_changed = True
        elif any(artist.stale for artist in self._layered):
            cached = None if layer_key is None else self._layer_cache.get(layer_key)
            if cached is not None and layer_key != self._background_key:
                # painted before for these values of the sliders that move the layer
                self._background = cached
                for artist in self._layered:
                    artist.stale = False
            else:
                self._paint_layer()
                if layer_key is not None:
                    if len(self._layer_cache) >= self.LAYER_CACHE_SIZE:
                        self._layer_cache.pop(next(iter(self._layer_cache)))
                    self._layer_cache[layer_key] = self._background
            self._background_key = layer_key
            self._background_changed = True
        canvas.restore_region(self._background)
        renderer = canvas.get_renderer()
        for artist in self._live:
            if not artist.get_visible():
                continue
            sprite = self._sprites.get(id(artist))
            if sprite is None:
                artist.draw(renderer)
            else:
                self._composite(sprite)
        self._composite(self._top_layer)
        # Drawing an annotation repositions its box, which marks the figure stale;
        # only changes made by the next update may count.
        self.fig.stale = False

    def _render_cached_layers(self) -> None:
        """Render the top layer and the sprites of static artists drawn between moving ones.

        Text is matplotlib's slowest artist (a 30-character label takes ~4 ms in Agg): a
        static one that ``Axes.draw`` order puts between two moving artists is rendered
        once here and composited in its place on every frame, and so is one that a layer
        repaint draws above a layered artist.
        """
        self._top_layer = self._render_alone(self._top)
        self._sprites = {}
        layered = {id(a) for a in self._layered}
        # the same for the static artists a layer repaint draws above the layered ones
        statics = [a for a in self._layer_plan if id(a) not in layered and not isinstance(a, Axes)]
        for artist in [*self._live, *statics]:
            if id(artist) not in self._moving and artist.get_visible():
                self._sprites[id(artist)] = self._render_alone([artist])

    def _render_alone(self, artists: list[Artist]):
        """Draw ``artists`` alone on a transparent canvas; keep their non-empty pixels."""
        if not artists:
            return None
        renderer = self.fig.canvas.get_renderer()
        renderer.clear()
        for artist in artists:
            if artist.get_visible():
                artist.draw(renderer)
        flat = np.asarray(self.fig.canvas.buffer_rgba()).reshape(-1, 4)
        where = np.flatnonzero(flat[:, 3])
        alpha = flat[where, 3:4].astype(np.float32) / 255.0
        premultiplied = flat[where, :3].astype(np.float32) * alpha
        return where, premultiplied, 1.0 - alpha

    def _composite(self, layer) -> None:
        """Paint a cached layer over the frame: ``out = fg * a + frame * (1 - a)``."""
        if layer is None:
            return
        where, premultiplied, keep = layer
        frame = np.asarray(self.fig.canvas.buffer_rgba()).reshape(-1, 4)
        mixed = frame[where, :3] * keep + premultiplied + 0.5
        frame[where, :3] = mixed.astype(np.uint8)

    # ------------------------------------------------------------------ display
    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        data = dict(bundle[0] if isinstance(bundle, tuple) else bundle)
        data["image/png"] = base64.b64encode(self.png()).decode("ascii")
        params = ", ".join(f"{name} = {value:g}" for name, value in self.values.items())
        summary = "; ".join(self.readout_text.splitlines())
        data["text/plain"] = f"{self.title} explorer ({params}): {summary}"
        return data

    def __repr__(self) -> str:
        return f"<Explorer {self.title!r} with sliders {list(self.sliders)}>"
