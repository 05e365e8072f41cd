"""What an idle explorer computes ahead of the sliders: readouts and pictures of nearby positions.

No matplotlib here: a :class:`Prefetcher` plans slider positions with the grid
arithmetic of :mod:`mlelib.engine.sliders` and turns them into jobs that call the explorer's
functions (compute a readout, draw and send a picture).  The page keeps what it is
sent and shows it as soon as its sliders reach that position (``canvas.js``).

Pictures are sent as patches of one *anchor* frame, which the page keeps; the anchor
stays while only one slider moves, so the pictures sent during earlier pauses stay
usable and a drag along that slider can be shown entirely from the page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping

import ipywidgets as widgets

from .sliders import position_key, step_value, steps_to_end

__all__ = ["Prefetcher", "neighbours"]

Values = dict[str, float]


def neighbours(sliders: Mapping[str, widgets.ValueWidget], values: Mapping[str, float],
               name: str, steps: Iterable[int]) -> Iterator[Values]:
    """The positions ``steps`` grid steps along slider ``name`` from ``values``, within range."""
    for k in steps:
        moved = step_value(sliders[name], values[name], k)
        if moved is not None:
            yield {**values, name: moved}


def _outward(reach: int, direction: int) -> list[int]:
    """1, -1, 2, -2, ... up to ``reach`` steps, the likely ``direction`` first."""
    return [sign * k for k in range(1, reach + 1) for sign in (direction, -direction)]


class Prefetcher:
    """Plans and runs the jobs that send an explorer's nearby readouts and pictures.

    It plans around the sliders' values now and the slider the learner moved last
    (:meth:`moved`), whose track it goes furthest along.

    Parameters
    ----------
    sliders : mapping of str to ipywidgets.ValueWidget
        The explorer's sliders.
    readout_html : callable
        ``readout_html(values) -> str``: the readout HTML for a position.
    send_readouts : callable
        ``send_readouts({key: html})`` sends readouts for the page to keep.
    send_picture : callable
        ``send_picture(values, key) -> int`` draws the picture for a position, sends it
        and returns how many pixels it sent.
    has_picture : callable
        ``has_picture(key)``: whether the page already holds that picture.
    anchor : callable
        ``anchor()``: the next pictures are patches of the frame shown now.
    layered : set of str
        Sliders that repaint a layer: only the slider moved last is drawn far along
        when it is one of them.
    """

    #: Steps ahead for readouts: of the slider moved last, and of the others.
    READOUT_REACH = (200, 4)
    #: Steps ahead for pictures: of the slider moved last, and of the others (one step
    #: less for those that repaint a layer).
    PICTURE_REACH = (160, 2)
    #: Pixels of pictures sent per round at most (4 bytes each); the next rounds go on
    #: from there, as the pictures already sent stay usable.
    PICTURE_BUDGET = 1_500_000
    #: Positions per readout message.
    READOUT_BATCH = 12

    def __init__(self, sliders: Mapping[str, widgets.ValueWidget], *,
                 readout_html: Callable[[Values], str],
                 send_readouts: Callable[[dict[str, str]], None],
                 send_picture: Callable[[Values, str], None],
                 has_picture: Callable[[str], bool], anchor: Callable[[], None],
                 layered: Iterable[str] = ()):
        self.sliders = dict(sliders)
        self.readout_html, self.send_readouts = readout_html, send_readouts
        self.send_picture, self.has_picture, self.anchor = send_picture, has_picture, anchor
        self.layered = set(layered)
        self._sent_readouts: set[str] = set()
        self._anchored_at: Values | None = None
        self._moved: tuple[str, int] | None = None

    def moved(self, name: str, direction: int) -> None:
        """The learner moved slider ``name`` up (``direction = 1``) or down (-1)."""
        self._moved = (name, direction)

    def jobs(self) -> Iterator[Callable[[], None]]:
        """The jobs for an idle kernel at the sliders' values now."""
        values = {name: slider.value for name, slider in self.sliders.items()}
        moved = self._moved
        todo = [(key, v) for key, v in self._keyed(self.readout_positions(values, moved))
                if key not in self._sent_readouts]
        for i in range(0, len(todo), self.READOUT_BATCH):
            yield lambda batch=todo[i:i + self.READOUT_BATCH]: self._send_readouts(batch)
        self._keep_or_move_anchor(values, moved)
        sent = {"pixels": 0}
        for key, position in self._keyed(self.picture_positions(values, moved)):
            if sent["pixels"] > self.PICTURE_BUDGET:
                return
            if not self.has_picture(key):
                yield functools.partial(self._send_picture, position, key, sent)

    def readout_positions(self, values: Values, moved) -> list[Values]:
        """The moved slider's track ends, its track (nearest first), then a few steps of
        every other slider."""
        near, far = self.READOUT_REACH
        out = self.track_ends(values, moved)
        for i, (name, direction) in enumerate(self._order(moved)):
            reach = near if i == 0 and moved else far
            out.extend(neighbours(self.sliders, values, name, _outward(reach, direction)))
        return out

    def picture_positions(self, values: Values, moved) -> list[Values]:
        """Nearest first: a step along every slider, the moved one's track ends, then two
        steps, ... far along the moved one (``PICTURE_REACH``), near along the others
        (one step less if they repaint a layer)."""
        moved_reach, other_reach = self.PICTURE_REACH
        reach = {name: (moved_reach if i == 0 and moved else
                        other_reach - (name in self.layered))
                 for i, (name, _) in enumerate(self._order(moved))}
        out = []
        for k in range(1, max(reach.values(), default=0) + 1):
            for name, direction in self._order(moved):
                if k <= reach[name]:
                    steps = (direction * k, -direction * k)
                    out.extend(neighbours(self.sliders, values, name, steps))
            if k == 1:
                out.extend(self.track_ends(values, moved))
        return out

    def track_ends(self, values: Values, moved) -> list[Values]:
        """The two ends of the moved slider's track, where a drag across it stops (a
        drag past an end stops there), the likely direction first; none at rest."""
        if not moved or moved[0] not in self.sliders:
            return []
        name, direction = moved
        slider = self.sliders[name]
        steps = [sign * steps_to_end(slider, values[name], sign) for sign in (direction, -direction)]
        return list(neighbours(self.sliders, values, name, [k for k in steps if k]))

    def _order(self, moved) -> list[tuple[str, int]]:
        """The sliders, the one moved last first, each with its likely direction."""
        first = [moved] if moved and moved[0] in self.sliders else []
        return first + [(name, 1) for name in self.sliders if not first or name != moved[0]]

    def _keyed(self, positions: list[Values]) -> list[tuple[str, Values]]:
        """``(key, position)`` of each position, the first of each key only."""
        keyed = {}
        for v in positions:
            keyed.setdefault(position_key(self.sliders, v), v)
        return list(keyed.items())

    def _send_picture(self, values: Values, key: str, sent: dict) -> None:
        sent["pixels"] += self.send_picture(values, key)

    def _send_readouts(self, batch: list[tuple[str, Values]]) -> None:
        if len(self._sent_readouts) > 50_000:
            self._sent_readouts.clear()
        self.send_readouts({key: self.readout_html(v) for key, v in batch})
        self._sent_readouts.update(key for key, _ in batch)

    def _keep_or_move_anchor(self, values: Values, moved) -> None:
        """Anchor at the frame shown unless only the moved slider changed since the anchor."""
        name = moved[0] if moved else None
        before = self._anchored_at
        if before is None or any(values[n] != before[n] for n in values if n != name):
            self.anchor()
            self._anchored_at = values
