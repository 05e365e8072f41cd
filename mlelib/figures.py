"""The course's static figures, one named function each.

A figure a learner needs to see but not to read the code of (a grid of ten lines, an
annotated scatter, contours of a prior, a likelihood and a posterior) is one call here,
so that every notebook cell does one visible thing and stays short.  The maths each
figure shows is computed in the notebook (or with :mod:`mlelib`'s reference functions)
and passed in; these functions only draw.  Each returns the figure, drawn with pyplot in
the course's style (:func:`mlelib.plotting.use_course_style`), so the notebook shows it
with ``plt.show()``.
"""

from __future__ import annotations

import matplotlib.pyplot as plt  # noqa: F401  (the functions below draw with pyplot)

from .plotting import COLORS, STYLES  # noqa: F401

__all__: list[str] = []


# ------------------------------------------------------------- 01 parameter space


# ------------------------------------------------------------- 02 likelihood of a line


# ------------------------------------------------------------- 03 closed-form MLE


# ------------------------------------------------------------- 04 MLE against MAP


# ------------------------------------------------------------- 05 negative log-likelihood


# ------------------------------------------------------------- 06 conjugate priors


# ------------------------------------------------------------- 07 risk of an estimator


# ------------------------------------------------------------- 08 KL divergence and cross-entropy


# ------------------------------------------------------------- 09 a Poisson model


# ------------------------------------------------------------- 10 gradient descent
