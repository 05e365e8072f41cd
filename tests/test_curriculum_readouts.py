"""The curriculum's figures as the explorers' readouts show them.

These checks used to run in the notebooks' own cells; they are tests, so they live here.
Each case names an explorer (by its spec's title in tests/explorer_specs.py), slider
values, and the text some rows of its panel must show exactly: figures of the course's
curriculum (each group below says which) or computed here independently.
"""

from __future__ import annotations

import pytest
from explorer_specs import all_specs

EXPLORERS: dict[str, object] = {}


def shown(title: str, **values) -> dict[str, str]:
    """The panel's rows (quantity -> text) of the explorer titled ``title`` at ``values``."""
    if title not in EXPLORERS:
        spec = next(s for s in all_specs() if s.title == title)
        EXPLORERS[title] = spec.build()
    return EXPLORERS[title].readout_for(**values).rows


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
# explorer, expected text from scipy.stats.beta and the closed forms.  Where a posterior
# parameter is <= 1 the MAP follows notebook 06's "When the peak sits at an end": the
# boundary cases are written out below.

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
    # Beta(0.5, 20.5): highest at p = 0; Beta(20.5, 0.5): at 1; Beta(1, 1) flat;
    # Beta(1, 1.5) after no trials from Beta(1, 1.5): at 0, where the density is finite
    ("Beta prior and Bernoulli data", {"alpha": 0.5, "beta": 0.5, "n": 20, "k": 0},
     {"posterior": "Beta(0.5, 20.5)", "MAP": "0.0000"}),
    ("Beta prior and Bernoulli data", {"alpha": 0.5, "beta": 0.5, "n": 20, "k": 20},
     {"posterior": "Beta(20.5, 0.5)", "MAP": "1.0000"}),
    ("Beta prior and Bernoulli data", {"alpha": 1, "beta": 1, "n": 0, "k": 0},
     {"posterior": "Beta(1, 1)", "MAP": "undefined (flat, or both posterior parameters below 1)"}),
    ("Beta prior and Bernoulli data", {"alpha": 0.5, "beta": 0.5, "n": 0, "k": 0},
     {"posterior": "Beta(0.5, 0.5)", "MAP": "undefined (flat, or both posterior parameters below 1)"}),
    ("Beta prior and Bernoulli data", {"alpha": 1, "beta": 1.5, "n": 0, "k": 0},
     {"posterior": "Beta(1, 1.5)", "MAP": "0.0000"}),
]


# ------------------------------------------------------------- 07 risk of an estimator
# The risk explorer (true p in steps of 0.01, n, prior alpha = beta in steps of 0.5).  The
# curriculum's risks at n = 10, alpha = 2 (0.0250, 0.01736, 0.01276 at p = 0.5; 0.0090,
# 0.01069, 0.01765 at p = 0.9) and at n = 100, p = 0.3 (0.002100, 0.002034, 0.002001),
# shown by the readout to 6 decimals; other positions as sums over k written out here.

def _risk_07_lines(p, n, alpha):
    import numpy as np
    from scipy import stats

    k = np.arange(n + 1)
    weights = stats.binom.pmf(k, n, p)
    lines = {}
    for name, c, d in [("MLE", 0, 0), ("MAP", alpha - 1, 2 * alpha - 2),
                       ("posterior mean", alpha, 2 * alpha)]:
        risk = np.sum(weights * ((k + c) / (n + d) - p) ** 2)
        lines[f"{name} risk"] = f"{risk:.6f}"
    return lines


CASES += [
    ("Risk of three estimators", {"p": 0.5, "n": 10, "alpha": 2.0},
     {"MLE risk": "0.025000", "MAP risk": "0.017361", "posterior mean risk": "0.012755",
      "MLE bias²": "0.000000", "MAP bias²": "0.000000", "posterior mean bias²": "0.000000"}),
    ("Risk of three estimators", {"p": 0.9, "n": 10, "alpha": 2.0},
     {"MLE risk": "0.009000", "MAP risk": "0.010694", "posterior mean risk": "0.017653"}),
    ("Risk of three estimators", {"p": 0.3, "n": 100, "alpha": 2.0},
     {"MLE risk": "0.002100", "MAP risk": "0.002034", "posterior mean risk": "0.002001"}),
    # notebook 07's table at p = 0.9: biases (1 - 2p)/12 and (2 - 4p)/14, MAP variance
    # n p (1 - p) / 12^2
    ("Risk of three estimators", {"p": 0.9, "n": 10, "alpha": 2.0},
     {"MAP bias²": f"{(0.8 / 12) ** 2:.6f}", "posterior mean bias²": f"{(1.6 / 14) ** 2:.6f}",
      "MAP variance": f"{10 * 0.9 * 0.1 / 12 ** 2:.6f}"}),
    # alpha = sqrt(n)/2: the posterior mean's risk is 1/(4 (sqrt(n) + 1)^2) at every p
    *[("Risk of three estimators", {"p": p, "n": 100, "alpha": 5.0},
       {"posterior mean risk": f"{1 / (4 * 11 ** 2):.6f}"}) for p in (0.0, 0.1, 0.5, 0.97)],
    *[("Risk of three estimators", {"p": p, "n": n, "alpha": a}, _risk_07_lines(p, n, a))
      for p, n, a in [(0.3, 10, 1.0), (0.8, 10, 2.0), (0.05, 37, 12.5), (1.0, 500, 20.0)]],
]


