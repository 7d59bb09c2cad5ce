"""Complaint statistics on small hand-made data with known answers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from hotelcrm.domain import complaint_stats as cs

T0 = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)


def _at(hours):
    return None if hours is None else T0 + timedelta(hours=hours)


def fact(id_, guest=None, ack=None, close=None, due_close=None, state="closed", category="Noise",
         department="Housekeeping"):
    return cs.ComplaintFact(id_, guest, T0, state, category, department, "low", "phone",
                            acknowledged_at=_at(ack), closed_at=_at(close), due_close_at=_at(due_close))


def test_percentile_interpolates_linearly():
    assert cs.percentile([1, 2, 3, 4], 50) == 2.5
    assert cs.percentile([4, 1, 3, 2], 90) == pytest.approx(3.7)
    assert cs.percentile([5], 90) == 5
    assert cs.percentile([], 50) is None
    assert cs.percentile([10, 20, 30, 40, 50], 50) == 30


def test_time_to_close_median_p90_and_share_within_target():
    facts = [fact(1, close=1, due_close=2), fact(2, close=2, due_close=2), fact(3, close=3, due_close=2),
             fact(4, close=4), fact(5, state="remedy_done"), fact(6, close=100, state="withdrawn")]
    times = cs.stage_times(facts, "close")
    assert times.count == 4  # open and withdrawn left out
    assert times.median_hours == 2.5 and times.p90_hours == pytest.approx(3.7)
    assert (times.judged, times.within_target) == (3, 2)  # no due time: not judged
    assert times.share_within == pytest.approx(2 / 3)


def test_return_rate_split_by_closed_on_time_late_and_open():
    day = T0.date()
    facts = [
        fact(1, guest=10, close=5, due_close=24),   # on time, came back
        fact(2, guest=11, close=5, due_close=24),   # on time, did not
        fact(3, guest=12, close=48, due_close=24),  # late, did not (stay on the same day only)
        fact(4, guest=13, state="verified"),        # open, came back
        fact(5),                                    # no guest: not a complainant
    ]
    arrivals = {10: [day + timedelta(days=30)], 12: [day], 13: [day + timedelta(days=1)]}
    groups = {g.group: (g.guests, g.returned) for g in cs.return_rates(facts, arrivals)}
    assert groups == {"on_time": (2, 1), "late": (1, 0), "open": (1, 1)}
    assert cs.return_rates(facts, arrivals)[0].rate == 0.5


def test_a_guest_is_judged_once_on_the_last_complaint():
    later = T0 + timedelta(days=3)
    facts = [fact(1, guest=7, close=1, due_close=2),
             cs.ComplaintFact(2, 7, later, "closed", "Noise", None, "low", "phone", closed_at=later + timedelta(
                 hours=50), due_close_at=later + timedelta(hours=24))]
    groups = {g.group: (g.guests, g.returned) for g in cs.return_rates(facts, {7: [T0.date() + timedelta(days=2)]})}
    # the stay on day 2 came before the last complaint (day 3): not a return
    assert groups == {"on_time": (0, 0), "late": (1, 0), "open": (0, 0)}


def test_counts_and_repeat_complainants():
    facts = [fact(1, guest=1, category="Noise"), fact(2, guest=1, category="Billing"), fact(3, guest=2),
             fact(4, guest=1), fact(5, guest=2), fact(6, guest=3, department=None)]
    assert cs.counts_by(facts, "category") == [("Noise", 5), ("Billing", 1)]
    assert cs.counts_by(facts, "department") == [("Housekeeping", 5), ("—", 1)]
    assert cs.repeat_complainants(facts) == [(1, 3), (2, 2)]


def test_trend_units_and_empty_buckets():
    assert cs.trend_unit(date(2026, 4, 1), date(2026, 4, 30)) == "day"
    assert cs.trend_unit(date(2026, 4, 1), date(2026, 6, 30)) == "week"
    unit, points = cs.trend([date(2026, 1, 5), date(2026, 3, 9), date(2026, 3, 31)], date(2026, 1, 1),
                            date(2026, 6, 30))
    assert unit == "month"
    assert points == [(date(2026, m, 1), n) for m, n in ((1, 1), (2, 0), (3, 2), (4, 0), (5, 0), (6, 0))]
    unit, points = cs.trend([date(2026, 4, 8)], date(2026, 4, 1), date(2026, 5, 31))
    assert unit == "week" and points[0] == (date(2026, 3, 30), 0) and (date(2026, 4, 6), 1) in points
