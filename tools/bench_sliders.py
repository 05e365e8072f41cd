"""Slider latency benchmark (``make bench``): every explorer of the course against ``interact``.

What a learner feels when moving a slider is measured in JupyterLab in headless Chromium
(the same harness as the browser test, tests/jupyterlab_harness.py), for every explorer
listed in tests/explorer_specs.py and for a naive baseline: the figure of notebook 02
(data, line, per-point annotations, log-likelihood surface) drawn the usual way, with
``ipywidgets.interactive`` and the inline backend re-creating the figure on every change
and printing the readout.

Each explorer gets a temporary notebook in the lab's scratch root that builds it with its
spec's ``build()`` (tests/ is put on the kernel's path); the baseline notebook imports
:func:`plot_line_likelihood` from this file and wraps it in ``interactive``.  In the page,
a MutationObserver and ``requestAnimationFrame`` (installed with ``page.evaluate``)
time-stamp, in the page's
clock, every key event (a capture-phase ``keydown`` listener on ``window``, which runs
just before the slider's own handler), every change of the readout text and every new
frame: the explorer's canvas reports a painted rectangle (its ``data-frame`` counter
changes; the baseline's ``<img>`` gets a new ``src`` and ``img.decode()`` resolves) and
the next animation frame starts, which is when the new pixels go to the screen.  Per slider:

* single steps: ``--steps`` key presses (ArrowRight/ArrowLeft, alternating so the slider
  stays in range), each waited for, then ``--pause-ms`` (200 ms: a learner tapping a key)
  before the next; *readout* is key -> readout text showing the expected value, *plot* is
  key -> new frame decoded + next animation frame.  The pause gives the idle kernel time
  to send the next positions ahead (see :mod:`mlelib.sliders`); the share of steps the
  page showed from them is reported as *ahead*, and ``--no-prefetch`` switches it off to
  measure the kernel round trip alone;
* settle: ``--burst`` key presses back to back, then the time from the last key that
  moved the slider until the readout shows the final value and the last frame is on
  screen (the quiet window of ``--quiet-ms`` with no new frame only ends the wait; it is
  not counted).  Two ways of pressing: Playwright's ``keyboard.press`` in a loop (trusted
  input through the browser's input pipeline, measured 6-22 ms apart: faster than a
  held key repeats, about as dense as the pointer events of a drag) and the same number
  of synthetic ``keydown`` events dispatched in one task (0.3 ms apart, which no hand
  produces: the worst case for a backlog).  The targets use the first.

Every readout shown at the end of a step or a burst is compared with ``spec.expected``
for the slider values on the page: if it never matches, the benchmark fails loudly.  A
missed latency target is only reported.

In-process (no browser): the median ``Explorer.last_timings`` (compute, draw, send: find, deflate and send the changed rectangle)
over about 30 updates per explorer, and the baseline's cost per change (build the figure,
then ``IPython.core.pylabtools.print_figure`` with a tight bounding box, as the inline
backend does).

The machine is shared (2 cores): a thread adds up the CPU time of processes outside
this benchmark's process tree and the report warns when they used more than 5 %.

Results: a table on stdout and every sample in bench-results/sliders.json (git-ignored).

Usage: ``python tools/bench_sliders.py [--steps 15] [--burst 20] [--only TEXT] [--no-browser]``
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import json
import math
import os
import platform
import re
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT_DIR = REPO / "bench-results"
VIEWPORT = {"width": 1500, "height": 1100}
STEP_TIMEOUT_MS = 10_000
SETTLE_TIMEOUT_MS = 15_000
WARMUP_STEPS = 2

TARGETS = {
    "readout_p50_ms": 20.0,
    "plot_p50_ms": 50.0,
    "plot_p95_ms": 100.0,
    "settle_ms": 150.0,
    "speedup_vs_baseline": 2.5,
}

# ------------------------------------------------------------------------------- baseline
# The naive way, used both by the baseline notebook (which imports this module) and
# in-process: every change re-creates notebook 02's figure and prints the readout.

@functools.cache
def _baseline_data():
    import numpy as np

    from mlelib.datasets import likelihood_line_data
    from mlelib.estimators import least_squares_line

    data = likelihood_line_data()
    x, y = np.asarray(data.x, float), np.asarray(data.y, float)
    return x, y, least_squares_line(x, y), np.linspace(-1.0, 3.0, 201), np.linspace(-1.0, 3.0, 201)


def plot_line_likelihood(a=1.0, b=1.0, sigma=0.1):
    """Draw notebook 02's figure from scratch with pyplot and print the readout.

    What a learner writes for ``interact``: run after ``use_course_style()`` with the
    inline backend, which then renders the figure to PNG with a tight bounding box.
    """
    import matplotlib.pyplot as plt
    import numpy as np

    from mlelib.likelihoods import line_loglik, line_loglik_grid, line_logpdf
    from mlelib.plotting import COLORS

    x, y, mle, a_grid, b_grid = _baseline_data()
    dens = np.exp(line_logpdf(x, y, a, b, sigma))
    ll = line_loglik(x, y, a, b, sigma)
    surface = line_loglik_grid(x, y, a_grid, b_grid, sigma).T
    fig, (ax_data, ax_surf) = plt.subplots(1, 2, figsize=(10.0, 4.2), layout="constrained")
    ax_data.scatter(x, y, color=COLORS["data"], zorder=3, label="data $(x_i, y_i)$")
    xs = np.array([x.min() - 0.5, x.max() + 0.5])
    ax_data.plot(xs, a * xs + b, color=COLORS["model"], label="model $y = ax + b$")
    for i, (xi, yi, d) in enumerate(zip(x, y, dens)):
        ax_data.plot([xi, xi], [yi, a * xi + b], color=COLORS["marker"], linestyle=":",
                     linewidth=1.5, label="residual" if i == 0 else None)
        ax_data.annotate(f"{d:.3e}", (xi, yi), xytext=(0, 10), textcoords="offset points",
                         ha="center", fontsize=9,
                         bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "0.7",
                               "alpha": 0.9})
    ax_data.set(xlim=(x.min() - 0.6, x.max() + 0.6), ylim=(y.min() - 2.0, y.max() + 2.0),
                xlabel="x", ylabel="y", title="data, line and per-point likelihood")
    ax_data.legend(loc="upper left")
    im = ax_surf.imshow(surface - surface.max(), origin="lower", extent=(-1.0, 3.0, -1.0, 3.0),
                        aspect="auto", cmap="viridis", vmin=-100.0, vmax=0.0)
    fig.colorbar(im, ax=ax_surf, extend="min", label=r"$\ell(a, b) - \max\,\ell$")
    ax_surf.plot([mle.slope], [mle.intercept], marker="*", markersize=16, linestyle="none",
                 color=COLORS["mle"], markeredgecolor="white", label="maximum (MLE)")
    ax_surf.plot([a], [b], marker="o", markersize=10, linestyle="none", markerfacecolor="none",
                 markeredgewidth=2.5, color="white", label="your $(a, b)$")
    ax_surf.set(xlabel="slope a", ylabel="intercept b", title=r"log-likelihood over $(a, b)$")
    ax_surf.legend(loc="upper right", fontsize=9, framealpha=0.8)
    print(f"log-likelihood = {ll:.3f}")
    print(f"likelihood = {np.prod(dens):.4e}")
    print(f"NLL = {-ll:.3f}")
    return fig


BASELINE_NOTEBOOK = "02_likelihood_of_a_line.ipynb"  # the spec whose figure and readout it copies
BASELINE_CLASS = "bench-baseline"

# ------------------------------------------------------------------------ page-side probes
# Installed once per notebook.  Every time stamp is performance.now() in the page.
INSTALL_JS = r"""
([root, mode]) => {
  const old = window.__bench;
  if (old) {
    old.observer.disconnect();
    window.removeEventListener('keydown', old.onKey, true);
  }
  const readoutText = mode === 'explorer'
    ? () => { const el = root.querySelector('.mlelib-readout-panel'); return el ? el.innerText : ''; }
    : () => [...root.querySelectorAll(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stdout"]')]
        .map(e => e.innerText).join('\n');
  // explorer: a canvas that counts painted frames in data-frame; baseline: <img> tags
  const images = mode === 'explorer'
    ? () => root.querySelectorAll('canvas.mlelib-explorer-canvas')
    : () => root.querySelectorAll('.widget-output img');
  const B = {keys: [], readouts: [], srcs: [], paints: [], lastText: null,
             seen: new WeakMap(), decodeErrors: 0};
  B.reset = () => { B.keys = []; B.readouts = []; B.srcs = []; B.paints = []; };
  B.norm = (s) => s.replace(/\u2212/g, '-').replace(/\s+=\s+/g, ' = ');
  B.scan = () => {
    const now = performance.now();
    const text = readoutText();
    if (text !== B.lastText) { B.lastText = text; B.readouts.push({t: now, text}); }
    for (const img of images()) {
      const isCanvas = img.tagName === 'CANVAS';
      const src = isCanvas ? img.dataset.frame : img.getAttribute('src');
      if (!src || B.seen.get(img) === src) continue;
      B.seen.set(img, src);
      const id = B.srcs.length;
      B.srcs.push({t: now, id});
      // decoded (a canvas was painted synchronously), then the next frame: the new
      // pixels are composited in that frame
      const decoded = isCanvas ? Promise.resolve() : img.decode();
      decoded.then(
        () => requestAnimationFrame(() => B.paints.push({t: performance.now(), id})),
        () => { B.decodeErrors += 1; });  // superseded by a newer src before decoding
    }
  };
  B.onKey = (e) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    B.keys.push({t: performance.now(), ts: e.timeStamp, trusted: e.isTrusted});
  };
  B.observer = new MutationObserver(B.scan);
  B.observer.observe(root, {subtree: true, childList: true, characterData: true,
                            attributes: true, attributeFilter: ['src', 'data-frame']});
  window.addEventListener('keydown', B.onKey, true);
  B.root = root;
  B.scan();
  window.__bench = B;
  return B.lastText;
}
"""

# focus the handle of the slider whose label is exactly ``label``
FOCUS_JS = r"""
(label) => {
  const root = window.__bench.root;
  const slider = [...root.querySelectorAll('.widget-slider')].find(
    s => (s.querySelector('label.widget-label')?.textContent || '').trim() === label);
  if (!slider) return false;
  const handle = slider.querySelector('.noUi-handle');
  handle.focus();
  return document.activeElement === handle;
}
"""

STATE_JS = r"""
() => {
  const B = window.__bench;
  const sliders = {};
  for (const s of B.root.querySelectorAll('.widget-slider')) {
    const label = (s.querySelector('label.widget-label')?.textContent || '').trim();
    const readout = s.querySelector('.widget-readout');
    const handle = s.querySelector('.noUi-handle');
    sliders[label] = {readout: readout ? readout.textContent : null,
                      now: handle ? handle.getAttribute('aria-valuenow') : null};
  }
  const counter = (sel) => Number(B.root.querySelector(sel)?.dataset.prefetched || 0);
  return {keys: B.keys, readouts: B.readouts, srcs: B.srcs, paints: B.paints,
          text: B.lastText, sliders, decodeErrors: B.decodeErrors,
          prefetched: {readout: counter('.mlelib-readout-panel'),
                       plot: counter('canvas.mlelib-explorer-canvas')},
          active: document.activeElement ? document.activeElement.className : null};
}
"""

# one step is complete when the readout changed (unless the new value reads the same) and
# the newest frame since the key is on screen
STEP_DONE_JS = r"""
(needText) => {
  const B = window.__bench;
  if (!B.keys.length) return false;
  const t0 = B.keys[0].t;
  const text = !needText || B.readouts.some(r => r.t >= t0);
  const last = B.srcs.length - 1;
  const plot = last >= 0 && B.paints.some(p => p.id === last);
  return text && plot;
}
"""

# a burst is settled when the readout shows ``lines``, the newest frame is on screen and
# nothing changed for ``quiet`` ms
SETTLED_JS = r"""
([lines, quiet]) => {
  const B = window.__bench;
  const text = B.norm(B.lastText || '');
  if (!lines.every(l => text.includes(l))) return false;
  const last = B.srcs.length - 1;
  if (last < 0 || !B.paints.some(p => p.id === last)) return false;
  const times = [...B.keys, ...B.readouts, ...B.srcs, ...B.paints].map(e => e.t);
  return performance.now() - Math.max(...times) >= quiet;
}
"""

WAIT_TEXT_JS = r"""
(lines) => {
  const B = window.__bench;
  const text = B.norm(B.lastText || '');
  return lines.every(l => text.includes(l));
}
"""

SYNTHETIC_BURST_JS = r"""
([key, count]) => {
  const el = document.activeElement;
  for (let i = 0; i < count; i++) {
    el.dispatchEvent(new KeyboardEvent('keydown', {key, code: key, bubbles: true,
                                                    cancelable: true}));
  }
  return el.getAttribute('aria-valuenow');
}
"""


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


class BenchError(RuntimeError):
    """Something is broken (not merely slow): the benchmark must fail."""


# ----------------------------------------------------------------------------- helpers

def _specs():
    for path in (str(REPO), str(REPO / "tests")):
        if path not in sys.path:
            sys.path.insert(0, path)
    from explorer_specs import all_specs

    return all_specs()


def _pct(values, q: float) -> float | None:
    if not values:
        return None
    import numpy as np

    return float(np.percentile(np.asarray(values, dtype=float), q))


def _median(values) -> float | None:
    return float(statistics.median(values)) if values else None


def _parse_readout(text: str) -> dict[str, str]:
    out = {}
    for line in text.replace("\u2212", "-").splitlines():
        parts = re.split(r"\s+=\s+", line.strip(), maxsplit=1)
        if len(parts) == 2:
            out[parts[0].strip()] = parts[1].strip()
    return out


def _lines(expected: dict[str, str]) -> list[str]:
    return [f"{k} = {v}".replace("\u2212", "-") for k, v in expected.items()]


def _matches(text: str, expected: dict[str, str]) -> bool:
    shown = _parse_readout(text)
    return all(shown.get(k.replace("\u2212", "-")) == v.replace("\u2212", "-")
               for k, v in expected.items())


def _is_log(slider) -> bool:
    import ipywidgets as widgets

    return isinstance(slider, widgets.FloatLogSlider)


def _position(slider, value: float) -> float:
    """Where ``value`` sits on the slider's track (its exponent for a log slider)."""
    return math.log(value, slider.base) if _is_log(slider) else float(value)


def _moved(slider, value: float, sign: int) -> float:
    """The value one keyboard step from ``value`` (it stays at either end of the track)."""
    from mlelib.sliders import step_value

    moved = step_value(slider, value, sign)
    return value if moved is None else moved


def _room(slider, value: float, sign: int) -> int:
    """How many keyboard steps the slider can still move in direction ``sign``."""
    pos = _position(slider, value)
    span = (slider.max - pos) if sign > 0 else (pos - slider.min)
    return round(span / slider.step)


def _value_from_text(slider, text: str) -> float:
    from mlelib.sliders import snap_to_slider

    return snap_to_slider(slider, float(text.replace("\u2212", "-")))


def _timeout_error():
    """Playwright's timeout exception (imported late: the kernel imports this module)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    return PlaywrightTimeoutError


def _key(sign: int) -> str:
    return "ArrowRight" if sign > 0 else "ArrowLeft"


# ------------------------------------------------------------------------------ subjects

@dataclass
class Subject:
    """One thing measured in the browser: an explorer, or the naive baseline."""

    key: str
    title: str
    notebook: str  # the course notebook it belongs to
    mode: str  # "explorer" or "baseline"
    spec: object
    sliders: dict  # parameter name -> an ipywidgets slider model (ranges, steps, labels)
    bench_notebook: str = ""
    result: dict = field(default_factory=dict)

    @property
    def selector(self) -> str:
        return ".mlelib-explorer" if self.mode == "explorer" else f".{BASELINE_CLASS}"

    def values_from_page(self, state: dict) -> dict[str, float]:
        values = {}
        for name, slider in self.sliders.items():
            shown = state["sliders"].get(slider.description)
            if shown is None or shown["readout"] is None:
                raise BenchError(f"{self.title}: slider {slider.description!r} not on the page "
                                 f"(found {sorted(state['sliders'])})")
            values[name] = _value_from_text(slider, shown["readout"])
        return values


def _explorer_cells(spec, prefetch: bool = True) -> list[str]:
    setup = ("import sys\n"
             f"sys.path[:0] = [{str(REPO / 'tests')!r}, {str(REPO)!r}]\n"
             "from explorer_specs import all_specs\n"
             "from mlelib.sliders import Explorer\n\n"
             f"Explorer.prefetch = {prefetch!r}\n"
             "spec = [s for s in all_specs() if (s.notebook, s.title) == "
             f"({spec.notebook!r}, {spec.title!r})][0]")
    return [setup, "explorer = spec.build()\nexplorer"]


def _slider_source(slider) -> str:
    return (f"widgets.FloatSlider(value={slider.value!r}, min={slider.min!r}, "
            f"max={slider.max!r}, step={slider.step!r}, description={slider.description!r}, "
            f"readout_format={slider.readout_format!r}, continuous_update=True, "
            "style={'description_width': '150px'}, layout={'width': '460px'})")


def _baseline_cells(sliders: dict) -> list[str]:
    kwargs = ",\n    ".join(f"{name}={_slider_source(s)}" for name, s in sliders.items())
    setup = (f"%matplotlib inline\nimport sys\nsys.path[:0] = [{str(REPO / 'tools')!r}, "
             f"{str(REPO)!r}]\n\n"
             "import ipywidgets as widgets\nimport matplotlib.pyplot as plt\n"
             "from IPython.display import display\n"
             "from bench_sliders import plot_line_likelihood\n"
             "from mlelib.plotting import use_course_style\n\nuse_course_style()")
    interact = ("def show(a, b, sigma):\n"
                "    plot_line_likelihood(a, b, sigma)\n"
                "    plt.show()\n\n\n"
                f"baseline = widgets.interactive(\n    show,\n    {kwargs})\n"
                f"baseline.add_class({BASELINE_CLASS!r})\n"
                "display(baseline)")
    return [setup, interact]


def _write_notebook(path: Path, cells: list[str]) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    nbformat.write(nb, str(path))


# --------------------------------------------------------------------------- in-process

def in_process_explorers(specs, updates: int = 30) -> dict[str, dict]:
    """Median ``Explorer.last_timings`` over about ``updates`` slider moves per explorer."""
    results = {}
    for spec in specs:
        explorer = spec.build()
        per_slider = max(6, math.ceil(updates / len(explorer.sliders)))
        rows, by_slider = [], {}
        draws_before = explorer.counts["full_draws"]
        sent_before = dict(explorer.canvas.stats)
        for name, slider in explorer.sliders.items():
            sign = 1 if _room(slider, slider.value, 1) >= _room(slider, slider.value, -1) else -1
            mine = []
            for i in range(per_slider):
                slider.value = _moved(slider, slider.value, sign if i % 2 == 0 else -sign)
                t = {k: v * 1e3 for k, v in explorer.last_timings.items()}
                t["total"] = sum(t.values())
                mine.append(t)
            rows += mine
            by_slider[name] = {k: _median([r[k] for r in mine]) for k in mine[0]}
        results[f"{spec.notebook}::{spec.title}"] = {
            "updates": len(rows),
            "median_ms": {k: _median([r[k] for r in rows]) for k in rows[0]},
            "median_ms_by_slider": by_slider,
            "full_draws": explorer.counts["full_draws"] - draws_before,
            "sent_bytes_per_frame": (explorer.canvas.stats["bytes"] - sent_before["bytes"])
            / max(explorer.canvas.stats["frames"] - sent_before["frames"], 1),
            "sent_pixels_per_frame": (explorer.canvas.stats["pixels"] - sent_before["pixels"])
            / max(explorer.canvas.stats["frames"] - sent_before["frames"], 1),
            "frame_size_px": list(explorer.fig.canvas.get_width_height(physical=True)),
        }
    return results


def in_process_baseline(sliders: dict, updates: int = 30) -> dict:
    """Cost per change of the naive way: build the figure, render it as inline does."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from IPython.core.pylabtools import print_figure

    from mlelib.plotting import course_rc

    plot = plot_line_likelihood
    values = {name: s.value for name, s in sliders.items()}
    rows = []
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), matplotlib.rc_context(course_rc()):
        for i in range(updates + 2):
            name = list(sliders)[i % len(sliders)]
            values[name] = _moved(sliders[name], values[name], 1 if (i // 3) % 2 == 0 else -1)
            t0 = time.perf_counter()
            fig = plot(**values)
            t1 = time.perf_counter()
            data = print_figure(fig, "png", bbox_inches="tight", base64=True)
            t2 = time.perf_counter()
            plt.close(fig)
            if i >= 2:  # the first calls load fonts and caches
                rows.append({"build": (t1 - t0) * 1e3, "render_png": (t2 - t1) * 1e3,
                             "total": (t2 - t0) * 1e3, "png_bytes": len(data) * 3 / 4})
    return {"updates": len(rows), "median_ms": {k: _median([r[k] for r in rows])
                                                for k in ("build", "render_png", "total")},
            "png_bytes": _median([r["png_bytes"] for r in rows])}


# ------------------------------------------------------------------------------ browser

class PageProbe:
    """Drives one subject's sliders on a page where the probes are installed."""

    def __init__(self, page, subject: Subject, pause_ms: float = 0.0):
        self.page, self.subject, self.pause_ms = page, subject, pause_ms
        root = page.locator(subject.selector).first
        root.wait_for(state="visible", timeout=60_000)
        root.scroll_into_view_if_needed()
        picture = "canvas" if subject.mode == "explorer" else "img"
        page.locator(f"{subject.selector} {picture}").first.wait_for(state="visible",
                                                                     timeout=60_000)
        page.evaluate(INSTALL_JS, [root.element_handle(), subject.mode])
        state = self.state()
        values = subject.values_from_page(state)
        self.wait_for_text(subject.spec.expected(values), "initial readout")

    def state(self) -> dict:
        return self.page.evaluate(STATE_JS)

    def wait_for_text(self, expected: dict[str, str], what: str) -> None:
        try:
            self.page.wait_for_function(WAIT_TEXT_JS, arg=_lines(expected),
                                        timeout=STEP_TIMEOUT_MS)
        except _timeout_error() as exc:
            text = self.page.evaluate("() => window.__bench.lastText")
            raise BenchError(f"{self.subject.title}: {what}: the readout never showed "
                             f"{expected}; it shows {_parse_readout(text or '')}") from exc

    def focus(self, name: str) -> None:
        label = self.subject.sliders[name].description
        if not self.page.evaluate(FOCUS_JS, label):
            raise BenchError(f"{self.subject.title}: cannot focus the handle of {label!r}")

    def step(self, name: str, sign: int) -> dict:
        """One key press on slider ``name``; wait for readout and frame; check the numbers."""
        spec, slider = self.subject.spec, self.subject.sliders[name]
        if self.pause_ms:
            self.page.wait_for_timeout(self.pause_ms)
        before = self.state()
        values = self.subject.values_from_page(before)
        predicted = dict(values, **{name: _moved(slider, values[name], sign)})
        need_text = spec.expected(predicted) != spec.expected(values)
        self.page.evaluate("() => window.__bench.reset()")
        self.page.keyboard.press(_key(sign))
        try:
            self.page.wait_for_function(STEP_DONE_JS, arg=need_text, timeout=STEP_TIMEOUT_MS)
        except _timeout_error() as exc:
            after = self.state()
            if self.subject.mode != "explorer" and after["readouts"] and not after["srcs"]:
                # interact's clear_output(wait=True) sometimes swallows a figure: a frame
                # the learner never sees.  Counted for the baseline, not a broken bench.
                return {"lost_frame": True, "slider": name}
            raise BenchError(f"{self.subject.title}: {name} {_key(sign)}: no new readout/frame "
                             f"within {STEP_TIMEOUT_MS} ms (keys {len(after['keys'])}, "
                             f"readouts {len(after['readouts'])}, frames {len(after['srcs'])}, "
                             f"painted {len(after['paints'])})") from exc
        after = self.state()
        now_values = self.subject.values_from_page(after)
        if now_values[name] == values[name]:
            raise BenchError(f"{self.subject.title}: {name} did not move on {_key(sign)}")
        expected = spec.expected(now_values)
        if not _matches(after["text"] or "", expected):
            # a late message could still bring it; wait, then it must be right
            self.wait_for_text(expected, f"{name} step to {now_values[name]}")
            after = self.state()
        t0 = after["keys"][0]["t"]
        hits = [r["t"] for r in after["readouts"] if r["t"] >= t0 and _matches(r["text"], expected)]
        readout = (hits[0] - t0) if hits else None
        last = len(after["srcs"]) - 1
        paint = next(p["t"] for p in after["paints"] if p["id"] == last)
        src = after["srcs"][last]["t"]
        return {"slider": name, "value": now_values[name], "readout_ms": readout,
                "plot_ms": paint - t0, "src_ms": src - t0, "decode_raf_ms": paint - src,
                "input_delay_ms": t0 - after["keys"][0]["ts"],
                "frames": len(after["srcs"]), "readout_changes": len(after["readouts"]),
                # shown from what the kernel had sent ahead, without waiting for it
                "prefetched_readout": after["prefetched"]["readout"]
                > before["prefetched"]["readout"],
                "prefetched_plot": after["prefetched"]["plot"] > before["prefetched"]["plot"]}

    def burst(self, name: str, sign: int, count: int, how: str, quiet_ms: float) -> dict:
        """``count`` key presses back to back; time until readout and frame settle."""
        spec, slider = self.subject.spec, self.subject.sliders[name]
        start = self.subject.values_from_page(self.state())[name]
        self.page.evaluate("() => window.__bench.reset()")
        started = time.perf_counter()
        if how == "keyboard":
            for _ in range(count):
                self.page.keyboard.press(_key(sign))
        else:
            self.page.evaluate(SYNTHETIC_BURST_JS, [_key(sign), count])
        sent_s = time.perf_counter() - started
        state = self.state()
        values = self.subject.values_from_page(state)
        expected = spec.expected(values)
        try:
            self.page.wait_for_function(SETTLED_JS, arg=[_lines(expected), quiet_ms],
                                        timeout=SETTLE_TIMEOUT_MS)
        except _timeout_error() as exc:
            text = self.page.evaluate("() => window.__bench.lastText")
            raise BenchError(f"{self.subject.title}: {name} burst ({how}): the readout never "
                             f"settled on {expected} for {values}; it shows "
                             f"{_parse_readout(text or '')}") from exc
        state = self.state()
        keys = state["keys"]
        if len(keys) != count:
            raise BenchError(f"{self.subject.title}: {name} burst ({how}): {len(keys)} key "
                             f"events seen, {count} sent")
        # every key moves one step until the end of the track: the last key that moved
        # the slider is the one that reached the final value
        moved = round(abs(_position(slider, values[name]) - _position(slider, start))
                      / slider.step)
        if moved != min(count, _room(slider, start, sign)):
            raise BenchError(f"{self.subject.title}: {name} burst ({how}): moved {moved} "
                             f"steps from {start} to {values[name]} with {count} keys")
        t_last = keys[moved - 1]["t"]
        final = [r for r in state["readouts"] if _matches(r["text"], expected)]
        if not final or not _matches(state["readouts"][-1]["text"], expected):
            raise BenchError(f"{self.subject.title}: {name} burst ({how}): final readout "
                             f"{_parse_readout(state['text'] or '')} != {expected}")
        # the first time the readout showed the final value (it stays there)
        first_final = state["readouts"][-1]["t"]
        for r in reversed(state["readouts"]):
            if not _matches(r["text"], expected):
                break
            first_final = r["t"]
        last_paint = state["paints"][-1]["t"]
        readout_ms, plot_ms = first_final - t_last, last_paint - t_last
        return {"slider": name, "how": how, "keys": count, "effective_keys": moved,
                "key_span_ms": keys[-1]["t"] - keys[0]["t"],
                "key_gap_ms": (keys[-1]["t"] - keys[0]["t"]) / max(count - 1, 1),
                "send_s": sent_s, "final_value": values[name],
                "readout_ms": readout_ms, "plot_ms": plot_ms,
                "settle_ms": max(readout_ms, plot_ms),
                "frames": len(state["srcs"]), "painted": len(state["paints"]),
                "readout_changes": len(state["readouts"])}


PROMPTS_JS = r"""
(all) => {
  const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
  if (!prompts.length) return false;
  // a failed cell stops Run All: report it instead of waiting for the rest
  if (all && document.querySelector(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')) return true;
  const ran = prompts.map(p => /\[(\d+|\*)\]/.test(p.textContent));
  const done = prompts.map(p => /\[\d+\]/.test(p.textContent));
  return all ? done.every(Boolean) : ran.some(Boolean);
}
"""


def open_and_run(page, lab, name: str) -> None:
    """Open a fresh notebook, wait for its kernel to be idle, run all cells, wait for them.

    Run All is repeated if no cell starts within 20 s (a Run All sent while the kernel
    connection is still being set up is dropped).
    """
    from jupyterlab_harness import run_command, wait_for_kernel_idle

    page.goto(lab.notebook_url(name))
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=120_000)
    wait_for_kernel_idle(lab, name)
    for attempt in range(3):
        run_command(page, "Run", "Run All Cells")
        try:
            page.wait_for_function(PROMPTS_JS, arg=False, timeout=20_000)
            break
        except _timeout_error():
            if attempt == 2:
                raise BenchError(f"{name}: Run All did not start any cell") from None
    page.wait_for_function(PROMPTS_JS, arg=True, timeout=120_000)


def measure_subject(browser, lab, subject: Subject, *, steps: int, burst: int,
                    quiet_ms: float, pause_ms: float) -> dict:
    from jupyterlab_harness import shutdown_kernels

    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console_errors.append(str(e)))
    t_open = time.perf_counter()
    try:
        open_and_run(page, lab, subject.bench_notebook)
        errors = page.locator(
            '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        if errors.count():
            raise BenchError(f"{subject.bench_notebook}: a cell failed or warned: "
                             f"{errors.first.inner_text()[:2000]}")
        probe = PageProbe(page, subject, pause_ms)
        open_s = time.perf_counter() - t_open
        step_rows, bursts = [], []
        for name, slider in subject.sliders.items():
            probe.focus(name)
            values = subject.values_from_page(probe.state())
            sign = 1 if _room(slider, values[name], 1) >= _room(slider, values[name], -1) else -1
            for i in range(WARMUP_STEPS):
                probe.step(name, sign if i % 2 == 0 else -sign)
            for i in range(steps):
                step_rows.append(probe.step(name, sign if i % 2 == 0 else -sign))
            values = subject.values_from_page(probe.state())
            sign = 1 if _room(slider, values[name], 1) >= _room(slider, values[name], -1) else -1
            bursts.append(probe.burst(name, sign, burst, "keyboard", quiet_ms))
            bursts.append(probe.burst(name, -sign, burst, "synthetic", quiet_ms))
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


def summarise(raw: dict) -> dict:
    lost = [s for s in raw["steps"] if s.get("lost_frame")]
    steps = [s for s in raw["steps"] if not s.get("lost_frame")]
    bursts = raw["bursts"]
    readout = [s["readout_ms"] for s in steps if s["readout_ms"] is not None]
    plot = [s["plot_ms"] for s in steps]
    settle = {}
    for how in ("keyboard", "synthetic"):
        rows = [b for b in bursts if b["how"] == how]
        settle[how] = {"median_ms": _median([b["settle_ms"] for b in rows]),
                       "max_ms": max(b["settle_ms"] for b in rows),
                       "worst_slider": max(rows, key=lambda b: b["settle_ms"])["slider"],
                       "key_gap_ms": _median([b["key_gap_ms"] for b in rows]),
                       "frames_median": _median([b["frames"] for b in rows])}
    return {"samples": len(steps), "lost_frames": len(lost),
            "readout_p50_ms": _pct(readout, 50), "readout_p95_ms": _pct(readout, 95),
            "plot_p50_ms": _pct(plot, 50), "plot_p95_ms": _pct(plot, 95),
            "readout_to_frame_p50_ms": _pct([s["src_ms"] - s["readout_ms"] for s in steps
                                             if s["readout_ms"] is not None], 50),
            "key_to_src_p50_ms": _pct([s["src_ms"] for s in steps], 50),
            "decode_raf_p50_ms": _pct([s["decode_raf_ms"] for s in steps], 50),
            "input_delay_p50_ms": _pct([s["input_delay_ms"] for s in steps], 50),
            "prefetched_readout_share": _share([s.get("prefetched_readout") for s in steps]),
            "prefetched_plot_share": _share([s.get("prefetched_plot") for s in steps]),
            "settle": settle}


def _share(flags) -> float | None:
    return sum(map(bool, flags)) / len(flags) if flags else None


def browser_run(subjects: list[Subject], *, steps: int, burst: int, quiet_ms: float,
                pause_ms: float, prefetch: bool) -> None:
    from jupyterlab_harness import find_chromium, jupyterlab_server, launch_browser
    from playwright.sync_api import sync_playwright

    if find_chromium() is None:
        raise BenchError("Debian's chromium is not installed (apt-get install -y chromium)")
    with jupyterlab_server([]) as lab, sync_playwright() as p:
        browser = launch_browser(p)
        try:
            for subject in subjects:
                if subject.mode == "explorer":
                    cells = _explorer_cells(subject.spec, prefetch)
                else:
                    cells = _baseline_cells(subject.sliders)
                _write_notebook(lab.root / subject.bench_notebook, cells)
                t = time.perf_counter()
                try:
                    raw = measure_subject(browser, lab, subject, steps=steps, burst=burst,
                                          quiet_ms=quiet_ms, pause_ms=pause_ms)
                except _timeout_error() as exc:
                    # a page that did not load or run in time (not a wrong readout, which
                    # raises BenchError): one more try on a fresh page and kernel
                    print(f"  {subject.title}: {str(exc).splitlines()[0]}; retrying once",
                          flush=True)
                    raw = measure_subject(browser, lab, subject, steps=steps, burst=burst,
                                          quiet_ms=quiet_ms, pause_ms=pause_ms)
                    raw["retried_after"] = str(exc).splitlines()[0]
                subject.result.update(raw=raw, summary=summarise(raw))
                s = subject.result["summary"]
                print(f"  {subject.title}: readout p50 {s['readout_p50_ms']:.0f} ms, plot p50 "
                      f"{s['plot_p50_ms']:.0f} ms, settle "
                      f"{s['settle']['keyboard']['max_ms']:.0f} ms "
                      f"({time.perf_counter() - t:.0f} s)", flush=True)
                if s["lost_frames"]:
                    print(f"  {subject.title}: {s['lost_frames']} key press(es) never showed "
                          "a new figure", flush=True)
                if raw["console_errors"]:
                    print(f"  WARNING: browser console errors: {raw['console_errors'][:3]}")
        finally:
            browser.close()


# ------------------------------------------------------------------------------- report

def _fmt(v, digits=0) -> str:
    return "-" if v is None else f"{v:.{digits}f}"


def _mark(ok: bool | None) -> str:
    return "-" if ok is None else ("met" if ok else "NOT met")


TARGET_NAMES = ["readout p50 <= 20", "plot p50 <= 50", "plot p95 <= 100",
                "settle <= 150", ">= 2.5x baseline"]


def assess(subjects: list[Subject], baseline: Subject | None) -> None:
    """Mark each target met / not met (settle: the worst slider, keyboard bursts)."""
    base = baseline.result.get("summary") if baseline else None
    for s in subjects:
        m = s.result.get("summary")
        if s.mode != "explorer" or m is None:
            continue
        ratio = base["plot_p50_ms"] / m["plot_p50_ms"] if base else None
        s.result["ratio_vs_baseline_plot_p50"] = ratio
        s.result["targets"] = dict(zip(TARGET_NAMES, [
            m["readout_p50_ms"] <= TARGETS["readout_p50_ms"],
            m["plot_p50_ms"] <= TARGETS["plot_p50_ms"],
            m["plot_p95_ms"] <= TARGETS["plot_p95_ms"],
            m["settle"]["keyboard"]["max_ms"] <= TARGETS["settle_ms"],
            None if ratio is None else ratio >= TARGETS["speedup_vs_baseline"],
        ]))


def _table(head: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in [head, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def report_tables(subjects: list[Subject], in_proc: dict, base_in_proc: dict | None) -> str:
    head = ["explorer", "readout p50/p95", "plot p50/p95", "ahead r/p", "settle med/max",
            "(one-task)", "in-process compute/draw/send", "base/expl"]
    rows, marks = [], []
    for s in subjects:
        m = s.result.get("summary")
        if s.mode == "explorer":
            ip = in_proc.get(s.key, {}).get("median_ms", {})
            kernel = (f"{_fmt(ip.get('compute'), 1)} / {_fmt(ip.get('draw'), 1)} / "
                      f"{_fmt(ip.get('send'), 1)}")
        else:
            ip = (base_in_proc or {}).get("median_ms", {})
            kernel = f"build {_fmt(ip.get('build'))} + inline PNG {_fmt(ip.get('render_png'))}"
        cells = ["-"] * 5
        if m:
            kb, sy = m["settle"]["keyboard"], m["settle"]["synthetic"]
            ahead = [m.get("prefetched_readout_share"), m.get("prefetched_plot_share")]
            cells = [f"{_fmt(m['readout_p50_ms'])} / {_fmt(m['readout_p95_ms'])}",
                     f"{_fmt(m['plot_p50_ms'])} / {_fmt(m['plot_p95_ms'])}",
                     " / ".join("-" if a is None else f"{a:.0%}" for a in ahead),
                     f"{_fmt(kb['median_ms'])} / {_fmt(kb['max_ms'])} ({kb['worst_slider']})",
                     _fmt(sy["max_ms"])]
        ratio = s.result.get("ratio_vs_baseline_plot_p50")
        name = f"{s.notebook[:2]} {s.title}" if s.mode == "explorer" else s.title
        rows.append([name[:40], *cells, kernel, "-" if ratio is None else f"{ratio:.1f}x"])
        if s.result.get("targets"):
            marks.append([name[:40], *[_mark(ok) for ok in s.result["targets"].values()]])
    out = _table(head, rows)
    if marks:
        out += "\n\n" + _table(["targets", *TARGET_NAMES], marks)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=15, help="single steps per slider")
    parser.add_argument("--burst", type=int, default=20, help="key presses per burst")
    parser.add_argument("--quiet-ms", type=float, default=300.0,
                        help="no new frame for this long ends a burst (not counted)")
    parser.add_argument("--updates", type=int, default=30, help="in-process updates")
    parser.add_argument("--only", default="", help="measure explorers whose title contains this")
    parser.add_argument("--no-browser", action="store_true", help="in-process part only")
    parser.add_argument("--pause-ms", type=float, default=200.0,
                        help="pause before each single step (a learner tapping a key)")
    parser.add_argument("--no-prefetch", action="store_true",
                        help="explorers do not send readouts and pictures ahead")
    parser.add_argument("--out", type=Path, default=OUT_DIR / "sliders.json")
    args = parser.parse_args(argv)
    t_start = time.perf_counter()
    foreign = ForeignCpu()
    foreign.start()

    specs = _specs()
    if args.only:
        specs = [s for s in specs if args.only.lower() in s.title.lower()]
    if not specs:
        raise BenchError("no explorer spec to measure")
    subjects = []
    for i, spec in enumerate(specs):
        model = spec.build()
        subjects.append(Subject(f"{spec.notebook}::{spec.title}", spec.title, spec.notebook,
                                "explorer", spec, dict(model.sliders),
                                bench_notebook=f"bench_{i:02d}.ipynb"))
    base_spec = next((s for s in _specs() if s.notebook == BASELINE_NOTEBOOK), None)
    baseline = None
    if base_spec is not None:
        model = base_spec.build()
        baseline = Subject("baseline::interact", "baseline: interact+inline (02)",
                           base_spec.notebook, "baseline", base_spec, dict(model.sliders),
                           bench_notebook="bench_baseline.ipynb")
    everything = subjects + ([baseline] if baseline else [])

    report = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "platform": platform.platform()},
              "settings": {"steps": args.steps, "burst": args.burst, "quiet_ms": args.quiet_ms,
                           "pause_ms": args.pause_ms, "prefetch": not args.no_prefetch,
                           "warmup_steps": WARMUP_STEPS, "viewport": VIEWPORT},
              "targets": TARGETS}
    failure = None
    try:
        print(f"in-process: {len(specs)} explorer(s) and the baseline", flush=True)
        in_proc = in_process_explorers(specs, args.updates)
        base_in_proc = in_process_baseline(baseline.sliders, args.updates) if baseline else None
        report["in_process"] = {"explorers": in_proc, "baseline": base_in_proc}
        if not args.no_browser:
            print(f"browser: {len(everything)} notebook(s) in JupyterLab / headless Chromium",
                  flush=True)
            browser_run(everything, steps=args.steps, burst=args.burst, quiet_ms=args.quiet_ms,
                        pause_ms=args.pause_ms, prefetch=not args.no_prefetch)
        assess(subjects, baseline)
    except BenchError as exc:
        failure = str(exc)
    finally:
        # also when an unexpected exception propagates: keep what was measured
        unexpected = sys.exc_info()[1]
        report["subjects"] = [{"key": s.key, "title": s.title, "notebook": s.notebook,
                               "mode": s.mode, "sliders": list(s.sliders), **s.result}
                              for s in everything]
        report["elapsed_s"] = time.perf_counter() - t_start
        report["other_processes"] = foreign.stop()
        report["error"] = failure or (repr(unexpected) if unexpected else None)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=1, default=str))

    if failure:
        print(f"\nBENCHMARK BROKEN: {failure}", file=sys.stderr)
        print(f"partial results in {args.out}", file=sys.stderr)
        return 1
    table = report_tables(everything, report["in_process"]["explorers"],
                          report["in_process"]["baseline"])
    print()
    print(table)
    print()
    print("ms.  readout: key -> readout text shows the new value.  plot: key -> new frame "
          "decoded + next animation frame.")
    print(f"single steps {args.pause_ms:.0f} ms apart; ahead r/p: share of steps whose readout "
          "/ picture the page showed from what the kernel had sent ahead"
          + (" (prefetching off)" if args.no_prefetch else "") + ".")
    print(f"settle: last key that moved the slider in a {args.burst}-key burst -> final "
          "readout and last frame on screen; med/max over sliders,")
    print("  keyboard.press loop (the target); one-task: all keydowns dispatched in one task.")
    print("in-process: median ms per update in the bench process (Explorer.last_timings).")
    print("base/expl: baseline plot p50 / explorer plot p50 (like for like only for 02: the "
          "baseline draws 02's figure).")
    other = report["other_processes"]
    if other["foreign_share"] > 0.05:
        print(f"WARNING: other processes used {other['foreign_cpu_s']:.0f} CPU-seconds "
              f"({other['foreign_share']:.0%} of the {os.cpu_count()} CPUs) during the run: "
              "the latencies above are inflated.")
    elapsed = time.perf_counter() - t_start
    print(f"results: {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}"
          f"  ({elapsed:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
