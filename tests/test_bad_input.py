"""Every argument of every public function of the core modules, given bad input.

``SPECS`` gives, for each public function, a valid call and the *kind* of each argument
(what it must be: data, a positive scale, a count, ...).  ``BAD`` gives, for each kind,
values that break its rule and the start of the message that must come back.  From the
two tables:

- every (function, argument, bad value) must raise ValueError or TypeError, with a
  message that names the argument and the rule;
- every valid call must work, without a single warning, so a bad-value case can only pass
  because the bad value was refused;
- every public function, and every one of its parameters, must appear in ``SPECS``: a
  function added later fails here until its arguments are described, and then fails
  the first test until it checks them.

Kinds are shared where the rule is the same; a module with its own rule (a probability
vector must sum to 1, a log-likelihood may not exceed the saturated model's) gets its
own kind.  The end of the file holds what does not fit one kind: arrays that do not broadcast
together, and counts of 2**63 and more.  Extreme but valid scales are in
``test_extreme_scales.py``.
"""

from __future__ import annotations

import inspect
import math
import re
from typing import NamedTuple

import numpy as np
import pytest

from mlelib import (
    conjugate,
    count_models,
    datasets,
    estimators,
    information,
    intervals,
    likelihoods,
    line_model,
    logspace,
    optimise,
    risk,
)

pytestmark = pytest.mark.filterwarnings("error")

MODULES = (datasets, logspace, likelihoods, line_model, estimators, conjugate, risk, information,
           count_models, optimise, intervals)

X = [0.0, 1.0, 2.0]
Y = [1.0, 2.0, 2.5]
DATA = [1.0, 2.0, 3.0]
GRID = [0.0, 0.5, 1.0]
LOGS = [0.0, -1.0, -2.0]

# --------------------------------------------------------------------------- the kinds
#
# A bad value is (label, value, exception, message): the message is a regular expression
# that must match the text after the argument's name.

REAL = "must be a real number or an array of real numbers, got"
WHOLE = "must be a non-negative integer, got"


def wrong_types(what: str) -> list[tuple]:
    return [
        ("None", None, TypeError, f"{what} None"),
        ("str", "1.0", TypeError, f"{what} str"),
        ("bytes", b"1", TypeError, f"{what} bytes"),
        ("complex", 1 + 2j, TypeError, f"{what} complex"),
        ("complex-array", np.array([1.0 + 0j, 2.0]), TypeError, f"{what} an array of complex"),
        ("bool", True, TypeError, f"{what} bool"),
        ("dict", {"a": 1.0}, TypeError, f"{what} dict"),
        ("str-in-list", [1.0, "2.0"], TypeError, f"{what} str"),
        ("object-array", np.array([1.0, "x"], dtype=object), TypeError, f"{what} str"),
        ("ragged", [[1.0], [1.0, 2.0]], TypeError, f"{what} a ragged sequence"),
    ]


def not_finite(shape: str) -> list[tuple]:
    """NaN, +-inf and an int too large for float64, as a scalar or inside a 1-D array."""
    wrap = (lambda v: [1.0, v]) if shape == "1d" else (lambda v: v)
    cases = [("nan", wrap(math.nan), ValueError, "must not contain NaN"),
             ("+inf", wrap(math.inf), ValueError, r"must be finite \(no inf\)"),
             ("-inf", wrap(-math.inf), ValueError, r"must be finite \(no inf\)"),
             ("too-big-int", wrap(10**400), ValueError, "must be finite")]
    if shape == "any":
        cases.append(("nan-in-array", [1.0, math.nan], ValueError, "must not contain NaN"))
    return cases


def out_of_range(shape: str, cases: list[tuple]) -> list[tuple]:
    """Range violations (label, value, message) as scalars, in arrays, or both."""
    out = []
    for label, value, message in cases:
        if shape != "1d":
            out.append((label, value, ValueError, message))
        if shape != "scalar":
            out.append((f"{label}-in-array", [1.0, value], ValueError, message.split(", got")[0]))
    return out


