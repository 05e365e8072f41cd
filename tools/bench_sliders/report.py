"""Summaries, targets and the table of the slider benchmark."""

from __future__ import annotations

import statistics

import numpy as np

FRAME_MS = 1000 / 60
TARGETS = {"readout p50": ("readout_p50_ms", FRAME_MS), "plot p50": ("plot_p50_ms", FRAME_MS),
           "plot p95": ("plot_p95_ms", 100.0), "settle (keys)": ("settle_keyboard_ms", 50.0),
           "settle (drag)": ("settle_mouse_ms", 50.0),
           "settle (track)": ("settle_track_ms", 50.0)}
SPEEDUP_TARGET = 2.5  # baseline plot p50 / explorer plot p50


def _pct(values, q: float) -> float | None:
    return float(np.percentile(np.asarray(values, float), q)) if values else None


def _share(flags) -> float | None:
    return sum(map(bool, flags)) / len(flags) if flags else None


def summarise(raw: dict) -> dict:
    """Percentiles of the steps, medians and worst sliders of the bursts and drags."""
    steps = [s for s in raw["steps"] if not s.get("lost_frame")]
    readout = [s["readout_ms"] for s in steps if s["readout_ms"] is not None]
    plot = [s["plot_ms"] for s in steps]
    settle = {}
    for how in ("keyboard", "synthetic", "mouse", "track"):
        rows = [b for b in raw["bursts"] if b["how"] == how]
        worst = max(rows, key=lambda b: b["settle_ms"])
        settle[how] = {"median_ms": statistics.median(b["settle_ms"] for b in rows),
                       "max_ms": worst["settle_ms"], "worst_slider": worst["slider"],
                       "plot_max_ms": max(b["plot_ms"] for b in rows)}
    return {"samples": len(steps), "lost_frames": len(raw["steps"]) - len(steps),
            "readout_p50_ms": _pct(readout, 50), "readout_p95_ms": _pct(readout, 95),
            "plot_p50_ms": _pct(plot, 50), "plot_p95_ms": _pct(plot, 95),
            "settle_keyboard_ms": settle["keyboard"]["max_ms"],
            "settle_mouse_ms": settle["mouse"]["max_ms"],
            "settle_track_ms": settle["track"]["max_ms"],
            "prefetched_readout_share": _share([s.get("prefetched_readout") for s in steps]),
            "prefetched_plot_share": _share([s.get("prefetched_plot") for s in steps]),
            "settle": settle}


def assess(subjects, baseline) -> None:
    """Mark each target met or not, per explorer."""
    base = baseline.result.get("summary") if baseline else None
    for s in subjects:
        m = s.result.get("summary")
        if s.mode != "explorer" or m is None:
            continue
        ratio = base["plot_p50_ms"] / m["plot_p50_ms"] if base and m["plot_p50_ms"] else None
        s.result["ratio_vs_baseline_plot_p50"] = ratio
        marks = {name: m[key] <= limit for name, (key, limit) in TARGETS.items()}
        marks[f">= {SPEEDUP_TARGET}x baseline"] = None if ratio is None else ratio >= SPEEDUP_TARGET
        s.result["targets"] = marks


def _fmt(v, digits=0) -> str:
    return "-" if v is None else f"{v:.{digits}f}"


def _table(head: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in [head, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def tables(subjects, in_proc: dict, base_in_proc: dict | None) -> str:
    head = ["explorer", "readout p50/p95", "plot p50/p95", "ahead r/p", "keys med/max",
            "(one-task)", "drag med/max", "track med/max", "in-process readout/draw/send", "base/expl"]
    rows, marks = [], []
    for s in subjects:
        m = s.result.get("summary")
        if s.mode == "explorer":
            ip = in_proc.get(s.key, {}).get("median_ms", {})
            kernel = " / ".join(_fmt(ip.get(k), 1) for k in ("readout", "draw", "send"))
        else:
            ip = (base_in_proc or {}).get("median_ms", {})
            kernel = f"build {_fmt(ip.get('build'))} + inline PNG {_fmt(ip.get('render_png'))}"
        cells = ["-"] * 7
        if m:
            kb, sy, dr, tr = (m["settle"][h] for h in ("keyboard", "synthetic", "mouse", "track"))
            ahead = (m["prefetched_readout_share"], m["prefetched_plot_share"])
            cells = [f"{_fmt(m['readout_p50_ms'])} / {_fmt(m['readout_p95_ms'])}",
                     f"{_fmt(m['plot_p50_ms'])} / {_fmt(m['plot_p95_ms'])}",
                     " / ".join("-" if a is None else f"{a:.0%}" for a in ahead),
                     f"{_fmt(kb['median_ms'])} / {_fmt(kb['max_ms'])} ({kb['worst_slider']})",
                     _fmt(sy["max_ms"]),
                     f"{_fmt(dr['median_ms'])} / {_fmt(dr['max_ms'])} ({dr['worst_slider']})",
                     f"{_fmt(tr['median_ms'])} / {_fmt(tr['max_ms'])} ({tr['worst_slider']})"]
        ratio = s.result.get("ratio_vs_baseline_plot_p50")
        name = (f"{s.notebook[:2]} {s.title}" if s.mode == "explorer" else s.title)[:38]
        rows.append([name, *cells, kernel, "-" if ratio is None else f"{ratio:.1f}x"])
        if s.result.get("targets"):
            marks.append([name, *["-" if ok is None else ("met" if ok else "NOT met")
                                  for ok in s.result["targets"].values()]])
    out = _table(head, rows)
    if marks:
        names = [*TARGETS, f">= {SPEEDUP_TARGET}x baseline"]
        out += "\n\n" + _table(["targets (ms)", *[
            f"{n} <= {TARGETS[n][1]:.4g}" if n in TARGETS else n for n in names]], marks)
    return out


LEGEND = """\
ms.  readout: key -> readout shows the new value.  plot: key -> new picture on screen.
single steps {pause:.0f} ms apart; ahead r/p: share of steps whose readout / picture the page
  showed from what the kernel had sent ahead{prefetch}.
keys: last key that moved the slider in a {burst}-key burst (keyboard.press loop) -> final
  readout and last picture on screen, median/max over sliders; one-task: the same keys
  dispatched in one task.  drag: mouse held, 20 moves 16 ms apart over a fifth of the
  track; last pointer event -> final readout and picture.  track: the same, from one end
  of the track to the other (after a rest at that end).
in-process: median ms per change in the bench process (Explorer.last_timings).
base/expl: baseline plot p50 / explorer plot p50 (like for like only for 02)."""
