"""Every value in mlelib/answer_key.toml, recomputed from mlelib: nothing in the key is taken on trust.

One function per exercise, registered with :func:`recomputes`, returns the reference
answer and the value of each listed mistake, in the key's order, computed from the
course's data and mlelib's reference implementations (or scipy, or a closed form).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from scipy import stats

from mlelib import datasets
from mlelib.exercises import load_key

RECOMPUTE: dict[str, Callable[[], tuple[object, list[object]]]] = {}


def recomputes(key: str):
    """Register the function that recomputes exercise ``key``: ``() -> (answer, mistakes)``."""
    def register(function):
        assert key not in RECOMPUTE, f"{key} is recomputed twice"
        RECOMPUTE[key] = function
        return function
    return register


# ------------------------------------------------------------- 01 parameter space

# The prior of notebook 01: N(CENTRE_01, SPREAD_01^2 I) over (a, b); slopes uniform on [-10, 10).
CENTRE_01, SPREAD_01 = np.array([1.0, 0.0]), 0.5
UNIFORM_SLOPE = stats.uniform(loc=-10.0, scale=20.0)


@recomputes("01-steep")
def _01_steep():
    t60 = np.tan(np.radians(60.0))
    one_side = UNIFORM_SLOPE.sf(t60)                    # slip: only rising lines
    steep = one_side + UNIFORM_SLOPE.cdf(-t60)
    angle = stats.uniform(loc=-90.0, scale=180.0)      # slip: the angle, not the slope, uniform
    radians = np.tan(60.0)                             # slip: np.tan(60) reads radians
    at_45 = UNIFORM_SLOPE.sf(1.0) + UNIFORM_SLOPE.cdf(-1.0)
    return steep, [one_side, 1.0 - steep, angle.sf(60.0) + angle.cdf(-60.0),
                   UNIFORM_SLOPE.sf(radians) + UNIFORM_SLOPE.cdf(-radians), at_45]


THREE_WORDS = ["true", "false", "it depends"]


def _true_or_false(fact: bool) -> tuple[str, list[str]]:
    """The word for a fact decided by a computation, and the two other words as the mistakes."""
    answer = "true" if fact else "false"
    return answer, [word for word in THREE_WORDS if word != answer]


@recomputes("01-no-opinion")
def _01_no_opinion():
    steep = UNIFORM_SLOPE.sf(1.0) + UNIFORM_SLOPE.cdf(-1.0)
    angle = stats.uniform(loc=-90.0, scale=180.0)
    # "no opinion about lines" would make the slope's and the angle's descriptions agree
    return _true_or_false(bool(np.isclose(steep, angle.sf(45.0) + angle.cdf(-45.0))))


@recomputes("01-log-prior")
def _01_log_prior():
    prior = stats.multivariate_normal(CENTRE_01, SPREAD_01**2 * np.eye(2))
    line = np.array([2.0, 1.0])                        # y = 2x + 1
    squared_distance = np.sum((line - CENTRE_01) ** 2)
    one_normaliser = stats.norm.logpdf(np.sqrt(squared_distance), 0.0, SPREAD_01)
    spread_not_squared = -np.log(2 * np.pi * SPREAD_01**2) - squared_distance / (2 * SPREAD_01)
    return prior.logpdf(line), [prior.pdf(line), one_normaliser, prior.logpdf(line[::-1]),
                                spread_not_squared]


@recomputes("01-within-2s")
def _01_within_2s():
    radius_squared = stats.chi2(df=2)                  # R^2 = z_a^2 + z_b^2
    one_dimension = stats.norm.cdf(2.0) - stats.norm.cdf(-2.0)
    half_dropped = stats.expon.cdf(4.0)                # 1 - exp(-t) instead of 1 - exp(-t/2)
    return radius_squared.cdf(4.0), [one_dimension, one_dimension**2, half_dropped,
                                     radius_squared.sf(4.0)]


@recomputes("01-mean-at-spread-2")
def _01_mean_at_spread_2():
    # the explorer's readout at spread 2 is the sample mean of the recipe's draw (tests/
    # test_curriculum_readouts.py checks the readout against the same recipe)
    def mean_a(spread):
        return np.random.RandomState(0).normal(CENTRE_01, spread, (10, 2))[:, 0].mean()

    return mean_a(2.0), [mean_a(SPREAD_01), 4 * mean_a(SPREAD_01), CENTRE_01[0]]


# ------------------------------------------------------------- 02 likelihood of a line

def _02_loglik(x, y, a, b, sigma):
    """Log-likelihood of the line, from scipy (mlelib.likelihoods is not used to recompute it)."""
    return stats.norm.logpdf(y, a * np.asarray(x) + b, sigma).sum()


@recomputes("02-peak")
def _02_peak():
    sigma = 0.05
    peak = stats.norm(0.0, sigma)
    without_2 = 1 / np.sqrt(np.pi * sigma**2)
    sigma_not_squared = 1 / np.sqrt(2 * np.pi * sigma)
    return peak.pdf(0.0), [peak.logpdf(0.0), without_2, sigma_not_squared, 1.0]


@recomputes("02-tiled")
def _02_tiled():
    x, y = datasets.likelihood_line_data()
    once = _02_loglik(x, y, 1.0, 1.0, 0.1)
    tiled = _02_loglik(np.tile(x, 4), np.tile(y, 4), 1.0, 1.0, 0.1)
    product = np.prod(stats.norm.pdf(np.tile(y, 4), np.tile(x, 4) + 1.0, 0.1))  # underflows
    return tiled, [once, product, tiled / 20]


@recomputes("02-sigma-one")
def _02_sigma_one():
    x, y = datasets.likelihood_line_data()
    at_one = _02_loglik(x, y, 1.0, 1.0, 1.0)
    return at_one, [_02_loglik(x, y, 1.0, 1.0, 0.1), np.exp(at_one),
                    _02_loglik(x, y, 0.5, 0.95, 1.0)]


@recomputes("02-not-a-probability")
def _02_not_a_probability():
    x, y = datasets.likelihood_line_data()
    in_metres = _02_loglik(x, y, 1.0, 1.0, 0.1)
    in_centimetres = _02_loglik(x, 100 * y, 100.0, 100.0, 10.0)   # the same line and noise
    # a probability has no unit: e^l would not change with the unit of y
    return _true_or_false(bool(np.isclose(in_metres, in_centimetres)))


# ------------------------------------------------------------- 03 closed-form MLE

def _line_03():
    from mlelib import datasets, estimators

    x, y = datasets.closed_form_line_data()
    return x, y, estimators.least_squares_line(x, y)


@recomputes("03-years-line")
def _03_years_line():
    from mlelib import estimators

    x, y, (a, b) = _line_03()
    shifted = estimators.least_squares_line(x + 1000, y)      # fitted afresh, not derived
    return list(shifted), [[a, b],                   # the intercept of the original x
                           [a, b + 1000 * a],        # x = x' + 1000 substituted
                           [a, b - 1000]]            # moved by the shift, not slope x shift


@recomputes("03-unbiased-sigma")
def _03_unbiased_sigma():
    x, y, (a, b) = _line_03()
    rss = float(np.sum((y - a * x - b) ** 2))
    n = x.size
    return np.sqrt(rss / (n - 2)), [np.sqrt(rss / n), np.sqrt(rss / (n - 1)), rss / (n - 2),
                                    np.sqrt(rss)]


@recomputes("03-gradient-sigma")
def _03_gradient_sigma():
    x, y, _ = _line_03()

    def d_db(a, b, sigma):  # -(sum of residuals) / sigma^2, written out here
        return -float(np.sum(y - a * x - b)) / sigma ** 2

    at_half = d_db(0.86, 1.28, 0.5)
    return d_db(0.86, 1.28, 0.1), [at_half, 5 * at_half, d_db(1.0, 1.0, 0.1)]


@recomputes("03-sigma-hat-low")
def _03_sigma_hat_low():
    x, y = datasets.closed_form_line_data()
    slope, intercept = np.polyfit(x, y, 1)
    rss = np.sum((y - slope * x - intercept) ** 2)
    # RSS / sigma^2 ~ chi2(n - 2) under sigma = 0.5: how often is sigma_hat this low or lower?
    p_low = stats.chi2.cdf(rss / 0.5**2, df=x.size - 2)
    return _true_or_false(bool(p_low < 0.05))


# ------------------------------------------------------------- 04 MLE against MAP

def _ridge_04(x, y, penalty):
    X = np.column_stack([x, np.ones_like(x)])
    return list(np.linalg.solve(X.T @ X + penalty, X.T @ y))


@recomputes("04-posterior-gap")
def _04_posterior_gap():
    from scipy import stats

    from mlelib import datasets

    x, y = datasets.outlier_line_data()
    sigma, tau = 0.1, 0.04
    mle = _ridge_04(x, y, np.zeros((2, 2)))
    map_ = _ridge_04(x, y, sigma**2 / tau**2 * np.eye(2))

    def loglik(t):
        return float(np.sum(stats.norm.logpdf(y, t[0] * x + t[1], sigma)))

    def logprior(t, scale=tau):
        return float(np.sum(stats.norm.logpdf(t, 0.0, scale)))

    d_lik, d_prior = loglik(map_) - loglik(mle), logprior(map_) - logprior(mle)
    # the prior without the 1/2 of its exponent is N(0, (tau / sqrt 2)^2)
    d_prior_no_half = logprior(map_, tau / np.sqrt(2)) - logprior(mle, tau / np.sqrt(2))
    return d_lik + d_prior, [d_lik, d_prior, d_lik + d_prior_no_half]


@recomputes("04-free-intercept")
def _04_free_intercept():
    from mlelib import datasets

    x, y = datasets.outlier_line_data()
    clean = datasets.make_line_data(10, 0.5, 0)
    lam = 0.1**2 / 0.04**2
    slope_only, intercept_only = np.diag([lam, 0.0]), np.diag([0.0, lam])
    return _ridge_04(x, y, slope_only), [_ridge_04(x, y, lam * np.eye(2)),
                                         _ridge_04(x, y, np.zeros((2, 2))),
                                         _ridge_04(clean.x, clean.y, slope_only),
                                         _ridge_04(x, y, intercept_only)]


@recomputes("04-tau-drag")
def _04_tau_drag():
    from mlelib import datasets

    x, y = datasets.outlier_line_data()
    tau = 10 ** (np.log10(0.04) + 20 * 0.05)   # the slider's grid: 20 steps of 0.05 in log10
    return _ridge_04(x, y, (0.1 / tau) ** 2 * np.eye(2)), [
        _ridge_04(x, y, (0.1 / 0.04) ** 2 * np.eye(2)),   # the slider not moved
        _ridge_04(x, y, np.zeros((2, 2))),                # the MLE
        _ridge_04(x, y, (tau / 0.1) ** 2 * np.eye(2)),    # lambda = tau^2 / sigma^2
        _ridge_04(x, y, (0.5 / tau) ** 2 * np.eye(2)),    # sigma = 0.5, the data's noise
    ]


@recomputes("04-higher-nll-worse")
def _04_higher_nll_worse():
    x, y = datasets.outlier_line_data()
    mle = np.array(_ridge_04(x, y, np.zeros((2, 2))))
    map_ = np.array(_ridge_04(x, y, 0.1**2 / 0.04**2 * np.eye(2)))

    def nll(t):
        return -float(np.sum(stats.norm.logpdf(y, t[0] * x + t[1], 0.1)))

    truth = np.array([1.0, 1.0])
    worse_fit = nll(map_) > nll(mle)
    worse_estimate = np.linalg.norm(map_ - truth) > np.linalg.norm(mle - truth)
    return _true_or_false(bool(worse_fit and worse_estimate))


# ------------------------------------------------------------- 05 negative log-likelihood

def _heights_loglik(mu, constant):
    """Log-likelihood of the ten heights (sigma = 5) with the density's constant written out."""
    from mlelib import datasets

    h, sigma = datasets.heights(), datasets.HEIGHTS_SIGMA_CM
    return float(np.sum(-(h - mu) ** 2 / (2 * sigma**2) - np.log(constant(sigma))))


