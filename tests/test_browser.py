"""Every notebook in a real browser: run all cells in JupyterLab, then move every slider.

For each notebook in notebooks/ this test starts from the stored file, clears its
outputs, runs every cell in JupyterLab (headless Debian Chromium, driven by Playwright),
checks that no cell shows an error or a warning, and then, for every slider of every
explorer, moves it once with the keyboard and once with a mouse drag and asserts that

(a) the panel shows the numbers that :mod:`mlelib` computes for the slider values now
    on the page (tests/explorer_specs.py computes them independently of the explorer),
    written with the explorer's formats,
(b) the pixels of the plot changed, and
(c) the canvas shows the very picture the same explorer draws in this test's process for
    those slider values (within 2 levels per channel, the rounding of the blitted top
    layer);

and that once the kernel has sent the next step ahead, a key press shows its readout
and picture in the same task.  A separate notebook checks bad input: a start outside a
slider's range and a failing readout show a message, and the sliders keep working.

The browser console must stay free of errors.  On failure a screenshot is saved under
tests/artifacts/ (git-ignored).  Without Chromium the test skips locally and fails
under CI=true, where .ci/run installs it.
"""

from __future__ import annotations

import contextlib
import math
import re

import nbformat
import numpy as np
import pytest
from explorer_specs import all_specs
from jupyterlab_harness import REPO, browser_for_tests, jupyterlab_server, open_and_run_all
from lab_explorer import WAIT_MS, ExplorerOnPage

from mlelib.engine.readout import format_rows
from mlelib.engine.sliders import position_key, step_value

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
ARTIFACTS = REPO / "tests" / "artifacts"
BAD_INPUT = "bad_input.ipynb"


@pytest.fixture(scope="module")
def browser():
    with browser_for_tests() as b:
        yield b


@pytest.fixture(scope="module")
def lab():
    with jupyterlab_server(NOTEBOOKS) as server:
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                     "language": "python"}
        nb.cells = [nbformat.v4.new_code_cell(source) for source in BAD_INPUT_CELLS]
        nbformat.write(nb, str(server.root / BAD_INPUT))
        yield server


BAD_INPUT_CELLS = [
    ("from mlelib import datasets, explorers\n"
     "explorers.line_likelihood_explorer(datasets.likelihood_line_data(), sigma=5.0)"),
    ("from mlelib.engine import Explorer, Picture, float_slider\n"
     "from mlelib.plotting import new_figure\n\n"
     "fig, ax = new_figure(1, 1, figsize=(3, 2))\n"
     "(line,) = ax.plot([0, 1], [0, 0.5])\n\n\n"
     "def readout(x):\n"
     "    if x > 0.55:\n"
     "        raise ValueError(f'x must be <= 0.55, got {x}')\n"
     "    return {'x': x}\n\n\n"
     "Explorer(Picture(fig, moving=[line], update=lambda x: line.set_ydata([0, x])),\n"
     "         {'x': float_slider('x', min=0.0, max=1.0, step=0.05, value=0.5)},\n"
     "         readout=readout, formats={'x': '.2f'}, title='fails above 0.55')"),
]


def _near_max(slider, value: float) -> bool:
    """True when the slider is in the top fifth of its range (then move it down)."""
    position = math.log(value, slider.base) if hasattr(slider, "base") else value
    return position > slider.min + 0.8 * (slider.max - slider.min)


class Checked:
    """An explorer on the page, checked against the same explorer drawn in this process."""

    def __init__(self, page, root, spec):
        self.spec, self.model = spec, spec.build()
        self.on_page = ExplorerOnPage(page, root, self.model.sliders)

    def rows(self, values: dict) -> list[str]:
        """The panel's rows for ``values``: the spec's numbers in the explorer's formats."""
        rows = format_rows(self.spec.expected(values), self.model.formats)
        return [f"{name} = {text}" for name, text in rows.items()]

    def expect(self, values: dict) -> None:
        """Readout and picture end on what the explorer shows for ``values``."""
        self.on_page.wait_for_rows(self.rows(values))
        self.model.set(**values)
        wrong = self.on_page.wait_for_pixels(self.model.pixels()[:, :, :3].astype(int))
        assert wrong == 0, (f"{self.spec.title}: for {values} the canvas differs from the "
                            f"figure in {wrong} pixels")

    def check_move(self, name: str, move) -> None:
        before_values, before_frame = self.on_page.values(), self.on_page.canvas_data("frame")
        before_pixels = self.on_page.canvas_pixels()
        move()
        self.on_page.wait_for_canvas_data("frame", changed_from=before_frame)
        after = self.on_page.values()
        assert after[name] != before_values[name], f"{name} did not move"
        self.expect(after)
        assert not np.array_equal(self.on_page.canvas_pixels(), before_pixels), \
            f"moving {name} changed no pixel"

    def check_step_ahead(self, name: str, forward: bool) -> None:
        """Once the kernel has sent the next step ahead, a key press shows its readout and
        picture in the same task, before any message from the kernel."""
        slider, values = self.model.sliders[name], self.on_page.values()
        target = dict(values, **{name: step_value(slider, values[name], 1 if forward else -1)})
        key = position_key(self.model.sliders, target)
        try:
            self.on_page.wait_for_canvas_data("ahead", contains=key)
        except Exception as exc:
            raise AssertionError(f"{self.spec.title}: the kernel never sent position {key} "
                                 f"({target}) ahead") from exc
        seen = self.on_page.key_in_same_task(name, forward)
        expected = self.rows(target)
        assert seen["rows"] == expected, (f"{self.spec.title}: right after the key press the "
                                          f"readout showed {seen['rows']}, not {expected}")
        assert seen["shown"] == key, (f"{self.spec.title}: right after the key press the "
                                      f"canvas showed position {seen['shown']}, not {key}")
        assert self.on_page.values() == pytest.approx(target)
        self.expect(target)


