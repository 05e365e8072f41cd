"""The course's static figures, one named function each.

A figure a learner needs to see but not to read the code of (a grid of ten lines, an
annotated scatter, contours of a prior, a likelihood and a posterior) is one call here,
so that every notebook cell does one visible thing and stays short.  The maths each
figure shows is computed in the notebook (or with :mod:`mlelib`'s reference functions)
and passed in; these functions only draw.  Each returns the figure, drawn with pyplot in
the course's style (:func:`mlelib.plotting.use_course_style`), so the notebook shows it
with ``plt.show()``.

The functions live in modules by notebook group, :mod:`~mlelib.figures.line` (01-04),
:mod:`~mlelib.figures.estimation` (05-08), :mod:`~mlelib.figures.fitting` (09-10) and
:mod:`~mlelib.figures.intervals` (11); notebooks call them as ``figures.<name>(...)``
after ``from mlelib import figures``.
"""

from .estimation import (
    area_and_heights,
    estimate_histograms,
    posterior_lines,
    prior_likelihood_posterior,
    ridge_tradeoff,
    risk_against_n,
    risk_curves,
    softmax_regions,
)
from .fitting import (
    count_table_bars,
    descent_on_contours,
    descent_on_curve,
    descent_progress,
    model_loglik_curves,
)
from .intervals import (
    bootstrap_histogram,
    coverage_curves,
    intervals_on_loglik,
)
from .line import (
    fitted_lines_figure,
    line_grid,
    loglik_surface,
    nll_profiles_figure,
    parameter_plane_figure,
    per_point_likelihoods,
    two_priors_compared,
    uniform_draws_in_parameter_space,
)

__all__ = [
    "area_and_heights",
    "bootstrap_histogram",
    "count_table_bars",
    "coverage_curves",
    "descent_on_contours",
    "descent_on_curve",
    "descent_progress",
    "estimate_histograms",
    "fitted_lines_figure",
    "intervals_on_loglik",
    "line_grid",
    "loglik_surface",
    "model_loglik_curves",
    "nll_profiles_figure",
    "parameter_plane_figure",
    "per_point_likelihoods",
    "posterior_lines",
    "prior_likelihood_posterior",
    "ridge_tradeoff",
    "risk_against_n",
    "risk_curves",
    "softmax_regions",
    "two_priors_compared",
    "uniform_draws_in_parameter_space",
]
