"""Customer value from rows inserted directly, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from hotelcrm.domain.errors import PermissionDenied, ValidationError
from hotelcrm.services.report_customer_value_service import CustomerValueService
from tests.services.report_stats_data import add_guest, add_member, add_stay, local

PERIOD = (date(2026, 1, 1), date(2026, 6, 30))


@pytest.fixture
def data(db):
    with db.write() as s:
        old = local(date(2024, 3, 1))
        big = add_guest(s, given="大", created=old, birth_date=date(1980, 1, 1))
        mid = add_guest(s, given="中", created=old)
        small = add_guest(s, given="小", created=local(date(2026, 2, 10)))
        tiny = add_guest(s, given="微", created=local(date(2026, 3, 5)))
        gone = add_guest(s, given="旧", created=old)
        vip = add_guest(s, given="贵", vip="VIP1", created=old)
        add_guest(s, given="无", vip="VIP2", created=old)
        add_member(s, vip)
        # period revenue: big 60,000 (3 stays), mid 25,000, small 10,000, tiny 5,000 -> total 100,000
        for day in (date(2026, 1, 10), date(2026, 3, 10), date(2026, 6, 20)):
            add_stay(s, big, day, spend=20_000)
        add_stay(s, mid, date(2026, 2, 1), spend=25_000)
        add_stay(s, mid, date(2025, 5, 1), spend=99_000)  # before the period: counts for history only
        add_stay(s, small, date(2026, 4, 1), spend=10_000)
        add_stay(s, tiny, date(2026, 5, 1), spend=5_000)
        add_stay(s, tiny, date(2026, 5, 20), spend=70_000, status="cancelled")  # not counted
        add_stay(s, gone, date(2024, 1, 1), spend=8_000)  # lapsing
        add_stay(s, vip, date(2025, 10, 1), spend=1_000)  # VIP: left 2025-10-02, 271 days before the end
    return db


def test_value_figures(data, make_actor):
    value = CustomerValueService(data, make_actor("manager")).analyse(*PERIOD)
    assert value.guests_in_period == 4 and value.revenue_cents == 100_000
    assert value.repeat_rate == 0.5  # big (3) and mid (2) of four
    # Pareto: big 60% (A), mid at 60% before (A) -> 85,000 of 100,000 by 2 guests
    assert (value.pareto.guests, value.pareto.revenue_cents) == (2, 85_000)
    assert value.abc == (("A", 2, 85_000), ("B", 1, 10_000), ("C", 1, 5_000))
    assert value.new_cards == 2 and value.trend_unit == "month" and len(value.new_cards_trend) == 6
    top = {g.name: g for g in value.top_guests}
    assert top["王大"].tier == "A" and top["王大"].stays == 3 and top["王大"].segment == "champions"
    lifecycle = dict(value.lifecycle)
    # big A -> high value; mid A -> high value; small new; tiny new; gone lapsing; vip new (1 stay)
    assert lifecycle == {"new": 3, "returning": 0, "loyal": 0, "high_value": 2, "lapsing": 1}
    assert sum(n for _, n in value.segments) == 4
    completeness = dict(value.completeness)
    assert value.cards == 7 and completeness["birth_date"] == 1 and completeness["stays"] == 6
    lapsed = [(v.name, v.days, v.tier.code if v.tier else None) for v in value.lapsed_vips]
    assert lapsed == [("王无", None, None), ("王贵", 271, "t_gold")]


def test_days_setting_and_checks(data, make_actor):
    svc = CustomerValueService(data, make_actor("manager"))
    assert [v.name for v in svc.analyse(*PERIOD, lapse_days=300).lapsed_vips] == ["王无"]
    with pytest.raises(ValidationError) as bad:
        svc.analyse(*PERIOD, lapse_days=0)
    assert bad.value.field == "report_days"
    with pytest.raises(PermissionDenied):
        CustomerValueService(data, make_actor("clerk")).analyse(*PERIOD)


def test_empty_period(data, make_actor):
    value = CustomerValueService(data, make_actor("manager")).analyse(date(2020, 1, 1), date(2020, 1, 31))
    assert value.guests_in_period == 0 and value.repeat_rate is None and value.pareto.guests == 0
    assert value.top_guests == ()
