"""Arrivals brief and special dates from rows inserted directly, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from hotelcrm.db.models import Company, GuestPreference, MarketingConsent, SpecialDate
from hotelcrm.domain.errors import PermissionDenied, ValidationError
from hotelcrm.services.report_arrivals_service import ArrivalsBriefService
from hotelcrm.services.report_special_dates_service import SpecialDatesService
from tests.services.report_stats_data import (
    add_category,
    add_complaint,
    add_guest,
    add_member,
    add_stay,
    local,
)

DAY = date(2026, 5, 8)


@pytest.fixture
def data(db):
    with db.write() as s:
        vip = add_guest(s, "李", "娜", vip="VIP1", taboos="不要4字房号", birth_date=date(1985, 5, 9))
        member = add_guest(s, "Smith", "John", latin_name="John Smith")
        back = add_guest(s, "张", "三")
        first = add_guest(s, "赵", "四")
        add_member(s, member)
        add_stay(s, vip, DAY, nights=3, status="expected", room_no="2801")
        add_stay(s, member, DAY, nights=1, status="expected")
        add_stay(s, back, DAY, status="expected")
        add_stay(s, back, date(2025, 1, 1))
        add_stay(s, back, date(2025, 8, 1))
        add_stay(s, first, DAY, status="expected")  # first visit, no card history: not on the brief
        s.add(GuestPreference(guest_id=vip.id, pref_group="room", pref_key="pillow", value="firm"))
        s.add(GuestPreference(guest_id=vip.id, pref_group="dining", pref_key="allergies", value="peanuts",
                              sensitive=True))
        noise = add_category(s)
        add_complaint(s, noise, local(date(2026, 1, 3)), back, hours_to_close=5)
        s.add(SpecialDate(guest_id=back.id, kind="anniversary", month=5, day=20, year=2016, label="结婚纪念日"))
        s.add(SpecialDate(guest_id=first.id, kind="child_school", month=5, day=10, sensitive=True))
        company = Company(name="海港科技", phone="+862188886666")
        s.add(company)
        s.flush()
        s.add(SpecialDate(company_id=company.id, kind="company_founding", month=5, day=15, year=2006))
        s.add(MarketingConsent(guest_id=vip.id, channel="sms", granted=True, given_on=date(2025, 1, 1),
                               source="desk"))
        s.add(MarketingConsent(guest_id=vip.id, channel="email", granted=True, given_on=date(2025, 1, 1),
                               source="desk"))
        s.add(MarketingConsent(guest_id=vip.id, channel="email", granted=False, given_on=date(2025, 6, 1),
                               source="desk"))
    return db


def test_arrivals_lists_vip_member_and_returning_guests(data, make_actor):
    brief = ArrivalsBriefService(data, make_actor("lobby_manager")).brief(DAY)
    assert (brief.expected, brief.vip, brief.members, brief.returning) == (4, 1, 1, 1)
    assert [g.name for g in brief.guests] == ["李娜", "Smith John", "张三"]  # VIP, member, returning
    vip, member, back = brief.guests
    assert vip.room_no == "2801" and vip.taboos == "不要4字房号"
    assert [(p.pref_key, p.value) for p in vip.preferences] == [("pillow", "firm")]
    assert [(p.pref_key, p.value) for p in vip.allergies_diet] == [("allergies", "peanuts")]
    assert [(kind, day) for kind, day, _ in vip.special_dates] == [("birthday", date(2026, 5, 9))]
    assert member.tier.code == "t_gold" and [e.en for e in member.entitlements] == ["Late check-out"]
    assert back.stays_before == 2 and back.last_stay == date(2025, 8, 2)
    assert [(c.category.zh, c.state) for c in back.complaints] == [("噪音", "closed")]


def test_clerks_do_not_see_allergies_and_a_date_is_required(data, make_actor):
    svc = ArrivalsBriefService(data, make_actor("clerk"))
    vip = svc.brief(DAY).guests[0]
    assert vip.allergies_diet == () and vip.hidden_sensitive == 1
    with pytest.raises(ValidationError) as missing:
        svc.brief(None)
    assert missing.value.field == "report_date"
    assert ArrivalsBriefService(data, make_actor("clerk")).brief(date(2026, 1, 1)).guests == ()
    with pytest.raises(PermissionDenied):
        ArrivalsBriefService(data, make_actor("staff")).brief(DAY)


def test_special_dates_with_tier_consent_and_companies(data, make_actor):
    result = SpecialDatesService(data, make_actor("lobby_manager")).window(date(2026, 5, 1), date(2026, 5, 31))
    rows = [(r.on.day, r.kind, r.owner, r.years) for r in result.rows]
    assert rows == [(9, "birthday", "李娜", 41), (10, "child_school", "赵四", None),
                    (15, "company_founding", "海港科技", 20), (20, "anniversary", "张三", 10)]
    assert result.rows[0].consents == ("sms",)  # e-mail was withdrawn later
    assert result.rows[0].vip_code == "VIP1" and result.rows[2].is_company
    hidden = SpecialDatesService(data, make_actor("clerk")).window(date(2026, 5, 1), date(2026, 5, 31))
    assert hidden.hidden_sensitive == 1 and len(hidden.rows) == 3
    empty = SpecialDatesService(data, make_actor("clerk")).window(date(2026, 7, 1), date(2026, 7, 31))
    assert empty.rows == ()
