"""Benchmark: the log-likelihood surface of the line model on a 1000 x 1000 (a, b) grid.

``mlelib.likelihoods.line_loglik_grid`` reduces the data to sufficient statistics once and
then costs a few passes over the grid, whatever the number of points n.  The direct
formula sums the Gaussian log-density of every point for every grid cell, so it costs
n x cells.  This script times both for n = 10, 10^4 and 10^6 points and checks that they
agree.

Where n x cells would exceed ``DIRECT_BUDGET`` elements, the direct formula runs on an
evenly thinned subgrid of the same (a, b) values and its time is scaled linearly to the
full 10^6 cells (the direct cost is linear in the number of cells); the table says so.

Run with ``make bench`` (or ``python tools/bench_grid.py``); the table is printed and
written to ``bench-results/grid.json``.  Target: the sufficient-statistics grid in
<= 20 ms whatever n.
"""

from __future__ import annotations

import json
import math
import os
import platform
import statistics
import time
from pathlib import Path

import numpy as np

from mlelib.datasets import make_line_data
from mlelib.likelihoods import line_loglik_grid, line_sufficient_stats

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
    # the one O(n) part of line_loglik_grid: reducing the data to sufficient statistics
    stats_ms, _ = median_ms(lambda: line_sufficient_stats(x, y), FAST_REPEATS)

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
    print("suff-stats ms: line_loglik_grid, all of it; (stats pass): the O(n) part of it, the")
    print("reduction of the data to sufficient statistics (line_sufficient_stats).")
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
    return 0 if agree else 1


if __name__ == "__main__":
    raise SystemExit(main())
