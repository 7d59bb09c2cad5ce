"""Stays at the desk on both backends: check-in, the lists, check-out, refusals, versions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hotelcrm.db.models import Guest, LoyaltyTier, Membership
from hotelcrm.domain.errors import Conflict, HotelCrmError, NotFound, PermissionDenied, ValidationError
from hotelcrm.services import stay_service
from hotelcrm.services.audit_service import AuditService
from hotelcrm.services.stay_dto import CheckoutDraft, StayDraft
from hotelcrm.services.stay_service import StayService

TODAY = date.today()
TOMORROW = TODAY + timedelta(days=1)


def add_guest(db, family: str, given: str, **values) -> int:
    with db.write() as s:
        guest = Guest(family_name=family, given_name=given, **values)
        s.add(guest)
        s.flush()
        return guest.id


def room(no: str, nights: int = 2, **values) -> StayDraft:
    return StayDraft(departure_date=TODAY + timedelta(days=nights), room_no=no, room_type="Deluxe King",
                     rate_cents=88800, channel="walk-in", segment="leisure", **values)


@pytest.fixture
def clerk(make_actor):
    return make_actor("clerk")


@pytest.fixture
def stays(db, clerk):
    return StayService(db, clerk)


@pytest.fixture
def wang(db):
    return add_guest(db, "王", "伟", latin_name="WANG WEI", vip_code="V1")


def test_check_in_shows_in_house_then_check_out_puts_the_spend_on_the_card(db, stays, wang):
    stay = stays.check_in(wang, room("0812", adults=2, children=1))
    assert (stay.status, stay.room_no, stay.nights, stay.currency) == ("in_house", "0812", 2, "CNY")
    assert stay.arrival_date == TODAY and stay.checked_in_at is not None

    rows = stays.in_house()
    assert [(r.display_name, r.room_no, r.vip_code, r.adults, r.children) for r in rows] == \
        [("王伟", "0812", "V1", 2, 1)]
    assert rows[0].tier_code is None and rows[0].stay_version == stay.version

    out = stays.check_out(stay.id, stay.version, CheckoutDraft(
        spend_room_cents=177600, spend_fnb_cents=35050, spend_other_cents=1200, discount_cents=17760,
        unpaid_cents=5000))
    assert out.status == "checked_out" and out.checked_out_at is not None
    assert out.departure_date == TODAY and out.nights == 0  # left on the arrival day
    assert out.spend_cents == 213850
    assert stays.in_house() == []
    [listed] = stays.for_guest(wang)
    assert (listed.spend_room_cents, listed.spend_fnb_cents, listed.discount_cents, listed.unpaid_cents) == \
        (177600, 35050, 17760, 5000)


def test_the_room_is_free_again_after_check_out(stays, db, wang):
    li = add_guest(db, "李", "娜")
    first = stays.check_in(wang, room("0812"))
    stays.check_out(first.id, first.version, CheckoutDraft(spend_room_cents=100))
    assert stays.check_in(li, room("0812")).room_no == "0812"


def test_an_occupied_room_is_refused(db, stays, wang):
    li = add_guest(db, "李", "娜")
    stays.check_in(wang, room("0812", nights=3))
    with pytest.raises(HotelCrmError) as caught:
        stays.check_in(li, room("0812"))
    assert caught.value.code == "room_occupied"
    assert caught.value.params["room_no"] == "0812"
    assert [r.guest_id for r in stays.in_house()] == [wang]


def test_a_guest_cannot_be_in_house_twice(stays, wang):
    stays.check_in(wang, room("0812"))
    with pytest.raises(HotelCrmError) as caught:
        stays.check_in(wang, room("0901"))
    assert caught.value.code == "guest_in_house" and caught.value.params["room_no"] == "0812"


@pytest.mark.parametrize("draft, field, why", [
    (StayDraft(departure_date=TODAY, room_no="0812"), "departure_date", "departure_not_after_arrival"),
    (StayDraft(departure_date=TODAY - timedelta(days=3), room_no="0812"), "departure_date",
     "departure_not_after_arrival"),
    (StayDraft(departure_date=TOMORROW, room_no=""), "room_no", "required"),
    (StayDraft(departure_date=TOMORROW, room_no="0812", rate_cents=-100), "rate_cents", "amount_negative"),
    (StayDraft(departure_date=TOMORROW, room_no="0812", adults=0), "adults", "out_of_range"),
    (StayDraft(departure_date=TOMORROW + timedelta(days=3), room_no="0812", arrival_date=TOMORROW),
     "arrival_date", "arrival_in_future"),
])
def test_bad_check_in_is_refused_and_nothing_is_stored(stays, wang, draft, field, why):
    with pytest.raises(ValidationError) as caught:
        stays.check_in(wang, draft)
    assert (caught.value.field, caught.value.reason) == (field, why)
    assert stays.for_guest(wang) == []


def test_negative_or_excess_amounts_at_check_out_are_refused(stays, wang):
    stay = stays.check_in(wang, room("0812"))
    for draft, field in ((CheckoutDraft(spend_fnb_cents=-1), "spend_fnb_cents"),
                         (CheckoutDraft(spend_room_cents=100, discount_cents=101), "discount_cents"),
                         (CheckoutDraft(spend_room_cents=100, unpaid_cents=101), "unpaid_cents")):
        with pytest.raises(ValidationError) as caught:
            stays.check_out(stay.id, stay.version, draft)
        assert caught.value.field == field
    assert stays.get(stay.id).status == "in_house"


def test_a_stale_version_is_refused_with_both_versions(db, stays, make_actor, wang):
    stay = stays.check_in(wang, room("0812"))
    other_desk = StayService(db, make_actor("clerk"))
    other_desk.check_out(stay.id, stay.version, CheckoutDraft(spend_room_cents=88800))
    with pytest.raises(Conflict) as caught:
        stays.check_out(stay.id, stay.version, CheckoutDraft(spend_room_cents=1))
    assert (caught.value.mine, caught.value.theirs) == (stay.version, stay.version + 1)
    assert stays.get(stay.id).spend_room_cents == 88800


def test_booking_appears_in_arriving_today_and_check_in_uses_it(stays, wang, db):
    li = add_guest(db, "李", "娜")
    booked = stays.book(wang, StayDraft(arrival_date=TODAY, departure_date=TOMORROW, room_type="Twin"))
    stays.book(li, StayDraft(arrival_date=TOMORROW, departure_date=TOMORROW + timedelta(days=1)))
    assert [(r.stay_id, r.status, r.room_no) for r in stays.arriving()] == [(booked.id, "expected", None)]
    assert [r.guest_id for r in stays.arriving(TOMORROW)] == [li]

    stay = stays.check_in(wang, room("1203", nights=1))
    assert stay.id == booked.id and stay.status == "in_house" and stay.room_no == "1203"
    assert stays.arriving() == []
    assert len(stays.for_guest(wang)) == 1


def test_check_in_from_the_arrivals_list(stays, wang):
    booked = stays.book(wang, StayDraft(arrival_date=TODAY, departure_date=TOMORROW))
    stay = stays.check_in_booking(booked.id, booked.version, room("0815", nights=1))
    assert (stay.id, stay.status, stay.room_no) == (booked.id, "in_house", "0815")
    with pytest.raises(HotelCrmError) as caught:
        stays.check_in_booking(booked.id, stay.version, room("0815", nights=1))
    assert caught.value.code == "stay_status.in_house"


def test_cancel_and_no_show_only_for_expected_stays(stays, wang, db):
    li = add_guest(db, "李", "娜")
    a = stays.book(wang, StayDraft(arrival_date=TODAY, departure_date=TOMORROW))
    b = stays.book(li, StayDraft(arrival_date=TODAY, departure_date=TOMORROW))
    assert stays.cancel(a.id, a.version).status == "cancelled"
    assert stays.no_show(b.id, b.version).status == "no_show"
    assert stays.arriving() == []
    c = stays.check_in(wang, room("0812"))
    with pytest.raises(HotelCrmError) as caught:
        stays.cancel(c.id, c.version)
    assert caught.value.params == {"status": "in_house", "wanted": "cancelled"}


def test_past_stay_entered_afterwards(stays, wang):
    past = stays.record_past_stay(
        wang, StayDraft(arrival_date=date(2024, 3, 1), departure_date=date(2024, 3, 4), room_no="0612",
                        room_type="Suite", rate_cents=128000, channel="OTA"),
        CheckoutDraft(spend_room_cents=384000, spend_fnb_cents=20000))
    assert (past.status, past.nights, past.spend_cents, past.source) == ("checked_out", 3, 404000, "desk")
    with pytest.raises(ValidationError) as caught:
        stays.record_past_stay(wang, StayDraft(arrival_date=TODAY, departure_date=TOMORROW), CheckoutDraft())
    assert caught.value.reason == "departure_in_future"
    assert stays.in_house() == []  # a past stay occupies no room


def test_lists_show_the_membership_tier(db, stays, wang):
    with db.write() as s:
        tier = LoyaltyTier(code="GOLD", name_en="Gold", name_zh="金卡", rank=2)
        s.add(tier)
        s.flush()
        s.add(Membership(guest_id=wang, member_no="M0001", tier_id=tier.id, enrolled_on=TODAY))
    stays.check_in(wang, room("0812"))
    [row] = stays.in_house()
    assert (row.tier_code, row.member_no) == ("GOLD", "M0001")


def test_blacklisted_guest_shows_in_the_list_and_closed_cards_are_refused(db, stays):
    bad = add_guest(db, "赵", "六", status="blacklisted", blacklist_reason="unpaid bill 2024")
    merged = add_guest(db, "钱", "七", status="merged")
    stays.check_in(bad, room("0812"))
    assert stays.in_house()[0].guest_status == "blacklisted"
    with pytest.raises(HotelCrmError) as caught:
        stays.check_in(merged, room("0901"))
    assert caught.value.code == "guest_merged"
    with pytest.raises(NotFound):
        stays.check_in(999999, room("0902"))


def test_staff_may_not_touch_stays(db, make_actor, wang):
    staff = StayService(db, make_actor("staff"))
    with pytest.raises(PermissionDenied):
        staff.check_in(wang, room("0812"))
    with pytest.raises(PermissionDenied):
        staff.in_house()


def test_every_change_is_audited_and_refreshes_the_search_row(db, stays, wang, monkeypatch):
    refreshed: list[list[int]] = []
    real = stay_service.search_index.refresh_guests
    monkeypatch.setattr(stay_service.search_index, "refresh_guests",
                        lambda s, ids: (refreshed.append(list(ids)), real(s, ids)))
    stay = stays.check_in(wang, room("0812"))
    stays.check_out(stay.id, stay.version, CheckoutDraft(spend_room_cents=88800))
    assert refreshed == [[wang], [wang]]
    entries = AuditService(db, stays.actor.__class__.system()).entries("stay", stay.id)
    fields = {(e.action, e.field) for e in entries}
    assert ("create", "room_no") in fields and ("update", "status") in fields
    assert ("update", "spend_room_cents") in fields
    assert all(e.actor_name == stays.actor.username for e in entries)


# ---------------------------------------------------------------- demo stays


@pytest.fixture
def demo(db, admin):
    from hotelcrm.services.demo_service import DemoService

    return DemoService(db, admin).load(guests=300, seed=20261124)


def test_demo_stays_fill_the_desk_lists(db, demo, stays):
    assert demo.stays >= 300 and demo.in_house_stays >= 1 and demo.arriving_today >= 1
    in_house = stays.in_house()
    assert len(in_house) == demo.in_house_stays
    rooms = [r.room_no for r in in_house]
    assert len(set(rooms)) == len(rooms) and all(len(r) == 4 and r.isdigit() for r in rooms)
    assert len({r.guest_id for r in in_house}) == len(in_house)
    assert all(r.arrival_date <= TODAY < r.departure_date for r in in_house)
    assert len(stays.arriving()) == demo.arriving_today


def test_demo_stays_are_consistent(db, demo):
    from sqlalchemy import func, select

    from hotelcrm.db.models import Feedback, GuestPreference, GuestSearch, Observation, PreferenceOption, Stay

    with db.read() as s:
        rows = s.scalars(select(Stay).order_by(Stay.guest_id, Stay.arrival_date)).all()
        by_guest: dict[int, list] = {}
        for x in rows:
            by_guest.setdefault(x.guest_id, []).append(x)
            spend = x.spend_room_cents + x.spend_fnb_cents + x.spend_other_cents
            assert 0 <= x.discount_cents <= spend and 0 <= x.unpaid_cents <= spend - x.discount_cents
            if x.status == "checked_out":
                assert x.spend_room_cents == x.rate_cents * x.nights > 0 and x.checked_out_at is not None
            else:
                assert spend == 0 and x.checked_out_at is None
        assert len(rows) == demo.stays
        assert max(len(v) for v in by_guest.values()) >= 6  # a few guests with many stays
        assert 0.6 <= len(by_guest) / 300 <= 0.97  # most guests have stayed, some never
        for guest_stays in by_guest.values():
            for before, after in zip(guest_stays, guest_stays[1:], strict=False):
                assert before.departure_date <= after.arrival_date  # no overlapping stays
        options = {(o.pref_group, o.pref_key, o.value): o.sensitive for o in s.scalars(select(PreferenceOption))}
        prefs = s.scalars(select(GuestPreference)).all()
        assert len(prefs) == demo.preferences > 0
        assert all(options[(p.pref_group, p.pref_key, p.value)] == p.sensitive for p in prefs)
        status_of = {x.id: (x.status, x.guest_id) for x in rows}
        observations = s.scalars(select(Observation)).all()
        assert len(observations) == demo.observations
        assert all(status_of[o.stay_id] == ("in_house", o.guest_id) for o in observations)
        feedback = s.scalars(select(Feedback)).all()
        assert len(feedback) == demo.feedback > 0
        assert all(status_of[f.stay_id] == ("checked_out", f.guest_id) for f in feedback)
        searchable_rooms = s.scalar(select(func.count()).select_from(GuestSearch)
                                    .where(GuestSearch.in_house_room.is_not(None)))
        assert searchable_rooms == demo.in_house_stays


# ---------------------------------------------------------------- two desks at once


def test_two_desks_cannot_give_out_the_same_room_at_once(db, make_actor):
    """Desk B checks a guest into 0812 while desk A's check-in into 0812 is not committed yet:
    B waits for A and then sees the room occupied (PostgreSQL; SQLite serialises writes)."""
    import threading
    import time
    import zlib

    from sqlalchemy import text

    from hotelcrm.db.models import Stay

    if db.backend != "postgresql":
        pytest.skip("SQLite serialises writers (BEGIN IMMEDIATE): no two check-ins run at once")
    clerk = make_actor("clerk")
    first, second = add_guest(db, "王", "伟"), add_guest(db, "李", "娜")
    outcome: list[object] = []
    with db.write() as desk_a:  # desk A holds the room's lock inside its open transaction
        desk_a.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": zlib.crc32(b"room:0812")})
        desk_b = threading.Thread(target=lambda: outcome.append(_try_check_in(db, clerk, second)))
        desk_b.start()
        deadline = time.monotonic() + 30
        while not desk_a.scalar(text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                                     "AND NOT granted")):
            assert time.monotonic() < deadline, "desk B never reached the room lock"
        desk_a.add(Stay(guest_id=first, status="in_house", arrival_date=TODAY, departure_date=TOMORROW,
                        room_no="0812", source="desk"))
    desk_b.join()
    assert isinstance(outcome[0], HotelCrmError) and outcome[0].code == "room_occupied"
    assert [r.guest_id for r in StayService(db, clerk).in_house()] == [first]


def _try_check_in(db, clerk, guest_id: int):
    try:
        return StayService(db, clerk).check_in(guest_id, room("0812"))
    except HotelCrmError as exc:
        return exc