@contextlib.contextmanager
def _notebook_page(browser, name: str):
    context = browser.new_context(viewport={"width": 1500, "height": 1100})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        yield page, errors
    except BaseException:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shot = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]', '_', name)}.png"
        page.screenshot(path=str(shot), full_page=False)
        print(f"screenshot saved to {shot}")
        raise
    finally:
        context.close()


def _explorers(page, count: int):
    # a widget view is rendered after its cell's output arrives (the canvas's module is
    # imported first): wait for the views, then count them
    with contextlib.suppress(Exception):
        page.wait_for_function("(n) => document.querySelectorAll('.mlelib-explorer').length >= n",
                               arg=count, timeout=WAIT_MS)
    return page.locator(".mlelib-explorer")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.name for nb in NOTEBOOKS])
def test_notebook_runs_and_sliders_follow_the_hand(browser, lab, notebook):
    specs = [s for s in all_specs() if s.notebook == notebook.name]
    with _notebook_page(browser, notebook.stem) as (page, console_errors):
        open_and_run_all(page, lab, notebook.name)
        errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        assert errors.count() == 0, f"a cell printed an error or warning: {errors.first.inner_text()}"
        explorers = _explorers(page, len(specs))
        assert explorers.count() == len(specs), (
            f"{notebook.name} shows {explorers.count()} explorers, specs list {len(specs)}")
        for i, spec in enumerate(specs):
            ex = Checked(page, explorers.nth(i), spec)
            ex.on_page.root.scroll_into_view_if_needed()
            # the notebook's checking cells compute without moving the explorer
            assert ex.on_page.values() == pytest.approx(ex.model.values), (
                f"{spec.title}: after Run All the sliders show {ex.on_page.values()}")
            ex.on_page.wait_for_picture()
            ex.expect(ex.on_page.values())
            for name, slider in ex.model.sliders.items():
                forward = not _near_max(slider, ex.on_page.values()[name])
                ex.check_move(name, lambda p=ex.on_page, n=name, f=forward: p.press(n, f))
                forward = not _near_max(slider, ex.on_page.values()[name])
                ex.check_move(name, lambda p=ex.on_page, n=name, f=forward:
                              p.drag(n, 0.2 if f else -0.2))
                ex.check_step_ahead(name, not _near_max(slider, ex.on_page.values()[name]))
            for button in ex.model.buttons:  # a step_button: a click moves its slider
                name = next(n for n, s in ex.model.sliders.items()
                            if button.tooltip == f"{s.description} + 1")
                ex.check_move(name, lambda b=button, root=ex.on_page.root:
                              root.get_by_role("button", name=b.description).click())
        assert not console_errors, f"browser console errors: {console_errors}"


def test_bad_input_shows_a_message_and_the_page_stays_usable(browser, lab):
    with _notebook_page(browser, "bad_input") as (page, console_errors):
        open_and_run_all(page, lab, BAD_INPUT)
        explorers = _explorers(page, 2)
        assert explorers.count() == 2
        note = explorers.nth(0).locator(".mlelib-readout-note").first
        assert "noise σ = 5.0 is outside the slider's range [0.05, 2]" in note.text_content()
        failing = explorers.nth(1)
        assert failing.locator(".mlelib-readout-row").all_text_contents()[0].endswith("0.50")
        from mlelib.engine.sliders import float_slider

        slider = {"x": float_slider("x", min=0.0, max=1.0, step=0.05, value=0.5)}
        on_page = ExplorerOnPage(page, failing, slider)
        on_page.wait_for_picture()
        for forward, shows in ((True, "x = 0.55"), (True, "x must be <= 0.55, got 0.6"),
                               (False, "x = 0.55")):
            frame = on_page.canvas_data("frame")
            on_page.press("x", forward)
            page.wait_for_function(
                "([root, text]) => root.querySelector('.mlelib-readout-panel')"
                ".textContent.includes(text)", arg=[failing.element_handle(), shows],
                timeout=WAIT_MS)
            if shows.startswith("x = "):
                on_page.wait_for_canvas_data("frame", changed_from=frame)
        assert not console_errors, f"browser console errors: {console_errors}"