SHAPE = {
    "scalar": [("array", [1.0, 2.0], ValueError, "must be a scalar, got an array")],
    "1d": [("scalar", 2.0, ValueError, "must be 1-D, got an array with 0 dimensions"),
           ("2-D", [[1.0, 2.0], [3.0, 4.0]], ValueError, "must be 1-D, got an array with 2"),
           ("empty", [], ValueError, "must not be empty")],
    "any": [("empty", [], ValueError, "must not be empty")],
}
HUGE = [("1e60", 1e60, r"must be between -1e\+50 and 1e\+50")]
#: gaussian_logpdf forms no sum of squares, so it takes values up to 1e100 (its docstring)
HUGE_LOGPDF = [("1e110", 1e110, r"must be between -1e\+100 and 1e\+100")]
NOT_POSITIVE = [("zero", 0.0, "must be > 0, got 0.0"), ("negative", -1.0, "must be > 0, got -1.0")]


def real(shape: str, ranges=()) -> list[tuple]:
    return wrong_types(REAL) + not_finite(shape) + SHAPE[shape] + out_of_range(shape, ranges)


BAD_COUNTS = [
    ("nan", math.nan, ValueError, "must not contain NaN"),
    ("inf", math.inf, ValueError, "must be finite"),
    ("negative", -1, ValueError, f"{WHOLE} -1"),
    ("fraction", 2.5, ValueError, f"{WHOLE} 2.5"),
    ("2**63", 2**63, ValueError, r"must be < 2\*\*63 \(counts are int64\), got 9.22e\+18"),
    ("1e19", 1e19, ValueError, r"must be < 2\*\*63 \(counts are int64\), got 1e\+19"),
    ("2**70-in-list", [1, 2**70], ValueError, r"must be < 2\*\*63"),
    ("bool-in-list", [1, True], TypeError, f"{WHOLE} bool"),
    ("empty", [], ValueError, "must not be empty"),
]

SIZES = [("float", 2.5, TypeError, "must be an integer, got float"),
         ("bool", True, TypeError, "must be an integer, got bool"),
         ("str", "3", TypeError, "must be an integer, got str"),
         ("None", None, TypeError, "must be an integer, got NoneType"),
         ("negative", -1, ValueError, "must be >= "),
         ("too-many", 10**9, ValueError, "must be <= 100000000")]

