"""Sizes and load times of the built site's pages (the budget in docs/site.md).

For every page of ``build/site`` (or the directory given), opened from ``file://`` in
headless Chromium with every request outside the site refused: the page's own bytes,
the bytes it loads in all (page, scripts, styles, fonts), and the times from the start
of navigation until the explorers' stored start pictures are shown (*still*) and until
every explorer's canvas is live and painted (*live*): medians of ``--runs`` loads, with
the ranges.  Prints a Markdown table.

Usage: ``python tools/measure_site.py [build/site] [--runs 3]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from jupyterlab_harness import launch_browser

STATE = 'type="application/vnd.jupyter.widget-state+json"'
STILL = """() => {
  const stills = [...document.querySelectorAll('img.mlelib-site-still')];
  return stills.every((i) => i.complete && i.naturalWidth) ? performance.now() : null;
}"""
LIVE = """() => {
  const canvases = [...document.querySelectorAll('canvas.mlelib-explorer-canvas')];
  return canvases.length && canvases.every((c) => c.dataset.frame) ? performance.now() : null;
}"""


def load(browser, site: Path, page_path: Path) -> tuple[tuple[float, float] | None, int]:
    """((ms until the stills show, ms until the canvases are live) or None without
    explorers, bytes loaded)."""
    context = browser.new_context(viewport={"width": 1500, "height": 1100})
    page = context.new_page()
    loaded = []

    def only_the_site(route):
        if route.request.url.startswith(site.as_uri()):
            path = Path(route.request.url.removeprefix("file://").split("?")[0])
            loaded.append(path.stat().st_size if path.is_file() else 0)
            route.continue_()
        else:
            route.abort()

    page.route("**/*", only_the_site)
    try:
        page.goto(page_path.as_uri(), wait_until="commit")
        if STATE not in page_path.read_text(encoding="utf-8"):
            page.wait_for_load_state()
            return None, sum(loaded)
        still = page.wait_for_function(STILL, polling=10, timeout=60_000).json_value()
        live = page.wait_for_function(LIVE, polling=10, timeout=60_000).json_value()
        page.wait_for_load_state()
        return (float(still), float(live)), sum(loaded)
    finally:
        context.close()


def _median_range(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} ({min(values):.0f}–{max(values):.0f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=REPO / "build" / "site")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    site = args.site.resolve()
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = launch_browser(p)
        try:
            for page_path in sorted(site.glob("*.html")):
                runs = [load(browser, site, page_path) for _ in range(args.runs)]
                times = [t for t, _ in runs if t is not None]
                rows.append((page_path.name, page_path.stat().st_size, runs[0][1], times))
        finally:
            browser.close()
    total = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    print("| page | page MB | MB loaded | still picture ms | live explorers ms |")
    print("|---|---|---|---|---|")
    for name, own, loaded, times in rows:
        cells = [_median_range([t[i] for t in times]) if times else "no explorer"
                 for i in (0, 1)]
        print(f"| {name} | {own / 1e6:.2f} | {loaded / 1e6:.2f} | {cells[0]} | {cells[1]} |")
    print(f"\nwhole site: {total / 1e6:.1f} MB ({site})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
