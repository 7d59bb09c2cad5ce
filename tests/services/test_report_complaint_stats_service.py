"""Complaint statistics from rows inserted directly, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from hotelcrm.domain.errors import PermissionDenied, ValidationError
from hotelcrm.services.report_complaint_stats_service import ComplaintStatsService
from tests.services.report_stats_data import (
    add_category,
    add_complaint,
    add_department,
    add_guest,
    add_stay,
    local,
)

APRIL = (date(2026, 4, 1), date(2026, 4, 30))


@pytest.fixture
def data(db):
    with db.write() as s:
        noise, billing = add_category(s), add_category(s, "t_bill", "Billing", "账务")
        hk = add_department(s)
        a, b, c, d = (add_guest(s, given=n) for n in "甲乙丙丁")
        # closed in 1, 2, 3, 4 hours; target 2 hours for three of them
        add_complaint(s, noise, local(date(2026, 4, 2)), a, hk, hours_to_close=1, close_target_hours=2, cost=5000)
        add_complaint(s, noise, local(date(2026, 4, 3)), b, hk, hours_to_close=2, close_target_hours=2)
        add_complaint(s, billing, local(date(2026, 4, 5)), c, None, hours_to_close=3, close_target_hours=2,
                      severity="high", channel="online_review", cost=12000)
        add_complaint(s, noise, local(date(2026, 4, 9)), a, hk, hours_to_close=4)  # a's last: on time (no target)
        add_complaint(s, noise, local(date(2026, 4, 20)), d, hk)  # open
        add_complaint(s, noise, local(date(2026, 4, 21)), None, None, state="withdrawn")
        add_complaint(s, noise, local(date(2026, 5, 2)), d, hk, hours_to_close=1)  # outside the period
        add_stay(s, a, date(2026, 6, 1))  # a came back
        add_stay(s, c, date(2026, 4, 5))  # c: only the stay of the complaint
        add_stay(s, d, date(2026, 4, 25), status="in_house")  # d came back while open
        add_stay(s, b, date(2026, 7, 1), status="cancelled")  # b: cancelled, not a return
    return db


def test_counts_times_costs_and_returns(data, make_actor):
    stats = ComplaintStatsService(data, make_actor("manager")).stats(*APRIL)
    assert (stats.total, stats.withdrawn, stats.closed, stats.open) == (6, 1, 4, 1)
    assert [(x.label.en, x.count) for x in stats.by_category] == [("Noise", 5), ("Billing", 1)]
    assert [(x.label.zh, x.count) for x in stats.by_department] == [("客房部", 4), ("未指定部门", 2)]
    assert dict(stats.by_severity) == {"low": 0, "medium": 5, "high": 1, "critical": 0}
    assert dict(stats.by_channel)["online_review"] == 1
    close = stats.stages[2]
    assert close.stage == "close" and close.count == 4
    assert close.median_hours == pytest.approx(2.5) and close.p90_hours == pytest.approx(3.7)
    assert (close.judged, close.within_target) == (3, 2)
    assert (stats.recovery_cents, stats.with_cost) == (17000, 2)
    assert [(r.name, r.complaints) for r in stats.repeat] == [("王甲", 2)]
    assert {r.group: (r.guests, r.returned) for r in stats.returns} == {
        "on_time": (2, 1), "late": (1, 0), "open": (1, 1)}
    assert stats.trend_unit == "day" and len(stats.trend) == 30 and sum(n for _, n in stats.trend) == 6


def test_empty_period(data, make_actor):
    stats = ComplaintStatsService(data, make_actor("manager")).stats(date(2025, 1, 1), date(2025, 1, 31))
    assert stats.total == 0 and stats.stages[0].median_hours is None and stats.repeat == ()


def test_needs_a_manager_and_a_period(data, make_actor):
    with pytest.raises(PermissionDenied):
        ComplaintStatsService(data, make_actor("lobby_manager")).stats(*APRIL)
    svc = ComplaintStatsService(data, make_actor("manager"))
    with pytest.raises(ValidationError) as missing:
        svc.stats(None, date(2026, 4, 1))
    assert missing.value.field == "report_from"
    with pytest.raises(ValidationError) as reversed_:
        svc.stats(date(2026, 4, 2), date(2026, 4, 1))
    assert reversed_.value.reason == "period_reversed"