BAD = {
    "real": real("any", HUGE),
    "real_logpdf": real("any", HUGE_LOGPDF),
    "real_scalar": real("scalar", HUGE),
    "data": real("1d", HUGE),
    "finite_1d": real("1d"),
    "positive": real("any", NOT_POSITIVE),
    "positive_scalar": real("scalar", NOT_POSITIVE),
    "probability": real("any", [("negative", -0.1, r"must be in \[0, 1\], got -0.1"),
                                ("above-one", 1.5, r"must be in \[0, 1\], got 1.5"),
                                ("next-above-one", float(np.nextafter(1.0, 2.0)),
                                 r"must be in \[0, 1\], got 1.0000000000000002")]),
    "non_negative": real("any", [("negative", -0.5, "must be >= 0, got -0.5")]),
    "count": wrong_types(WHOLE) + BAD_COUNTS,
    "count_scalar": wrong_types(WHOLE) + BAD_COUNTS[:-1] + [
        ("array", [1, 2], ValueError, "must be single counts")],
    "counts_1d": wrong_types(WHOLE) + BAD_COUNTS + [
        ("scalar", 3, ValueError, "must be 1-D"), ("2-D", [[1, 2]], ValueError, "must be 1-D")],
    "log_values": wrong_types(REAL) + SHAPE["1d"][1:] + [
        ("nan", [0.0, math.nan, 0.0], ValueError, "must not contain NaN"),
        ("+inf", [0.0, math.inf, 0.0], ValueError, r"must not contain \+inf"),
        ("all--inf", [-math.inf] * 3, ValueError, "must have at least one finite entry")],
    "values": wrong_types(REAL) + SHAPE["any"] + [
        ("nan", [0.0, math.nan], ValueError, "must not contain NaN"),
        ("+inf", [0.0, math.inf], ValueError, r"must not contain \+inf")],
    "grid": wrong_types(REAL) + not_finite("1d")[:3] + SHAPE["1d"] + [
        ("one-point", [0.0], ValueError, "must hold at least 2 points"),
        ("unsorted", [0.0, 1.0, 0.5], ValueError, "must be strictly increasing"),
        ("repeated", [0.0, 1.0, 1.0], ValueError, "must be strictly increasing"),
        ("overflowing-steps", [-1e308, 1e308, 1.7e308], ValueError, "must span less than")],
    "lam": wrong_types(REAL)[1:] + SHAPE["scalar"] + [
        ("nan", math.nan, ValueError, "must not contain NaN"),
        ("+inf", math.inf, ValueError, "must be a finite number >= 0, got inf"),
        ("negative", -1.0, ValueError, "must be a finite number >= 0, got -1.0")],
    "flag": [(label, value, TypeError, f"must be True or False, got {name}")
             for label, value, name in [("str", "no", "str"), ("int", 1, "int"),
                                        ("None", None, "NoneType"), ("float", 0.0, "float")]],
    "size": SIZES,
    "whole": [case for case in SIZES if case[0] != "too-many"],
    "categories": [case for case in SIZES if case[0] != "too-many"]
    + [("too-many", 10**9, ValueError, "must be <= 100000, got")],
    "steps": [case for case in SIZES if case[0] != "too-many"]
    + [("too-many", 10**9, ValueError, "must be <= 1000000, got")],
    "seed": [("float", 1.0, TypeError, "must be an integer, got float"),
             ("bool", True, TypeError, "must be an integer, got bool"),
             ("negative", -1, ValueError, "must be >= 0, got -1"),
             ("2**32", 2**32, ValueError, "must be <= 4294967295")],
    # the kinds of risk, information, count_models and optimise
    "distribution": wrong_types(REAL) + not_finite("1d") + [
        ("scalar", 0.5, ValueError, "must be an array of probabilities"),
        ("empty", [], ValueError, "must not be empty"),
        ("negative-in-array", [1.5, -0.5], ValueError, r"must hold probabilities in \[0, 1\]"),
        ("not-summing-to-one", [0.3, 0.3], ValueError, "must sum to 1")],
    "finite": real("any"),
    "finite_scalar": real("scalar"),
    "matrix": wrong_types(REAL) + [
        ("nan", [[1.0, math.nan], [0.0, 1.0]], ValueError, "must not contain NaN"),
        ("+inf", [[1.0, math.inf], [0.0, 1.0]], ValueError, r"must be finite \(no inf\)"),
        ("1-D", [1.0, 2.0], ValueError, "must be 2-D")],
    "non_negative_scalar": real("scalar", [("negative", -1.0, "must be >= 0, got -1.0")]),
    "level": real("scalar", [("zero", 0.0, "must be strictly between 0 and 1, got 0.0"),
                             ("one", 1.0, "must be strictly between 0 and 1, got 1.0")]),
    "rule": [("unknown-name", "Agresti", ValueError, "must be one of"),
             ("number", 0.95, TypeError, "must be a name or a function, got float")],
    "loglik": wrong_types(REAL) + SHAPE["any"] + [
        ("nan", math.nan, ValueError, "must not contain NaN"),
        ("+inf", math.inf, ValueError, r"must not be \+inf"),
        ("above-the-ceiling", 1.0, ValueError, "must be <= the saturated log-likelihood")],
    "callable": [(label, value, TypeError, "must be a function of theta, got")
                 for label, value in [("None", None), ("float", 1.0), ("str", "f")]],
    "bounds": [("str", "no", TypeError, "must be a real number"),
               ("one-number", (0.0,), ValueError, r"must be a pair \(low, high\)"),
               ("wrong-order", (1.0, 0.0), ValueError, "must have low < high"),
               ("nan", (math.nan, 1.0), ValueError, "must not contain NaN")],
    "axis": [("float", 1.5, TypeError, "must be an integer or None, got float"),
             ("bool", True, TypeError, "must be an integer or None, got bool"),
             ("str", "0", TypeError, "must be an integer or None, got str"),
             ("tuple", (0,), TypeError, "must be an integer or None, got tuple"),
             ("out-of-range", 5, ValueError, "must be between -1 and 0 for an array with 1")],
}


# --------------------------------------------------------------------------- the functions

class Spec(NamedTuple):
    func: object
    valid: dict  # a call that works
    kinds: dict  # argument name -> kind (a key of BAD)


def spec(func, kinds: dict, **valid) -> Spec:
    return Spec(func, valid, kinds)


LINE = {"x": "data", "y": "data"}
LINE_AB = {**LINE, "a": "real_scalar", "b": "real_scalar", "sigma": "positive_scalar"}

