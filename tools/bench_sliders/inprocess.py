"""In-process cost of each explorer: the median ``Explorer.last_timings`` over slider moves."""

from __future__ import annotations

import math
import statistics

from mlelib.engine.sliders import step_value, steps_to_end


def in_process_explorers(specs, updates: int = 30) -> dict[str, dict]:
    """Per explorer: about ``updates`` single steps, alternating, over every slider."""
    results = {}
    for spec in specs:
        explorer = spec.build()
        per_slider = max(6, math.ceil(updates / len(explorer.sliders)))
        rows, by_slider = [], {}
        sent_before = dict(explorer.canvas.stats)
        for name, slider in explorer.sliders.items():
            sign = 1 if steps_to_end(slider, slider.value, 1) >= steps_to_end(slider, slider.value, -1) else -1
            mine = []
            for i in range(per_slider):
                moved = step_value(slider, slider.value, sign if i % 2 == 0 else -sign)
                slider.value = slider.value if moved is None else moved
                timings = {k: v * 1e3 for k, v in explorer.last_timings.items()}
                mine.append({**timings, "total": sum(timings.values())})
            rows += mine
            by_slider[name] = {k: statistics.median(r.get(k, 0.0) for r in mine) for k in mine[0]}
        frames = max(explorer.canvas.stats["frames"] - sent_before["frames"], 1)
        results[f"{spec.notebook}::{spec.title}"] = {
            "updates": len(rows),
            "median_ms": {k: statistics.median(r.get(k, 0.0) for r in rows) for k in rows[0]},
            "median_ms_by_slider": by_slider,
            "counts": {**explorer.counts, **explorer.picture.renderer.counts},
            "sent_bytes_per_frame": (explorer.canvas.stats["bytes"] - sent_before["bytes"])
            / frames,
            "frame_size_px": list(explorer.picture.fig.canvas.get_width_height(physical=True)),
        }
    return results
