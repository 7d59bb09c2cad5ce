"""The yearly review and expiry on both backends (idempotent), and entitlements per stay."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from hotelcrm.db.models import Guest, LoyaltyTier, Membership, PointsEntry, Stay, StayBenefit, TierChange
from hotelcrm.domain.errors import PermissionDenied, ValidationError
from hotelcrm.services.loyalty_config_service import LoyaltyConfigService
from hotelcrm.services.loyalty_dto import BenefitDraft
from hotelcrm.services.loyalty_entitlement_service import LoyaltyEntitlementService
from hotelcrm.services.loyalty_review_service import LoyaltyReviewService
from hotelcrm.services.stay_dto import CheckoutDraft
from hotelcrm.services.stay_service import StayService

TODAY = date.today()
LAST_YEAR = TODAY.year - 1


def member(db, tier_code: str, enrolled: date, *, birth: date | None = None, no: str = "M1") -> tuple[int, int]:
    """(guest id, membership id), with the default set in place."""
    LoyaltyConfigService(db, _system()).tiers()
    with db.write() as s:
        guest = Guest(family_name="周", given_name=no, birth_date=birth)
        s.add(guest)
        s.flush()
        tier = s.scalar(select(LoyaltyTier).where(LoyaltyTier.code == tier_code))
        m = Membership(guest_id=guest.id, member_no=no, tier_id=tier.id, enrolled_on=enrolled)
        s.add(m)
        s.flush()
        s.add(TierChange(membership_id=m.id, to_tier_id=tier.id, reason="enrolment", effective_on=enrolled))
        return guest.id, m.id


def _system():
    from hotelcrm.services.actor import Actor
    return Actor.system()


def add_points(db, membership_id: int, points: int, on: date, kind: str = "earn") -> None:
    with db.write() as s:
        s.add(PointsEntry(membership_id=membership_id, kind=kind, points=points, effective_on=on))


def past_stay(db, guest_id: int, arrival: date, nights: int) -> None:
    with db.write() as s:
        s.add(Stay(guest_id=guest_id, status="checked_out", arrival_date=arrival,
                   departure_date=arrival + timedelta(days=nights), source="desk"))


def tier_of(db, membership_id: int) -> str:
    with db.read() as s:
        return s.scalar(select(LoyaltyTier.code).join(Membership, Membership.tier_id == LoyaltyTier.id)
                        .where(Membership.id == membership_id))


@pytest.fixture
def manager(make_actor):
    return make_actor("manager")


def test_review_drops_one_tier_keeps_qualified_and_is_idempotent(db, manager):
    two_years_ago = date(LAST_YEAR - 1, 6, 1)
    _g1, idle = member(db, "PLATINUM", two_years_ago, no="M1")
    g2, busy = member(db, "GOLD", two_years_ago, no="M2")
    past_stay(db, g2, date(LAST_YEAR, 12, 25), 10)  # departs in the new year: counts for this year
    past_stay(db, g2, date(LAST_YEAR, 3, 1), 10)  # ten nights last year: exactly the threshold
    _g3, fresh = member(db, "GOLD", date(LAST_YEAR - 1, 1, 5), no="M3")
    with db.write() as s:  # upgraded during the reviewed year: kept until the next review
        gold = s.scalar(select(LoyaltyTier.id).where(LoyaltyTier.code == "GOLD"))
        s.add(TierChange(membership_id=fresh, to_tier_id=gold, reason="threshold", effective_on=date(LAST_YEAR, 11, 2)))
    review = LoyaltyReviewService(db, manager)
    first = review.review(TODAY)
    assert first.review_year == LAST_YEAR and first.members_reviewed == 3
    assert first.downgraded == ("M1",) and first.upgraded == ()
    assert (tier_of(db, idle), tier_of(db, busy), tier_of(db, fresh)) == ("GOLD", "GOLD", "GOLD")
    second = review.review(TODAY)
    assert (second.upgraded, second.downgraded, second.points_expired) == ((), (), 0)
    assert tier_of(db, idle) == "GOLD"  # not dropped again within the same year


def test_a_member_who_already_qualifies_again_this_year_keeps_the_tier(db, manager):
    guest, m = member(db, "GOLD", date(LAST_YEAR - 1, 3, 1))
    this_year = date(TODAY.year, 1, 1)
    if (TODAY - this_year).days < 10:
        this_year = TODAY - timedelta(days=10)  # early January: the stay straddles the new year
    past_stay(db, guest, this_year, min(10, (TODAY - this_year).days))
    review = LoyaltyReviewService(db, manager)
    first = review.review(TODAY)
    expected = "GOLD" if (TODAY - date(TODAY.year, 1, 1)).days >= 10 else "SILVER"
    assert tier_of(db, m) == expected and first.upgraded == ()
    second = review.review(TODAY)
    assert (second.upgraded, second.downgraded) == ((), ())


def test_review_upgrades_who_reached_a_threshold_without_a_check_out(db, manager):
    _g, m = member(db, "SILVER", date(LAST_YEAR, 1, 1))
    add_points(db, m, 30_000, date(LAST_YEAR, 8, 1))  # e.g. an imported history
    result = LoyaltyReviewService(db, manager).review(TODAY)
    assert result.upgraded == ("M1",) and tier_of(db, m) == "PLATINUM"


def test_points_expire_after_24_months_without_activity(db, manager):
    _g, m = member(db, "SILVER", TODAY - timedelta(days=1000), no="M7")
    add_points(db, m, 800, TODAY - timedelta(days=800))
    add_points(db, m, -300, TODAY - timedelta(days=760), kind="redeem")
    _g2, active = member(db, "SILVER", TODAY - timedelta(days=1000), no="M8")
    add_points(db, active, 400, TODAY - timedelta(days=800))
    add_points(db, active, 10, TODAY - timedelta(days=30))
    review = LoyaltyReviewService(db, manager)
    assert [e.member_no for e in review.expiring(within_days=3660)] == ["M8"]
    first = review.review(TODAY)
    assert (first.points_expired, first.members_expired) == (500, ("M7",))
    assert review.review(TODAY).points_expired == 0
    with db.read() as s:
        assert s.scalar(select(PointsEntry.points).where(PointsEntry.kind == "expiry")) == -500


def test_review_needs_a_manager_and_a_date_not_ahead(db, make_actor, manager):
    with pytest.raises(PermissionDenied):
        LoyaltyReviewService(db, make_actor("clerk")).review()
    with pytest.raises(ValidationError) as err:
        LoyaltyReviewService(db, manager).review(TODAY + timedelta(days=1))
    assert err.value.field == "as_of"


def test_entitlements_of_a_birthday_stay_are_marked_and_kept_on_the_stay(db, make_actor, manager):
    clerk = make_actor("clerk")
    birthday = TODAY - timedelta(days=1)
    guest, _m = member(db, "GOLD", TODAY - timedelta(days=100), birth=birthday.replace(year=1980)
                       if not (birthday.month == 2 and birthday.day == 29) else date(1980, 2, 29))
    with db.write() as s:
        stay = Stay(guest_id=guest, status="in_house", arrival_date=TODAY - timedelta(days=2), departure_date=TODAY,
                    room_no="1201", source="desk")
        s.add(stay)
        s.flush()
        stay_id = stay.id
    service = LoyaltyEntitlementService(db, clerk)
    found = {e.code: e for e in service.for_stay(stay_id)}
    assert set(found) == {"EARLY_LATE_2H", "UPGRADE_1", "WELCOME_AMENITY", "BIRTHDAY_CAKE"}
    assert found["BIRTHDAY_CAKE"].applies and found["BIRTHDAY_CAKE"].reason == "birthday_in_stay"
    service.mark(stay_id, found["BIRTHDAY_CAKE"].benefit_id, "granted")
    service.mark(stay_id, found["UPGRADE_1"].benefit_id, "not_available", "house full")
    with pytest.raises(ValidationError):
        service.mark(stay_id, found["UPGRADE_1"].benefit_id, "maybe")
    # renaming the benefit later does not rewrite what the stay recorded
    config = LoyaltyConfigService(db, manager)
    cake = next(b for b in config.benefits() if b.code == "BIRTHDAY_CAKE")
    config.save_benefit(cake.id, cake.version, BenefitDraft(code="BIRTHDAY_CAKE", name_en="Birthday cake",
                                                            name_zh="生日蛋糕", kind="birthday_gift"))
    with db.read() as s:
        version = s.get(Stay, stay_id).version
    StayService(db, clerk).check_out(stay_id, version, CheckoutDraft())
    with db.read() as s:
        rows = {r.benefit_name_en: r.status for r in s.scalars(select(StayBenefit).where(StayBenefit.stay_id == stay_id))}
    assert rows == {"Birthday cake coupon": "granted", "Upgrade by one room category": "not_available",
                    "Early check-in / late check-out by 2 hours": "pending", "Welcome amenity": "pending"}
