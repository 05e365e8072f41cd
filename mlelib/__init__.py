"""mlelib: the reference implementations and slider explorers behind the likelihood notebooks.

Modules, one concept each:

- :mod:`mlelib.datasets` - the course's small data sets, made exactly as the curriculum says;
- :mod:`mlelib.logspace` - log-sum-exp, normalising log densities on grids, special functions;
- :mod:`mlelib.likelihoods` - log-densities, log-likelihoods, NLLs and their gradients;
- :mod:`mlelib.line_model` - the line model's log-likelihood, at one point and over a grid;
- :mod:`mlelib.count_models` - Poisson models of a frequency table, the saturated model, deviance;
- :mod:`mlelib.estimators` - closed-form MLE and MAP estimates;
- :mod:`mlelib.conjugate` - conjugate posteriors and a brute-force grid posterior;
- :mod:`mlelib.risk` - exact bias, variance and risk of the course's estimators;
- :mod:`mlelib.information` - entropy, cross-entropy and KL divergence; a stable softmax;
- :mod:`mlelib.optimise` - gradient descent that records its path, and an NLL's curvature;
- :mod:`mlelib.exercises` - checking a learner's answer against the answer key, with hints;
- :mod:`mlelib.plotting` - the course's colour-blind-safe look.

Sub-packages, one role each:

- :mod:`mlelib.explorers` - the notebooks' explorers, one module per notebook or topic;
- :mod:`mlelib.figures` - the notebooks' static figures, one named function each;
- :mod:`mlelib.engine` - the slider engine behind every explorer; it imports nothing of
  the course.
"""

from . import (
    conjugate,
    count_models,
    datasets,
    estimators,
    exercises,
    explorers,
    information,
    likelihoods,
    line_model,
    logspace,
    optimise,
    plotting,
    risk,
)

# mlelib.figures (pyplot figures for the notebooks) is imported on use: ``import mlelib``
# stays free of pyplot.
__all__ = ["conjugate", "count_models", "datasets", "estimators", "exercises", "explorers",
           "information", "likelihoods", "line_model", "logspace", "optimise", "plotting", "risk"]
__version__ = "0.1.0"