@recomputes("05-loglik-at-mean")
def _05_loglik_at_mean():
    from scipy import stats

    from mlelib import datasets

    h, sigma = datasets.heights(), datasets.HEIGHTS_SIGMA_CM
    right = float(np.sum(stats.norm.logpdf(h, h.mean(), sigma)))
    wrong_constant = _heights_loglik(h.mean(), lambda s: np.sqrt(np.pi * s**2))
    at_168 = float(np.sum(stats.norm.logpdf(h, 168.0, sigma)))
    return right, [np.exp(right), wrong_constant, right / h.size, at_168]


@recomputes("05-wrong-constant-shift")
def _05_wrong_constant_shift():
    from mlelib import datasets

    mu = datasets.heights().mean()
    shift = (_heights_loglik(mu, lambda s: np.sqrt(np.pi * s**2))
             - _heights_loglik(mu, lambda s: np.sqrt(2 * np.pi * s**2)))
    one_pupil = shift / datasets.heights().size
    return shift, [one_pupil, 2 * shift, np.exp(one_pupil), np.exp(shift)]


@recomputes("05-coin-gradient")
def _05_coin_gradient():
    from mlelib import datasets, likelihoods

    coin, phones = datasets.coin(), datasets.phone_os()
    grad = float(likelihoods.bernoulli_nll_grad(coin.k, coin.n, 0.6))
    return grad, [-grad, float(likelihoods.bernoulli_nll_grad(phones.k, phones.n, 0.6)),
                  grad / coin.n]


