"""Observations on both backends: staff observe in-house guests only; the desk reviews them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from hotelcrm.db.models import GuestPreference
from hotelcrm.domain.errors import Conflict, HotelCrmError, PermissionDenied, ValidationError
from hotelcrm.services.observation_service import ObservationService
from hotelcrm.services.stay_dto import CheckoutDraft, StayDraft
from hotelcrm.services.stay_service import StayService

from .test_stay_service import add_guest

TODAY = date.today()


@pytest.fixture
def clerk(make_actor):
    return make_actor("clerk")


@pytest.fixture
def staff(db, make_actor):
    return ObservationService(db, make_actor("staff"))


@pytest.fixture
def in_house(db, clerk):
    guest = add_guest(db, "王", "伟")
    stay = StayService(db, clerk).check_in(guest, StayDraft(departure_date=TODAY + timedelta(days=2),
                                                            room_no="0812"))
    return guest, stay


def test_staff_observe_an_in_house_guest_and_the_desk_sees_it_pending(db, staff, clerk, in_house):
    guest, stay = in_house
    seen = staff.add(guest, "Asked twice for a harder pillow", "housekeeping")
    assert (seen.status, seen.stay_id, seen.room_no, seen.guest_name) == ("new", stay.id, "0812", "王伟")
    assert seen.created_by == staff.actor.username
    pending = ObservationService(db, clerk).pending(guest)
    assert [(p.id, p.text, p.department) for p in pending] == \
        [(seen.id, "Asked twice for a harder pillow", "housekeeping")]
    assert [p.id for p in ObservationService(db, clerk).pending()] == [seen.id]


def test_staff_cannot_observe_a_guest_who_is_not_in_the_house(db, staff, clerk):
    away = add_guest(db, "李", "娜")
    with pytest.raises(HotelCrmError) as caught:
        staff.add(away, "Likes green tea", "fnb")
    assert caught.value.code == "guest_not_in_house"
    left = add_guest(db, "张", "敏")
    stays = StayService(db, clerk)
    stay = stays.check_in(left, StayDraft(departure_date=TODAY + timedelta(days=1), room_no="0901"))
    stays.check_out(stay.id, stay.version, CheckoutDraft())
    with pytest.raises(HotelCrmError):
        staff.add(left, "Forgot a charger", "housekeeping")
    assert ObservationService(db, clerk).pending() == []


def test_staff_cannot_name_another_stay(staff, in_house):
    guest, stay = in_house
    with pytest.raises(HotelCrmError):
        staff.add(guest, "Late room service", "fnb", stay_id=stay.id + 1000)
    assert staff.add(guest, "Late room service", "fnb", stay_id=stay.id).stay_id == stay.id


def test_staff_can_do_nothing_else(staff, in_house):
    guest, _ = in_house
    seen = staff.add(guest, "Prefers a high floor", "concierge")
    with pytest.raises(PermissionDenied):
        staff.pending()
    with pytest.raises(PermissionDenied):
        staff.review_into_preference(seen.id, seen.version, "room", "floor", "high")
    with pytest.raises(PermissionDenied):
        staff.dismiss(seen.id, seen.version)


def test_empty_observation_is_refused(staff, in_house):
    with pytest.raises(ValidationError) as caught:
        staff.add(in_house[0], "   ", "housekeeping")
    assert (caught.value.field, caught.value.reason) == ("observation_text", "required")


def test_review_into_a_preference_on_the_card(db, staff, make_actor, in_house):
    guest, _ = in_house
    seen = staff.add(guest, "Asked for a higher pillow", "housekeeping")
    lobby = ObservationService(db, make_actor("lobby_manager"))
    with pytest.raises(ValidationError) as caught:
        lobby.review_into_preference(seen.id, seen.version, "room", "pillow_height", "sky_high")
    assert (caught.value.field, caught.value.reason) == ("pref_value", "unknown_preference_value")
    done = lobby.review_into_preference(seen.id, seen.version, "room", "pillow_height", "高枕")
    assert done.status == "reviewed" and done.reviewed_by == lobby.actor.username
    with db.read() as s:
        pref = s.scalars(select(GuestPreference).where(GuestPreference.guest_id == guest)).one()
        assert (pref.pref_group, pref.pref_key, pref.value, pref.source_observation_id, pref.note) == \
            ("room", "pillow_height", "high", seen.id, "Asked for a higher pillow")
        assert done.preference_id == pref.id
    assert lobby.pending(guest) == []
    assert [o.status for o in lobby.for_guest(guest)] == ["reviewed"]


def test_allergy_becomes_a_sensitive_preference(db, staff, clerk, in_house):
    guest, _ = in_house
    seen = staff.add(guest, "Said he is allergic to peanuts", "fnb")
    ObservationService(db, clerk).review_into_preference(seen.id, seen.version, "dining", "allergies",
                                                         "peanuts")
    with db.read() as s:
        pref = s.scalars(select(GuestPreference).where(GuestPreference.guest_id == guest)).one()
        assert pref.sensitive and pref.value == "peanuts"


def test_a_preference_without_a_pick_list_is_refused(db, staff, clerk, in_house):
    seen = staff.add(in_house[0], "Collects stamps", "concierge")
    with pytest.raises(ValidationError) as caught:
        ObservationService(db, clerk).review_into_preference(seen.id, seen.version, "other", "stamps", "yes")
    assert caught.value.reason == "unknown_preference"
    assert [p.id for p in ObservationService(db, clerk).pending()] == [seen.id]


def test_dismiss_and_reviewing_twice_or_stale(db, staff, clerk, in_house):
    guest, _ = in_house
    a = staff.add(guest, "Noise complaint from neighbours", "security")
    b = staff.add(guest, "Likes jasmine tea", "fnb")
    desk = ObservationService(db, clerk)
    dismissed = desk.dismiss(a.id, a.version)
    assert dismissed.status == "dismissed"
    with pytest.raises(HotelCrmError) as caught:
        desk.dismiss(a.id, dismissed.version)
    assert caught.value.code == "observation_reviewed"
    with pytest.raises(Conflict):
        desk.review_into_preference(b.id, b.version + 1, "dining", "tea", "jasmine")
    with pytest.raises(ValidationError) as bad_group:
        desk.review_into_preference(b.id, b.version, "spa", "tea", "jasmine")
    assert bad_group.value.field == "pref_group"
    assert [p.id for p in desk.pending(guest)] == [b.id]
