"""docs/writing-an-explorer.md: its examples run, and make explorers that pass the checks
every course explorer passes (right numbers, exact pixels, layers repainted only by
their sliders)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from mlelib.engine.sliders import value_at

GUIDE = Path(__file__).parents[1] / "docs" / "writing-an-explorer.md"
COUNTS = [2, 4, 3, 5, 1]
DATA = [-0.4, 0.3, 1.2, 0.8, -1.1, 0.5]


@pytest.fixture(scope="module")
def guide():
    namespace = {}
    for block in re.findall(r"```python\n(.*?)```", GUIDE.read_text(), flags=re.DOTALL):
        exec(compile(block, str(GUIDE), "exec"), namespace)  # noqa: S102 - our own guide
    return namespace


def _poisson_expected(v):
    ll = stats.poisson.logpmf(COUNTS, v["rate"]).sum()
    return f"log-likelihood = {ll:.4f}\nNLL = {-ll:.4f}"


def _gaussian_expected(v):
    return f"log-likelihood = {stats.norm.logpdf(DATA, v['mu'], v['sigma']).sum():.4f}"


@pytest.mark.parametrize("build, expected", [
    (lambda g: g["poisson_rate_explorer"](COUNTS), _poisson_expected),
    (lambda g: g["gaussian_mean_explorer"](DATA), _gaussian_expected),
])
def test_the_guides_examples_are_explorers_like_the_courses(guide, build, expected):
    explorer = build(guide)
    rng = np.random.default_rng(0)
    for _ in range(6):
        for name, slider in explorer.sliders.items():
            last = round((slider.max - slider.min) / slider.step)
            slider.value = value_at(slider, int(rng.integers(0, last + 1)))
            assert explorer.readout_text == expected(explorer.values)
            diff = np.abs(explorer.pixels().astype(int) - explorer.full_draw_pixels())
            assert diff.max() <= 2, f"after moving {name}"
    paints = explorer.picture.renderer.counts["layer_paints"]
    for name in explorer.sliders:
        if name not in explorer.picture.layered_sliders:
            explorer.sliders[name].value = explorer.sliders[name].min
    assert explorer.picture.renderer.counts["layer_paints"] == paints
    assert explorer.picture.renderer.counts["full_draws"] == 1


def test_the_plain_text_line_the_guide_quotes(guide):
    text = guide["poisson_rate_explorer"](COUNTS)._repr_mimebundle_()["text/plain"]
    assert f"`{text}`" in GUIDE.read_text().replace("\n", " ")
