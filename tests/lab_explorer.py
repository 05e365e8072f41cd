"""Driving one explorer in a JupyterLab page with Playwright: the browser test's and the
slider benchmark's only copy of this code (JavaScript side: tests/js/lab_page.js, loaded
by :func:`jupyterlab_harness.open_and_run_all`).

Sliders are found by their label, moved with the keyboard (one step per key press, the
most reliable way) or the mouse, and read from their ``.widget-readout``: the handle's
``aria-valuenow`` can lag the value (on a slider of step 0.05 at 1.00, one ArrowRight
left it at "1.0" while the widget and the kernel had 1.05).
"""

from __future__ import annotations

import base64
import io
import time

import numpy as np

from mlelib.engine.sliders import snap_to_slider

WAIT_MS = 15_000


def key_name(forward: bool) -> str:
    return "ArrowRight" if forward else "ArrowLeft"


class ExplorerOnPage:
    """One ``.mlelib-explorer`` on ``page``; ``sliders`` are the kernel-side slider models
    of the same explorer (for labels, ranges and steps)."""

    def __init__(self, page, root, sliders: dict):
        self.page, self.root, self.sliders = page, root, dict(sliders)
        self.handle = root.element_handle()

    def _call(self, method: str, *args):
        return self.page.evaluate(f"([root, ...args]) => mlelibLab.{method}(root, ...args)",
                                  [self.handle, *args])

    def values(self) -> dict[str, float]:
        """The slider values the page shows, snapped to each slider's grid."""
        shown = self._call("sliderReadouts")
        out = {}
        for name, slider in self.sliders.items():
            text = shown.get(slider.description)
            if text is None:
                raise AssertionError(f"slider {slider.description!r} is not on the page "
                                     f"(found {sorted(shown)})")
            out[name] = snap_to_slider(slider, float(text.replace("\u2212", "-")))
        return out

    def readout_rows(self) -> list[str]:
        return self._call("readoutRows")

    def canvas(self):
        return self.root.locator("canvas.mlelib-explorer-canvas").first

    def canvas_data(self, name: str) -> str | None:
        return self.canvas().get_attribute(f"data-{name}")

    def canvas_pixels(self) -> np.ndarray:
        """The canvas as an (H, W, 3) array, read back through a lossless PNG."""
        from PIL import Image

        url = self.canvas().evaluate("(el) => el.toDataURL('image/png')")
        png = base64.b64decode(url.split(",", 1)[1])
        return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))

    def focus(self, name: str) -> None:
        if not self._call("focusHandle", self.sliders[name].description):
            raise AssertionError(f"cannot focus the handle of {self.sliders[name].description!r}")

    def press(self, name: str, forward: bool) -> None:
        self.focus(name)
        self.page.keyboard.press(key_name(forward))

    def key_in_same_task(self, name: str, forward: bool) -> dict:
        """Press a key; the readout rows and canvas position seen in that same task."""
        self.focus(name)
        return self._call("keyInSameTask", key_name(forward))

    def key_burst(self, name: str, forward: bool, count: int) -> None:
        """``count`` synthetic key presses dispatched in one task."""
        self.focus(name)
        self.page.evaluate("([k, n]) => mlelibLab.keyBurst(k, n)", [key_name(forward), count])

    def drag(self, name: str, fraction: float, *, moves: int = 10, pause_ms: float = 0) -> None:
        """Hold the handle and move it by ``fraction`` of the track in ``moves`` moves."""
        slider = self.root.locator(".widget-slider").filter(
            has=self.page.locator("label.widget-label", has_text=self.sliders[name].description)
        ).first
        slider.scroll_into_view_if_needed()
        box = slider.locator(".noUi-handle").first.bounding_box()
        track = slider.locator(".noUi-target").first.bounding_box()
        x0, y0 = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        mouse = self.page.mouse
        mouse.move(x0, y0)
        mouse.down()
        for i in range(1, moves + 1):
            mouse.move(x0 + track["width"] * fraction * i / moves, y0)
            if pause_ms:
                self.page.wait_for_timeout(pause_ms)
        mouse.up()

    def wait_for_rows(self, lines: list[str], timeout: float = WAIT_MS) -> None:
        try:
            self.page.wait_for_function(
                "([root, lines]) => { const rows = mlelibLab.readoutRows(root);"
                " return lines.every(l => rows.includes(l)); }",
                arg=[self.handle, lines], timeout=timeout)
        except Exception as exc:
            raise AssertionError(f"the readout {self.readout_rows()} never showed {lines}") \
                from exc

    def wait_for_numbers(self, numbers: list[str], timeout: float = WAIT_MS) -> None:
        """Wait until the readout's rows show ``numbers`` (as formatted), in order: the
        check for an edition whose words are translated."""
        try:
            self.page.wait_for_function(
                "([root, want]) => JSON.stringify(mlelibLab.readoutNumbers(root))"
                " === JSON.stringify(want)", arg=[self.handle, numbers], timeout=timeout)
        except Exception as exc:
            raise AssertionError(f"the readout's numbers {self._call('readoutNumbers')} "
                                 f"never were {numbers}") from exc

    def wait_for_picture(self, timeout: float = WAIT_MS) -> None:
        try:
            self.page.wait_for_function("(root) => mlelibLab.hasPicture(root)", arg=self.handle,
                                        timeout=timeout)
        except Exception as exc:
            raise AssertionError("the canvas never showed the figure") from exc

    def wait_for_canvas_data(self, name: str, changed_from: str | None = None,
                             contains: str | None = None, timeout: float = WAIT_MS) -> None:
        """Wait until the canvas' ``data-<name>`` differs from ``changed_from`` or lists
        ``contains`` (space-separated)."""
        self.page.wait_for_function(
            "([el, name, old, item]) => { const v = el.dataset[name] || '';"
            " return item === null ? v !== (old || '') : v.split(' ').includes(item); }",
            arg=[self.canvas().element_handle(), name, changed_from, contains], timeout=timeout)

    def wait_for_pixels(self, expected: np.ndarray, timeout: float = WAIT_MS) -> int:
        """Wait until the canvas equals ``expected`` (RGB, within 2 levels); 0 or the count
        of pixels still differing at the deadline."""
        deadline = time.monotonic() + timeout / 1000
        while True:
            shown = self.canvas_pixels().astype(int)
            if shown.shape != expected.shape:
                raise AssertionError(f"the canvas is {shown.shape[:2]}, the figure "
                                     f"{expected.shape[:2]}")
            wrong = int(np.count_nonzero(np.abs(shown - expected).max(axis=2) > 2))
            if wrong == 0 or time.monotonic() > deadline:
                return wrong
            self.page.wait_for_timeout(250)
