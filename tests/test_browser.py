"""Every notebook in a real browser: run all cells in JupyterLab, then drag every slider.

For each notebook in notebooks/ this test starts from the stored file, clears its
outputs, runs every cell in JupyterLab (headless Debian Chromium, driven by Playwright),
checks that no cell shows an error or a warning, and then, for every slider of every
explorer, moves it once with the keyboard and once with a mouse drag and asserts that

(a) the readout shows the numbers that :mod:`mlelib` computes for the slider values now
    on the page (tests/explorer_specs.py computes them independently of the explorer),
(b) the pixels of the plot changed, and
(c) the canvas shows the very picture the same explorer draws in this test's process for
    those slider values (within 2 levels per channel, the rounding of the blitted top
    layer): the frames the kernel sent as runs of changed pixels add up to the figure.

The browser console must stay free of errors.  On failure a screenshot is saved under
tests/artifacts/ (git-ignored).  Without Chromium the test skips locally and fails
under CI=true, where .ci/run installs it.
"""

from __future__ import annotations

import base64
import contextlib
import io
import math
import os
import re
import time

import numpy as np
import pytest
from explorer_specs import all_specs
from jupyterlab_harness import (
    REPO,
    find_chromium,
    jupyterlab_server,
    launch_browser,
    open_and_run_all,
)

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
ARTIFACTS = REPO / "tests" / "artifacts"
WAIT_MS = 15_000


@pytest.fixture(scope="module")
def browser():
    if find_chromium() is None:
        message = ("Debian's chromium is not installed; install it with "
                   "`sudo apt-get install -y chromium` to run the browser test")
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = launch_browser(p)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def lab():
    with jupyterlab_server(NOTEBOOKS) as server:
        yield server


def _parse_readout(text: str) -> dict[str, str]:
    pairs = [line.split(" = ", 1) for line in text.strip().splitlines() if " = " in line]
    return {k.strip(): v.strip() for k, v in pairs}


def _value_from_readout(slider, text: str) -> float:
    """The exact slider value behind its formatted readout, snapped to the slider's grid."""
    import ipywidgets as widgets

    from mlelib.sliders import snap_to_slider

    shown = float(text.replace("\u2212", "-"))
    if isinstance(slider, widgets.FloatLogSlider):
        exponent = math.log(shown, slider.base)
        k = round((exponent - slider.min) / slider.step)
        return snap_to_slider(slider, slider.base ** (slider.min + k * slider.step))
    return snap_to_slider(slider, shown)


def _near_max(slider, value: float) -> bool:
    """True when the slider is in the top fifth of its range (then move it down)."""
    import ipywidgets as widgets

    position = math.log(value, slider.base) if isinstance(slider, widgets.FloatLogSlider) \
        else value
    return position > slider.min + 0.8 * (slider.max - slider.min)


