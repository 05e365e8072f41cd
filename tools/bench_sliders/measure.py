"""Measuring explorers and the baseline in JupyterLab: single steps, key bursts, mouse drags."""

from __future__ import annotations

import contextlib
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from jupyterlab_harness import (
    browser_for_tests,
    jupyterlab_server,
    open_and_run_all,
    shutdown_kernels,
)
from lab_explorer import ExplorerOnPage, key_name

from mlelib.engine.readout import format_rows
from mlelib.engine.sliders import position_key, step_value, steps_to_end

from . import REPO
from .baseline import BASELINE_CLASS, baseline_cells

PROBES_JS = Path(__file__).with_name("probes.js")
OUT_DIR = REPO / "bench-results"
VIEWPORT = {"width": 1500, "height": 1100}
STEP_TIMEOUT_MS = 10_000
SETTLE_TIMEOUT_MS = 15_000
WARMUP_STEPS = 2
TRACK_FRACTION = 1.05  # a little past the end, so that the drag reaches it


class BenchError(RuntimeError):
    """Something is broken (not merely slow): the benchmark must fail."""


@dataclass
class Subject:
    """One thing measured in the browser: an explorer, or the naive baseline."""

    key: str
    title: str
    notebook: str  # the course notebook it belongs to
    mode: str  # "explorer" or "baseline"
    spec: object
    sliders: dict  # parameter name -> the slider model (ranges, steps, labels)
    formats: dict  # quantity -> how the explorer's panel writes it
    bench_notebook: str = ""
    result: dict = field(default_factory=dict)

    @property
    def selector(self) -> str:
        return ".mlelib-explorer" if self.mode == "explorer" else f".{BASELINE_CLASS}"

    def lines(self, values: dict) -> list[str]:
        """The readout's lines for ``values``: the spec's numbers in the explorer's formats
        (with "-" for the minus sign "\u2212", as the probes normalise the page's text)."""
        rows = format_rows(self.spec.expected(values), self.formats)
        return [f"{name} = {text}".replace("\u2212", "-") for name, text in rows.items()]


def _matches(text: str, lines: list[str]) -> bool:
    """Whether every line of ``lines`` is a line of the page's ``text``."""
    shown = {line.strip() for line in (text or "").replace("\u2212", "-").splitlines()}
    return all(line in shown for line in lines)


def _timeout_error():
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    return PlaywrightTimeoutError


