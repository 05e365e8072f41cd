"""The static course site (``make site``) in a real browser, with no kernel and no network.

The site is built once for the module (tools/build_site.py, into a temporary directory),
then every notebook page is opened from ``file://`` in headless Chromium with every
request outside the site refused.  For every explorer, each slider is moved once with
the keyboard and once with a mouse drag, and the test asserts that

(a) the readout shows what tests/explorer_specs.py computes independently for the
    slider values now on the page,
(b) the canvas shows the very picture the same explorer draws in this test's process
    for those values (within 2 levels per channel), so the picture changed, and
(c) moving a second slider away from the positions computed at build time shows the
    nearest computed position and says so in the readout,

and that notebook 11's "new data set" button steps its slider in the page, so that the
readout and the picture of the next stored data set show with no kernel.

The Korean pages (``ko/``, built from notebooks/ko/ run in Korean) get a lighter check,
to keep the test's time down: their explorers are the English ones with other words.
Every Korean page says ``lang="ko"``, links to the same page in English (and that page
back to it) and loads the same way; one slider of its first explorer moved by a key press
shows the readout numbers the spec computes (numbers, not words: only the words are
translated).

The browser console must stay free of errors and the page must ask for nothing outside
the site.  On failure a screenshot is saved under tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from pathlib import Path

import numpy as np
import pytest
from explorer_specs import all_specs
from jupyterlab_harness import REPO, browser_for_tests, install_helpers
from lab_explorer import WAIT_MS, ExplorerOnPage

from mlelib.engine.readout import format_rows
from mlelib.engine.sliders import step_index, step_value, steps_to_end, value_at

pytestmark = [pytest.mark.browser, pytest.mark.site]

ARTIFACTS = REPO / "tests" / "artifacts"
SPECS = all_specs()
NOTEBOOKS = sorted({spec.notebook for spec in SPECS})


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The built site: $MLELIB_SITE (make test-site builds it first) or a fresh build."""
    if os.environ.get("MLELIB_SITE"):
        return Path(os.environ["MLELIB_SITE"]).resolve()
    if not (REPO / "node_modules" / "@jupyter-widgets" / "html-manager").is_dir():
        pytest.skip("node_modules is missing: run `npm ci` (make test-site does)")
    sys.path.insert(0, str(REPO / "tools"))
    import build_site

    out = tmp_path_factory.mktemp("site")
    build_site.build([REPO / "notebooks" / name for name in NOTEBOOKS], out)  # both editions
    return out


@pytest.fixture(scope="module")
def browser():
    with browser_for_tests() as b:
        yield b


@contextlib.contextmanager
def _site_page(browser, site, name: str):
    context = browser.new_context(viewport={"width": 1500, "height": 1100})
    install_helpers(context)
    page = context.new_page()
    errors: list[str] = []
    refused: list[str] = []

    def only_the_site(route):
        if route.request.url.startswith(site.as_uri()):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_site)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto((site / name).as_uri())
        yield page
        assert not refused, f"the page asked for addresses outside the site: {refused}"
        assert not errors, f"browser console errors: {errors}"
    except BaseException:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"site_{re.sub(r'[^A-Za-z0-9_.-]', '_', name)}.png"))
        raise
    finally:
        context.close()


class OnSite:
    """An explorer on a site page, checked against the same explorer drawn in-process."""

    def __init__(self, page, root, spec):
        self.spec, self.model = spec, spec.build()
        self.start = self.model.values
        self.on_page = ExplorerOnPage(page, root, self.model.sliders)

    def expect(self, values: dict, *, computed: bool = True) -> None:
        """The readout is that of ``values`` and the picture that of the position the canvas
        says it shows, the note saying so when that is not ``values``."""
        rows = [f"{k} = {text}" for k, text in
                format_rows(self.spec.expected(values), self.model.formats).items()]
        self.on_page.wait_for_rows(rows)
        note = self.on_page.root.locator(".mlelib-readout-note").first.text_content()
        pictured = self.shown_values()
        if computed:
            assert "not computed" not in note, f"{self.spec.title} at {values}: {note!r}"
        else:
            assert "not computed when the page was built" in note, (
                f"{self.spec.title} at {values}: the note says {note!r}")
        if pictured != values:
            assert "The picture is of the nearest position drawn" in note, (
                f"{self.spec.title}: the picture is of {pictured}, the sliders at {values}, "
                f"the note says {note!r}")
        elif computed:
            assert note == "", f"{self.spec.title} at {values}: unexpected note {note!r}"
        self.model.set(**pictured)
        wrong = self.on_page.wait_for_pixels(self.model.pixels()[:, :, :3].astype(int))
        assert wrong == 0, (f"{self.spec.title}: for {pictured} the canvas differs from the "
                            f"figure in {wrong} pixels")

    def shown_values(self) -> dict:
        """The slider values of the position whose picture the canvas shows."""
        key = self.on_page.canvas_data("key").split(",")
        return {name: value_at(slider, int(i))
                for (name, slider), i in zip(self.model.sliders.items(), key)}

    def move_and_check(self, name: str, how: str) -> None:
        """Move slider ``name`` (again while the picture stays: it may show a nearby
        position) and check each position; the picture must change."""
        before = self.on_page.canvas_pixels()
        for _ in range(12):
            self.expect(self.moved(name, how))
            if not np.array_equal(self.on_page.canvas_pixels(), before):
                return
        raise AssertionError(f"{self.spec.title}: moving {name} never changed the picture")

    def moved(self, name: str, how: str) -> dict:
        """Move slider ``name`` away from its end by a key press or a mouse drag; the
        values on the page after it moved."""
        slider = self.model.sliders[name]
        label = slider.description
        before = self.on_page._call("sliderReadouts")[label]
        forward = steps_to_end(slider, self.on_page.values()[name], 1) > 0
        if how == "key":
            self.on_page.press(name, forward)
        else:
            self.on_page.drag(name, 0.2 if forward else -0.2)
        self.on_page.page.wait_for_function(
            "([root, label, old]) => mlelibLab.sliderReadouts(root)[label] !== old",
            arg=[self.on_page.handle, label, before], timeout=WAIT_MS)
        return self.on_page.values()

    def back_to_start(self, name: str) -> None:
        slider, now = self.model.sliders[name], self.on_page.values()[name]
        steps = step_index(slider, now) - step_index(slider, self.start[name])
        if steps:
            self.on_page.key_burst(name, steps < 0, abs(steps))
        self.expect(self.start)


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_explorers_move_without_a_kernel(browser, site, notebook):
    specs = [s for s in SPECS if s.notebook == notebook]
    page_name = notebook.replace(".ipynb", ".html")
    with _site_page(browser, site, page_name) as page:
        page.wait_for_function("(n) => document.querySelectorAll('.mlelib-explorer').length >= n",
                               arg=len(specs), timeout=WAIT_MS)
        explorers = page.locator(".mlelib-explorer")
        assert explorers.count() == len(specs)
        for i, spec in enumerate(specs):
            ex = OnSite(page, explorers.nth(i), spec)
            ex.on_page.root.scroll_into_view_if_needed()
            ex.on_page.wait_for_picture()
            assert ex.on_page.values() == pytest.approx(ex.start)
            ex.expect(ex.start)
            for name in ex.model.sliders:
                ex.move_and_check(name, "key")
                ex.move_and_check(name, "drag")
                ex.back_to_start(name)
            if len(ex.model.sliders) > 1:
                _check_nearest(ex)