@recomputes("05-likelihood-area")
def _05_likelihood_area():
    from scipy import integrate

    h = datasets.heights()
    area, _ = integrate.quad(lambda mu: np.exp(stats.norm.logpdf(h, mu, 5.0).sum()),
                             130.0, 210.0, points=[h.mean()])
    return _true_or_false(bool(np.isclose(area, 1.0)))


# ------------------------------------------------------------- 06 conjugate priors

@recomputes("06-flat-prior-phone")
def _06_flat_prior_phone():
    from scipy import stats

    k, n = 7, 10
    return stats.beta(1 + k, 1 + n - k).mean(), [
        stats.beta(k, n - k).mean(),               # the prior forgotten (= the MLE k/n)
        stats.beta(2 + k, 2 + n - k).mean(),       # the notebook's Beta(2, 2) prior
        stats.beta(1 + k, 1 + n).mean(),           # beta + n instead of beta + n - k
    ]


def _beta_argmax_on_closed_grid(a, b):
    """Where the Beta(a, b) density is highest on a fine grid over [0, 1], ends included."""
    from scipy import stats

    p = np.linspace(0.0, 1.0, 100_001)
    with np.errstate(divide="ignore"):
        return float(p[np.argmax(stats.beta(a, b).pdf(p))])


@recomputes("06-boundary-map")
def _06_boundary_map():
    from scipy import stats

    a, b = 0.5 + 10, 0.5 + 0                        # Beta(0.5, 0.5) prior, 10 of 10
    return _beta_argmax_on_closed_grid(a, b), [
        (a - 1) / (a + b - 2),                     # the interior formula outside its range
        stats.beta(a, b).mean(),
        0.0,                                       # the wrong end
    ]


