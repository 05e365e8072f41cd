"""CPU time used by other processes during a run: the machine is shared with other work."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path


class ForeignCpu(threading.Thread):
    """CPU time used by processes that are not this benchmark's (Linux ``/proc``).

    The machine is shared: a test run next door inflates every latency.  Once a second
    the thread reads every process's CPU time and adds up what the processes outside
    this one's tree (the lab server, its kernels, Chromium, Playwright) used.
    """

    def __init__(self, interval: float = 1.0):
        super().__init__(daemon=True)
        self.interval, self.cpu_s, self.available = interval, 0.0, Path("/proc/stat").exists()
        self._stop_event = threading.Event()
        self._last: dict[int, float] = {}
        self._mine: set[int] = set()
        self._t0 = time.monotonic()
        self._tick = os.sysconf("SC_CLK_TCK") if self.available else 100

    def _sample(self) -> dict[int, tuple[int, float]]:
        out = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            # after the command name: state ppid ... utime (12th) stime (13th)
            cpu = (int(fields[11]) + int(fields[12])) / self._tick
            out[int(entry.name)] = (int(fields[1]), cpu)
        return out

    def _account(self, first: bool = False) -> None:
        sample = self._sample()
        children: dict[int, list[int]] = {}
        for pid, (ppid, _) in sample.items():
            children.setdefault(ppid, []).append(pid)
        todo = [os.getpid()]
        while todo:
            pid = todo.pop()
            self._mine.add(pid)  # once ours, always ours (also when reparented)
            todo.extend(children.get(pid, []))
        for pid, (_, cpu) in sample.items():
            if pid not in self._mine and not first:
                # a process missing from the last sample started since then
                self.cpu_s += cpu - self._last.get(pid, 0.0)
        self._last = {pid: cpu for pid, (_, cpu) in sample.items()}

    def run(self) -> None:
        if not self.available:
            return
        self._account(first=True)
        while not self._stop_event.wait(self.interval):
            self._account()

    def stop(self) -> dict:
        self._stop_event.set()
        if self.is_alive():
            self.join(timeout=5)
            self._account()
        wall = time.monotonic() - self._t0
        share = self.cpu_s / (wall * (os.cpu_count() or 1)) if wall > 0 else 0.0
        return {"foreign_cpu_s": self.cpu_s, "wall_s": wall, "foreign_share": share,
                "measured": self.available}

