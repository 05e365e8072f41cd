"""The curriculum's figures as the explorers' readouts show them.

These checks used to run in the notebooks' own cells (parsing the readout text); they
are tests, so they live here.  Each case names an explorer (by its spec's title in
tests/explorer_specs.py), slider values, and readout lines that must appear exactly,
figures taken from shared/CURRICULUM.md or computed here independently.
"""

from __future__ import annotations

import pytest
from explorer_specs import all_specs

EXPLORERS: dict[str, object] = {}


def shown(title: str, **values) -> dict[str, str]:
    """The readout (quantity -> text) of the explorer titled ``title`` at ``values``."""
    if title not in EXPLORERS:
        spec = next(s for s in all_specs() if s.title == title)
        EXPLORERS[title] = spec.build()
    _, text = EXPLORERS[title].readout_for(**values)
    return dict(line.split(" = ", 1) for line in text.splitlines())


CASES: list[tuple[str, dict, dict[str, str]]] = []

# ------------------------------------------------------------- 01 parameter space

# Sample mean and sample std (ddof 1) of the draw np.random.seed(0);
# np.random.normal(centre, spread, (n, 2)), as notebook 01 prints them for the first setting.
# The second is Exercise 1.4's position; the third moves every slider.
CASES += [
    ("Prior over parameter space", {"centre_a": 1.0, "centre_b": 0.0, "spread": 0.5, "n": 10},
     {"sample mean of a": "1.431", "sample mean of b": "0.139",
      "sample std of a": "0.341", "sample std of b": "0.488"}),
    ("Prior over parameter space", {"centre_a": 1.0, "centre_b": 0.0, "spread": 2.0, "n": 10},
     {"sample mean of a": "2.723", "sample mean of b": "0.555",
      "sample std of a": "1.363", "sample std of b": "1.952"}),
    ("Prior over parameter space", {"centre_a": -2.0, "centre_b": 3.0, "spread": 0.25, "n": 50},
     {"sample mean of a": "-1.996", "sample mean of b": "3.026",
      "sample std of a": "0.260", "sample std of b": "0.248"}),
]


# ------------------------------------------------------------- 02 likelihood of a line

# (1, 1, 0.1): the curriculum's log-likelihood -232.8102 and the product of its five
# per-point values; (0.5, 0.95): the slider position nearest the MLE (0.4849, 0.9636);
# (1, 1, 1): Exercise 2.3's position.  Values from scipy.stats.norm.logpdf, summed.
CASES += [
    ("Likelihood of a line", {"a": 1.0, "b": 1.0, "sigma": 0.1},
     {"log-likelihood": "-232.810", "likelihood": "7.7947e-102", "NLL": "232.810"}),
    ("Likelihood of a line", {"a": 0.5, "b": 0.95, "sigma": 0.1},
     {"log-likelihood": "-99.972", "likelihood": "3.8241e-44", "NLL": "99.972"}),
    ("Likelihood of a line", {"a": 0.5, "b": 1.0, "sigma": 1.0},
     {"log-likelihood": "-5.666", "likelihood": "3.4601e-03", "NLL": "5.666"}),
    ("Likelihood of a line", {"a": 1.0, "b": 1.0, "sigma": 1.0},
     {"log-likelihood": "-6.992", "likelihood": "9.1923e-04", "NLL": "6.992"}),
]


# ------------------------------------------------------------- 03 closed-form MLE


# ------------------------------------------------------------- 04 MLE against MAP


# ------------------------------------------------------------- 05 negative log-likelihood


# ------------------------------------------------------------- 06 conjugate priors


# ------------------------------------------------------------- 07 risk of an estimator


# ------------------------------------------------------------- 08 KL divergence and cross-entropy


# ------------------------------------------------------------- 09 a Poisson model


# ------------------------------------------------------------- 10 gradient descent


@pytest.mark.parametrize(("title", "values", "lines"), CASES,
                         ids=[f"{t}: {v}" for t, v, _ in CASES])
def test_the_readout_shows_the_curriculum_figure(title, values, lines):
    readout = shown(title, **values)
    for name, text in lines.items():
        assert readout[name] == text, (title, values, name)
