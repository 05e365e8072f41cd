"""docs/writing-an-explorer.md: its examples run, and make explorers that pass the checks
every course explorer passes (right numbers, exact pixels, layers repainted only by
their sliders)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from explorer_specs import same_numbers
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
    return {"log-likelihood": ll, "NLL": -ll}


def _gaussian_expected(v):
    return {"log-likelihood": stats.norm.logpdf(DATA, v["mu"], v["sigma"]).sum()}


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
            assert same_numbers(explorer.readout.numbers, expected(explorer.values)) == []
            assert explorer.readout.rows == {name: f"{value:.4f}" for name, value
                                             in expected(explorer.values).items()}
            diff = np.abs(explorer.pixels().astype(int) - explorer.full_draw_pixels())
            assert diff.max() <= 2, f"after moving {name}"
    paints = explorer.picture.renderer.counts["layer_paints"]
    for name in explorer.sliders:
        if name not in explorer.picture.layered_sliders:
            explorer.sliders[name].value = explorer.sliders[name].min
    assert explorer.picture.renderer.counts["layer_paints"] == paints
    assert explorer.picture.renderer.counts["full_draws"] == 1


def test_the_plain_text_line_and_the_numbers_the_guide_quotes(guide):
    explorer = guide["poisson_rate_explorer"](COUNTS)
    text = explorer._repr_mimebundle_()["text/plain"]
    assert f"`{text}`" in GUIDE.read_text().replace("\n", " ")
    ll = explorer.readout_for(rate=3.0).numbers["log-likelihood"]
    quoted = f'{{"log-likelihood": {ll:.4f}..., "NLL": {-ll:.4f}...}}'
    assert quoted in GUIDE.read_text()
