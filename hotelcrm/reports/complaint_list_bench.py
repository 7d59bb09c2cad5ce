"""``hotelcrm bench report``: the report base's speed on a 10,000-row complaint list beside a bare
ReportLab table of the same rows, in the same run (DESIGN.md §7: ≥ 80 pages/s, ≤ 2 s for
10,000 rows). The measurement itself is ``report_bench.bench_report``; this flattens it into the
JSON document the command prints."""

from __future__ import annotations

from typing import Any

from .report_bench import bench_report

TARGET_PAGES_PER_S = 80
TARGET_SECONDS = 2.0


def run(rows: int = 10_000, repeat: int = 3) -> dict[str, Any]:
    """``rows``, ``pages``, ``seconds`` (median), ``pages_per_s``, ``baseline_pages_per_s`` and the
    rest of the measurement (p95s, the baseline's own pages and seconds, the ratio, targets met)."""
    result = bench_report(rows=rows, repeat=repeat)
    ours, bare = result["report"], result["baseline"]
    return {
        "rows": rows,
        "repeat": repeat,
        "pages": ours["pages"],
        "seconds": round(ours["median_s"], 4),
        "p95_seconds": round(ours["p95_s"], 4),
        "pages_per_s": round(ours["pages_per_s"], 1),
        "baseline_pages": bare["pages"],
        "baseline_seconds": round(bare["median_s"], 4),
        "baseline_pages_per_s": round(bare["pages_per_s"], 1),
        "ratio": round(result["speedup"], 2),
        "meets_pages_per_s": ours["pages_per_s"] >= TARGET_PAGES_PER_S,
        "meets_seconds": rows != 10_000 or ours["median_s"] <= TARGET_SECONDS,
    }
