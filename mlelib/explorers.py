"""The course's slider explorers, one function per notebook figure that moves.

Notebooks call them as ``mlelib.explorers.<name>``; they live in modules by topic:

- :mod:`mlelib.line_explorers` - the line model: the prior over ``(a, b)`` (01), the
  likelihood of a line (02), the NLL profiles and gradient (03), MAP against the prior
  scale (04);
- :mod:`mlelib.nll_explorers` - the NLL of a Gaussian mean and of a proportion (05);
- :mod:`mlelib.posterior_explorers` - a Beta prior and Bernoulli data (06);
- :mod:`mlelib.estimator_explorers` - the risk of three estimators of a proportion (07),
  cross-entropy = entropy + KL (08);
- :mod:`mlelib.count_explorers` - a Poisson model of a frequency table (09);
- :mod:`mlelib.descent_explorers` - gradient descent on a line's NLL (10).

Each returns an :class:`mlelib.explorer.Explorer`.  How to write one:
``docs/writing-an-explorer.md``.
"""

from __future__ import annotations

from .count_explorers import poisson_table_explorer
from .descent_explorers import descent_explorer
from .estimator_explorers import cross_entropy_explorer, estimator_risk_explorer
from .line_explorers import (
    line_likelihood_explorer,
    map_prior_scale_explorer,
    nll_profile_explorer,
    parameter_prior_explorer,
)
from .nll_explorers import heights_explorer, proportion_explorer
from .posterior_explorers import beta_bernoulli_explorer

__all__ = ["beta_bernoulli_explorer", "cross_entropy_explorer", "descent_explorer",
           "estimator_risk_explorer", "heights_explorer", "line_likelihood_explorer",
           "map_prior_scale_explorer", "nll_profile_explorer", "parameter_prior_explorer",
           "poisson_table_explorer", "proportion_explorer"]
