"""Notebook 05's figure (mlelib.figures): probability as an area, likelihood as heights.

The figure only draws what it is given; the test checks that the shaded area covers the
interval asked for, that every observation has its stem at the height passed in, and
that both numbers and the axes are labelled.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import LineCollection, PolyCollection
from scipy import stats

from mlelib import datasets
from mlelib.figures import area_and_heights


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_area_and_heights_shades_the_interval_and_stems_every_observation():
    h = datasets.heights()
    model = stats.norm(168.0, 5.0)
    grid = np.linspace(150.0, 186.0, 721)
    probability = model.cdf(170.0) - model.cdf(165.0)
    heights = model.pdf(h)
    fig = area_and_heights(grid, model.pdf(grid), interval=(165.0, 170.0),
                           probability=probability, data=h, data_density=heights,
                           likelihood=np.prod(heights), xlabel="height (cm)",
                           ylabel="density (1/cm)")
    left, right = fig.axes
    shaded = [c for c in left.collections if isinstance(c, PolyCollection)]
    assert len(shaded) == 1
    xs = shaded[0].get_paths()[0].vertices[:, 0]
    assert xs.min() == pytest.approx(165.0) and xs.max() == pytest.approx(170.0)
    assert f"{probability:.4f}" in left.get_title()
    stems = [c for c in right.collections if isinstance(c, LineCollection)]
    assert len(stems) == 1
    segments = stems[0].get_segments()
    assert len(segments) == h.size
    tops = sorted((seg[0, 0], seg[1, 1]) for seg in segments)
    assert np.allclose(tops, sorted(zip(h, heights)))
    assert f"{np.prod(heights):.4e}" in right.get_title()
    for ax in (left, right):
        assert ax.get_xlabel() == "height (cm)"
        assert len(ax.get_legend().get_texts()) == 2
    assert left.get_ylabel() == "density (1/cm)"
