"""The Korean edition in a real JupyterLab, configured as ``make lab LANG=ko`` configures it.

One notebook of notebooks/ko/ (09, one explorer with one slider, quick to run) is served
by a JupyterLab whose user settings are etc/jupyterlab-ko/ (the same files make lab
copies) with the notebook's folder's language file beside it.  The test checks that

(a) JupyterLab's menu bar is in Korean (파일, 편집, 실행 ...: the language pack is
    installed and the settings name its locale), and Run All works from the Korean menus;
(b) the notebook runs without an error or a warning;
(c) the explorer's sliders carry the labels the same explorer gets in Korean in this
    process (MLELIB_LANG=ko), so the kernel ran in Korean, and a slider dragged with the
    mouse shows, in the readout, the numbers that tests/explorer_specs.py computes for its
    new value (the numbers, not the words: only the words are translated), and the
    picture changes.

tests/test_browser.py does the full check of every explorer in English; the code cells
of the Korean edition are the same.  On failure a screenshot is saved under
tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import pytest
from explorer_specs import all_specs
from jupyterlab_harness import REPO, browser_for_tests, jupyterlab_server, open_and_run_all
from lab_explorer import WAIT_MS, ExplorerOnPage
from test_browser import _near_max, _notebook_page

from mlelib.engine.readout import format_rows

pytestmark = pytest.mark.browser

NOTEBOOK = REPO / "notebooks" / "ko" / "09_poisson_siblings.ipynb"


@pytest.fixture(scope="module")
def browser():
    with browser_for_tests() as b:
        yield b


def test_the_korean_edition_runs_in_a_korean_jupyterlab(browser, monkeypatch):
    (spec,) = [s for s in all_specs() if s.notebook == NOTEBOOK.name]
    monkeypatch.setenv("MLELIB_LANG", "ko")   # the explorer's labels as the kernel makes them
    model = spec.build()
    with jupyterlab_server([NOTEBOOK], language="ko") as lab, \
            _notebook_page(browser, "ko_" + NOTEBOOK.stem) as (page, console_errors):
        open_and_run_all(page, lab, NOTEBOOK.name)
        menus = page.locator(".lm-MenuBar-itemLabel").all_text_contents()
        assert {"파일", "편집", "실행", "커널"} <= set(menus), f"the menu bar reads {menus}"
        stderr = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        assert stderr.count() == 0, f"a cell printed an error or warning: {stderr.first.inner_text()}"
        page.wait_for_selector(".mlelib-explorer", timeout=WAIT_MS)
        on_page = ExplorerOnPage(page, page.locator(".mlelib-explorer").first, model.sliders)
        on_page.root.scroll_into_view_if_needed()
        on_page.wait_for_picture()
        on_page.wait_for_numbers(list(format_rows(spec.expected(model.values),
                                                  model.formats).values()))
        (name, slider), = model.sliders.items()
        before_value, before_pixels = on_page.values()[name], on_page.canvas_pixels()
        frame = on_page.canvas_data("frame")
        on_page.drag(name, -0.2 if _near_max(slider, before_value) else 0.2)
        on_page.wait_for_canvas_data("frame", changed_from=frame)
        values = on_page.values()
        assert values[name] != before_value, f"dragging {slider.description!r} did not move it"
        on_page.wait_for_numbers(list(format_rows(spec.expected(values), model.formats).values()))
        assert (on_page.canvas_pixels() != before_pixels).any(), "the picture did not change"
        assert not console_errors, f"browser console errors: {console_errors}"