class PageProbe:
    """Drives one subject's sliders on a page where the probes are installed."""

    def __init__(self, page, subject: Subject, pause_ms: float):
        self.page, self.subject, self.pause_ms = page, subject, pause_ms
        root = page.locator(subject.selector).first
        root.wait_for(state="visible", timeout=60_000)
        root.scroll_into_view_if_needed()
        picture = "canvas" if subject.mode == "explorer" else "img"
        page.locator(f"{subject.selector} {picture}").first.wait_for(state="visible",
                                                                     timeout=60_000)
        self.driver = ExplorerOnPage(page, root, subject.sliders)
        page.evaluate("([root, mode]) => benchProbes.install(root, mode)",
                      [root.element_handle(), subject.mode])
        self.wait_for_text(subject.lines(self.driver.values()), "initial readout")

    def state(self) -> dict:
        return self.page.evaluate("() => benchProbes.state()")

    def wait_for_text(self, expected: list[str], what: str) -> None:
        try:
            self.page.wait_for_function("(lines) => benchProbes.showsText(lines)",
                                        arg=expected, timeout=STEP_TIMEOUT_MS)
        except _timeout_error() as exc:
            raise BenchError(f"{self.subject.title}: {what}: the readout never showed "
                             f"{expected}; it shows {self.state()['text']!r}") from exc

    def step(self, name: str, sign: int) -> dict:
        """One key press; wait for readout and picture; check the numbers."""
        subject, slider = self.subject, self.subject.sliders[name]
        self.page.wait_for_timeout(self.pause_ms)
        before, values = self.state(), self.driver.values()
        moved = step_value(slider, values[name], sign)
        predicted = dict(values, **{name: values[name] if moved is None else moved})
        need_text = subject.lines(predicted) != subject.lines(values)
        self.page.evaluate("() => benchProbes.reset()")
        self.page.keyboard.press(key_name(sign > 0))
        try:
            self.page.wait_for_function("(need) => benchProbes.stepDone(need)", arg=need_text,
                                        timeout=STEP_TIMEOUT_MS)
        except _timeout_error() as exc:
            after = self.state()
            if self.subject.mode != "explorer" and after["readouts"] and not after["srcs"]:
                return {"lost_frame": True, "slider": name}  # interact swallowed a figure
            raise BenchError(f"{self.subject.title}: {name} {key_name(sign > 0)}: no new "
                             f"readout/picture within {STEP_TIMEOUT_MS} ms") from exc
        now = self.driver.values()
        if now[name] == values[name]:
            raise BenchError(f"{self.subject.title}: {name} did not move")
        expected = subject.lines(now)
        self.wait_for_text(expected, f"{name} step to {now[name]}")
        after = self.state()
        t0 = after["keys"][0]["t"]
        hits = [r["t"] for r in after["readouts"] if r["t"] >= t0 and _matches(r["text"], expected)]
        last = len(after["srcs"]) - 1
        paint = next(p["t"] for p in after["paints"] if p["id"] == last)
        return {"slider": name, "value": now[name], "readout_ms": (hits[0] - t0) if hits else None,
                "plot_ms": paint - t0, "input_delay_ms": t0 - after["keys"][0]["ts"],
                "frames": len(after["srcs"]),
                "prefetched_readout": after["prefetched"]["readout"]
                > before["prefetched"]["readout"],
                "prefetched_plot": after["prefetched"]["plot"] > before["prefetched"]["plot"]}

    def _settle(self, name: str, how: str, quiet_ms: float, t_last) -> dict:
        """Wait until readout and picture settle; time them from ``t_last(state)``."""
        values = self.driver.values()
        expected = self.subject.lines(values)
        try:
            self.page.wait_for_function("([l, q]) => benchProbes.settled(l, q)",
                                        arg=[expected, quiet_ms],
                                        timeout=SETTLE_TIMEOUT_MS)
        except _timeout_error() as exc:
            raise BenchError(f"{self.subject.title}: {name} {how}: the readout never settled "
                             f"on {expected} for {values}; it shows {self.state()['text']!r}") \
                from exc
        state = self.state()
        start = t_last(state)
        first_final = state["readouts"][-1]["t"] if state["readouts"] else start
        for r in reversed(state["readouts"]):  # the first time it showed the final value
            if not _matches(r["text"], expected):
                break
            first_final = r["t"]
        last_paint = state["paints"][-1]["t"] if state["paints"] else start
        readout_ms, plot_ms = max(first_final - start, 0.0), max(last_paint - start, 0.0)
        return {"slider": name, "how": how, "final_value": values[name],
                "readout_ms": readout_ms, "plot_ms": plot_ms,
                "settle_ms": max(readout_ms, plot_ms), "frames": len(state["srcs"]),
                "key": position_key(self.subject.sliders, values)}

    def burst(self, name: str, sign: int, count: int, how: str, quiet_ms: float) -> dict:
        """``count`` key presses back to back (a loop of presses, or one task)."""
        slider = self.subject.sliders[name]
        start = self.driver.values()[name]
        self.driver.focus(name)
        self.page.evaluate("() => benchProbes.reset()")
        if how == "keyboard":
            for _ in range(count):
                self.page.keyboard.press(key_name(sign > 0))
        else:
            self.driver.key_burst(name, sign > 0, count)
        moved = min(count, steps_to_end(slider, start, sign))

        def last_key(state):
            if len(state["keys"]) != count:
                raise BenchError(f"{self.subject.title}: {name} burst ({how}): "
                                 f"{len(state['keys'])} key events seen, {count} sent")
            return state["keys"][moved - 1]["t"]  # the key that reached the final value

        row = self._settle(name, how, quiet_ms, last_key)
        keys = self.state()["keys"]
        row["key_gap_ms"] = (keys[-1]["t"] - keys[0]["t"]) / max(count - 1, 1)
        return row

    def drag(self, name: str, fraction: float, quiet_ms: float, how: str = "mouse") -> dict:
        """Hold the handle and move it ``fraction`` of the track in 20 moves, 16 ms apart."""
        self.page.evaluate("() => benchProbes.reset()")
        self.driver.drag(name, fraction, moves=20, pause_ms=16)
        return self._settle(name, how, quiet_ms, lambda state: [
            p["t"] for p in state["pointer"] if p["type"] == "pointermove"][-1])

    def track(self, name: str, sign: int, quiet_ms: float) -> dict:
        """Drag the handle to the track's end ``-sign`` (not timed), rest, then across
        the whole track to the other end (timed, as :meth:`drag`)."""
        self.drag(name, -TRACK_FRACTION * sign, quiet_ms, how="to-end")
        self.page.wait_for_timeout(self.pause_ms)
        return self.drag(name, TRACK_FRACTION * sign, quiet_ms, how="track")


def explorer_cells(spec, prefetch: bool) -> list[str]:
    return [("import sys\n"
             f"sys.path[:0] = [{str(REPO / 'tests')!r}, {str(REPO)!r}]\n"
             "from explorer_specs import all_specs\n\n"
             "spec = [s for s in all_specs() if (s.notebook, s.title) == "
             f"({spec.notebook!r}, {spec.title!r})][0]"),
            f"explorer = spec.build()\nexplorer.pacer.prefetch = {prefetch!r}\nexplorer"]


