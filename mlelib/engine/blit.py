"""Frames of a matplotlib figure by blitting, with caches keyed by what they were drawn from.

:class:`BlitRenderer` follows a :class:`~mlelib.engine.render_plan.RenderPlan`.  A frame is the
cached background with the live artists drawn over it and the cached top layer
composited on top.  The caches are looked up by their inputs, as matplotlib's
``animation.py`` keys ``_blit_cache[ax]`` by the axes' view:

* the *base* (a full draw without the live, top and layered artists) by the figure's
  size and the view limits of every axes, except limits that a layer owns;
* the sprites and the top layer are rendered with the base and live as long as it does;
* a *background* (the base with the layers painted) by the caller's layer key, which
  names the slider values the layers were set for; it is kept only for the current
  base, least recently used first out.

Nothing is undone after drawing a frame for other slider values: the next frame looks
up the background for its own key.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Sequence

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from .render_plan import RenderPlan

__all__ = ["BlitRenderer"]


class BlitRenderer:
    """Draw frames of ``fig`` following ``plan``; ``layered`` are the layers' own artists.

    Attributes
    ----------
    counts : dict
        How many full draws and layer repaints were made (tests and the benchmark).
    """

    #: Layer backgrounds kept per base (each is the band of the layers' axes).
    BACKGROUNDS_KEPT = 12

    def __init__(self, fig: Figure, plan: RenderPlan, layered: Sequence[Sequence[Artist]] = ()):
        self.fig = fig
        self.plan = plan
        self._layered = [a for layer in layered for a in layer]
        self._base = None  # (view key, restorable region)
        self._backgrounds: OrderedDict = OrderedDict()  # layer key -> region
        self._sprites: dict[int, tuple] = {}
        self._top = None
        self.counts = {"full_draws": 0, "layer_paints": 0}

    def render(self, layer_key: Hashable = (), *, ahead: bool = False) -> np.ndarray:
        """Draw the frame for the artists as they are now; return the canvas' RGBA buffer.

        ``layer_key`` names the state of the layered artists (the values of the sliders
        that move them); the background painted for a key is reused for that key.  A
        frame drawn ``ahead`` of the sliders keeps its background only if that pushes no
        other one out.
        """
        view = self._view_key()
        if self._base is None or self._base[0] != view:
            self._draw_base(view)
        background = self._backgrounds.get(layer_key)
        if background is None:
            background = self._paint_layers()
            full = len(self._backgrounds) >= self.BACKGROUNDS_KEPT
            if full and not ahead:
                self._backgrounds.popitem(last=False)
            if not (full and ahead):
                self._backgrounds[layer_key] = background
        else:
            self._backgrounds.move_to_end(layer_key)
        canvas = self.fig.canvas
        canvas.restore_region(self._base[1])
        if background is not self._base[1]:
            canvas.restore_region(background)
        self._draw(self.plan.live)
        self._composite(self._top)
        return np.asarray(canvas.buffer_rgba())

    def _view_key(self) -> tuple:
        """The figure's size and every axes' view limits that no layer owns."""
        def owned(thing) -> bool:
            return any(thing is artist for artist in self._layered)

        views = tuple((None if owned(ax.xaxis) else tuple(ax.viewLim.intervalx),
                       None if owned(ax.yaxis) else tuple(ax.viewLim.intervaly))
                      for ax in self.fig.axes if not owned(ax))
        return self.fig.canvas.get_width_height(physical=True), views

    def _draw_base(self, view: tuple) -> None:
        """Full draw without the planned artists; render sprites and the top layer."""
        canvas = self.fig.canvas
        canvas.draw()
        if self.counts["full_draws"] == 0 and self.fig.get_layout_engine() is not None:
            self.fig.set_layout_engine("none")  # later full draws keep the first layout
        self._base = (view, self._copy_whole())
        self._backgrounds.clear()
        self._top = self._render_alone(self.plan.top)
        self._sprites = {id(a): self._render_alone([a]) for a in self.plan.sprites
                         if a.get_visible()}
        canvas.restore_region(self._base[1])
        self.counts["full_draws"] += 1

    def _copy_whole(self):
        # whole pixels: fig.bbox can be 459.99999999999994 high on a 460-row canvas
        w, h = self.fig.canvas.get_width_height(physical=True)
        return self.fig.canvas.copy_from_bbox(Bbox.from_extents(0, 0, w, h))

    def _paint_layers(self):
        """The base with every layer repainted; only the layers' region is kept."""
        if not self.plan.layers:
            return self._base[1]
        canvas = self.fig.canvas
        canvas.restore_region(self._base[1])
        for members in self.plan.layers:
            self._draw(members)
        self.counts["layer_paints"] += 1
        return canvas.copy_from_bbox(self._layer_region())

    def _layer_region(self) -> Bbox:
        """Pixels a layer repaint can change: the full-height band of the layers' axes.

        The band runs from the nearest axes edge on the left of the layered axes to the
        nearest on their right, which leaves room for their tick labels; the base is
        restored everywhere else.  (Tight boxes would be smaller but cost ~20 ms each.)
        """
        w, h = self.fig.canvas.get_width_height(physical=True)
        mine = {id(a if isinstance(a, Axes) else a.axes): (a if isinstance(a, Axes) else a.axes)
                for members in self.plan.layers for a in members}
        boxes = [ax.get_window_extent() for ax in mine.values()]
        x0, x1 = min(b.x0 for b in boxes), max(b.x1 for b in boxes)
        others = [ax.get_window_extent() for ax in self.fig.axes if id(ax) not in mine]
        left = max([b.x1 for b in others if b.x1 <= x0], default=0.0)
        right = min([b.x0 for b in others if b.x0 >= x1], default=float(w))
        return Bbox.from_extents(np.floor(left), 0, np.ceil(right), h)

    def _draw(self, artists: Sequence[Artist]) -> None:
        renderer = self.fig.canvas.get_renderer()
        for artist in artists:
            sprite = self._sprites.get(id(artist))
            if sprite is not None:
                self._composite(sprite)
            elif artist.get_visible():
                artist.draw(renderer)
        # drawing an annotation repositions its box and marks the figure stale
        self.fig.stale = False

    def _render_alone(self, artists: Sequence[Artist]):
        """Draw ``artists`` alone on a cleared canvas; keep their non-empty pixels."""
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
