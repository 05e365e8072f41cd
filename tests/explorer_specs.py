"""What every explorer of the course must show, computed independently of the explorer.

One :class:`ExplorerSpec` per explorer, keyed by notebook.  ``build`` makes the explorer
exactly as its notebook does; ``expected`` maps slider values to the numbers of the
readout a learner must see (quantity -> number, a tuple of numbers, or None where the
quantity is undefined), computed from :mod:`mlelib`'s core functions, scipy or closed
forms (never from the explorer's own functions).  The in-process tests
(tests/test_explorers.py), the browser test (tests/test_browser.py) and the slider
benchmark use this table; :func:`same_numbers` compares a readout's numbers with them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from mlelib import datasets, explorers, likelihoods


@dataclass(frozen=True)
class ExplorerSpec:
    notebook: str
    title: str
    build: Callable[[], object]
    expected: Callable[[dict], dict[str, object]]


def same_numbers(shown: dict, expected: dict) -> list[str]:
    """The quantities whose numbers differ (relative 1e-9, or 1e-12 near zero); [] if none.

    Tuples compare element by element; None, bools and ints must be equal.  Numbers that
    are zero in exact arithmetic (a derivative at its root) come out as rounding noise
    near 1e-14 from either side, hence the absolute floor.
    """
    if set(shown) != set(expected):
        return [f"quantities {sorted(shown)} != {sorted(expected)}"]
    return [f"{name}: {shown[name]!r} != {expected[name]!r}" for name in expected
            if not _close(shown[name], expected[name])]


def _close(a, b) -> bool:
    if isinstance(b, tuple):
        return isinstance(a, tuple) and len(a) == len(b) and all(map(_close, a, b))
    if a is None or b is None or isinstance(b, bool | int):
        return a == b and (a is None) == (b is None)
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


# ---------------------------------------------------------------- 01 parameter space

def _parameter_prior_expected(v: dict) -> dict[str, float]:
    # The explorer shows centre + spread * z[:n] with z drawn once from RandomState(0);
    # the legacy stream makes that the same as drawing the n points afresh.
    theta = datasets.sample_parameters(v["n"], seed=0, centre=(v["centre_a"], v["centre_b"]),
                                       spread=v["spread"])
    a, b = theta[:, 0], theta[:, 1]
    return {"sample mean of a": np.mean(a), "sample mean of b": np.mean(b),
            "sample std of a": np.std(a, ddof=1), "sample std of b": np.std(b, ddof=1)}


SPECS_01 = [
    ExplorerSpec("01_parameter_space.ipynb", "Prior over parameter space",
                 lambda: explorers.parameter_prior_explorer(centre_a=1.0, centre_b=0.0,
                                                            spread=0.5, n=10, seed=0),
                 _parameter_prior_expected),
]

# ---------------------------------------------------------------- 02 likelihood of a line

def _line_likelihood_expected(v: dict) -> dict[str, float]:
    from scipy import stats

    x, y = datasets.likelihood_line_data()
    logpdf = stats.norm.logpdf(y, v["a"] * x + v["b"], v["sigma"])
    return {"log-likelihood": np.sum(logpdf), "likelihood": np.prod(np.exp(logpdf)),
            "NLL": -np.sum(logpdf)}


SPECS_02 = [
    ExplorerSpec("02_likelihood_of_a_line.ipynb", "Likelihood of a line",
                 lambda: explorers.line_likelihood_explorer(datasets.likelihood_line_data(),
                                                            sigma=0.1, a=1.0, b=1.0),
                 _line_likelihood_expected),
]

# ---------------------------------------------------------------- 03 closed-form MLE

def _nll_profile_expected(v: dict) -> dict[str, float]:
    from mlelib.estimators import least_squares_line

    x, y = datasets.closed_form_line_data()
    fit = least_squares_line(x, y)
    nll = likelihoods.line_nll(x, y, v["a"], v["b"], v["sigma"])
    nll_min = likelihoods.line_nll(x, y, fit.slope, fit.intercept, v["sigma"])
    da, db = likelihoods.line_nll_grad(x, y, v["a"], v["b"], v["sigma"])
    return {"NLL": nll, "NLL at the MLE": nll_min, "NLL − NLL at the MLE": nll - nll_min,
            "dNLL/da": da, "dNLL/db": db}


SPECS_03 = [
    ExplorerSpec("03_closed_form_mle.ipynb", "NLL and its gradient",
                 lambda: explorers.nll_profile_explorer(datasets.closed_form_line_data(),
                                                        sigma=0.5, a=1.0, b=1.0),
                 _nll_profile_expected),
]

# ---------------------------------------------------------------- 04 MLE against MAP

def _map_prior_scale_expected(v: dict) -> dict[str, float]:
    from mlelib import estimators

    x, y = datasets.outlier_line_data()
    sigma, tau = 0.1, v["tau"]
    fit = estimators.ridge_map(x, y, sigma=sigma, tau=tau)
    nll = likelihoods.line_nll(x, y, fit.slope, fit.intercept, sigma)
    # negative log prior of N(0, tau^2 I) without its constant log(2 pi tau^2)
    neg_log_prior = (fit.slope ** 2 + fit.intercept ** 2) / (2 * tau ** 2)
    return {"λ (σ²/τ²)": sigma ** 2 / tau ** 2, "MAP slope": fit.slope,
            "MAP intercept": fit.intercept, "NLL": nll, "negative log prior": neg_log_prior,
            "NLL + negative log prior": nll + neg_log_prior}


SPECS_04 = [
    ExplorerSpec("04_mle_vs_map.ipynb", "MAP against the prior scale",
                 lambda: explorers.map_prior_scale_explorer(datasets.outlier_line_data(),
                                                            sigma=0.1, tau=0.04, n_outliers=2),
                 _map_prior_scale_expected),
]

# ---------------------------------------------------------------- 05 NLL: heights, coin, OS

def _heights_expected(v: dict) -> dict[str, float]:
    from scipy import stats

    ll = np.sum(stats.norm.logpdf(datasets.heights(), v["mu"], v["sigma"]))
    return {"log-likelihood": ll, "likelihood": np.exp(ll), "NLL": -ll}


def _proportion_expected(data) -> Callable[[dict], dict[str, float]]:
    def expected(v: dict) -> dict[str, float]:
        from scipy import stats

        k, n, p = data.k, data.n, v["p"]
        ll = stats.binom.logpmf(k, n, p)  # with log C(n, k)
        return {"likelihood (binomial pmf)": stats.binom.pmf(k, n, p), "log-likelihood": ll,
                "NLL": -ll, "dNLL/dp": -k / p + (n - k) / (1 - p)}
    return expected


SPECS_05 = [
    ExplorerSpec("05_negative_log_likelihood.ipynb", "Heights: likelihood of a mean",
                 lambda: explorers.heights_explorer(datasets.heights(), mu=168.0, sigma=5.0),
                 _heights_expected),
    ExplorerSpec("05_negative_log_likelihood.ipynb", "Coin: 56 heads in 100 tosses",
                 lambda: explorers.proportion_explorer(
                     *datasets.coin(), p=0.5, p_label="P(heads) p",
                     title="Coin: 56 heads in 100 tosses"),
                 _proportion_expected(datasets.coin())),
    ExplorerSpec("05_negative_log_likelihood.ipynb", "Phones: 7 Android users of 10",
                 lambda: explorers.proportion_explorer(
                     *datasets.phone_os(), p=0.5, p_label="Android share p",
                     title="Phones: 7 Android users of 10"),
                 _proportion_expected(datasets.phone_os())),
]

# ---------------------------------------------------------------- 06 conjugate priors

def _beta_argmax(a: float, b: float) -> float | None:
    """The argmax of Beta(a, b) over [0, 1], ends included, worked out case by case here
    (None where there is none: a flat density, or both parameters below 1)."""
    if a > 1 and b > 1:
        return (a - 1) / (a + b - 2)
    if (a, b) != (1, 1) and a <= 1 <= b:
        return 0.0  # p^(a-1) (1-p)^(b-1): no factor rises with p
    if (a, b) != (1, 1) and b <= 1 <= a:
        return 1.0
    return None


def _beta_bernoulli_expected(v: dict) -> dict[str, object]:
    """The data used (k clamped to n, and whether it was), the posterior Beta(a, b) with
    a = alpha + k, b = beta + n - k, its mean a / (a + b) and sd, the MLE k / n (None
    without trials) and the MAP, the argmax of the posterior."""
    n = int(v["n"])
    k = min(int(v["k"]), n)  # the explorer clamps a k slider above n to n
    a, b = v["alpha"] + k, v["beta"] + n - k
    return {"data": (k, n, int(v["k"]) > n), "posterior": (a, b),
            "MLE": k / n if n > 0 else None, "MAP": _beta_argmax(a, b),
            "posterior mean": a / (a + b),
            "posterior sd": np.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))}


SPECS_06 = [
    ExplorerSpec("06_conjugate_priors.ipynb", "Beta prior and Bernoulli data",
                 lambda: explorers.beta_bernoulli_explorer(alpha=2.0, beta=2.0, n=100, k=56),
                 _beta_bernoulli_expected),
]


# ---------------------------------------------------------------- 07 risk of an estimator

def _risk_expected(v: dict) -> dict[str, float]:
    """Bias², variance and risk as sums over k = 0..n with scipy's binomial weights.

    The MAP is the argmax of the posterior Beta(alpha + k, alpha + n - k) over [0, 1],
    ends included (mlelib.conjugate's convention), worked out here for every k: this
    also checks that the explorer's (k + alpha - 1)/(n + 2 alpha - 2) is that argmax
    for alpha >= 1, at k = 0 and k = n too.
    """
    from scipy import stats

    p, n, alpha = v["p"], int(v["n"]), v["alpha"]
    k = np.arange(n + 1)
    weights = stats.binom.pmf(k, n, p)
    a, b = alpha + k, alpha + n - k
    inner = (a > 1) & (b > 1)
    argmax = np.where(inner, (a - 1) / np.where(inner, a + b - 2, 1.0), np.where(a < b, 0.0, 1.0))
    estimates = {"MLE": k / n, "MAP": argmax, "posterior mean": (k + alpha) / (n + 2 * alpha)}
    numbers = {}
    for name, values in estimates.items():
        mean = np.sum(weights * values)
        numbers[f"{name} bias²"] = (mean - p) ** 2
        numbers[f"{name} variance"] = np.sum(weights * (values - mean) ** 2)
        numbers[f"{name} risk"] = np.sum(weights * (values - p) ** 2)
    return numbers


SPECS_07 = [
    ExplorerSpec("07_risk_of_an_estimator.ipynb", "Risk of three estimators",
                 lambda: explorers.estimator_risk_explorer(p=0.9, n=10, alpha=2.0),
                 _risk_expected),
]

# ---------------------------------------------------------------- 08 KL and cross-entropy

def _cross_entropy_expected(v: dict) -> dict[str, float]:
    """Entropy and KL from scipy (stats.entropy, special.rel_entr), the cross-entropy as
    -sum p~ log p, and the likelihood ratio from the binomial pmf itself."""
    from scipy import special, stats

    k, n = datasets.coin()
    data, model = np.array([k, n - k]) / n, np.array([v["p"], 1.0 - v["p"]])
    kl = float(np.sum(special.rel_entr(data, model)))
    ratio = stats.binom.pmf(k, n, k / n) / stats.binom.pmf(k, n, v["p"])
    return {"cross-entropy H(p̃, p)": -np.sum(special.xlogy(data, model)),
            "entropy H(p̃)": stats.entropy(data), "KL(p̃ ‖ p)": kl, "n × KL": n * kl,
            "likelihood ratio L(0.56) / L(p)": ratio}


SPECS_08 = [
    ExplorerSpec("08_kl_divergence_and_cross_entropy.ipynb", "Cross-entropy = entropy + KL",
                 lambda: explorers.cross_entropy_explorer(*datasets.coin(), p=0.3),
                 _cross_entropy_expected),
]

# ---------------------------------------------------------------- 09 a Poisson model

def _poisson_table_expected(v: dict) -> dict[str, float]:
    from scipy import stats

    values, counts = datasets.siblings()
    n, rate = counts.sum(), v["rate"]
    ll = float(np.sum(counts * stats.poisson.logpmf(values, rate)))
    seen = counts[counts > 0]
    saturated = float(np.sum(seen * np.log(seen / n)))
    return {"log-likelihood": ll, "deviance": 2 * (saturated - ll),
            "expected with 0": n * stats.poisson.pmf(0, rate)}


SPECS_09 = [
    ExplorerSpec("09_poisson_siblings.ipynb", "Siblings: a Poisson model",
                 lambda: explorers.poisson_table_explorer(*datasets.siblings(), rate=2.21),
                 _poisson_table_expected),
]

# ---------------------------------------------------------------- 10 gradient descent

def _descent_expected(v: dict) -> dict[str, object]:
    # theta_t = theta_hat + (I - eta H)^t (theta_0 - theta_hat) on the quadratic NLL,
    # H = X^T X / sigma^2; a run stops before the first iterate outside the box (-10, 10)
    from mlelib import estimators

    x, y = datasets.closed_form_line_data()
    design = estimators.design_matrix(x)
    best = np.linalg.lstsq(design, y, rcond=None)[0]
    step = np.eye(2) - v["learning_rate"] * design.T @ design / 0.5**2
    theta, t = np.zeros(2), 0
    while t < v["steps"]:
        following = best + step @ (theta - best)
        if np.any(np.abs(following) >= 10.0):
            break
        theta, t = following, t + 1
    gradient = likelihoods.line_nll_grad(x, y, theta[0], theta[1], 0.5)
    return {"step": (t, v["steps"]), "θ_t": (theta[0], theta[1]),
            "NLL_t": likelihoods.line_nll(x, y, theta[0], theta[1], 0.5),
            "|gradient|": np.hypot(*gradient)}


SPECS_10 = [
    ExplorerSpec("10_gradient_descent.ipynb", "Gradient descent on a line",
                 lambda: explorers.descent_explorer(datasets.closed_form_line_data(), sigma=0.5,
                                                    learning_rate=0.003, steps=20),
                 _descent_expected),
]

# ---------------------------------------------------------------- 11 intervals and coverage

@lru_cache(maxsize=64)
def _interval_tables(n: int, level: float) -> dict[str, np.ndarray]:
    """Each rule's (lower, upper) for k = 0..n from scipy, one k at a time: binomtest's
    Wilson interval, the Beta(1 + k, 1 + n - k) quantiles, the Wald formula and brentq's
    roots of the log-likelihood drop minus chi2_1(level) / 2."""
    from scipy import optimize, stats

    z, cut = stats.norm.ppf((1 + level) / 2), stats.chi2.ppf(level, 1) / 2
    rows: dict[str, list] = {"Wald": [], "Wilson": [], "likelihood-ratio": [],
                             "Beta(1, 1) credible": []}
    for k in range(n + 1):
        p_hat = k / n
        half = z * np.sqrt(p_hat * (1 - p_hat) / n)
        rows["Wald"].append((p_hat - half, p_hat + half))
        wilson = stats.binomtest(k, n).proportion_ci(confidence_level=level, method="wilson")
        rows["Wilson"].append((wilson.low, wilson.high))

        def drop(q, k=k, p_hat=p_hat):
            return stats.binom.logpmf(k, n, p_hat) - stats.binom.logpmf(k, n, q) - cut
        rows["likelihood-ratio"].append(
            (0.0 if k == 0 else optimize.brentq(drop, 1e-300, p_hat, xtol=1e-14),
             1.0 if k == n else optimize.brentq(drop, p_hat, 1 - 1e-16, xtol=1e-14)))
        rows["Beta(1, 1) credible"].append(
            tuple(stats.beta.ppf([(1 - level) / 2, (1 + level) / 2], 1 + k, 1 + n - k)))
    return {name: np.array(ends) for name, ends in rows.items()}


def _coverage_expected(v: dict) -> dict[str, float]:
    # the explorer's data sets: row i of default_rng(seed).random((100, 200)) has
    # k_i = #{j < n: u_ij < p} heads; coverage sums scipy's binomial pmf over covered k
    from scipy import stats

    n, p, level = int(v["n"]), v["p"], v["level"]
    heads = np.sum(np.random.default_rng(int(v["seed"])).random((100, 200))[:, :n] < p, axis=1)
    pmf = stats.binom.pmf(np.arange(n + 1), n, p)
    out = {}
    for name, ends in _interval_tables(n, level).items():
        holds = (ends[:, 0] <= p) & (p <= ends[:, 1])
        out[f"{name}: exact coverage"] = float(np.sum(pmf[holds]))
        out[f"{name}: share of the 100 drawn"] = float(np.mean(holds[heads]))
    return out


SPECS_11 = [
    ExplorerSpec("11_intervals_and_prediction.ipynb", "Coverage of four intervals",
                 lambda: explorers.coverage_explorer(n=10, p=0.9, level=0.95, seed=0),
                 _coverage_expected),
]


def all_specs() -> list[ExplorerSpec]:
    """Every spec defined above (module globals named ``SPECS_*``), in notebook order."""
    found = []
    for name in sorted(globals()):
        if name.startswith("SPECS_"):
            found.extend(globals()[name])
    return found