# ------------------------------------------------------------- 08 KL divergence and cross-entropy
# The cross-entropy explorer (the coin, 56 heads in 100; p in steps of 0.01): the
# curriculum's figures, the KL 0.0072174 at p = 0.5 as n × KL = 0.72174 = ln 2.0580, 05's
# likelihood ratio; other positions from scipy.stats.binom (n KL = log L(0.56) - log L(p)).

def _cross_entropy_08_lines(p):
    import numpy as np
    from scipy import stats

    nll_per_toss = -(56 * stats.bernoulli.logpmf(1, p) + 44 * stats.bernoulli.logpmf(0, p)) / 100
    n_kl = stats.binom.logpmf(56, 100, 0.56) - stats.binom.logpmf(56, 100, p)
    return {"cross-entropy H(p̃, p)": f"{nll_per_toss:.6f}", "n × KL": f"{n_kl:.5f}",
            "likelihood ratio L(0.56) / L(p)": f"{np.exp(n_kl):.4e}"}


CASES += [
    *[("Cross-entropy = entropy + KL", {"p": p},
       {"cross-entropy H(p̃, p)": cross, "entropy H(p̃)": "0.685930", "KL(p̃ ‖ p)": kl})
      for p, cross, kl in [(0.3, "0.831162", "0.145232"), (0.5, "0.693147", "0.007217"),
                           (0.56, "0.685930", "0.000000"), (0.7, "0.729486", "0.043556")]],
    ("Cross-entropy = entropy + KL", {"p": 0.5},
     {"n × KL": "0.72174", "likelihood ratio L(0.56) / L(p)": "2.0580e+00"}),
    ("Cross-entropy = entropy + KL", {"p": 0.56},
     {"n × KL": "0.00000", "likelihood ratio L(0.56) / L(p)": "1.0000e+00"}),
    *[("Cross-entropy = entropy + KL", {"p": p}, _cross_entropy_08_lines(p))
      for p in (0.01, 0.3, 0.46, 0.66, 0.99)],
]


# ------------------------------------------------------------- 09 a Poisson model
# The lambda explorer at the MLE 2.21 (the curriculum's log-likelihood, expected count at
# 0, and the deviance from its saturated log-likelihood -119.0201) and at two other rates,
# computed here with scipy.stats.

def _siblings_lines(rate):
    import numpy as np
    from scipy import stats

    from mlelib.datasets import siblings

    values, counts = siblings()
    ll = float(np.sum(counts * stats.poisson.logpmf(values, rate)))
    saturated = float(np.sum(counts[counts > 0] * np.log(counts[counts > 0] / 100)))
    return {"log-likelihood": f"{ll:.4f}", "deviance": f"{2 * (saturated - ll):.4f}",
            "expected with 0": f"{100 * np.exp(-rate):.2f}"}


CASES += [
    ("Siblings: a Poisson model", {"rate": 2.21},
     {"log-likelihood": "-150.6892", "expected with 0": "10.97",
      "deviance": f"{2 * (-119.020078 + 150.689198):.4f}"}),
    *[("Siblings: a Poisson model", {"rate": r}, _siblings_lines(r)) for r in [1.21, 2.21, 3.0]],
]

# ------------------------------------------------------------- 10 gradient descent
# Notebook 03's line, sigma = 0.5, from (0, 0): 200 steps of eta = 0.01 reach the
# curriculum's MLE (0.8578, 1.2847); eta = 10^-1.7 > 2 / 117.89 leaves the box at step 9.

CASES += [
    ("Gradient descent on a line", {"learning_rate": 0.01, "steps": 200},
     {"step": "200 of 200", "θ_t": "(0.8578, 1.2847)", "|gradient|": "0.0000"}),
    ("Gradient descent on a line", {"learning_rate": 10 ** -1.7, "steps": 50},
     {"step": "8 (diverged: step 9 leaves the box)"}),
    ("Gradient descent on a line", {"learning_rate": 0.01, "steps": 0},
     {"step": "0 of 0", "θ_t": "(0.0000, 0.0000)"}),
]

# ------------------------------------------------------------- 11 intervals and coverage
# The curriculum's table of exact coverages of the four 95 % intervals.

_COVERAGE_11 = {(10, 0.9): ("0.6497", "0.9298", "0.9872", "0.9298"),
                (100, 0.5): ("0.9431", "0.9431", "0.9431", "0.9431"),
                (100, 0.05): ("0.8775", "0.9659", "0.9347", "0.9659")}
_RULES_11 = ("Wald", "Wilson", "likelihood-ratio", "Beta(1, 1) credible")

CASES += [
    ("Coverage of four intervals", {"n": n, "p": p, "level": 0.95},
     {f"{rule}: exact coverage": text for rule, text in zip(_RULES_11, texts)})
    for (n, p), texts in _COVERAGE_11.items()
]


@pytest.mark.parametrize(("title", "values", "lines"), CASES,
                         ids=[f"{t}: {v}" for t, v, _ in CASES])
def test_the_readout_shows_the_curriculum_figure(title, values, lines):
    readout = shown(title, **values)
    for name, text in lines.items():
        assert readout[name] == text, (title, values, name)