@recomputes("06-strong-prior-mean")
def _06_strong_prior_mean():
    from scipy import stats

    a, b, n, k = 20, 20, 50, 35
    post = stats.beta(a + k, b + n - k)
    grid = np.linspace(0.0, 1.0, 100_001)
    return post.mean(), [k / n, float(grid[np.argmax(post.pdf(grid))]),
                         stats.beta(a + k, b + n).mean(), a / (a + b)]


def _line_slope_sd(sigma, tau, *, prior=True, times_sigma2=True, variance=False):
    """The slope's posterior sd on notebook 04's data, from the precision X^T X / sigma^2 + I / tau^2."""
    from mlelib import datasets

    x, _ = datasets.outlier_line_data()
    X = np.column_stack([x, np.ones_like(x)])
    precision = X.T @ X / sigma**2 + (np.eye(2) / tau**2 if prior else 0.0)
    var = np.linalg.inv(precision)[0, 0] * (1.0 if times_sigma2 else 1.0 / sigma**2)
    return float(var if variance else np.sqrt(var))


@recomputes("06-slope-sd")
def _06_slope_sd():
    sigma, tau = 0.5, 0.04
    tau_for_lambda_6_25 = sigma * 0.04 / 0.1              # lambda = sigma^2 / tau^2 kept at 6.25
    return _line_slope_sd(sigma, tau), [
        _line_slope_sd(sigma, tau_for_lambda_6_25),
        _line_slope_sd(0.1, tau),
        _line_slope_sd(sigma, tau, prior=False),
        _line_slope_sd(sigma, tau, variance=True),
        _line_slope_sd(sigma, tau, times_sigma2=False),
    ]