SPECS = [
    # datasets
    spec(datasets.make_line_data, {"n": "size", "noise_sd": "positive_scalar", "seed": "seed",
                                   "slope": "real_scalar", "intercept": "real_scalar",
                                   "x_range": "data"}, n=5, noise_sd=1.0, seed=0, slope=1.0,
         intercept=1.0, x_range=(-2.0, 2.0)),
    spec(datasets.sample_parameters, {"n": "size", "seed": "seed", "centre": "data",
                                      "spread": "positive_scalar?"},
         n=3, seed=0, centre=(0.0, 0.0), spread=1.0),
    spec(datasets.sample_parameters, {"low": "real_scalar", "high": "real_scalar"},
         n=3, seed=0, low=-10.0, high=10.0),
    *(spec(f, {}) for f in (datasets.closed_form_line_data, datasets.coin, datasets.heights,
                            datasets.likelihood_line_data, datasets.outlier_line_data,
                            datasets.phone_os, datasets.siblings)),
    # logspace
    spec(logspace.integrate_density, {"density": "finite_1d", "grid": "grid"},
         density=[1.0, 2.0, 1.0], grid=GRID),
    spec(logspace.log_beta_function, {"a": "positive", "b": "positive"}, a=2.0, b=3.0),
    spec(logspace.log_binomial_coefficient, {"n": "count", "k": "count"}, n=10, k=3),
    spec(logspace.log_gamma, {"z": "positive"}, z=2.5),
    spec(logspace.logsumexp, {"values": "values", "axis": "axis"}, values=LOGS, axis=0),
    spec(logspace.normalise_log_grid, {"log_values": "log_values", "grid": "grid"},
         log_values=LOGS, grid=GRID),
    # likelihoods
    *(spec(f, {"k": "count", "n": "count", "p": "probability"}, k=3, n=10, p=0.5)
      for f in (likelihoods.bernoulli_loglik, likelihoods.bernoulli_nll,
                likelihoods.bernoulli_nll_grad)),
    spec(likelihoods.binomial_logpmf, {"k": "count", "n": "count", "p": "probability",
                                       "include_constant": "flag"},
         k=3, n=10, p=0.5, include_constant=True),
    spec(likelihoods.bernoulli_logpmf, {"x": "count", "p": "probability"}, x=1, p=0.3),
    *(spec(f, {"data": "data", "mu": "real", "sigma": "positive"}, data=DATA, mu=1.0, sigma=2.0)
      for f in (likelihoods.gaussian_loglik, likelihoods.gaussian_nll,
                likelihoods.gaussian_nll_grad_mu)),
    spec(likelihoods.gaussian_logpdf, {"x": "real_logpdf", "mu": "real_logpdf", "sigma": "positive"},
         x=0.5, mu=1.0, sigma=2.0),
    spec(likelihoods.poisson_logpmf, {"k": "count", "rate": "non_negative"}, k=3, rate=2.0),
    spec(likelihoods.poisson_loglik, {"k": "counts_1d", "rate": "non_negative",
                                      "weights": "counts_1d?"},
         k=[1, 2, 3], rate=2.0, weights=[1, 1, 2]),
    # the line model
    spec(line_model.line_sufficient_stats, LINE, x=X, y=Y),
    *(spec(f, LINE_AB, x=X, y=Y, a=1.0, b=0.5, sigma=0.5)
      for f in (line_model.line_logpdf, line_model.line_nll_grad)),
    *(spec(f, {**LINE, "a": "real", "b": "real", "sigma": "positive"},
           x=X, y=Y, a=1.0, b=0.5, sigma=0.5)
      for f in (line_model.line_loglik, line_model.line_nll)),
    spec(line_model.line_loglik_grid, {**LINE, "a_values": "data", "b_values": "data",
                                       "sigma": "positive_scalar"},
         x=X, y=Y, a_values=[0.0, 1.0], b_values=[0.0, 0.5, 1.0], sigma=0.5),
    # estimators
    spec(estimators.design_matrix, {"x": "data"}, x=X),
    spec(estimators.gaussian_mean_mle, {"data": "data"}, data=DATA),
    spec(estimators.least_squares_line, LINE, x=X, y=Y),
    spec(estimators.poisson_rate_mle, {"k": "counts_1d", "weights": "counts_1d?"},
         k=[1, 2], weights=[3, 1]),
    spec(estimators.proportion_mle, {"k": "count_scalar", "n": "count_scalar"}, k=7, n=10),
    spec(estimators.ridge_lambda, {"sigma": "positive_scalar", "tau": "positive_scalar"},
         sigma=0.1, tau=0.04),
    spec(estimators.ridge_map, {**LINE, "lam": "lam?", "penalize_intercept": "flag"},
         x=X, y=Y, lam=1.0, penalize_intercept=True),
    spec(estimators.ridge_map, {"sigma": "positive_scalar?", "tau": "positive_scalar?"},
         x=X, y=Y, sigma=0.1, tau=0.04),
    spec(estimators.sigma_mle, {**LINE, "a": "real_scalar", "b": "real_scalar"},
         x=X, y=Y, a=1.0, b=0.5),
    # conjugate
    spec(conjugate.beta_bernoulli_posterior, {"alpha": "positive_scalar",
                                              "beta": "positive_scalar", "k": "count_scalar",
                                              "n": "count_scalar"}, alpha=2.0, beta=2.0, k=7,
         n=10),
    spec(conjugate.beta_binomial_posterior, {"alpha": "positive_scalar",
                                             "beta": "positive_scalar", "successes": "counts_1d",
                                             "trials": "counts_1d"},
         alpha=2.0, beta=2.0, successes=[3, 4], trials=[5, 10]),
    spec(conjugate.beta_logpdf, {"p": "probability", "alpha": "positive_scalar",
                                 "beta": "positive_scalar"}, p=0.3, alpha=2.0, beta=3.0),
    spec(conjugate.gamma_logpdf, {"lam": "non_negative", "shape": "positive_scalar",
                                  "rate": "positive_scalar"}, lam=1.5, shape=2.0, rate=1.0),
    spec(conjugate.gamma_poisson_posterior, {"shape": "positive_scalar",
                                             "rate": "positive_scalar", "k": "counts_1d",
                                             "weights": "counts_1d?"},
         shape=2.0, rate=1.0, k=[1, 2], weights=[3, 1]),
    spec(conjugate.grid_posterior, {"grid": "grid", "log_likelihood": "log_values",
                                    "log_prior": "log_values"},
         grid=GRID, log_likelihood=LOGS, log_prior=[0.0, 0.0, 0.0]),
    spec(conjugate.normal_normal_posterior, {"mu0": "real_scalar", "s0": "positive_scalar",
                                             "sigma": "positive_scalar", "data": "data"},
         mu0=170.0, s0=10.0, sigma=5.0, data=DATA),
    # risk
    spec(risk.beta_estimator_shifts, {"alpha": "positive_scalar", "beta": "positive_scalar"},
         alpha=2.0, beta=2.0),
    spec(risk.gaussian_variance_risk, {"n": "whole", "divisor": "positive_scalar",
                                       "sigma2": "positive_scalar"}, n=10, divisor=9.0,
         sigma2=1.0),
    spec(risk.proportion_risk, {"p": "probability", "n": "whole", "c": "finite_scalar",
                                "d": "finite_scalar"}, p=0.3, n=10, c=1.0, d=2.0),
    spec(risk.ridge_risk, {"x": "data", "slope": "real_scalar", "intercept": "real_scalar",
                           "sigma": "positive_scalar", "lam": "non_negative_scalar",
                           "penalize_intercept": "flag"},
         x=X, slope=1.0, intercept=1.0, sigma=0.5, lam=1.0, penalize_intercept=True),
    # information
    *(spec(f, {"p": "distribution", "q": "distribution"}, p=[0.5, 0.5], q=[0.3, 0.7])
      for f in (information.cross_entropy, information.kl_divergence)),
    spec(information.entropy, {"p": "distribution"}, p=[0.2, 0.8]),
    spec(information.empirical_distribution, {"counts": "counts_1d"}, counts=[3, 1]),
    *(spec(f, {"z": "finite", "axis": "axis"}, z=[1.0, 2.0], axis=0)
      for f in (information.softmax, information.log_softmax)),
    *(spec(f, {"logits": "matrix", "labels": "counts_1d"}, logits=[[1.0, 0.0], [0.0, 1.0]],
           labels=[0, 1])
      for f in (information.softmax_cross_entropy, information.softmax_cross_entropy_grad)),
    # count models
    spec(count_models.deviance, {"loglik": "loglik", "weights": "counts_1d"},
         loglik=-3.0, weights=[2, 1]),
    spec(count_models.poisson_expected_counts, {"n": "whole", "rate": "positive",
                                                "k_max": "categories"}, n=100, rate=2.0, k_max=5),
    *(spec(f, {"k": "count", "rate": "positive"}, k=3, rate=2.0)
      for f in (count_models.poisson_logsf, count_models.zero_truncated_poisson_logpmf)),
    *(spec(f, {"k": "counts_1d", "rate": "positive", "weights": "counts_1d?", "shift": "whole",
               "zero_truncated": "flag", "censor_at": "whole?"},
           k=[1, 2, 3], rate=2.0, weights=[2, 1, 1], shift=0, zero_truncated=False,
           censor_at=3)
      for f in (count_models.poisson_table_loglik, count_models.poisson_table_nll_grad)),
    spec(count_models.saturated_loglik, {"weights": "counts_1d"}, weights=[2, 1]),
    # optimise
    spec(optimise.gradient_descent, {"grad": "callable", "theta0": "finite",
                                     "learning_rate": "positive_scalar", "steps": "steps",
                                     "fun": "callable?", "bounds": "bounds?",
                                     "gtol": "non_negative_scalar?"},
         grad=lambda t: 2 * (t - 1.0), theta0=0.0, learning_rate=0.1, steps=5,
         fun=lambda t: (t - 1.0) ** 2, bounds=None, gtol=None),
    spec(optimise.numerical_hessian, {"fun": "callable", "theta": "finite",
                                      "step": "positive_scalar"},
         fun=lambda t: (t - 1.0) ** 2, theta=0.5, step=1e-4),
    # intervals
    *(spec(f, {"k": "count", "n": "whole", "level": "level"}, k=3, n=10, level=0.95)
      for f in (intervals.wald_interval, intervals.wilson_interval,
                intervals.likelihood_ratio_interval)),
    spec(intervals.beta_credible_interval, {"k": "count", "n": "whole", "level": "level",
                                            "alpha": "positive_scalar",
                                            "beta": "positive_scalar"},
         k=3, n=10, level=0.95, alpha=1.0, beta=1.0),
    spec(intervals.exact_coverage, {"rule": "rule", "n": "whole", "p": "probability",
                                    "level": "level"}, rule="Wilson", n=10, p=0.3, level=0.95),
]