class ExplorerOnPage:
    """One explorer's DOM: its sliders (by label), readout and canvas."""

    def __init__(self, page, root, spec):
        self.page, self.root, self.spec = page, root, spec
        self.model = spec.build()  # for slider names, ranges and steps
        self.by_label = {s.description: name for name, s in self.model.sliders.items()}

    def slider(self, name: str):
        label = self.model.sliders[name].description
        return self.root.locator(".widget-slider").filter(
            has=self.page.locator("label.widget-label", has_text=label)).first

    def values(self) -> dict[str, float]:
        # textContent, not innerText: a cell scrolled out of view is not laid out
        # (content-visibility) and its innerText is empty
        return {name: _value_from_readout(s, self.slider(name).locator(".widget-readout")
                                          .text_content())
                for name, s in self.model.sliders.items()}

    def readout(self) -> dict[str, str]:
        rows = self.root.locator(".mlelib-readout-row").all_text_contents()
        return _parse_readout("\n".join(rows))

    def canvas(self):
        return self.root.locator("canvas.mlelib-explorer-canvas").first

    def wait_for_picture(self) -> None:
        """The canvas holds a painted figure, not a blank or one-colour rectangle."""
        try:
            self.page.wait_for_function(
                """(el) => {
                    if (!el.dataset.frame || !el.width) return false;
                    const d = el.getContext('2d').getImageData(0, 0, el.width, el.height).data;
                    const colours = new Set();
                    for (let i = 0; i < d.length; i += 4 * 31) {
                        colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
                    }
                    return colours.size > 16;
                }""", arg=self.canvas().element_handle(), timeout=WAIT_MS)
        except Exception as exc:
            raise AssertionError(f"{self.spec.title}: the canvas never showed the figure") from exc

    def canvas_pixels(self) -> np.ndarray:
        """The canvas as an (H, W, 3) array, read back through a lossless PNG."""
        from PIL import Image

        url = self.canvas().evaluate("(el) => el.toDataURL('image/png')")
        png = base64.b64decode(url.split(",", 1)[1])
        return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))

    def wait_for_same_picture(self, values: dict[str, float]) -> None:
        """The canvas ends up showing what this process's explorer draws for ``values``."""
        self.model.set(**values)
        expected = self.model.pixels()[:, :, :3].astype(int)
        diff = None
        deadline = time.monotonic() + WAIT_MS / 1000
        while diff is None or time.monotonic() < deadline:
            shown = self.canvas_pixels().astype(int)
            if shown.shape != expected.shape:
                raise AssertionError(f"{self.spec.title}: canvas is {shown.shape[:2]}, the "
                                     f"figure {expected.shape[:2]}")
            diff = np.abs(shown - expected).max(axis=2)
            if diff.max() <= 2:
                return
            self.page.wait_for_timeout(250)
        raise AssertionError(f"{self.spec.title}: for {values} the canvas differs from the "
                             f"figure in {np.count_nonzero(diff > 2)} pixels")

    def wait_for_readout(self, expected: dict[str, str]) -> None:
        lines = [f"{k} = {v}" for k, v in expected.items()]
        try:
            self.page.wait_for_function(
                """([root, lines]) => {
                    const rows = [...root.querySelectorAll('.mlelib-readout-row')]
                        .map(r => r.textContent.replace(/\\s+/g, ' ').trim());
                    return lines.every(l => rows.includes(l));
                }""", arg=[self.root.element_handle(), lines], timeout=WAIT_MS)
        except Exception as exc:
            raise AssertionError(f"{self.spec.title}: readout {self.readout()} never showed "
                                 f"{expected}") from exc

    def check_move(self, name: str, move) -> None:
        """Apply ``move`` to slider ``name``; the readout and the picture must follow."""
        before_values = self.values()
        # canvas.js counts the frames it painted in data-frame
        before_frame = self.canvas().get_attribute("data-frame")
        before_pixels = self.canvas().screenshot()
        self.slider(name).scroll_into_view_if_needed()
        move(self.slider(name))
        self.page.wait_for_function(
            """([el, old]) => el.getAttribute('data-frame') !== old""",
            arg=[self.canvas().element_handle(), before_frame], timeout=WAIT_MS)
        after_values = self.values()
        assert after_values[name] != before_values[name], f"{name} did not move"
        self.wait_for_readout(self.spec.expected(after_values))
        self.wait_for_same_picture(after_values)
        assert self.canvas().screenshot() != before_pixels, f"moving {name} changed no pixel"

    def check_step_ahead(self, name: str, forward: bool) -> None:
        """Once the kernel has sent the next step of ``name`` ahead, a key press shows its
        readout and picture in the same task, before any message from the kernel."""
        from mlelib.canvas import position_key
        from mlelib.sliders import step_value

        slider, values = self.model.sliders[name], self.values()
        target = dict(values, **{name: step_value(slider, values[name], 1 if forward else -1)})
        key = position_key(self.model.sliders, target)
        try:
            self.page.wait_for_function(
                "([el, key]) => (el.dataset.ahead || '').split(' ').includes(key)",
                arg=[self.canvas().element_handle(), key], timeout=WAIT_MS)
        except Exception as exc:
            raise AssertionError(f"{self.spec.title}: the kernel never sent position {key} "
                                 f"({target}) ahead; it sent "
                                 f"{self.canvas().get_attribute('data-ahead')!r}") from exc
        self.slider(name).locator(".noUi-handle").first.focus()
        seen = self.page.evaluate(SAME_TASK_JS, [self.root.element_handle(),
                                                 "ArrowRight" if forward else "ArrowLeft"])
        expected = [f"{k} = {v}" for k, v in self.spec.expected(target).items()]
        assert seen["rows"] == expected, (f"{self.spec.title}: right after the key press the "
                                          f"readout showed {seen['rows']}, not {expected}")
        assert seen["shown"] == key, (f"{self.spec.title}: right after the key press the "
                                      f"canvas showed position {seen['shown']}, not {key}")
        assert self.values() == pytest.approx(target)
        self.wait_for_same_picture(target)


