"""The naive way a learner would write notebook 02's slider: ``interact`` and the inline
backend, the figure drawn from scratch with pyplot and the readout printed on every change."""

from __future__ import annotations

import contextlib
import functools
import io
import statistics
import time

BASELINE_NOTEBOOK = "02_likelihood_of_a_line.ipynb"  # the spec whose figure it copies
BASELINE_CLASS = "bench-baseline"


@functools.cache
def _data():
    import numpy as np

    from mlelib.datasets import likelihood_line_data
    from mlelib.estimators import least_squares_line

    data = likelihood_line_data()
    x, y = np.asarray(data.x, float), np.asarray(data.y, float)
    return x, y, least_squares_line(x, y), np.linspace(-1.0, 3.0, 201), np.linspace(-1.0, 3.0, 201)


def plot_line_likelihood(a=1.0, b=1.0, sigma=0.1):
    """Draw notebook 02's figure from scratch with pyplot and print the readout."""
    import matplotlib.pyplot as plt
    import numpy as np

    from mlelib.likelihoods import line_loglik, line_loglik_grid, line_logpdf
    from mlelib.plotting import COLORS

    x, y, mle, a_grid, b_grid = _data()
    dens = np.exp(line_logpdf(x, y, a, b, sigma))
    ll = line_loglik(x, y, a, b, sigma)
    surface = line_loglik_grid(x, y, a_grid, b_grid, sigma).T
    fig, (ax_data, ax_surf) = plt.subplots(1, 2, figsize=(10.0, 4.2), layout="constrained")
    ax_data.scatter(x, y, color=COLORS["data"], zorder=3, label="data $(x_i, y_i)$")
    xs = np.array([x.min() - 0.5, x.max() + 0.5])
    ax_data.plot(xs, a * xs + b, color=COLORS["model"], label="model $y = ax + b$")
    for i, (xi, yi, d) in enumerate(zip(x, y, dens)):
        ax_data.plot([xi, xi], [yi, a * xi + b], color=COLORS["marker"], linestyle=":",
                     linewidth=1.5, label="residual" if i == 0 else None)
        ax_data.annotate(f"{d:.3e}", (xi, yi), xytext=(0, 10), textcoords="offset points",
                         ha="center", fontsize=9, bbox={"boxstyle": "round,pad=0.2",
                                                        "fc": "white", "ec": "0.7", "alpha": 0.9})
    ax_data.set(xlim=(x.min() - 0.6, x.max() + 0.6), ylim=(y.min() - 2.0, y.max() + 2.0),
                xlabel="x", ylabel="y", title="data, line and per-point likelihood")
    ax_data.legend(loc="upper left")
    im = ax_surf.imshow(surface - surface.max(), origin="lower", extent=(-1.0, 3.0, -1.0, 3.0),
                        aspect="auto", cmap="viridis", vmin=-100.0, vmax=0.0)
    fig.colorbar(im, ax=ax_surf, extend="min", label=r"$\ell(a, b) - \max\,\ell$")
    ax_surf.plot([mle.slope], [mle.intercept], marker="*", markersize=16, linestyle="none",
                 color=COLORS["mle"], markeredgecolor="white", label="maximum (MLE)")
    ax_surf.plot([a], [b], marker="o", markersize=10, linestyle="none", markerfacecolor="none",
                 markeredgewidth=2.5, color="white", label="your $(a, b)$")
    ax_surf.set(xlabel="slope a", ylabel="intercept b", title=r"log-likelihood over $(a, b)$")
    ax_surf.legend(loc="upper right", fontsize=9, framealpha=0.8)
    print(f"log-likelihood = {ll:.3f}")
    print(f"likelihood = {np.prod(dens):.4e}")
    print(f"NLL = {-ll:.3f}")
    return fig


def _slider_source(slider) -> str:
    return (f"widgets.FloatSlider(value={slider.value!r}, min={slider.min!r}, "
            f"max={slider.max!r}, step={slider.step!r}, description={slider.description!r}, "
            f"readout_format={slider.readout_format!r}, continuous_update=True, "
            "style={'description_width': '150px'}, layout={'width': '460px'})")


def baseline_cells(sliders: dict, tools_dir: str, repo: str) -> list[str]:
    """The baseline notebook: ``interactive`` over :func:`plot_line_likelihood`."""
    kwargs = ",\n    ".join(f"{name}={_slider_source(s)}" for name, s in sliders.items())
    setup = (f"%matplotlib inline\nimport sys\nsys.path[:0] = [{tools_dir!r}, {repo!r}]\n\n"
             "import ipywidgets as widgets\nimport matplotlib.pyplot as plt\n"
             "from IPython.display import display\n"
             "from bench_sliders.baseline import plot_line_likelihood\n"
             "from mlelib.plotting import use_course_style\n\nuse_course_style()")
    interact = ("def show(a, b, sigma):\n    plot_line_likelihood(a, b, sigma)\n    plt.show()\n\n\n"
                f"baseline = widgets.interactive(\n    show,\n    {kwargs})\n"
                f"baseline.add_class({BASELINE_CLASS!r})\ndisplay(baseline)")
    return [setup, interact]


def in_process_baseline(sliders: dict, updates: int = 30) -> dict:
    """Cost per change of the naive way: build the figure, render it as inline does."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from IPython.core.pylabtools import print_figure

    from mlelib.engine.sliders import step_value
    from mlelib.plotting import course_rc

    values = {name: s.value for name, s in sliders.items()}
    rows = []
    with contextlib.redirect_stdout(io.StringIO()), matplotlib.rc_context(course_rc()):
        for i in range(updates + 2):
            name = list(sliders)[i % len(sliders)]
            moved = step_value(sliders[name], values[name], 1 if (i // 3) % 2 == 0 else -1)
            values[name] = values[name] if moved is None else moved
            t0 = time.perf_counter()
            fig = plot_line_likelihood(**values)
            t1 = time.perf_counter()
            data = print_figure(fig, "png", bbox_inches="tight", base64=True)
            t2 = time.perf_counter()
            plt.close(fig)
            if i >= 2:  # the first calls load fonts and caches
                rows.append({"build": (t1 - t0) * 1e3, "render_png": (t2 - t1) * 1e3,
                             "total": (t2 - t0) * 1e3, "png_bytes": len(data) * 3 / 4})
    return {"updates": len(rows),
            "median_ms": {k: statistics.median(r[k] for r in rows)
                          for k in ("build", "render_png", "total")},
            "png_bytes": statistics.median(r["png_bytes"] for r in rows)}