def _name(func) -> str:
    return f"{func.__module__.rsplit('.', 1)[-1]}.{func.__name__}"


def bad_cases():
    for s in SPECS:
        for arg, kind in s.kinds.items():
            optional = kind.endswith("?")  # None is the default: not a bad value
            for label, value, exc, message in BAD[kind.rstrip("?")]:
                if not (optional and value is None):
                    yield pytest.param(s, arg, value, exc, message,
                                       id=f"{_name(s.func)}:{arg}:{label}")


@pytest.mark.parametrize(("spec_", "arg", "value", "exc", "message"), list(bad_cases()))
def test_a_bad_argument_is_refused_with_its_name_and_rule(spec_, arg, value, exc, message):
    with pytest.raises(exc) as info:
        spec_.func(**{**spec_.valid, arg: value})
    text = str(info.value)
    assert re.search(message, text), text
    # the argument is named (alone, or in a list such as "k and n must ...")
    assert re.search(rf"(^|\W){arg}(\W|$)", text), text


@pytest.mark.parametrize("spec_", SPECS, ids=lambda s: _name(s.func))
def test_the_valid_call_of_every_spec_works_without_warnings(spec_):
    result = spec_.func(**spec_.valid)
    values = [v for v in (result if isinstance(result, tuple) else (result,))]
    for v in values:
        if isinstance(v, (float, np.ndarray)):
            assert not np.isnan(v).any()


