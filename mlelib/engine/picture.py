"""An explorer's figure: which artists move with the sliders, and which layers repaint when.

A builder describes its figure with a :class:`Picture`: the artists that move on every
frame and the function that moves them, and any :class:`Layer` of artists that only
some sliders change.  :meth:`Picture.draw` sets the artists for a slider position and
hands the frame to a :class:`~mlelib.engine.blit.BlitRenderer`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from .blit import BlitRenderer
from .render_plan import plan

__all__ = ["Layer", "Picture"]


@dataclass(frozen=True)
class Layer:
    """Artists that only the sliders ``moved_by`` change, too slow to draw on every frame.

    ``update(**values)`` gets the values of exactly the sliders in ``moved_by`` and sets
    ``artists`` for them (a surface's data, an axis' limits).  The layer is repainted
    into the cached background when those values change; the backgrounds of the most
    recent combinations are kept (:attr:`BlitRenderer.BACKGROUNDS_KEPT`, 12, per view
    of the axes), so returning to one of them repaints nothing.  ``artists`` may hold
    artists, whole axes, or an ``ax.xaxis`` / ``ax.yaxis`` whose limits the layer sets.
    A layered artist must lie below every moving artist of its axes.
    """

    moved_by: tuple[str, ...]
    artists: tuple
    update: Callable[..., None]

    def __init__(self, moved_by: Iterable[str], artists: Iterable, update: Callable[..., None]):
        object.__setattr__(self, "moved_by", tuple(moved_by))
        object.__setattr__(self, "artists", tuple(artists))
        object.__setattr__(self, "update", update)
        if not self.moved_by or not self.artists:
            raise ValueError("a layer needs at least one slider in moved_by and one artist")

    def key(self, values: Mapping[str, float]) -> tuple:
        """The values of the sliders that move this layer."""
        return tuple(values[name] for name in self.moved_by)


class Picture:
    """A figure drawn by blitting: ``moving`` artists set by ``update`` on every frame.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure with an Agg canvas, outside pyplot (:func:`mlelib.plotting.new_figure`).
    moving : iterable of Artist
        The artists ``update`` changes; everything else, except the layers, is static.
    update : callable
        ``update(**values)`` moves the ``moving`` artists for all slider values.
    layers : sequence of Layer, optional
        What only some sliders change (see :class:`Layer`).
    """

    def __init__(self, fig: Figure, *, moving: Iterable[Artist], update: Callable[..., None],
                 layers: Sequence[Layer] = ()):
        if not isinstance(fig, Figure):
            raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
        self.fig = fig
        self.update = update
        self.layers = tuple(layers)
        self.plan = plan(list(moving), [layer.artists for layer in self.layers])
        for artist in self.plan.left_out:
            artist.set_animated(True)  # drawn per frame or by a layer repaint, not by a full draw
        self.renderer = BlitRenderer(fig, self.plan, [layer.artists for layer in self.layers])
        self._set_for: list = [None] * len(self.layers)  # layer key each layer is set for

    @property
    def layered_sliders(self) -> set[str]:
        """The sliders that move some layer."""
        return {name for layer in self.layers for name in layer.moved_by}

    def draw(self, values: Mapping[str, float], *, ahead: bool = False) -> np.ndarray:
        """Set every artist for ``values`` and draw the frame; the canvas' RGBA buffer.

        ``ahead``: the frame is drawn ahead of the sliders (see BlitRenderer.render).
        """
        keys = self._set_artists(values)
        return self.renderer.render(keys, ahead=ahead)

    def full_draw(self, values: Mapping[str, float]) -> np.ndarray:
        """A plain full draw of every artist for ``values``, bypassing every cache (a copy).

        Tests compare it with :meth:`draw` to prove that ``update`` and the layers change
        only the artists they declare.
        """
        self._set_artists(values)
        for artist in self.plan.left_out:
            artist.set_animated(False)
        try:
            self.fig.canvas.draw()
            return np.asarray(self.fig.canvas.buffer_rgba()).copy()
        finally:
            for artist in self.plan.left_out:
                artist.set_animated(True)

    def _set_artists(self, values: Mapping[str, float]) -> tuple:
        keys = tuple(layer.key(values) for layer in self.layers)
        for i, (layer, key) in enumerate(zip(self.layers, keys)):
            if self._set_for[i] != key:
                self._set_for[i] = None  # stays unknown if the update raises
                layer.update(**dict(zip(layer.moved_by, key)))
                self._set_for[i] = key
        self.update(**values)
        return keys
