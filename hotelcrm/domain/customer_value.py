"""Customer value analysis (客户价值分析): Pareto, ABC tiers, RFM scores and segments, lifecycle
stage, repeat-guest rate. Pure arithmetic over per-guest figures; money in integer minor units.

Definitions (DESIGN.md §2.6; decisions in docs/reports.md, "Customer value"):
- *Pareto set*: the fewest guests, biggest spenders first, whose revenue reaches 80% of the
  period's revenue (ties in revenue by guest id, so the answer is reproducible);
- *ABC*: A = the Pareto set; B = the guests after it up to 95% of revenue; C = the rest. A guest
  is in the tier where the revenue *before* them falls (so the guest who crosses 80% is A);
- *RFM*: recency = days from the guest's last stay to the period's end, frequency = stays in the
  period, monetary = revenue in the period. Each becomes a score 1–5 by rank among the period's
  guests: ``ceil(5 * share of guests at or below this value)`` (for recency: at or above, since
  fewer days is better); equal values share one score;
- *segments* from the scores, first rule that matches (see ``rfm_segment``);
- *lifecycle*: lapsing (no stay for ``lapse_days``), else high value (tier A), else loyal
  (``loyal_stays`` stays or more), else returning (2 or more), else new (one stay).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

PARETO_SHARE = 0.8
B_SHARE = 0.95
ABC = ("A", "B", "C")
SEGMENTS = ("champions", "loyal", "big_spenders", "promising", "at_risk", "hibernating", "needs_attention")
LIFECYCLE = ("new", "returning", "loyal", "high_value", "lapsing")
LAPSE_DAYS = 365
LOYAL_STAYS = 5


@dataclass(frozen=True)
class GuestValue:
    """A guest's figures for the period. ``days_since_last`` counts to the period's end."""

    guest_id: int
    revenue_cents: int  # in the period
    stays: int  # in the period
    days_since_last: int
    stays_total: int = 0  # up to the period's end (lifecycle)


@dataclass(frozen=True)
class ParetoResult:
    guests: int  # in the Pareto set
    of_guests: int  # with revenue in the period
    revenue_cents: int  # of the Pareto set
    total_cents: int

    @property
    def guest_share(self) -> float | None:
        return self.guests / self.of_guests if self.of_guests else None

    @property
    def revenue_share(self) -> float | None:
        return self.revenue_cents / self.total_cents if self.total_cents else None


@dataclass(frozen=True)
class RfmScore:
    r: int
    f: int
    m: int

    @property
    def code(self) -> str:
        return f"{self.r}{self.f}{self.m}"


def _by_revenue(revenues: Mapping[int, int]) -> list[tuple[int, int]]:
    return sorted(revenues.items(), key=lambda item: (-item[1], item[0]))


def abc_tiers(revenues: Mapping[int, int]) -> dict[int, str]:
    """Guest id → "A", "B" or "C". With no revenue at all everybody is C."""
    total = sum(revenues.values())
    tiers: dict[int, str] = {}
    before = 0
    for guest_id, revenue in _by_revenue(revenues):
        share = before / total if total else 1.0
        if revenue <= 0:
            tiers[guest_id] = "C"
        else:
            tiers[guest_id] = "A" if share < PARETO_SHARE else "B" if share < B_SHARE else "C"
        before += revenue
    return tiers


def pareto(revenues: Mapping[int, int]) -> ParetoResult:
    tiers = abc_tiers(revenues)
    top = [g for g, t in tiers.items() if t == "A"]
    return ParetoResult(len(top), len(revenues), sum(revenues[g] for g in top), sum(revenues.values()))


def abc_summary(revenues: Mapping[int, int]) -> list[tuple[str, int, int]]:
    """(tier, guests, revenue) for A, B, C."""
    tiers = abc_tiers(revenues)
    guests: Counter[str] = Counter(tiers.values())
    money: Counter[str] = Counter()
    for guest_id, tier in tiers.items():
        money[tier] += revenues[guest_id]
    return [(t, guests[t], money[t]) for t in ABC]


def quintile_scores(values: Sequence[float], higher_is_better: bool = True) -> list[int]:
    """Score 1–5 per value: ``ceil(5 * k / n)`` where k counts the values this one is at least
    as good as (itself included). Equal values get equal scores."""
    n = len(values)
    ordered = sorted(values)
    scores = []
    for v in values:
        if higher_is_better:
            k = _count_at_most(ordered, v)
        else:
            k = n - _count_below(ordered, v)
        scores.append(max(1, math.ceil(5 * k / n)))
    return scores


def _count_at_most(ordered: list[float], v: float) -> int:
    return bisect_right(ordered, v)


def _count_below(ordered: list[float], v: float) -> int:
    return bisect_left(ordered, v)


def rfm_scores(guests: Sequence[GuestValue]) -> dict[int, RfmScore]:
    r = quintile_scores([g.days_since_last for g in guests], higher_is_better=False)
    f = quintile_scores([g.stays for g in guests])
    m = quintile_scores([g.revenue_cents for g in guests])
    return {g.guest_id: RfmScore(r[i], f[i], m[i]) for i, g in enumerate(guests)}


def rfm_segment(score: RfmScore) -> str:
    """The first rule that holds:
    champions R≥4 F≥4 M≥4 · loyal R≥3 F≥4 · big_spenders R≥3 M≥4 · promising R≥4 F≤2 ·
    at_risk R≤2 and (F≥3 or M≥3) · hibernating R≤2 · needs_attention otherwise."""
    r, f, m = score.r, score.f, score.m
    if r >= 4 and f >= 4 and m >= 4:
        return "champions"
    if r >= 3 and f >= 4:
        return "loyal"
    if r >= 3 and m >= 4:
        return "big_spenders"
    if r >= 4 and f <= 2:
        return "promising"
    if r <= 2 and (f >= 3 or m >= 3):
        return "at_risk"
    if r <= 2:
        return "hibernating"
    return "needs_attention"


def lifecycle_stage(days_since_last: int, stays_total: int, tier: str | None,
                    lapse_days: int = LAPSE_DAYS, loyal_stays: int = LOYAL_STAYS) -> str:
    if days_since_last > lapse_days:
        return "lapsing"
    if tier == "A":
        return "high_value"
    if stays_total >= loyal_stays:
        return "loyal"
    if stays_total >= 2:
        return "returning"
    return "new"


def repeat_rate(stays_total_of_period_guests: Sequence[int]) -> float | None:
    """Share of the period's guests who have stayed at least twice (up to the period's end)."""
    n = len(stays_total_of_period_guests)
    return sum(1 for s in stays_total_of_period_guests if s >= 2) / n if n else None


def ordered_counts(values: Sequence[str], order: Sequence[str]) -> list[tuple[str, int]]:
    counter = Counter(values)
    return [(key, counter[key]) for key in order]