def write_notebook(path: Path, cells: list[str]) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    nbformat.write(nb, str(path))


def measure_subject(browser, lab, subject: Subject, *, steps: int, burst: int,
                    quiet_ms: float, pause_ms: float) -> dict:
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(path=str(PROBES_JS))
    page = context.new_page()
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console_errors.append(str(e)))
    t_open = time.perf_counter()
    try:
        open_and_run_all(page, lab, subject.bench_notebook, stop_on_error=True)
        errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        if errors.count():
            raise BenchError(f"{subject.bench_notebook}: a cell failed or warned: "
                             f"{errors.first.inner_text()[:2000]}")
        probe = PageProbe(page, subject, pause_ms)
        open_s = time.perf_counter() - t_open
        step_rows, bursts = [], []
        for name, slider in subject.sliders.items():
            probe.driver.focus(name)
            value = probe.driver.values()[name]
            sign = 1 if steps_to_end(slider, value, 1) >= steps_to_end(slider, value, -1) else -1
            for i in range(WARMUP_STEPS + steps):
                row = probe.step(name, sign if i % 2 == 0 else -sign)
                if i >= WARMUP_STEPS:
                    step_rows.append(row)
            value = probe.driver.values()[name]
            sign = 1 if steps_to_end(slider, value, 1) >= steps_to_end(slider, value, -1) else -1
            bursts.append(probe.burst(name, sign, burst, "keyboard", quiet_ms))
            bursts.append(probe.burst(name, -sign, burst, "synthetic", quiet_ms))
            page.wait_for_timeout(pause_ms)
            bursts.append(probe.drag(name, 0.2 * sign, quiet_ms))
            page.wait_for_timeout(pause_ms)
            bursts.append(probe.track(name, sign, quiet_ms))
        return {"steps": step_rows, "bursts": bursts, "console_errors": console_errors,
                "open_and_run_s": open_s, "measure_s": time.perf_counter() - t_open - open_s}
    except BaseException:
        OUT_DIR.mkdir(exist_ok=True)
        shot = OUT_DIR / f"failure-{re.sub(r'[^A-Za-z0-9_.-]', '_', subject.key)}.png"
        with contextlib.suppress(Exception):
            page.screenshot(path=str(shot))
            print(f"screenshot saved to {shot}", file=sys.stderr)
        raise
    finally:
        context.close()
        with contextlib.suppress(Exception):
            shutdown_kernels(lab)


def browser_run(subjects: list[Subject], *, steps: int, burst: int, quiet_ms: float,
                pause_ms: float, prefetch: bool, summarise) -> None:
    """Measure every subject on a fresh page and kernel; ``summarise(raw)`` per subject."""
    with jupyterlab_server([]) as lab, _browser() as browser:
        for subject in subjects:
            cells = (explorer_cells(subject.spec, prefetch) if subject.mode == "explorer"
                     else baseline_cells(subject.sliders, str(REPO / "tools"), str(REPO)))
            write_notebook(lab.root / subject.bench_notebook, cells)
            t = time.perf_counter()
            kwargs = {"steps": steps, "burst": burst, "quiet_ms": quiet_ms, "pause_ms": pause_ms}
            try:
                raw = measure_subject(browser, lab, subject, **kwargs)
            except _timeout_error() as exc:  # a page that did not load in time: once more
                print(f"  {subject.title}: {str(exc).splitlines()[0]}; retrying once",
                      flush=True)
                raw = measure_subject(browser, lab, subject, **kwargs)
                raw["retried_after"] = str(exc).splitlines()[0]
            subject.result.update(raw=raw, summary=summarise(raw))
            s = subject.result["summary"]
            print(f"  {subject.title}: readout p50 {s['readout_p50_ms']:.0f} ms, plot p50 "
                  f"{s['plot_p50_ms']:.0f} ms, settle {s['settle']['keyboard']['max_ms']:.0f} "
                  f"ms, drag {s['settle']['mouse']['max_ms']:.0f} ms, whole track "
                  f"{s['settle']['track']['max_ms']:.0f} ms ({s['settle']['track']['worst_slider']}) "
                  f"({time.perf_counter() - t:.0f} s)", flush=True)
            if raw["console_errors"]:
                print(f"  WARNING: browser console errors: {raw['console_errors'][:3]}")


@contextlib.contextmanager
def _browser():
    import pytest

    try:
        with browser_for_tests() as browser:
            yield browser
    except pytest.skip.Exception as exc:  # no Chromium: a broken benchmark, not a skip
        raise BenchError(str(exc)) from exc

