"""How an explorer's numbers are written: the readout beside the sliders and its plain text.

A readout function returns ``{quantity: formatted value}``; :func:`format_readout` turns
that into the HTML the page shows (one row per quantity) and the ``name = value`` lines
that nbval, the notebooks' checking cells and the tests read.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

__all__ = ["format_fixed", "format_problem", "format_readout", "summary_line"]


def format_fixed(value: float, digits: int) -> str:
    """``value`` with ``digits`` decimals; a value that rounds to zero never shows as ``-0.000``."""
    text = f"{value:.{digits}f}"
    return f"{0.0:.{digits}f}" if float(text) == 0.0 else text


def format_readout(items: Mapping[str, str]) -> tuple[str, str]:
    """Readout as HTML (one row per quantity) and as plain text (``name = value`` lines)."""
    text = "\n".join(f"{name} = {value}" for name, value in items.items())
    rows = "".join(
        f'<div class="mlelib-readout-row"><span>{name}</span> = <code>{value}</code></div>'
        for name, value in items.items()
    )
    return _panel(rows), text


def format_problem(message: str) -> tuple[str, str]:
    """A message shown in place of the readout (bad input, a failed computation)."""
    row = f'<div class="mlelib-readout-problem" role="alert">{html.escape(message)}</div>'
    return _panel(row), message


def _panel(rows: str) -> str:
    return f'<div class="mlelib-readout" style="font-size:14px;line-height:1.6">{rows}</div>'


def summary_line(title: str, values: Mapping[str, float], text: str) -> str:
    """``"<title> explorer (a = 1, b = 2): <readout lines joined by '; '>"`` (nbval compares it)."""
    params = ", ".join(f"{name} = {value:g}" for name, value in values.items())
    return f"{title} explorer ({params}): " + "; ".join(text.splitlines())
