"""Benchmark: the log-likelihood surface of the line model on a 1000 x 1000 (a, b) grid.

``mlelib.likelihoods.line_loglik_grid`` reduces the data once to the coefficients of the
residual sum of squares, a quadratic in (a, b) expanded around the least-squares line,
and then costs a few passes over the grid, whatever the number of points n.  The direct
formula sums the Gaussian log-density of every point for every grid cell, so it costs
n x cells.  This script times both for n = 10, 10^4 and 10^6 points and checks that they
agree.

A second table is the near-exact fit of issue 15: points on a line with noise 1e-8 and
sigma = 1e-8, the grid zoomed onto the fit.  There the textbook sufficient statistics
(S_yy - 2a S_xy + a^2 S_xx + n (ybar - a xbar - b)^2) cancel to nothing; the table gives
the grid's time and its largest relative error against exact rational arithmetic
(tests/hp_reference.py) on a spread of cells, with the textbook formula's error beside
it.

Where n x cells would exceed ``DIRECT_BUDGET`` elements, the direct formula runs on an
evenly thinned subgrid of the same (a, b) values and its time is scaled linearly to the
full 10^6 cells (the direct cost is linear in the number of cells); the table says so.

Run with ``make bench`` (or ``python tools/bench_grid.py``); the tables are printed and
written to ``bench-results/grid.json``.  Targets: the grid in <= 20 ms whatever n, and
1e-12 relative error in the near-exact fit.
"""

from __future__ import annotations

import json
import math
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from mlelib.datasets import make_line_data
from mlelib.estimators import least_squares_line
from mlelib.likelihoods import line_loglik_grid, line_sufficient_stats

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import hp_reference  # the tests' exact reference (not part of mlelib)

SIZES = (10, 10**4, 10**6)
GRID_SIDE = 1000
A_RANGE = (-1.0, 3.0)
B_RANGE = (-1.0, 3.0)
SIGMA = 0.5
NOISE_SD = 0.5
SEED = 2024
DIRECT_BUDGET = 2e8  # largest n x cells the direct formula is run on
BLOCK = 1 << 22  # elements per temporary block of the direct formula (32 MB of float64)
TARGET_MS = 20.0
FAST_REPEATS = 15
DIRECT_REPEATS = (5, 3)  # full-grid direct runs, subgrid (scaled) direct runs
# the near-exact fit: noise and sigma 1e-8, a grid of +-ZOOM noise units around the fit
EXACT_SIZES = (40, 1000, 10**6)
EXACT_NOISE = 1e-8
EXACT_ZOOM = 5.0
EXACT_CHECKED = 7  # 7 x 7 cells compared with exact arithmetic (n <= EXACT_CHECK_MAX)
EXACT_CHECK_MAX = 1000
ACCURACY_TARGET = 1e-12

RESULTS = Path(__file__).resolve().parent.parent / "bench-results" / "grid.json"


