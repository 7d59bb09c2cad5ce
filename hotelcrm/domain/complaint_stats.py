"""Figures of the complaint statistics (投诉案件统计表): pure arithmetic over complaint facts.

What counts (DESIGN.md §2.6; decisions in docs/reports.md, "Complaint statistics"):
- times are hours from ``received_at`` to the step (acknowledged, remedied, closed), over the
  complaints that reached the step; percentiles interpolate linearly between ranks (the
  median of 1, 2, 3, 4 hours is 2.5 hours, the 90th percentile 3.7 hours);
- a step is *within target* when it was done at or before its due time; complaints without a
  due time or not yet at the step are left out of the share;
- withdrawn complaints are counted, but left out of times, shares and the return rate;
- *return rate*: each complainant guest once, judged on their last complaint of the period:
  did a stay (checked out or in house) arrive after the day of that complaint? Split by that
  complaint being closed within its target, closed late, or still open.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

STAGES = ("acknowledge", "remedy", "close")
RETURN_GROUPS = ("on_time", "late", "open")


@dataclass(frozen=True)
class ComplaintFact:
    """One complaint as the statistics see it (names already in the report's language)."""

    id: int
    guest_id: int | None
    received_at: datetime
    state: str
    category: str
    department: str | None
    severity: str
    channel: str
    acknowledged_at: datetime | None = None
    remedied_at: datetime | None = None
    closed_at: datetime | None = None
    due_acknowledge_at: datetime | None = None
    due_remedy_at: datetime | None = None
    due_close_at: datetime | None = None
    recovery_cost_cents: int = 0
    currency: str = "CNY"

    @property
    def withdrawn(self) -> bool:
        return self.state == "withdrawn"

    def done_at(self, stage: str) -> datetime | None:
        return {"acknowledge": self.acknowledged_at, "remedy": self.remedied_at, "close": self.closed_at}[stage]

    def due_at(self, stage: str) -> datetime | None:
        return {"acknowledge": self.due_acknowledge_at, "remedy": self.due_remedy_at,
                "close": self.due_close_at}[stage]


@dataclass(frozen=True)
class StageTimes:
    stage: str
    count: int  # complaints that reached the step
    median_hours: float | None
    p90_hours: float | None
    judged: int  # reached the step and had a due time
    within_target: int

    @property
    def share_within(self) -> float | None:
        return self.within_target / self.judged if self.judged else None


@dataclass(frozen=True)
class ReturnGroup:
    group: str  # on_time, late, open
    guests: int
    returned: int

    @property
    def rate(self) -> float | None:
        return self.returned / self.guests if self.guests else None


def percentile(values: Sequence[float], p: float) -> float | None:
    """The ``p``-th percentile (0–100) with linear interpolation between closest ranks
    (the "linear" method of NumPy and of Excel's PERCENTILE.INC); None for no values."""
    if not values:
        return None
    if not 0 <= p <= 100:
        raise ValueError("p must be within 0..100")
    ordered = sorted(values)
    position = (len(ordered) - 1) * p / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def hours_between(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 3600


def stage_times(facts: Iterable[ComplaintFact], stage: str) -> StageTimes:
    hours: list[float] = []
    judged = within = 0
    for fact in facts:
        done = fact.done_at(stage)
        if fact.withdrawn or done is None:
            continue
        hours.append(max(hours_between(fact.received_at, done), 0.0))
        due = fact.due_at(stage)
        if due is not None:
            judged += 1
            within += done <= due
    return StageTimes(stage, len(hours), percentile(hours, 50), percentile(hours, 90), judged, within)


def closed_on_time(fact: ComplaintFact) -> bool | None:
    """True/False for a closed complaint (no due time counts as on time), None while open."""
    if fact.closed_at is None:
        return None
    return fact.due_close_at is None or fact.closed_at <= fact.due_close_at


def counts_by(facts: Iterable[ComplaintFact], attribute: str, missing: str = "—") -> list[tuple[str, int]]:
    """(value, count), largest first, ties by name."""
    counter = Counter((getattr(f, attribute) or missing) for f in facts)
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def repeat_complainants(facts: Iterable[ComplaintFact], minimum: int = 2) -> list[tuple[int, int]]:
    """(guest id, complaints) for guests with at least ``minimum`` complaints, most first."""
    counter = Counter(f.guest_id for f in facts if f.guest_id is not None)
    return sorted(((g, n) for g, n in counter.items() if n >= minimum), key=lambda item: (-item[1], item[0]))


def last_complaint_per_guest(facts: Iterable[ComplaintFact]) -> dict[int, ComplaintFact]:
    last: dict[int, ComplaintFact] = {}
    for fact in facts:
        if fact.guest_id is None or fact.withdrawn:
            continue
        kept = last.get(fact.guest_id)
        if kept is None or (fact.received_at, fact.id) > (kept.received_at, kept.id):
            last[fact.guest_id] = fact
    return last


def return_rates(facts: Iterable[ComplaintFact], later_arrivals: dict[int, list[date]],
                 local_date=lambda moment: moment.date()) -> list[ReturnGroup]:
    """``later_arrivals[guest]``: arrival dates of the guest's counted stays (any; those on or
    before the complaint's day are ignored here). ``local_date`` turns the complaint's time
    into the hotel's calendar day."""
    guests: Counter[str] = Counter()
    returned: Counter[str] = Counter()
    for guest_id, fact in last_complaint_per_guest(facts).items():
        on_time = closed_on_time(fact)
        group = "open" if on_time is None else ("on_time" if on_time else "late")
        guests[group] += 1
        day = local_date(fact.received_at)
        returned[group] += any(arrival > day for arrival in later_arrivals.get(guest_id, ()))
    return [ReturnGroup(g, guests[g], returned[g]) for g in RETURN_GROUPS]


# ---------------------------------------------------------------- trend


def trend_unit(start: date, end: date) -> str:
    """Days for up to a month, ISO weeks up to about four months, calendar months beyond."""
    days = (end - start).days + 1
    return "day" if days <= 31 else "week" if days <= 120 else "month"


def bucket_start(day: date, unit: str) -> date:
    if unit == "day":
        return day
    if unit == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def trend_buckets(start: date, end: date, unit: str) -> list[date]:
    """Every bucket of the period, empty ones included (a trend line must not skip a gap)."""
    out: list[date] = []
    current = bucket_start(start, unit)
    while current <= end:
        out.append(current)
        if unit == "day":
            current += timedelta(days=1)
        elif unit == "week":
            current += timedelta(days=7)
        else:
            current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
    return out


def trend(days: Iterable[date], start: date, end: date) -> tuple[str, list[tuple[date, int]]]:
    unit = trend_unit(start, end)
    counter = Counter(bucket_start(d, unit) for d in days)
    return unit, [(b, counter[b]) for b in trend_buckets(start, end, unit)]