@recomputes("06-conjugate-needed")
def _06_conjugate_needed():
    # a prior with no conjugate form (logit-normal) normalises on a grid all the same
    p = np.linspace(1e-6, 1 - 1e-6, 200_001)
    log_prior = stats.norm.logpdf(np.log(p / (1 - p))) - np.log(p * (1 - p))
    log_post = stats.binom.logpmf(56, 100, p) + log_prior
    density = np.exp(log_post - log_post.max())
    density /= np.trapezoid(density, p)
    normalised = np.isclose(np.trapezoid(density, p), 1.0) and np.all(np.isfinite(density))
    return _true_or_false(not normalised)


# ------------------------------------------------------------- 07 risk of an estimator

def _crossing(n, shift, low, high):
    """Where the risk of (k + c)/(n + d) equals the MLE's, by root finding on [low, high]."""
    from scipy import optimize

    from mlelib import risk

    def gap(p):
        return risk.proportion_risk(p, n, *shift).risk - risk.proportion_risk(p, n).risk
    return optimize.brentq(gap, low, high, xtol=1e-14)


@recomputes("07-sampling-variance")
def _07_sampling_variance():
    # the MLE's variance over data sets (k ~ Binomial(10, 0.9)), against the spread of
    # the values of p (uniform on [0, 1]) and of one toss (Bernoulli(0.9))
    spreads = {"data sets": stats.binom(10, 0.9).var() / 10**2,
               "values of p": stats.uniform().var(), "tosses": stats.bernoulli(0.9).var()}
    answer = min(spreads, key=lambda name: abs(spreads[name] - 0.009))
    return answer, ["values of p", "tosses"]


@recomputes("07-map-risk")
def _07_map_risk():
    from scipy import stats

    k = np.arange(11)
    weights = stats.binom.pmf(k, 10, 0.3)
    answer = np.sum(weights * ((k + 1) / 12 - 0.3) ** 2)
    variance = np.sum(weights * ((k + 1) / 12 - np.sum(weights * (k + 1) / 12)) ** 2)
    mle = np.sum(weights * (k / 10 - 0.3) ** 2)
    posterior_mean = np.sum(weights * ((k + 2) / 14 - 0.3) ** 2)
    return answer, [variance, mle, posterior_mean, np.sqrt(answer)]


@recomputes("07-crossover-100")
def _07_crossover_100():
    from mlelib import risk

    shifts = risk.beta_estimator_shifts(2, 2)
    answer = _crossing(100, shifts["posterior mean"], 0.01, 0.3)
    upper = _crossing(100, shifts["posterior mean"], 0.5, 0.99)
    return answer, [_crossing(10, shifts["posterior mean"], 0.01, 0.3), upper,
                    answer * (1 - answer), _crossing(100, shifts["MAP"], 0.01, 0.3)]


@recomputes("07-variance-divisor")
def _07_variance_divisor():
    from scipy import stats

    def mse(d, dof=9, chi2_variance=None):
        chi2_variance = stats.chi2.var(dof) if chi2_variance is None else chi2_variance
        return (stats.chi2.mean(dof) / d - 1) ** 2 + chi2_variance / d**2

    return mse(11), [mse(10), mse(9), stats.chi2.var(9) / 11**2,
                     mse(11, chi2_variance=9.0), mse(11, dof=10)]


