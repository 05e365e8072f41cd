"""canvas.js in headless Chromium, with the network between kernel and page played by the test.

The explorer runs here; canvas.js runs in a blank page behind a stand-in for anywidget's
host (tests/js/fake_anywidget_host.js), two views per widget.  The test moves the page's
sliders as a learner would, and in between delivers the kernel's messages late, out of
order or not at all, lets page messages reach a busy kernel in bursts (only the newest
value of a burst, as ipywidgets merges them), and interrupts the kernel's prefetching
anywhere.  Then the network becomes reliable, and every view must end on the kernel's
frame for the sliders' final values, with the readout of those values; and at no
time may a view show anything but the true picture of the position it says it shows.
"""

from __future__ import annotations

import base64
import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from explorer_specs import all_specs
from jupyterlab_harness import browser_for_tests

from mlelib.engine.canvas import FrameCanvas
from mlelib.engine.readout import format_rows
from mlelib.engine.sliders import position_key, step_index, value_at

pytestmark = pytest.mark.browser

FRONT_END = FrameCanvas._esm  # the installed front end, as anywidget loads it
HOST_JS = Path(__file__).parent / "js" / "fake_anywidget_host.js"
SPECS = {s.title: s for s in all_specs()}
# The explorer's own thread: Playwright's sync API keeps an asyncio loop running in the
# test's thread, and the explorer would schedule its work on it.
KERNEL = ThreadPoolExecutor(max_workers=1)


def in_kernel(function, *args):
    return KERNEL.submit(function, *args).result()


@pytest.fixture(scope="module")
def browser():
    with browser_for_tests() as b:
        yield b


def _slider_state(slider) -> dict:
    """The slider's synced state, as the page's widget manager holds it."""
    state = slider.get_state()
    return {k: state[k] for k in ("value", "min", "max", "step", "base", "_model_name")
            if k in state}


class Network:
    """Messages between the explorer's widgets and the page, delivered as the test says."""

    def __init__(self, explorer, page, rng: random.Random):
        self.explorer, self.page, self.rng = explorer, page, rng
        self.clock, self.to_page, self.to_kernel, self.chaos = 0, [], [], True
        self.drop_everything = False
        self.last_state_time = {}
        for widget in (explorer.canvas, explorer.panel):
            widget.send = self._custom_sender(widget)
            widget.send_state = self._state_sender(widget)

    def _custom_sender(self, widget):
        def send(content, buffers=None):
            if self.drop_everything or self.chaos and self.rng.random() < 0.1:
                return  # lost
            delay = self.rng.choice((0, 0, 1, 2, 5)) if self.chaos else 0
            self.to_page.append((self.clock + delay, "msg", widget.model_id, content,
                                 [base64.b64encode(b).decode() for b in buffers or []]))
        return send

    def _state_sender(self, widget):
        def send_state(key=None):
            state = widget.get_state(key)
            delay = self.rng.choice((0, 1, 3)) if self.chaos else 0
            # a model's state updates keep their order (the page applies the newest last)
            when = max(self.clock + delay, self.last_state_time.get(widget.model_id, 0))
            self.last_state_time[widget.model_id] = when
            self.to_page.append((when, "state", widget.model_id, state, []))
        return send_state

    def deliver_due(self) -> None:
        due = sorted((m for m in self.to_page if m[0] <= self.clock), key=lambda m: m[0])
        self.to_page = [m for m in self.to_page if m[0] > self.clock]
        for _, kind, model, payload, buffers in due:
            if kind == "msg":
                self.page.evaluate("([m, c, b, o]) => fakeHost.deliver(m, c, b, o)",
                                   [model, payload, buffers, self.rng.choice((0, 2))])
            else:
                self.page.evaluate("([m, s]) => fakeHost.setState(m, s)", [model, payload])
        for item in self.page.evaluate("() => fakeHost.takeOutbox()"):
            assert item["content"] == {"type": "send-whole-frame"}, item
            self.to_kernel.append(("whole", None))

    def tick(self) -> None:
        self.clock += 1
        self.deliver_due()


def _kernel_handles(explorer, net: Network) -> bool:
    """The kernel handles what reached it; a burst of moves as its newest values."""
    batch, net.to_kernel = net.to_kernel, []
    newest = {name: value for kind, (name, value) in
              ((k, p) for k, p in batch if k == "value")}
    for name, value in newest.items():
        explorer.sliders[name].set_state({"value": value})
    if any(kind == "whole" for kind, _ in batch):
        explorer.canvas.send_whole_frame()
    return bool(batch)


def _open_page(browser, explorer):
    page = browser.new_page()
    page.goto("about:blank")
    page.add_script_tag(content=HOST_JS.read_text())
    refs = [f"IPY_MODEL_{s.model_id}" for s in explorer.sliders.values()]
    for slider in explorer.sliders.values():
        page.evaluate("([id, s]) => fakeHost.model(id, s)", [slider.model_id,
                                                             _slider_state(slider)])
    canvas, panel = explorer.canvas, explorer.panel
    page.evaluate("([id, s]) => fakeHost.model(id, s)", [canvas.model_id, {
        "part": "canvas", "width": canvas.width, "height": canvas.height, "label": canvas.label,
        "frame_id": canvas.frame_id, "sliders": refs}])
    page.evaluate("([id, s]) => fakeHost.model(id, s)", [panel.model_id, {
        "part": "readout", "html": panel.html, "key": panel.key, "note": panel.note,
        "sliders": refs}])
    page.evaluate("([src, ids]) => fakeHost.show(src, ids, 2)",
                  [FRONT_END, [canvas.model_id, panel.model_id]])
    return page


