"""``python -m bench_sliders``: measure every explorer, print the tables, write the JSON."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

from explorer_specs import all_specs

from . import REPO
from .baseline import BASELINE_NOTEBOOK, in_process_baseline
from .inprocess import in_process_explorers
from .machine import ForeignCpu
from .measure import OUT_DIR, WARMUP_STEPS, BenchError, Subject, browser_run
from .report import LEGEND, TARGETS, assess, summarise, tables


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="bench_sliders", description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=15, help="single steps per slider")
    parser.add_argument("--burst", type=int, default=20, help="key presses per burst")
    parser.add_argument("--quiet-ms", type=float, default=300.0,
                        help="no change for this long ends a burst or drag (not counted)")
    parser.add_argument("--updates", type=int, default=30, help="in-process updates")
    parser.add_argument("--only", default="", help="measure explorers whose title contains this")
    parser.add_argument("--no-browser", action="store_true", help="in-process part only")
    parser.add_argument("--no-baseline", action="store_true", help="skip the interact baseline")
    parser.add_argument("--pause-ms", type=float, default=200.0,
                        help="pause before each single step (a learner tapping a key)")
    parser.add_argument("--no-prefetch", action="store_true",
                        help="explorers do not send readouts and pictures ahead")
    parser.add_argument("--out", type=Path, default=OUT_DIR / "sliders.json")
    return parser.parse_args(argv)


def _subject(spec, key: str, title: str, mode: str, bench_notebook: str) -> Subject:
    """What the benchmark measures of ``spec``'s explorer: its sliders and formats."""
    explorer = spec.build()
    return Subject(key, title, spec.notebook, mode, spec, dict(explorer.sliders),
                   explorer.formats, bench_notebook=bench_notebook)


def _subjects(args):
    specs = [s for s in all_specs() if args.only.lower() in s.title.lower()]
    if not specs:
        raise BenchError("no explorer spec to measure")
    subjects = [_subject(s, f"{s.notebook}::{s.title}", s.title, "explorer",
                         f"bench_{i:02d}.ipynb") for i, s in enumerate(specs)]
    base_spec = next(s for s in all_specs() if s.notebook == BASELINE_NOTEBOOK)
    baseline = None if args.no_baseline else _subject(
        base_spec, "baseline::interact", "baseline: interact+inline (02)", "baseline",
        "bench_baseline.ipynb")
    return specs, subjects, baseline


def main(argv=None) -> int:
    args = _arguments(argv)
    t_start, load_before = time.perf_counter(), os.getloadavg()
    foreign = ForeignCpu()
    foreign.start()
    specs, subjects, baseline = _subjects(args)
    everything = subjects + ([baseline] if baseline else [])
    report = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "platform": platform.platform()},
              "settings": {**vars(args), "out": str(args.out), "warmup_steps": WARMUP_STEPS},
              "targets": {k: v[1] for k, v in TARGETS.items()}}
    failure = None
    try:
        print(f"in-process: {len(specs)} explorer(s)", flush=True)
        report["in_process"] = {"explorers": in_process_explorers(specs, args.updates),
                                "baseline": in_process_baseline(baseline.sliders, args.updates)
                                if baseline else None}
        if not args.no_browser:
            print(f"browser: {len(everything)} notebook(s) in JupyterLab / headless Chromium",
                  flush=True)
            browser_run(everything, steps=args.steps, burst=args.burst, quiet_ms=args.quiet_ms,
                        pause_ms=args.pause_ms, prefetch=not args.no_prefetch,
                        summarise=summarise)
        assess(subjects, baseline)
    except BenchError as exc:
        failure = str(exc)
    finally:  # also when an unexpected exception propagates: keep what was measured
        unexpected = sys.exc_info()[1]
        report["subjects"] = [{"key": s.key, "title": s.title, "notebook": s.notebook,
                               "mode": s.mode, "sliders": list(s.sliders), **s.result}
                              for s in everything]
        report["elapsed_s"] = time.perf_counter() - t_start
        report["other_processes"] = foreign.stop()
        report["load_average"] = {"before": load_before, "after": os.getloadavg()}
        report["error"] = failure or (repr(unexpected) if unexpected else None)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=1, default=str))
    if failure:
        print(f"\nBENCHMARK BROKEN: {failure}\npartial results in {args.out}", file=sys.stderr)
        return 1
    print()
    print(tables(everything, report["in_process"]["explorers"], report["in_process"]["baseline"]))
    print()
    print(LEGEND.format(pause=args.pause_ms, burst=args.burst,
                        prefetch=" (prefetching off)" if args.no_prefetch else ""))
    other = report["other_processes"]
    print(f"load average before / after: {load_before[0]:.2f} / {os.getloadavg()[0]:.2f} on "
          f"{os.cpu_count()} CPUs; other processes used {other['foreign_cpu_s']:.0f} CPU-s "
          f"({other['foreign_share']:.0%} of the machine)"
          + (": the latencies above are inflated" if other["foreign_share"] > 0.05 else ""))
    shown = args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out
    print(f"results: {shown}  ({time.perf_counter() - t_start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