@recomputes("07-drag-risks")
def _07_drag_risks():
    from scipy import stats

    def parts(p):
        """Rows MLE, MAP, posterior mean of Beta(2, 2), n = 10; columns bias², variance, risk."""
        k = np.arange(11)
        weights = stats.binom.pmf(k, 10, p)
        rows = []
        for estimate in (k / 10, (k + 1) / 12, (k + 2) / 14):
            mean = np.sum(weights * estimate)
            rows.append([(mean - p) ** 2, np.sum(weights * (estimate - mean) ** 2),
                         np.sum(weights * (estimate - p) ** 2)])
        return np.array(rows)

    at_08, at_09 = parts(0.8), parts(0.9)      # 0.9: where the explorer starts
    return at_08[:, 2], [at_09[:, 2], at_08[:, 1], at_08[:, 0]]


# ------------------------------------------------------------- 08 KL divergence and cross-entropy

@recomputes("08-phone-entropy")
def _08_phone_entropy():
    from scipy import stats

    answers = [0.7, 0.3]
    answer = stats.entropy(answers)
    return answer, [stats.entropy(answers, base=2), -0.7 * np.log(0.7), -0.3 * np.log(0.3),
                    10 * answer]


@recomputes("08-phone-ratio")
def _08_phone_ratio():
    from scipy import stats

    answer = stats.binom.pmf(7, 10, 0.7) / stats.binom.pmf(7, 10, 0.5)
    kl = stats.entropy([0.7, 0.3], [0.5, 0.5])
    coin = stats.binom.pmf(56, 100, 0.56) / stats.binom.pmf(56, 100, 0.5)
    return answer, [np.exp(kl), 10 * kl, np.exp(10 * stats.entropy([0.5, 0.5], [0.7, 0.3])),
                    1 / answer, coin]


@recomputes("08-softmax-gradient")
def _08_softmax_gradient():
    from scipy import special

    z = np.array([2.0, 1.0, -1.0])
    s = special.softmax(z)
    return s - [0, 1, 0], [s, s - [1, 0, 0], np.exp(z) - [0, 1, 0]]


@recomputes("08-cross-entropy-floor")
def _08_cross_entropy_floor():
    data = np.array([0.56, 0.44])
    grid = np.linspace(0.001, 0.999, 999)
    cross = [-(data * np.log([p, 1 - p])).sum() for p in grid]
    candidates = {"zero": 0.0, "entropy": stats.entropy(data), "ln 2": np.log(2)}
    answer = min(candidates, key=lambda name: abs(candidates[name] - min(cross)))
    return answer, ["zero", "ln 2"]


@recomputes("08-drag-kl")
def _08_drag_kl():
    from scipy import stats

    data, sides = np.array([0.56, 0.44]), (0.46, 0.66)
    models = [np.array([p, 1 - p]) for p in sides]
    kl = [stats.entropy(data, model) for model in models]
    return kl, [[-np.sum(data * np.log(model)) for model in models],
                [100 * value for value in kl],
                [stats.entropy(model, data) for model in models],
                [(p - 0.56) ** 2 / (2 * 0.56 * 0.44) for p in sides]]


# ------------------------------------------------------------- 09 a Poisson model

@recomputes("09-loglik-at-2")
def _09_loglik_at_2():
    from scipy import stats

    from mlelib import datasets
    values, counts = datasets.siblings()
    terms = stats.poisson.logpmf(values, 2.0)
    loglik = np.sum(counts * terms)
    without_factorials = np.sum(counts * (values * np.log(2.0) - 2.0))
    at_mle = np.sum(counts * stats.poisson.logpmf(values, 2.21))
    return loglik, [without_factorials, terms.sum(), loglik / counts.sum(), at_mle,
                    np.exp(loglik)]


@recomputes("09-variance")
def _09_variance():
    from mlelib import datasets
    values, counts = datasets.siblings()
    answers = np.repeat(values, counts)
    return np.var(answers), [np.var(answers, ddof=1), np.std(answers), np.var(values),
                             np.mean(answers**2)]


@recomputes("09-saturated-kind")
def _09_saturated_kind():
    values, _ = datasets.siblings()
    # the saturated model: one share per category (adding up to 1), so its number of
    # parameters is set by the table; the Poisson keeps one rate for any table
    saturated_free, poisson_free = values.size - 1, 1
    answer = "nonparametric" if saturated_free > poisson_free else "parametric"
    return answer, ["parametric", "neither"]