class Truth:
    """The true picture of each position, drawn by a second explorer (cached by key)."""

    def __init__(self, spec):
        self.explorer, self.cache = spec.build(), {}

    def at(self, key: str) -> np.ndarray:
        if key not in self.cache:
            indices = [int(i) for i in key.split(",")]
            self.explorer.set(**{name: value_at(slider, i) for (name, slider), i
                                 in zip(self.explorer.sliders.items(), indices)})
            self.cache[key] = self.explorer.pixels()
        return self.cache[key]


def _views(page, explorer):
    for view in page.evaluate(f"() => fakeHost.canvases({explorer.canvas.model_id!r})"):
        pixels = np.frombuffer(base64.b64decode(view["pixels"]), np.uint8)
        yield view, pixels.reshape(view["height"], view["width"], 4)


def _assert_views_show_true_pictures(page, explorer, truth: Truth) -> None:
    for view, pixels in _views(page, explorer):
        if view.get("key") not in (None, "null"):
            wrong = np.count_nonzero(np.any(pixels != truth.at(view["key"]), axis=2))
            assert wrong == 0, f"a view shows position {view['key']} wrong in {wrong} pixels"


def _move_in_page(page, explorer, net: Network, rng: random.Random, shown: dict) -> None:
    """One step of a random slider in the page, towards the middle at either end."""
    name = rng.choice(list(explorer.sliders))
    slider = explorer.sliders[name]
    last = round((slider.max - slider.min) / slider.step)
    index = step_index(slider, shown[name])
    index += rng.choice((1, -1)) if 0 < index < last else (1 if index == 0 else -1)
    shown[name] = value_at(slider, index)
    page.evaluate("([id, v]) => fakeHost.setState(id, {value: v})", [slider.model_id, shown[name]])
    net.to_kernel.append(("value", (name, shown[name])))


@pytest.mark.parametrize("title, seed", [("Likelihood of a line", 0), ("Likelihood of a line", 1),
                                         ("Coin: 56 heads in 100 tosses", 2)])
def test_the_page_ends_on_the_kernels_frame_for_the_final_values(browser, title, seed):
    spec = SPECS[title]
    explorer, truth, rng = in_kernel(spec.build), Truth(spec), random.Random(seed)
    net = Network(explorer, None, rng)
    net.page = page = _open_page(browser, explorer)
    in_kernel(explorer.canvas.send_whole_frame)  # what the page's first request brings
    shown = explorer.values  # the sliders as the page shows them
    jobs = iter(())
    try:
        for tick in range(60):
            if rng.random() < 0.6:
                _move_in_page(page, explorer, net, rng, shown)
            if rng.random() < 0.4 and in_kernel(_kernel_handles, explorer, net):  # busy kernel
                jobs = in_kernel(explorer.pacer.prefetch_jobs)
            for _ in range(rng.choice((0, 1, 3, 8))):
                job = in_kernel(next, jobs, None)
                if job is not None:
                    in_kernel(job)
            net.tick()
            if tick % 4 == 3:
                _assert_views_show_true_pictures(page, explorer, truth)
        in_kernel(_kernel_handles, explorer, net)
        _move_in_page(page, explorer, net, rng, shown)
        net.drop_everything = True  # the kernel's last frame, and all with it, is lost
        frames = explorer.canvas.stats["frames"]
        in_kernel(_kernel_handles, explorer, net)
        assert explorer.canvas.stats["frames"] == frames + 1
        net.chaos = False
        for _ in range(8):  # the page notices and asks for the frame; that answer is lost too
            net.tick()
            in_kernel(_kernel_handles, explorer, net)
        net.drop_everything = False  # from now on every message arrives, in order
        for _ in range(40):
            net.tick()
            if in_kernel(_kernel_handles, explorer, net):
                in_kernel(explorer.prefetch)
            page.wait_for_timeout(50 if net.to_page or net.to_kernel else 650)  # page retries
            net.deliver_due()
            if not net.to_page and not net.to_kernel:
                break
        assert explorer.values == pytest.approx(shown)
        key = position_key(explorer.sliders, shown)
        assert np.array_equal(explorer.pixels(), truth.at(key))
        for view, pixels in _views(page, explorer):
            assert view["key"] == key, "a view does not show the sliders' final position"
            assert np.array_equal(pixels, truth.at(key)), "a view differs from the kernel's frame"
        rows = format_rows(spec.expected(shown), explorer.formats)  # the spec's numbers
        expected_rows = [f"{name} = {text}" for name, text in rows.items()]
        for view in page.evaluate(f"() => fakeHost.readouts({explorer.panel.model_id!r})"):
            assert view["text"] == expected_rows and view["key"] == key
    finally:
        page.close()
