"""Which artists of an explorer's figure are drawn per frame, cached, or repainted by layer.

A pure function of the figure's artists (their axes, z-order and child order); it
draws nothing.  :func:`plan` splits the figure the way ``Axes.draw`` stacks it:

* *live*: the moving artists, and every static artist that a full draw paints between
  two of them, in drawing order; drawn on every frame;
* *top*: static artists above the highest moving artist of their axes (legends,
  titles); rendered once and composited over every frame;
* per layer, what repainting it draws: the layer's artists and the static artists
  above them (a layered axes or axis is drawn whole);
* *sprites*: the static artists of *live* and of the layer repaints, rendered once and
  composited in their place (text is matplotlib's slowest artist);
* *left_out*: what a full draw must leave out (drawn per frame or by a layer repaint).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from matplotlib.artist import Artist
from matplotlib.axes import Axes

__all__ = ["RenderPlan", "plan"]


@dataclass(frozen=True)
class RenderPlan:
    """The result of :func:`plan`; every field is a tuple of artists in drawing order."""

    live: tuple
    top: tuple
    layers: tuple  # one tuple of artists per layer
    sprites: tuple
    left_out: tuple


def plan(moving: Sequence[Artist], layers: Sequence[Sequence[Artist]] = ()) -> RenderPlan:
    """Plan the frames of a figure whose ``moving`` artists change on every frame.

    ``layers`` lists, per layer, the artists (or whole axes, or an ``ax.xaxis`` /
    ``ax.yaxis``) that only some sliders change.  A layered artist must belong to an
    axes and lie below every moving artist of it.
    """
    live, top = _split_live_top(list(moving))
    per_frame = live + top  # a layer repaint leaves out what every frame draws anyway
    layer_plans = tuple(tuple(_layer_members(list(layer), per_frame)) for layer in layers)
    moving_ids = {id(a) for a in moving}
    layered_ids = {id(a) for layer in layers for a in layer}
    statics = [a for a in live if id(a) not in moving_ids]
    statics += [a for members in layer_plans for a in members
                if id(a) not in layered_ids and not isinstance(a, Axes)]
    left_out = _unique([*live, *top, *(a for members in layer_plans for a in members)])
    return RenderPlan(tuple(live), tuple(top), layer_plans, tuple(_unique(statics)),
                      tuple(left_out))


def _unique(artists: Iterable[Artist]) -> list[Artist]:
    seen, out = set(), []
    for artist in artists:
        if id(artist) not in seen:
            seen.add(id(artist))
            out.append(artist)
    return out


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

    ``extra`` artists that are not among the children sort after them.
    """
    children = ax.get_children()
    rank = {id(c): i for i, c in enumerate(children)}
    for artist in extra:
        rank.setdefault(id(artist), len(rank))
    return children, lambda c: (c.get_zorder(), rank[id(c)])


def _split_live_top(moving: list[Artist]) -> tuple[list[Artist], list[Artist]]:
    """Per axes: from the lowest moving artist up, what is drawn live and what is on top."""
    chosen = {id(a) for a in moving}
    live: list[Artist] = []
    top: list[Artist] = []
    for ax, mine in _by_axes(a for a in moving if a.axes is not None):
        children, order = _draw_order(ax, mine)
        lowest = min(order(a) for a in mine)
        members = [c for c in children if c is not ax.patch and id(c) not in chosen
                   and order(c) > lowest] + mine
        members.sort(key=order)
        last = max(i for i, c in enumerate(members) if id(c) in chosen)
        live.extend(members[:last + 1])
        top.extend(members[last + 1:])
    live.extend(a for a in moving if a.axes is None)  # figure texts, after the axes
    return live, top


def _layer_members(layer: list[Artist], per_frame: list[Artist]) -> list[Artist]:
    """What repainting ``layer`` draws: its artists and the static artists above them
    that no frame draws anyway (``per_frame``)."""
    chosen = {id(a) for a in per_frame}
    members: list[Artist] = [a for a in layer if isinstance(a, Axes)]
    artists = [a for a in layer if not isinstance(a, Axes)]
    if any(a.axes is None for a in artists):
        raise ValueError("layered artists must belong to an axes")
    for ax, mine in _by_axes(artists):
        if any(ax is whole for whole in members):
            continue
        children, order = _draw_order(ax, mine)
        lowest = min(order(a) for a in mine)
        highest = max(order(a) for a in mine)
        below = [a for a in per_frame if a.axes is ax and order(a) < highest]
        if below:
            raise ValueError("layered artists must lie below every moving artist of their "
                             f"axes; {below[0]!r} is below one")
        group = [c for c in children if c is not ax.patch and id(c) not in chosen
                 and order(c) >= lowest]
        group += [a for a in mine if not any(a is c for c in group)]
        group.sort(key=order)
        members.extend(group)
    return members
