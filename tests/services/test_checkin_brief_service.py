"""The check-in brief on both backends: birthday in the stay, blacklist, unpaid amounts,
preferences and sensitive masking per role."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hotelcrm.db.models import GuestPreference, LoyaltyTier, Membership, SpecialDate
from hotelcrm.domain.errors import PermissionDenied
from hotelcrm.services.checkin_brief_service import CheckinBriefService
from hotelcrm.services.observation_service import ObservationService
from hotelcrm.services.stay_dto import CheckoutDraft, StayDraft
from hotelcrm.services.stay_service import StayService

from .test_stay_service import add_guest

TODAY = date.today()


def born_on(day: date) -> date:
    return date(1980, day.month, day.day)  # 1980 is a leap year: 29 February exists


@pytest.fixture
def clerk(make_actor):
    return make_actor("clerk")


@pytest.fixture
def desk(db, clerk):
    return StayService(db, clerk)


def check_in(desk, guest: int, nights: int = 3, room_no: str = "0812"):
    return desk.check_in(guest, StayDraft(departure_date=TODAY + timedelta(days=nights), room_no=room_no))


def add_prefs(db, guest: int, *prefs: tuple[str, str, str, bool]) -> None:
    with db.write() as s:
        s.add_all(GuestPreference(guest_id=guest, pref_group=g, pref_key=k, value=v, sensitive=sens)
                  for g, k, v, sens in prefs)


def test_birthday_falling_in_the_stay(db, desk, clerk):
    guest = add_guest(db, "王", "伟", birth_date=born_on(TODAY + timedelta(days=2)))
    stay = check_in(desk, guest, nights=3)
    brief = CheckinBriefService(db, clerk).brief(guest)
    assert brief.birthday_in_stay
    assert brief.stay is not None and brief.stay.id == stay.id
    [birthday] = brief.special_dates
    assert (birthday.kind, birthday.on, birthday.in_stay, birthday.days_away) == \
        ("birthday", TODAY + timedelta(days=2), True, 2)


def test_birthday_next_week_without_a_stay_is_shown_but_not_in_the_stay(db, clerk):
    soon = add_guest(db, "李", "娜", birth_date=born_on(TODAY + timedelta(days=5)))
    later = add_guest(db, "张", "敏", birth_date=born_on(TODAY + timedelta(days=40)))
    brief = CheckinBriefService(db, clerk).brief(soon)
    assert not brief.birthday_in_stay and brief.stay is None
    assert [(d.kind, d.in_stay, d.days_away) for d in brief.special_dates] == [("birthday", False, 5)]
    assert CheckinBriefService(db, clerk).brief(later).special_dates == ()


def test_special_dates_of_the_card_and_childrens_dates_masked(db, desk, clerk, make_actor):
    guest = add_guest(db, "陈", "静")
    day = TODAY + timedelta(days=1)
    with db.write() as s:
        s.add_all([SpecialDate(guest_id=guest, kind="anniversary", month=day.month, day=day.day,
                               label="Wedding"),
                   SpecialDate(guest_id=guest, kind="child_school", month=day.month, day=day.day,
                               label="Daughter starts school", sensitive=True)])
    check_in(desk, guest)
    for_clerk = CheckinBriefService(db, clerk).brief(guest)
    assert [(d.kind, d.label, d.in_stay) for d in for_clerk.special_dates] == [("anniversary", "Wedding", True)]
    assert for_clerk.hidden_sensitive == 1
    for_lobby = CheckinBriefService(db, make_actor("lobby_manager")).brief(guest)
    assert {d.kind for d in for_lobby.special_dates} == {"anniversary", "child_school"}
    assert for_lobby.hidden_sensitive == 0


def test_blacklist_with_its_reason(db, clerk):
    guest = add_guest(db, "赵", "六", status="blacklisted", blacklist_reason="Damaged the room, refused to pay")
    brief = CheckinBriefService(db, clerk).brief(guest)
    assert brief.blacklisted and brief.blacklist_reason == "Damaged the room, refused to pay"
    assert not CheckinBriefService(db, clerk).brief(add_guest(db, "孙", "七")).blacklisted


def test_unpaid_amounts_over_all_stays_and_returning_guest(db, desk, clerk):
    guest = add_guest(db, "周", "杰")
    for start, unpaid in ((date(2023, 4, 1), 12000), (date(2024, 8, 3), 0), (date(2025, 1, 10), 3050)):
        desk.record_past_stay(guest, StayDraft(arrival_date=start, departure_date=start + timedelta(days=2)),
                              CheckoutDraft(spend_room_cents=50000, unpaid_cents=unpaid))
    check_in(desk, guest)
    brief = CheckinBriefService(db, clerk).brief(guest)
    assert (brief.unpaid_cents, brief.unpaid_currency, brief.unpaid_stays) == (15050, "CNY", 2)
    assert brief.returning and brief.stays_before == 3 and brief.last_stay == date(2025, 1, 12)
    first_timer = CheckinBriefService(db, clerk).brief(add_guest(db, "吴", "刚"))
    assert (first_timer.unpaid_cents, first_timer.returning, first_timer.last_stay) == (0, False, None)


def test_allergies_and_religion_only_for_roles_that_may_read_them(db, clerk, make_actor):
    guest = add_guest(db, "马", "丽", taboos="No number 4 rooms", religion="Islam")
    add_prefs(db, guest, ("room", "pillow_height", "high", False), ("dining", "allergies", "peanuts", True),
              ("dining", "diet", "halal", True), ("dining", "foods_avoided", "coriander", False))
    for_clerk = CheckinBriefService(db, clerk).brief(guest)
    assert [(p.pref_key, p.value) for p in for_clerk.preferences] == [("pillow_height", "high")]
    assert [(p.pref_key, p.value) for p in for_clerk.allergies_diet] == [("foods_avoided", "coriander")]
    assert for_clerk.religion is None and for_clerk.hidden_sensitive == 3  # two notes and the religion
    assert for_clerk.taboos == "No number 4 rooms"

    for_lobby = CheckinBriefService(db, make_actor("lobby_manager")).brief(guest)
    assert {(p.pref_key, p.value) for p in for_lobby.allergies_diet} == \
        {("allergies", "peanuts"), ("diet", "halal"), ("foods_avoided", "coriander")}
    assert for_lobby.religion == "Islam" and for_lobby.hidden_sensitive == 0


def test_slots_tier_and_complaints_and_pending_observations(db, desk, clerk, make_actor):
    guest = add_guest(db, "林", "峰", vip_code="VVIP")
    brief = CheckinBriefService(db, clerk).brief(guest)
    assert brief.tier is None and brief.complaints == () and brief.vip_code == "VVIP"
    with db.write() as s:
        tier = LoyaltyTier(code="PLATINUM", name_en="Platinum", name_zh="白金卡", rank=3, colour="#6d6d6d")
        s.add(tier)
        s.flush()
        s.add(Membership(guest_id=guest, member_no="M0042", tier_id=tier.id, enrolled_on=TODAY))
    check_in(desk, guest)
    ObservationService(db, make_actor("staff")).add(guest, "Asked for extra towels", "housekeeping")
    brief = CheckinBriefService(db, clerk).brief(guest)
    assert (brief.tier.tier_code, brief.tier.member_no, brief.tier.points_balance) == ("PLATINUM", "M0042", 0)
    assert brief.pending_observations == 1


def test_expected_arrival_is_the_stay_of_the_brief(db, desk, clerk):
    guest = add_guest(db, "黄", "蓉", birth_date=born_on(TODAY + timedelta(days=10)))
    booked = desk.book(guest, StayDraft(arrival_date=TODAY + timedelta(days=9),
                                        departure_date=TODAY + timedelta(days=12)))
    brief = CheckinBriefService(db, clerk).brief(guest, on=TODAY + timedelta(days=9))
    assert brief.stay.id == booked.id and brief.birthday_in_stay
    assert CheckinBriefService(db, clerk).brief(guest).stay is None


def test_staff_get_no_brief(db, make_actor):
    guest = add_guest(db, "王", "芳")
    with pytest.raises(PermissionDenied):
        CheckinBriefService(db, make_actor("staff")).brief(guest)
