"""The course's slider explorers, one function per notebook figure that moves.

Notebooks call them as ``explorers.<name>(...)`` after ``from mlelib import explorers``;
they live in one module per notebook or topic:

- :mod:`~mlelib.explorers.parameter_space` - the prior over a line's ``(a, b)`` (01);
- :mod:`~mlelib.explorers.line` - the line model: the likelihood of a line (02), the NLL
  profiles and gradient (03), MAP against the prior scale (04);
- :mod:`~mlelib.explorers.nll` - the NLL of a Gaussian mean and of a proportion (05);
- :mod:`~mlelib.explorers.posterior` - a Beta prior and Bernoulli data (06);
- :mod:`~mlelib.explorers.risk` - the risk of three estimators of a proportion (07);
- :mod:`~mlelib.explorers.cross_entropy` - cross-entropy = entropy + KL (08);
- :mod:`~mlelib.explorers.poisson_table` - a Poisson model of a frequency table (09);
- :mod:`~mlelib.explorers.descent` - gradient descent on a line's NLL (10);
- :mod:`~mlelib.explorers.coverage` - how often four intervals for a proportion hold it (11).

Each returns an :class:`mlelib.engine.Explorer`.  How to write one:
``docs/writing-an-explorer.md``.
"""

from __future__ import annotations

from .coverage import coverage_explorer
from .cross_entropy import cross_entropy_explorer
from .descent import descent_explorer
from .line import line_likelihood_explorer, map_prior_scale_explorer, nll_profile_explorer
from .nll import heights_explorer, proportion_explorer
from .parameter_space import parameter_prior_explorer
from .poisson_table import poisson_table_explorer
from .posterior import beta_bernoulli_explorer
from .risk import estimator_risk_explorer

__all__ = ["beta_bernoulli_explorer", "coverage_explorer", "cross_entropy_explorer", "descent_explorer",
           "estimator_risk_explorer", "heights_explorer", "line_likelihood_explorer",
           "map_prior_scale_explorer", "nll_profile_explorer", "parameter_prior_explorer",
           "poisson_table_explorer", "proportion_explorer"]
