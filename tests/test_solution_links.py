"""In JupyterLab, an exercise's link reaches its solution at the back, and the solution's
link comes back (headings are the anchors: JupyterLab strips HTML ids from markdown).

Opens a stored notebook without running it, clicks "Solution 2.1" and "Back to exercise
2.1", and checks that the heading each one names is then on screen.  One click must do:
under JupyterLab's default windowing ("full": cells far off screen are not laid out)
the first jump lands short, so etc/jupyterlab-overrides.json sets "defer".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from jupyterlab_harness import browser_for_tests, jupyterlab_server

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "02_likelihood_of_a_line.ipynb"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page():
    with browser_for_tests() as browser, jupyterlab_server([NOTEBOOK]) as lab:
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(f"{lab.url}/lab/tree/{NOTEBOOK.name}?reset&token={lab.token}")
        # every cell laid out, the last heading included (what "defer" gives a reader
        # within a second or two of opening the notebook)
        page.wait_for_function("""() => [...document.querySelectorAll('.jp-Notebook h3')]
            .some(h => h.textContent.startsWith('Solution 2.3'))""", timeout=90_000)
        page.wait_for_timeout(1000)
        yield page
        page.close()


def _on_screen(page, heading: str) -> bool:
    return page.evaluate(
        """(text) => [...document.querySelectorAll('.jp-Notebook .jp-RenderedHTMLCommon h3,'
                      + ' .jp-Notebook .jp-RenderedHTMLCommon h6')]
            .filter(h => h.textContent.replace('¶', '').trim() === text)
            .some(h => { const r = h.getBoundingClientRect();
                         return r.bottom > 0 && r.top < window.innerHeight; })""", heading)


def test_the_exercise_links_to_its_solution_and_back(page):
    assert not _on_screen(page, "Solution 2.1")
    page.get_by_role("link", name="Solution 2.1", exact=True).click()
    page.wait_for_timeout(1500)
    assert _on_screen(page, "Solution 2.1"), "the link did not reach the solution"
    page.get_by_role("link", name="Back to exercise 2.1", exact=True).click()
    page.wait_for_timeout(1500)
    assert _on_screen(page, "Your answer to exercise 2.1"), "the link did not come back"
