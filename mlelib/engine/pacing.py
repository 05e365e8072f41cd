"""When, and on which thread, an explorer does its work (no matplotlib here).

For a slider change from the page, the readout is written at once, the picture is drawn
on the next turn of the loop (changes that arrive before that share one picture, so a
fast drag leaves no backlog), and once the sliders have rested the prefetch jobs run
one per turn of the loop, stopped by the next change.  A change made from code, or
outside a running loop, writes the readout and draws the picture at once.

All of it runs on one thread: the one whose event loop was running when the explorer
was built (the kernel's main thread).  ipykernel 7 can hand widget messages to a
*subshell* thread with its own event loop (JupyterLab 4.6 with ipywidgets 8 does), and
matplotlib artists and an Agg canvas must not be changed and drawn from two threads at
once: such a change is passed to the home loop with ``call_soon_threadsafe``.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Iterator

from .jupyter_internals import wait_for_kernel_output

__all__ = ["Pacer"]

_log = logging.getLogger(__name__)


def _running_loop():
    """The kernel's running asyncio loop, or None (plain Python, tests)."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class Pacer:
    """Runs ``readout``, ``picture`` and the jobs of ``prefetch_jobs`` at the right moments.

    Parameters
    ----------
    readout, picture : callable
        No arguments; show the readout, draw and send the picture for the sliders now.
    prefetch_jobs : callable
        ``prefetch_jobs() -> iterator of callables``, the work for an idle kernel.
    prefetch : bool
        Whether the idle kernel runs them after a change from the page (the benchmark
        measures without).
    """

    #: Seconds of rest before prefetching: after a single step, and after a drag
    #: (changes less than ``drag_gap`` seconds apart).
    rest_after_step = 0.03
    rest_after_drag = 0.15
    drag_gap = 0.15

    def __init__(self, *, readout: Callable[[], None], picture: Callable[[], None],
                 prefetch_jobs: Callable[[], Iterator[Callable[[], None]]],
                 prefetch: bool = True):
        self.readout, self.picture, self.prefetch_jobs = readout, picture, prefetch_jobs
        self.prefetch = prefetch
        self._home = _running_loop()  # the loop, and its thread, that own the figure
        self._home_thread = threading.get_ident()
        self._round = 0  # a newer round stops an older one
        self._picture_due = False
        self._last_change = -float("inf")
        self._dragging = False

    def on_home_thread(self, function: Callable, *args) -> None:
        """Call ``function(*args)`` now, or on the home loop if this is another thread."""
        home = self._home
        if (home is None or threading.get_ident() == self._home_thread
                or not home.is_running()):
            function(*args)
            return
        try:
            home.call_soon_threadsafe(function, *args)
        except RuntimeError:  # the home loop has closed meanwhile
            function(*args)

    def change(self, *, from_page: bool) -> None:
        """A slider changed: stop prefetching; show the readout now, the picture soon.

        Call it on the home thread (see :meth:`on_home_thread`).
        """
        self._round += 1
        loop = _running_loop()
        if loop is None or not from_page:
            self.readout()
            self.picture()
            return
        now = time.monotonic()
        self._dragging = now - self._last_change < self.drag_gap
        self._last_change = now
        self.readout()
        if not self._picture_due:
            self._picture_due = True
            loop.call_soon(self._picture_then_rest, loop)

    def _picture_then_rest(self, loop) -> None:
        self._picture_due = False
        wait_for_kernel_output()  # the readout goes out before the draw takes the GIL
        self.picture()
        if self.prefetch:
            self._round += 1
            rest = self.rest_after_drag if self._dragging else self.rest_after_step
            loop.call_later(rest, self._prefetch_step, loop, self._round, None)

    def _prefetch_step(self, loop, round_: int, jobs) -> None:
        """Run one job, then schedule the next turn; a change since stops the round."""
        if round_ != self._round:
            return
        wait_for_kernel_output()
        try:
            jobs = self.prefetch_jobs() if jobs is None else jobs
            job = next(jobs, None)
            if job is None:
                return
            job()
        except Exception:  # noqa: BLE001 - a failing job must not break the loop
            _log.debug("prefetch job failed; prefetching stops until the next change",
                       exc_info=True)
            return
        loop.call_soon(self._prefetch_step, loop, round_, jobs)

    def run_prefetch(self) -> int:
        """Run every prefetch job now, in this thread; return how many ran."""
        count = 0
        for job in self.prefetch_jobs():
            job()
            count += 1
        return count