@recomputes("09-shifted-rate")
def _09_shifted_rate():
    from scipy import optimize, stats

    from mlelib import datasets
    values, counts = datasets.siblings()
    fit = optimize.minimize_scalar(lambda mu: -np.sum(counts * stats.poisson.logpmf(values - 1, mu)),
                                   bounds=(0.1, 5), method="bounded")
    return fit.x, [np.average(values, weights=counts), np.average(values, weights=counts) + 1,
                   np.sum(counts * (values - 1)) / values.size]


@recomputes("09-censored-term")
def _09_censored_term():
    from scipy import stats
    term = stats.poisson.logsf(6, 2.21)
    return term, [stats.poisson.logpmf(7, 2.21), stats.poisson.logsf(7, 2.21), np.exp(term),
                  term / np.log(10)]


@recomputes("09-drag-deviance")
def _09_drag_deviance():
    from scipy import stats

    from mlelib import datasets
    values, counts = datasets.siblings()
    ceiling = np.sum(counts[counts > 0] * np.log(counts[counts > 0] / counts.sum()))

    def loglik(rate, shift=0):
        return np.sum(counts * stats.poisson.logpmf(values - shift, rate))

    return 2 * (ceiling - loglik(1.21)), [2 * (ceiling - loglik(2.21)), loglik(1.21),
                                          ceiling - loglik(1.21), 2 * (ceiling - loglik(1.21, 1))]


# ------------------------------------------------------------- 10 gradient descent

def _coin_curvature(k, n, p):
    """d^2/dp^2 of -[k log p + (n - k) log(1 - p)], by scipy.differentiate."""
    from scipy import differentiate, stats
    def slope(q):
        return differentiate.derivative(lambda r: -stats.binom.logpmf(k, n, r), q,
                                        initial_step=0.01).df

    return float(differentiate.derivative(slope, p, initial_step=0.01).df)


@recomputes("10-first-step")
def _10_first_step():
    from scipy import differentiate, stats

    from mlelib import datasets
    k, n = datasets.coin()
    slope = float(differentiate.derivative(lambda p: -stats.binom.logpmf(k, n, p), 0.5,
                                           initial_step=0.01).df)
    return 0.5 - 0.001 * slope, [0.5 + 0.001 * slope, 0.5 - 0.001 * slope / n, 0.5 + slope]


@recomputes("10-largest-eta")
def _10_largest_eta():
    h = _coin_curvature(56, 100, 0.56)
    return 2 / h, [1 / h, h, 2 / (h / 100)]


@recomputes("10-line-largest-eta")
def _10_line_largest_eta():
    from mlelib import datasets, estimators
    x, _ = datasets.closed_form_line_data()
    design = estimators.design_matrix(x)
    curvatures = np.linalg.eigvalsh(design.T @ design / 0.5**2)
    return 2 / curvatures.max(), [2 / curvatures.min(), 1 / curvatures.max(),
                                  2 / (curvatures.max() * 0.5**2)]


@recomputes("10-phone-se")
def _10_phone_se():
    from mlelib import conjugate
    h = _coin_curvature(7, 10, 0.7)
    prior_2_2 = conjugate.beta_bernoulli_posterior(2, 2, 7, 10)
    return 1 / np.sqrt(h), [1 / h, np.sqrt(h), 1 / np.sqrt(h / 10), np.sqrt(prior_2_2.var)]


@recomputes("10-fair-coin")
def _10_fair_coin():
    k, n = datasets.coin()
    p_hat = k / n
    se = np.sqrt(p_hat * (1 - p_hat) / n)               # 1 / sqrt(curvature of the NLL)
    answer = "yes" if abs(p_hat - 0.5) / se > 2 else "no"
    return answer, ["yes", "only with a prior"]


