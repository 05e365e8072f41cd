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


# ------------------------------------------------------------- 02 likelihood of a line


# ------------------------------------------------------------- 03 closed-form MLE
# The NLL explorer (sliders a, b in steps of 0.01, sigma in steps of 0.05).  The curriculum
# gives the NLL at the MLE (10.55 at sigma = 0.5, 1.2325e+02 at sigma = 0.1); the NLL and
# its derivatives at the other points are written out here with numpy, apart from mlelib.

def _nll_03_readout(a, b, sigma):
    import numpy as np

    from mlelib.datasets import closed_form_line_data

    x, y = closed_form_line_data()
    X = np.column_stack([x, np.ones_like(x)])

    def nll(theta):
        r = y - X @ theta
        return x.size / 2 * np.log(2 * np.pi * sigma**2) + np.sum(r**2) / (2 * sigma**2)

    theta = np.array([a, b])
    best = nll(np.linalg.lstsq(X, y, rcond=None)[0])
    d_da, d_db = -(X.T @ (y - X @ theta)) / sigma**2
    return {"NLL": f"{nll(theta):.3f}", "NLL at the MLE": f"{best:.3f}",
            "NLL − NLL at the MLE": f"{nll(theta) - best:.3f}",
            "dNLL/da": f"{d_da:.3f}", "dNLL/db": f"{d_db:.3f}"}


CASES += [
    # where the explorer starts: the true line
    ("NLL and its gradient", {"a": 1.0, "b": 1.0, "sigma": 0.5},
     {**_nll_03_readout(1.0, 1.0, 0.5), "NLL at the MLE": "10.553"}),
    # the slider positions nearest the MLE: both derivatives below 0.5 ("What to try")
    ("NLL and its gradient", {"a": 0.86, "b": 1.28, "sigma": 0.5},
     {"NLL at the MLE": "10.553", "NLL − NLL at the MLE": "0.001",
      "dNLL/da": "0.254", "dNLL/db": "-0.373"}),
    # sigma = 0.1: the NLL at the MLE is the 1.2325e+02 of the curriculum
    ("NLL and its gradient", {"a": 0.86, "b": 1.28, "sigma": 0.1},
     {**_nll_03_readout(0.86, 1.28, 0.1), "NLL at the MLE": "123.250"}),
    ("NLL and its gradient", {"a": 1.5, "b": 0.5, "sigma": 0.1},
     _nll_03_readout(1.5, 0.5, 0.1)),
]

# ------------------------------------------------------------- 04 MLE against MAP
# The tau explorer (log10 tau in steps of 0.05 on a grid through 0.04).  The curriculum
# gives the MAP at tau = 0.04 and the MLE (reached at tau = 10); the other positions are
# ridge solves written out here.  Off-grid values snap: 0.001 -> 0.001005, 0.1 -> 0.1005.

def _map_04_readout(tau):
    import numpy as np

    from mlelib.datasets import outlier_line_data

    x, y = outlier_line_data()
    X = np.column_stack([x, np.ones_like(x)])
    lam = 0.1**2 / tau**2
    theta = np.linalg.solve(X.T @ X + lam * np.eye(2), X.T @ y)
    r = y - X @ theta
    nll = x.size / 2 * np.log(2 * np.pi * 0.1**2) + np.sum(r**2) / (2 * 0.1**2)
    penalty = np.sum(theta**2) / (2 * tau**2)
    return {"λ (σ²/τ²)": f"{lam:.4e}", "MAP slope": f"{theta[0]:.4f}",
            "MAP intercept": f"{theta[1]:.4f}", "NLL": f"{nll:.4e}",
            "negative log prior": f"{penalty:.4e}",
            "NLL + negative log prior": f"{nll + penalty:.4e}"}


def _tau_grid_04(steps):
    """The tau slider's value ``steps`` steps of 0.05 (in log10) away from 0.04."""
    import math

    return 10 ** (math.log10(0.04) + steps * 0.05)


CASES += [
    ("MAP against the prior scale", {"tau": 0.04},
     {"λ (σ²/τ²)": "6.2500e+00", "MAP slope": "1.1719", "MAP intercept": "1.6628",
      "NLL": "4.6645e+03"}),
    ("MAP against the prior scale", {"tau": 10.0},
     {"MAP slope": "1.4748", "MAP intercept": "2.4784", "NLL": "4.1298e+03"}),
    ("MAP against the prior scale", {"tau": 0.001}, _map_04_readout(_tau_grid_04(-32))),
    ("MAP against the prior scale", {"tau": 0.1}, _map_04_readout(_tau_grid_04(8))),
    ("MAP against the prior scale", {"tau": 10.0}, _map_04_readout(_tau_grid_04(48))),
]


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
