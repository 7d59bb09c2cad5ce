"""The check-in brief lists this stay's entitlements: a birthday inside the stay brings the cake
coupon; a Gold member's upgrade and welcome amenity; what the desk marked shows as marked."""

from __future__ import annotations

from datetime import date, timedelta

from hotelcrm.db.models import Guest
from hotelcrm.services.checkin_brief_service import CheckinBriefService
from hotelcrm.services.loyalty_entitlement_service import LoyaltyEntitlementService
from hotelcrm.services.loyalty_member_service import LoyaltyMemberService
from hotelcrm.services.stay_dto import StayDraft
from hotelcrm.services.stay_service import StayService

TODAY = date.today()


def test_birthday_stay_brings_the_cake_coupon_into_the_brief(db, make_actor):
    clerk, manager = make_actor("clerk"), make_actor("manager")
    tomorrow = TODAY + timedelta(days=1)
    birth = date(1985, 2, 28) if (tomorrow.month, tomorrow.day) == (2, 29) else tomorrow.replace(year=1985)
    with db.write() as s:
        guest = Guest(family_name="欧阳", given_name="修", birth_date=birth)
        s.add(guest)
        s.flush()
        guest_id = guest.id
    LoyaltyMemberService(db, manager).enrol(guest_id, tier_code="GOLD")
    stay = StayService(db, clerk).check_in(guest_id, StayDraft(departure_date=TODAY + timedelta(days=3),
                                                               room_no="1808"))
    brief = CheckinBriefService(db, clerk).brief(guest_id)
    slots = {e.code: e for e in brief.tier.entitlements}
    assert brief.birthday_in_stay
    assert slots["BIRTHDAY_CAKE"].applies and slots["BIRTHDAY_CAKE"].reason == "birthday_in_stay"
    assert {"UPGRADE_1", "WELCOME_AMENITY", "EARLY_LATE_2H"} <= set(slots)
    assert all(e.status is None for e in brief.tier.entitlements)
    LoyaltyEntitlementService(db, clerk).mark(stay.id, slots["BIRTHDAY_CAKE"].benefit_id, "granted")
    again = {e.code: e.status for e in CheckinBriefService(db, clerk).brief(guest_id).tier.entitlements}
    assert again["BIRTHDAY_CAKE"] == "granted" and again["UPGRADE_1"] is None


def test_no_birthday_no_cake(db, make_actor):
    clerk = make_actor("clerk")
    far = TODAY + timedelta(days=100)
    with db.write() as s:
        guest = Guest(family_name="李", given_name="娜", birth_date=far.replace(year=1990) if (far.month, far.day) != (2, 29)
                      else date(1990, 3, 1))
        s.add(guest)
        s.flush()
        guest_id = guest.id
    LoyaltyMemberService(db, clerk).enrol(guest_id)
    StayService(db, clerk).check_in(guest_id, StayDraft(departure_date=TODAY + timedelta(days=1), room_no="0301"))
    slots = {e.code: e for e in CheckinBriefService(db, clerk).brief(guest_id).tier.entitlements}
    assert not slots["BIRTHDAY_CAKE"].applies and set(slots) == {"BIRTHDAY_CAKE", "EARLY_LATE_2H"}