@recomputes("10-drag-gradient")
def _10_drag_gradient():
    # 50 steps of (I - eta H) on the quadratic NLL, H = X^T X / sigma^2, from (0, 0)
    from mlelib import datasets, estimators, likelihoods
    x, y = datasets.closed_form_line_data()
    design = estimators.design_matrix(x)
    best = np.linalg.lstsq(design, y, rcond=None)[0]

    def after(eta, steps):
        step = np.eye(2) - eta * design.T @ design / 0.25
        return best + np.linalg.matrix_power(step, steps) @ (np.zeros(2) - best)

    theta = after(10 ** -1.8, 50)
    settled = after(0.01, 200)
    return (np.hypot(*likelihoods.line_nll_grad(x, y, *theta, 0.5)),
            [np.hypot(*likelihoods.line_nll_grad(x, y, *settled, 0.5)),
             likelihoods.line_nll(x, y, *theta, 0.5), theta[0]])


# ------------------------------------------------------------- 11 intervals and prediction

@recomputes("11-phone-wald")
def _11_phone_wald():
    from mlelib import intervals
    k, n = datasets.phone_os()
    p_hat = k / n
    se = np.sqrt(p_hat * (1 - p_hat) / n)

    def around(half):
        return [p_hat - half, p_hat + half]

    return (list(intervals.wald_interval(k, n, 0.95)),
            [list(intervals.wald_interval(k, n, 0.90)), around(stats.norm.ppf(0.975) * se**2),
             around(stats.norm.ppf(0.975) * se * np.sqrt(n))])


@recomputes("11-wald-coverage")
def _11_wald_coverage():
    from mlelib import intervals
    k = np.arange(11)
    lower, upper = intervals.wald_interval(k, 10)
    holds = (lower <= 0.5) & (0.5 <= upper)
    coverage = stats.binom.pmf(k[holds], 10, 0.5).sum()
    return coverage, [1 - coverage, holds.mean(), 0.95]


@recomputes("11-promise")
def _11_promise():
    # a frequentist interval is a statement about the rule, not about p given the data;
    # the third slip's "about 83 %": two independent estimates differ by less than 1.96
    # standard errors with probability P(|Z1 - Z2| <= 1.96), Z1 - Z2 ~ N(0, 2)
    assert round(2 * stats.norm.cdf(1.96 / np.sqrt(2)) - 1, 2) == 0.83
    return "a new interval holds p", ["this interval holds p", "a new estimate falls in this interval"]


@recomputes("11-plugin-se")
def _11_plugin_se():
    values, counts = datasets.siblings()
    pupils = np.repeat(values, counts)
    n = pupils.size
    return (np.sqrt(pupils.var() / n),
            [np.sqrt(pupils.mean() / n), pupils.std(), pupils.var() / n,
             np.sqrt(pupils.var(ddof=1) / n)])


@recomputes("11-two-heads")
def _11_two_heads():
    k, n = datasets.coin()
    posterior = stats.beta(k + 1, n - k + 1)
    laplace = posterior.mean()
    return posterior.moment(2), [laplace**2, (k / n) ** 2, laplace]


# ------------------------------------------------------------- the checks

KEY = load_key()


def _agrees(exercise, stored, computed) -> bool:
    """``stored`` carries at least one digit more than asked, and that digit is right."""
    if exercise.choices:
        return str(stored).strip().lower() == str(computed).strip().lower()
    stored = np.atleast_1d(np.asarray(stored, float))
    computed = np.atleast_1d(np.asarray(computed, float))
    if stored.shape != computed.shape:
        return False
    if exercise.decimals is not None:
        return bool(np.all(np.abs(stored - computed) <= 0.05 * 10.0 ** -exercise.decimals))
    scale = 0.05 * 10.0 ** (1 - exercise.significant)
    return bool(np.all(np.abs(stored - computed) <= scale * np.abs(computed)))


def test_every_exercise_of_the_key_is_recomputed_here():
    assert sorted(RECOMPUTE) == sorted(KEY)


@pytest.mark.parametrize("key", sorted(KEY))
def test_the_key_holds_the_recomputed_answer_and_mistakes(key):
    exercise = KEY[key]
    answer, mistakes = RECOMPUTE[key]()
    assert _agrees(exercise, exercise.answer, answer), (key, exercise.answer, answer)
    assert len(mistakes) == len(exercise.mistakes), key
    for listed, value in zip(exercise.mistakes, mistakes):
        assert _agrees(exercise, listed.value, value), (key, listed.hint, listed.value, value)