SAME_TASK_JS = r"""
([root, key]) => new Promise((resolve) => {
  // a bubbling listener on window runs after the slider's own key handler, in the same
  // task: nothing from the kernel can have arrived in between
  const seen = () => {
    window.removeEventListener('keydown', seen);
    const rows = [...root.querySelectorAll('.mlelib-readout-row')]
      .map(r => r.textContent.replace(/\s+/g, ' ').trim());
    resolve({rows, shown: root.querySelector('canvas.mlelib-explorer-canvas').dataset.key});
  };
  window.addEventListener('keydown', seen);
  document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key, code: key,
    bubbles: true, cancelable: true}));
})
"""


def _press(page, key_forward: bool):
    def move(slider):
        handle = slider.locator(".noUi-handle").first
        handle.focus()
        page.keyboard.press("ArrowRight" if key_forward else "ArrowLeft")
    return move


def _drag(page, forward: bool):
    def move(slider):
        handle = slider.locator(".noUi-handle").first
        track = slider.locator(".noUi-target").first.bounding_box()
        box = handle.bounding_box()
        x0, y0 = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        dx = track["width"] * 0.2 * (1 if forward else -1)
        page.mouse.move(x0, y0)
        page.mouse.down()
        for i in range(1, 11):
            page.mouse.move(x0 + dx * i / 10, y0)
        page.mouse.up()
    return move


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.name for nb in NOTEBOOKS])
def test_notebook_runs_and_sliders_follow_the_hand(browser, lab, notebook):
    specs = [s for s in all_specs() if s.notebook == notebook.name]
    context = browser.new_context(viewport={"width": 1500, "height": 1100})
    page = context.new_page()
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console_errors.append(str(e)))
    try:
        open_and_run_all(page, lab, notebook.name)
        errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        assert errors.count() == 0, f"a cell printed an error or warning: {errors.first.inner_text()}"
        explorers = page.locator(".mlelib-explorer")
        # a widget view is rendered after its cell's output arrives (the canvas's module
        # is imported first): wait for the views, then count them
        with contextlib.suppress(Exception):
            page.wait_for_function(
                "(n) => document.querySelectorAll('.mlelib-explorer').length >= n",
                arg=len(specs), timeout=WAIT_MS)
        assert explorers.count() == len(specs), (
            f"{notebook.name} shows {explorers.count()} explorers, specs list {len(specs)}")
        for i, spec in enumerate(specs):
            ex = ExplorerOnPage(page, explorers.nth(i), spec)
            ex.root.scroll_into_view_if_needed()
            # after Run All every explorer still shows its starting position: the
            # notebook's checking cells compute without moving it
            assert ex.values() == pytest.approx(ex.model.values), (
                f"{spec.title}: after Run All the sliders show {ex.values()}, "
                f"not the starting {ex.model.values}")
            ex.wait_for_readout(spec.expected(ex.values()))
            ex.wait_for_picture()
            ex.wait_for_same_picture(ex.values())
            for name, slider in ex.model.sliders.items():
                ex.check_move(name, _press(page, not _near_max(slider, ex.values()[name])))
                ex.check_move(name, _drag(page, not _near_max(slider, ex.values()[name])))
                ex.check_step_ahead(name, not _near_max(slider, ex.values()[name]))
        assert not console_errors, f"browser console errors: {console_errors}"
    except BaseException:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shot = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]', '_', notebook.stem)}.png"
        page.screenshot(path=str(shot), full_page=False)
        print(f"screenshot saved to {shot}")
        raise
    finally:
        context.close()
