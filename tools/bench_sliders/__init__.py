"""Slider latency benchmark (``make bench``): every explorer of the course against ``interact``.

What a learner feels when moving a slider is measured in JupyterLab in headless Chromium
(the browser test's harness and page driver: tests/jupyterlab_harness.py,
tests/lab_explorer.py), for every explorer in tests/explorer_specs.py and for a naive
baseline, notebook 02's figure re-created by ``ipywidgets.interactive`` and the inline
backend on every change (:mod:`bench_sliders.baseline`).  The page records, in its own
clock, key and pointer events, readout changes and pictures reaching the screen
(``probes.js``).  Per slider (:mod:`bench_sliders.measure`):

* steps: single key presses 200 ms apart (a learner tapping a key); *readout* is key ->
  readout shows the new value, *plot* is key -> new picture on screen; *ahead* is the
  share of steps the page showed from what the kernel had sent ahead;
* settle: a burst of key presses (Playwright's ``keyboard.press`` in a loop, 6-22 ms
  apart; and the same count dispatched in one task), then last key that moved the
  slider -> final readout and last picture on screen;
* drag: the handle held with the mouse and moved across a fifth of the track in 20
  pointer moves 16 ms apart; last pointer event -> final readout and picture.

In-process (:mod:`bench_sliders.inprocess`): the median ``Explorer.last_timings``.  The
machine is shared: other processes' CPU time is measured and reported.  Results: a
table on stdout and every sample in bench-results/sliders.json.

Usage: ``PYTHONPATH=tools python -m bench_sliders [--only TEXT] [--no-browser] ...``
"""

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
for _path in (str(REPO), str(REPO / "tests")):
    if _path not in sys.path:
        sys.path.insert(0, _path)