def direct_loglik_grid(x: np.ndarray, y: np.ndarray, a: np.ndarray, b: np.ndarray,
                       sigma: float) -> np.ndarray:
    """Sum over points of log N(y_i; a x_i + b, sigma^2), for every cell of the grid.

    Blocks of grid cells are processed together so that no temporary array holds more
    than ``BLOCK`` elements.
    """
    n = x.size
    const = -0.5 * math.log(2.0 * math.pi * sigma * sigma)
    inv = 1.0 / (2.0 * sigma * sigma)
    cols = max(1, min(b.size, BLOCK // n))
    rows = max(1, min(a.size, BLOCK // (cols * n)))
    out = np.empty((a.size, b.size))
    for i0 in range(0, a.size, rows):
        slopes = a[i0:i0 + rows, None, None]
        for j0 in range(0, b.size, cols):
            intercepts = b[None, j0:j0 + cols, None]
            r = y - slopes * x - intercepts
            logpdf = const - r * r * inv
            out[i0:i0 + rows, j0:j0 + cols] = logpdf.sum(axis=-1)
    return out


def median_ms(func, repeats: int, *, warm_up: bool = True) -> tuple[float, object]:
    """Median wall time of ``repeats`` calls (after one warm-up call), and the last result."""
    result = func() if warm_up else None
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return 1e3 * statistics.median(times), result


def subgrid_indices(n: int) -> np.ndarray:
    """Evenly spread indices of a square subgrid with at most DIRECT_BUDGET / n cells."""
    cells = GRID_SIDE * GRID_SIDE
    if n * cells <= DIRECT_BUDGET:
        return np.arange(GRID_SIDE)
    side = max(2, math.isqrt(int(DIRECT_BUDGET // n)))
    return np.unique(np.linspace(0, GRID_SIDE - 1, side).round().astype(int))


def bench_one(n: int, a: np.ndarray, b: np.ndarray) -> dict:
    x, y = make_line_data(n, NOISE_SD, SEED)
    fast_ms, surface = median_ms(lambda: line_loglik_grid(x, y, a, b, SIGMA), FAST_REPEATS)
    # the O(n) part of line_loglik_grid: checking the data and expanding the RSS (a 1 x 1
    # grid costs nothing else)
    stats_ms, _ = median_ms(lambda: line_loglik_grid(x, y, a[:1], b[:1], SIGMA), FAST_REPEATS)

    idx = subgrid_indices(n)
    sub_a, sub_b = a[idx], b[idx]
    scaled = idx.size < GRID_SIDE
    repeats = DIRECT_REPEATS[1] if scaled else DIRECT_REPEATS[0]
    direct_ms_run, direct = median_ms(lambda: direct_loglik_grid(x, y, sub_a, sub_b, SIGMA),
                                      repeats, warm_up=False)
    cells_run = sub_a.size * sub_b.size
    direct_ms = direct_ms_run * (a.size * b.size) / cells_run

    common = surface[np.ix_(idx, idx)]
    max_abs = float(np.max(np.abs(common - direct)))
    max_rel = float(np.max(np.abs(common - direct) / np.maximum(np.abs(direct), 1e-300)))
    return {
        "n": n,
        "grid": f"{a.size}x{b.size}",
        "sufficient_stats_ms": fast_ms,
        "of_which_stats_pass_ms": stats_ms,
        "direct_ms": direct_ms,
        "direct_scaled": scaled,
        "direct_grid_run": f"{sub_a.size}x{sub_b.size}",
        "direct_ms_as_run": direct_ms_run,
        "direct_repeats": repeats,
        "ratio": direct_ms / fast_ms,
        "max_abs_diff": max_abs,
        "max_rel_diff": max_rel,
        "cells_compared": cells_run,
        "meets_target": fast_ms <= TARGET_MS,
    }


def textbook_loglik(x: np.ndarray, y: np.ndarray, a: float, b: float, sigma: float) -> float:
    """The sufficient-statistics formula the grid used before issue 15 (for comparison)."""
    s = line_sufficient_stats(x, y)
    d = s.y_mean - a * s.x_mean - b
    rss = max(s.syy - 2.0 * a * s.sxy + a * a * s.sxx + s.n * d * d, 0.0)
    return -0.5 * s.n * math.log(2.0 * math.pi * sigma * sigma) - rss / (2.0 * sigma * sigma)


def bench_near_exact(n: int) -> dict:
    """Time and accuracy of the grid when the line fits the data to 1e-8, sigma 1e-8."""
    x, y = make_line_data(n, EXACT_NOISE, SEED)
    fit = least_squares_line(x, y)
    offsets = np.linspace(-EXACT_ZOOM, EXACT_ZOOM, GRID_SIDE) * EXACT_NOISE
    a, b = fit.slope + offsets, fit.intercept + offsets
    ms, surface = median_ms(lambda: line_loglik_grid(x, y, a, b, EXACT_NOISE), FAST_REPEATS)
    row = {"n": n, "noise_sd": EXACT_NOISE, "sigma": EXACT_NOISE, "grid_ms": ms,
           "meets_target": ms <= TARGET_MS}
    if n <= EXACT_CHECK_MAX:
        idx = np.unique(np.linspace(0, GRID_SIDE - 1, EXACT_CHECKED).round().astype(int))
        cells = [(i, j) for i in idx for j in idx] + [(GRID_SIDE // 2, GRID_SIDE // 2)]
        exact = [hp_reference.line_loglik(x, y, a[i], b[j], EXACT_NOISE) for i, j in cells]
        ours = [surface[i, j] for i, j in cells]
        old = [textbook_loglik(x, y, a[i], b[j], EXACT_NOISE) for i, j in cells]
        row.update(cells_checked=len(cells), max_rel_err=_max_rel(ours, exact),
                   textbook_max_rel_err=_max_rel(old, exact))
    return row


def _max_rel(values, exact) -> float:
    return max(abs(v - e) / abs(e) for v, e in zip(values, exact))


def print_exact_table(rows: list[dict]) -> None:
    header = (f"{'n':>9}  {'grid':>9}  {'ms':>8}  {'cells':>5}  {'max rel err':>11}  "
              f"{'textbook formula':>16}")
    print(header)
    print("-" * len(header))
    for r in rows:
        checked = "cells_checked" in r
        print(f"{r['n']:>9}  {GRID_SIDE}x{GRID_SIDE}  {r['grid_ms']:>8.2f}  "
              f"{r['cells_checked'] if checked else '-':>5}  "
              f"{r['max_rel_err'] if checked else float('nan'):>11.1e}  "
              f"{r['textbook_max_rel_err'] if checked else float('nan'):>16.1e}")
    print()
    print(f"near-exact fit: y = x + 1 + N(0, {EXACT_NOISE:g}^2), sigma = {EXACT_NOISE:g}, a and b "
          f"within +-{EXACT_ZOOM:g} x {EXACT_NOISE:g} of the least-squares line.")
    print("max rel err: line_loglik_grid against exact rational arithmetic on the cells "
          "checked (n <= 1000);")
    print("textbook formula: the sufficient statistics the grid used before, on the same "
          "cells.")


def print_table(rows: list[dict]) -> None:
    header = (f"{'n':>9}  {'grid':>9}  {'suff-stats ms':>13}  {'(stats pass)':>12}  "
              f"{'direct ms':>11}  "
              f"{'scaled from':>11}  {'ratio':>9}  {'max |diff|':>10}  {'max rel':>8}")
    print(header)
    print("-" * len(header))
    for r in rows:
        scaled = r["direct_grid_run"] if r["direct_scaled"] else "-"
        print(f"{r['n']:>9}  {r['grid']:>9}  {r['sufficient_stats_ms']:>13.2f}  "
              f"{r['of_which_stats_pass_ms']:>12.2f}  "
              f"{r['direct_ms']:>11.1f}  {scaled:>11}  {r['ratio']:>9.0f}  "
              f"{r['max_abs_diff']:>10.2e}  {r['max_rel_diff']:>8.1e}")
    print()
    print("suff-stats ms: line_loglik_grid, all of it; (stats pass): the O(n) part of it (the")
    print("data checked and the RSS expanded), timed as line_loglik_grid on a 1 x 1 grid.")
    print("direct ms: the per-point formula; where 'scaled from' names a smaller grid it ran")
    print(f"there (n x cells <= {DIRECT_BUDGET:.0e}) and its time was scaled linearly to "
          f"{GRID_SIDE * GRID_SIDE:.0e} cells.")
    print("max |diff|, max rel: line_loglik_grid against the direct formula on the cells both "
          "computed.")


def main() -> int:
    start = time.perf_counter()
    load_before = os.getloadavg()
    a = np.linspace(*A_RANGE, GRID_SIDE)
    b = np.linspace(*B_RANGE, GRID_SIDE)
    rows = [bench_one(n, a, b) for n in SIZES]
    print_table(rows)
    worst = max(r["sufficient_stats_ms"] for r in rows)
    verdict = "met" if worst <= TARGET_MS else "MISSED"
    print(f"\ntarget: line_loglik_grid on {GRID_SIDE}x{GRID_SIDE} <= {TARGET_MS:.0f} ms whatever n: "
          f"{verdict} (slowest {worst:.2f} ms)")
    agree = all(r["max_rel_diff"] < 1e-9 for r in rows)
    print(f"agreement with the direct formula (max rel diff < 1e-9): {'yes' if agree else 'NO'}")

    print()
    exact_rows = [bench_near_exact(n) for n in EXACT_SIZES]
    print_exact_table(exact_rows)
    accurate = all(r["max_rel_err"] <= ACCURACY_TARGET for r in exact_rows if "max_rel_err" in r)
    slowest_exact = max(r["grid_ms"] for r in exact_rows)
    print(f"\naccuracy target: max rel err <= {ACCURACY_TARGET:g} in the near-exact fit: "
          f"{'met' if accurate else 'MISSED'}; slowest near-exact grid {slowest_exact:.2f} ms "
          f"({'within' if slowest_exact <= TARGET_MS else 'OVER'} {TARGET_MS:.0f} ms)")
    print(f"load average before / after: {load_before[0]:.2f} / {os.getloadavg()[0]:.2f} "
          f"on {os.cpu_count()} CPUs (other work on the machine inflates the times)")

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "benchmark": "line_loglik_grid vs direct per-point Gaussian log-density sum",
        "grid": {"a": [*A_RANGE, GRID_SIDE], "b": [*B_RANGE, GRID_SIDE]},
        "sigma": SIGMA,
        "data": {"noise_sd": NOISE_SD, "seed": SEED, "generator": "mlelib.make_line_data"},
        "direct_budget_elements": DIRECT_BUDGET,
        "fast_repeats": FAST_REPEATS,
        "timing": "median of time.perf_counter() runs (one warm-up run before the fast ones)",
        "target_ms": TARGET_MS,
        "target_met": worst <= TARGET_MS,
        "agree": agree,
        "rows": rows,
        "near_exact_fit": {"accuracy_target": ACCURACY_TARGET, "accurate": accurate,
                           "zoom_noise_units": EXACT_ZOOM, "rows": exact_rows},
        "python": platform.python_version(),
        "numpy": np.__version__,
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "load_average_1min": {"before": load_before[0], "after": os.getloadavg()[0]},
        "blas_threads_env": {k: os.environ[k] for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")
                             if k in os.environ},
        "total_seconds": time.perf_counter() - start,
    }
    RESULTS.write_text(json.dumps(payload, indent=2) + "\n")
    print(f"written to {RESULTS} in {payload['total_seconds']:.0f} s")
    return 0 if agree and accurate else 1


if __name__ == "__main__":
    raise SystemExit(main())
