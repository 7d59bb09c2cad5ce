"""What every ``hotelcrm bench`` measurement shares: timing one call and summarising samples."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def timed_ms(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def percentiles(samples: list[float]) -> dict[str, float]:
    """Median and 95th percentile (nearest rank), in the samples' unit, rounded to µs."""
    ordered = sorted(samples)
    p95 = ordered[max(0, -(-len(ordered) * 95 // 100) - 1)]
    return {"p50": round(ordered[(len(ordered) - 1) // 2], 3), "p95": round(p95, 3)}