def test_every_public_function_and_argument_has_a_spec():
    """A function added to a module's __all__ (or an argument added to one) fails here."""
    described: dict = {}
    for s in SPECS:
        described.setdefault(s.func, set()).update(s.kinds)
    missing = []
    for module in MODULES:
        for name in module.__all__:
            func = getattr(module, name)
            if not inspect.isfunction(func):
                continue
            params = set(inspect.signature(func).parameters)
            if func not in described or params - described[func]:
                missing.append(f"{_name(func)}({', '.join(sorted(params - described.get(func, set())))})")
    assert not missing, f"no bad-input spec for {missing}"


# --------------------------------------------------------------------------- broadcasting

@pytest.mark.parametrize(("func", "kwargs", "names"), [
    (likelihoods.gaussian_logpdf, {"x": np.zeros(3), "mu": np.zeros(4)}, ("x", "mu")),
    (likelihoods.gaussian_logpdf, {"x": 0.0, "mu": np.zeros(3), "sigma": np.ones(4)},
     ("mu", "sigma")),
    (likelihoods.gaussian_loglik, {"data": DATA, "mu": np.zeros(3), "sigma": np.ones(4)},
     ("mu", "sigma")),
    (likelihoods.gaussian_nll, {"data": DATA, "mu": np.zeros(3), "sigma": np.ones(4)},
     ("mu", "sigma")),
    (likelihoods.gaussian_nll_grad_mu, {"data": DATA, "mu": np.zeros(3), "sigma": np.ones(4)},
     ("mu", "sigma")),
    (likelihoods.bernoulli_logpmf, {"x": [0, 1, 1], "p": np.full(4, 0.5)}, ("x", "p")),
    (likelihoods.bernoulli_loglik, {"k": [1, 2, 3], "n": [5, 5, 5, 5], "p": 0.5}, ("k", "n")),
    (likelihoods.bernoulli_nll, {"k": 1, "n": [5, 5, 5], "p": np.full(4, 0.5)}, ("n", "p")),
    (likelihoods.bernoulli_nll_grad, {"k": [1, 2, 3], "n": 5, "p": np.full(4, 0.5)},
     ("k", "p")),
    (likelihoods.binomial_logpmf, {"k": [1, 2, 3], "n": 5, "p": np.full(4, 0.5)}, ("k", "p")),
    (likelihoods.poisson_logpmf, {"k": [1, 2, 3], "rate": np.ones(4)}, ("k", "rate")),
    (line_model.line_loglik, {"x": X, "y": Y, "a": np.zeros(3), "b": np.zeros(4), "sigma": 1.0},
     ("a", "b")),
    (line_model.line_nll, {"x": X, "y": Y, "a": 1.0, "b": np.zeros(3), "sigma": np.ones(4)},
     ("b", "sigma")),
    (logspace.log_binomial_coefficient, {"n": [5, 6, 7], "k": [1, 2, 3, 4]}, ("n", "k")),
    (logspace.log_beta_function, {"a": np.ones(3), "b": np.ones(4)}, ("a", "b")),
])
def test_arrays_that_do_not_broadcast_are_named(func, kwargs, names):
    with pytest.raises(ValueError, match="must broadcast together, got shapes") as info:
        func(**kwargs)
    text = str(info.value)
    assert all(re.search(rf"\b{n}\b", text) for n in names), text
    assert "(3,)" in text and "(4,)" in text


