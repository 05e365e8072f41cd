"""What matplotlib complained of while a block ran: every warning, and every log line
about a missing glyph.

Plain text warns of a missing glyph (``UserWarning: Glyph 44032 ... missing from font(s)
DejaVu Sans``), but mathtext only logs one (``Font 'default' does not have a glyph for
...``), so both are caught.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator


class _Lines(logging.Handler):
    def __init__(self, found: list[str]):
        super().__init__(logging.WARNING)
        self.found = found

    def emit(self, record):
        self.found.append(record.getMessage())


@contextlib.contextmanager
def missing_glyphs() -> Iterator[list[str]]:
    """A list that, once the block has run, holds every warning raised inside it and
    every matplotlib log line about a missing glyph."""
    found: list[str] = []
    handler = _Lines(found)
    logger = logging.getLogger("matplotlib")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            yield found
    finally:
        logger.removeHandler(handler)
    found[:] = [line for line in found if "glyph" in line.lower()]
    found += [str(w.message) for w in seen]
