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


# ------------------------------------------------------------- 04 MLE against MAP


# ------------------------------------------------------------- 05 negative log-likelihood
# Formerly notebook 05's checking cells: the heights explorer at three (mu, sigma), each
# data set's p explorer at three p.  Expected text from the curriculum where it gives the
# figure, otherwise computed here with scipy.stats.

def _heights_lines(mu, sigma):
    import numpy as np
    from scipy import stats

    from mlelib.datasets import heights

    ll = float(np.sum(stats.norm.logpdf(heights(), mu, sigma)))
    return {"log-likelihood": f"{ll:.4f}", "likelihood": f"{np.exp(ll):.4e}", "NLL": f"{-ll:.4f}"}


def _proportion_lines(k, n, p):
    import numpy as np
    from scipy import stats

    gradient = -k / p + (n - k) / (1 - p)
    ll = float(stats.binom.logpmf(k, n, p))
    return {"likelihood (binomial pmf)": f"{np.exp(ll):.4e}", "log-likelihood": f"{ll:.4f}",
            "NLL": f"{-ll:.4f}", "dNLL/dp": f"{round(gradient, 4) + 0.0:.4f}"}  # no "-0.0000"


CASES += [
    ("Heights: likelihood of a mean", {"mu": 168.0, "sigma": 5.0},
     {"log-likelihood": "-26.6811", "likelihood": "2.5855e-12"}),
    ("Heights: likelihood of a mean", {"mu": 170.0, "sigma": 5.0}, {"likelihood": "1.5298e-12"}),
    *[("Heights: likelihood of a mean", {"mu": mu, "sigma": s}, _heights_lines(mu, s))
      for mu, s in [(168.0, 5.0), (170.0, 5.0), (168.3, 2.6)]],
    ("Coin: 56 heads in 100 tosses", {"p": 0.5}, {"likelihood (binomial pmf)": "3.8953e-02"}),
    ("Coin: 56 heads in 100 tosses", {"p": 0.56},
     {"likelihood (binomial pmf)": "8.0165e-02", "dNLL/dp": "0.0000"}),
    ("Coin: 56 heads in 100 tosses", {"p": 0.01}, {"log-likelihood": "-192.2624"}),
    *[("Coin: 56 heads in 100 tosses", {"p": p}, _proportion_lines(56, 100, p))
      for p in [0.5, 0.56, 0.3, 0.6]],
    ("Phones: 7 Android users of 10", {"p": 0.7}, {"dNLL/dp": "0.0000"}),
    *[("Phones: 7 Android users of 10", {"p": p}, _proportion_lines(7, 10, p))
      for p in [0.5, 0.7, 0.9]],
]


# ------------------------------------------------------------- 06 conjugate priors
# Formerly notebook 06's checking cell: six slider positions of the Beta-Bernoulli
# explorer, expected text from scipy.stats.beta and the closed forms.  The MAP line is
# left out where the posterior has a parameter <= 1: its text changes with the boundary
# convention (notebook 06, "When the peak sits at an end") when the explorer adopts it.

def _beta_bernoulli_lines(alpha, beta, n, k):
    from scipy import stats

    k_used = min(k, n)                                   # a k slider above n is read as n
    a, b = alpha + k_used, beta + n - k_used
    lines = {"posterior": f"Beta({a:g}, {b:g})", "posterior mean": f"{stats.beta(a, b).mean():.4f}",
             "posterior sd": f"{stats.beta(a, b).std():.4f}",
             "MLE": f"{k_used / n:.4f}" if n > 0 else "undefined (no trials, n = 0)"}
    if a > 1 and b > 1:
        lines["MAP"] = f"{(a - 1) / (a + b - 2):.4f}"
    return lines


CASES += [
    ("Beta prior and Bernoulli data", {"alpha": 2, "beta": 2, "n": 10, "k": 7},
     {"posterior": "Beta(9, 5)", "MAP": "0.6667", "posterior mean": "0.6429"}),
    ("Beta prior and Bernoulli data", {"alpha": 2, "beta": 2, "n": 100, "k": 56},
     {"posterior": "Beta(58, 46)", "MAP": "0.5588", "posterior mean": "0.5577",
      "MLE": "0.5600"}),
    ("Beta prior and Bernoulli data", {"alpha": 20, "beta": 20, "n": 50, "k": 35},
     {"posterior mean": "0.6111"}),
    *[("Beta prior and Bernoulli data", {"alpha": a, "beta": b, "n": n, "k": k},
       _beta_bernoulli_lines(a, b, n, k))
      for a, b, n, k in [(2, 2, 10, 7), (20, 20, 10, 7), (20, 20, 500, 350), (1, 1, 0, 0),
                         (0.5, 0.5, 20, 0), (2, 2, 40, 56)]],
    ("Beta prior and Bernoulli data", {"alpha": 2, "beta": 2, "n": 40, "k": 56},
     {"data": "40 successes in 40 trials (k slider above n, so k = n)"}),
]


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