def _check_nearest(ex: OnSite) -> None:
    """Two sliders off their start: not computed, so the nearest computed position shows."""
    first, second = list(ex.model.sliders)[:2]
    ex.moved(first, "key")
    values = ex.moved(second, "key")
    shown = {name: value_at(slider, int(i)) for (name, slider), i in zip(
        ex.model.sliders.items(), ex.on_page.root.locator(".mlelib-readout-panel").first.get_attribute("data-key").split(","))}
    assert shown != values, "a position off the computed set was shown as computed"
    ex.expect(shown, computed=False)


def test_a_step_button_moves_its_slider_without_a_kernel(browser, site):
    """Notebook 11's "new data set" steps the seed slider in the page: the readout and the
    picture of the next seed show; from the slider's end a click wraps to its start."""
    spec = next(s for s in SPECS if s.title == "Coverage of four intervals")
    on_page = [s for s in SPECS if s.notebook == spec.notebook]
    with _site_page(browser, site, spec.notebook.replace(".ipynb", ".html")) as page:
        page.wait_for_function("(n) => document.querySelectorAll('.mlelib-explorer').length >= n",
                               arg=len(on_page), timeout=WAIT_MS)
        ex = OnSite(page, page.locator(".mlelib-explorer").nth(on_page.index(spec)), spec)
        ex.on_page.root.scroll_into_view_if_needed()
        ex.on_page.wait_for_picture()
        ex.expect(ex.start)
        (button,) = ex.model.buttons
        name = next(n for n, s in ex.model.sliders.items() if s is button.slider)
        click = ex.on_page.root.get_by_role("button", name=button.description)
        before = ex.on_page.canvas_pixels()
        for _ in range(3):
            want = {**ex.on_page.values(), name: step_value(button.slider,
                                                            ex.on_page.values()[name], 1)}
            click.click()
            ex.expect(want)
            assert ex.on_page.values() == pytest.approx(want)
        assert not np.array_equal(ex.on_page.canvas_pixels(), before), (
            "three new data sets never changed the picture")
        ex.on_page.focus(name)
        page.keyboard.press("End")  # the slider's last position ...
        ex.expect({**ex.start, name: button.slider.max})
        click.click()  # ... wraps to its first
        ex.expect({**ex.start, name: button.slider.min})


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_a_korean_page_loads_in_korean_and_its_readout_follows_a_slider(
        browser, site, notebook, monkeypatch):
    page_name = notebook.replace(".ipynb", ".html")
    assert f'href="ko/{page_name}" hreflang="ko"' in (site / page_name).read_text("utf-8"), (
        f"{page_name} does not link to its Korean page")
    spec = next(s for s in SPECS if s.notebook == notebook)
    monkeypatch.setenv("MLELIB_LANG", "ko")   # the explorer's labels as the Korean page has them
    with _site_page(browser, site, f"ko/{page_name}") as page:
        assert page.locator("html").get_attribute("lang") == "ko"
        english = page.locator('a.mlelib-site-language[hreflang="en"]').get_attribute("href")
        assert (site / "ko" / english).resolve() == (site / page_name).resolve()
        page.wait_for_selector(".mlelib-explorer", timeout=WAIT_MS)
        ex = OnSite(page, page.locator(".mlelib-explorer").first, spec)
        ex.on_page.root.scroll_into_view_if_needed()
        ex.on_page.wait_for_picture()
        values = ex.moved(next(iter(ex.model.sliders)), "key")
        ex.on_page.wait_for_numbers(list(format_rows(spec.expected(values),
                                                     ex.model.formats).values()))
