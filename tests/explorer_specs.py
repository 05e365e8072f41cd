"""What every explorer of the course must show, computed independently of the explorer.

One :class:`ExplorerSpec` per explorer, keyed by notebook.  ``build`` makes the explorer
exactly as its notebook does; ``expected`` maps slider values to the readout a learner
must see, computed from :mod:`mlelib`'s core functions (never from the explorer's own
update function), formatted as the readout formats it.  Both the in-process tests
(tests/test_explorers.py) and the browser test (tests/test_browser.py) use this table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from mlelib import datasets, explorers, likelihoods


@dataclass(frozen=True)
class ExplorerSpec:
    notebook: str
    title: str
    build: Callable[[], object]
    expected: Callable[[dict], dict[str, str]]
    #: sliders whose move may change the background (an axis range, a surface) and so
    #: cost a full draw; every other slider must only blit
    redraws_background: tuple[str, ...] = ()


# ---------------------------------------------------------------- 01 parameter space

# ---------------------------------------------------------------- 02 likelihood of a line

def _line_likelihood_expected(v: dict) -> dict[str, str]:
    x, y = datasets.likelihood_line_data()
    ll = likelihoods.line_loglik(x, y, v["a"], v["b"], v["sigma"])
    dens = np.exp(likelihoods.line_logpdf(x, y, v["a"], v["b"], v["sigma"]))
    return {"log-likelihood": f"{ll:.3f}", "likelihood": f"{np.prod(dens):.4e}",
            "NLL": f"{-ll:.3f}"}


SPECS_02 = [
    ExplorerSpec("02_likelihood_of_a_line.ipynb", "Likelihood of a line",
                 lambda: explorers.line_likelihood_explorer(datasets.likelihood_line_data(),
                                                            sigma=0.1, a=1.0, b=1.0),
                 _line_likelihood_expected, redraws_background=("sigma",)),
]

# ---------------------------------------------------------------- 03 closed-form MLE

# ---------------------------------------------------------------- 04 MLE against MAP

# ---------------------------------------------------------------- 05 NLL: heights, coin, OS

# ---------------------------------------------------------------- 06 conjugate priors

def _beta_bernoulli_expected(v: dict) -> dict[str, str]:
    from mlelib import conjugate, estimators

    n = int(v["n"])
    k = min(int(v["k"]), n)  # the explorer clamps a k slider above n to n
    post = conjugate.beta_bernoulli_posterior(v["alpha"], v["beta"], k, n)
    data = f"{k} successes in {n} trials"
    if int(v["k"]) > n:
        data += " (k slider above n, so k = n)"
    return {
        "data": data,
        "posterior": f"Beta({post.alpha:g}, {post.beta:g})",
        "MLE": (f"{estimators.proportion_mle(k, n):.4f}" if n > 0
                else "undefined (no trials, n = 0)"),
        "MAP": (f"{post.mode:.4f}" if post.alpha > 1 and post.beta > 1
                else "undefined (a posterior parameter is 1 or less)"),
        "posterior mean": f"{(v['alpha'] + k) / (v['alpha'] + v['beta'] + n):.4f}",
        "posterior sd": f"{np.sqrt(post.var):.4f}",
    }


SPECS_06 = [
    ExplorerSpec("06_conjugate_priors.ipynb", "Beta prior and Bernoulli data",
                 lambda: explorers.beta_bernoulli_explorer(alpha=2.0, beta=2.0, n=100, k=56),
                 _beta_bernoulli_expected),
]


def all_specs() -> list[ExplorerSpec]:
    """Every spec defined above (module globals named ``SPECS_*``), in notebook order."""
    found = []
    for name in sorted(globals()):
        if name.startswith("SPECS_"):
            found.extend(globals()[name])
    return found