# --------------------------------------------------------------------------- huge counts

def test_counts_of_2_to_the_63_no_longer_overflow_silently():
    """bernoulli_loglik(1e19, 2e19, 0.5) used to return about +6.4e18."""
    with pytest.raises(ValueError, match=r"k must be < 2\*\*63 \(counts are int64\), got 1e\+19"):
        likelihoods.bernoulli_loglik(1e19, 2e19, 0.5)
    with pytest.raises(ValueError, match=r"n must be < 2\*\*63"):
        likelihoods.binomial_logpmf(3, 2**64, 0.5)


def test_the_largest_int64_counts_are_computed_right():
    n = 2**63 - 1
    expected = n * math.log(0.5)
    assert likelihoods.bernoulli_loglik(n // 2, n, 0.5) == pytest.approx(expected, rel=1e-15)
    assert likelihoods.bernoulli_loglik(2**53 + 1, 2**53 + 1, 1.0) == 0.0
    # sums of large counts are taken in float64, not in wrapping int64
    post = conjugate.beta_binomial_posterior(1.0, 1.0, [2**62, 2**62], [2**62, 2**62])
    assert post.alpha == pytest.approx(2.0**63, rel=1e-15)
    assert estimators.poisson_rate_mle([2**62, 2**62], [4, 4]) == pytest.approx(2.0**62)
    grid = likelihoods.poisson_loglik([2**40], [2.0**40, 2.0**41], weights=[2**30])
    assert np.isfinite(grid).all() and grid[0] > grid[1]
