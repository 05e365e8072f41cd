"""An explorer's readout: the numbers its builder computes for a slider position, and
their text.

A builder's ``readout(**values)`` returns ``{quantity: number}`` (a tuple of numbers, or
None for a quantity that is undefined there, where its format says what to show); the
builder declares once how each quantity is written, ``formats = {quantity: format}``.
:func:`format_rows` applies them; :class:`Readout` holds both, with the HTML the panel
shows (one row per quantity) and the ``name = text`` lines that nbval compares.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Readout", "format_number", "format_rows", "summary_line"]

#: How a quantity is written: a format spec for :func:`format_number` (``".4f"``), or a
#: function of the quantity's value returning its text.
Format = str | Callable[[Any], str]


def format_number(value: float, spec: str) -> str:
    """``format(value, spec)``, except that a value that rounds to zero never shows as
    ``-0.000``."""
    text = format(value, spec)
    if text.startswith("-") and "0" in text and not any(d in text for d in "123456789"):
        return text[1:]
    return text


def format_rows(numbers: Mapping[str, Any], formats: Mapping[str, Format]) -> dict[str, str]:
    """Each quantity of ``numbers`` written with its format, in the order of ``numbers``."""
    if set(numbers) != set(formats):
        raise ValueError(f"the readout's quantities {sorted(numbers)} and the formats' "
                         f"{sorted(formats)} must be the same")
    return {name: (format_number(value, formats[name]) if isinstance(formats[name], str)
                   else formats[name](value))
            for name, value in numbers.items()}


@dataclass(frozen=True)
class Readout:
    """What the panel shows for one slider position.

    Attributes
    ----------
    sliders : dict of str to float
        The slider values it is for (on the sliders' grids).
    numbers : dict of str to number
        Quantity -> value, as the builder's ``readout`` computed it; empty if it failed.
        The quantities are keys for programs, the same in every language.
    rows : dict of str to str
        Quantity -> its text in the panel.
    labels : dict of str to str
        Quantity -> the name the panel shows for it (the quantity itself when absent).
    problem : str
        Why the readout could not be computed ("" when it could); shown instead of rows.
    """

    sliders: dict[str, float]
    numbers: dict[str, Any] = field(default_factory=dict)
    rows: dict[str, str] = field(default_factory=dict)
    problem: str = ""
    labels: dict[str, str] = field(default_factory=dict)

    def shown(self) -> dict[str, str]:
        """Shown name -> text, one per row, in order."""
        return {self.labels.get(name, name): value for name, value in self.rows.items()}

    @property
    def text(self) -> str:
        """``name = text`` lines, or the problem."""
        if self.problem:
            return self.problem
        return "\n".join(f"{name} = {value}" for name, value in self.shown().items())

    @property
    def html(self) -> str:
        """The panel's HTML: one row per quantity, or the problem as an alert."""
        if self.problem:
            body = (f'<div class="mlelib-readout-problem" role="alert">'
                    f"{html.escape(self.problem)}</div>")
        else:
            body = "".join(f'<div class="mlelib-readout-row"><span>{name}</span> = '
                           f"<code>{value}</code></div>" for name, value in self.shown().items())
        return f'<div class="mlelib-readout" style="font-size:14px;line-height:1.6">{body}</div>'


def summary_line(title: str, readout: Readout, heading: str = "{title} explorer ({params}): "
                 ) -> str:
    """``"<title> explorer (a = 1, b = 2): <readout lines joined by '; '>"`` (nbval compares it).

    ``heading`` is the words before the readout, with ``{title}`` and ``{params}``.
    """
    params = ", ".join(f"{name} = {value:g}" for name, value in readout.sliders.items())
    return heading.format(title=title, params=params) + "; ".join(readout.text.splitlines())
