"""Loyalty services on both backends: the default set, enrolment, earning at check-out with the
tier bonus, upgrade within the check-out, redeem / adjust / reverse per role, the review."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from hotelcrm.db.models import Guest, Membership, PointsEntry, Stay, TierChange
from hotelcrm.domain.errors import HotelCrmError, PermissionDenied, ValidationError
from hotelcrm.services.loyalty_config_service import LoyaltyConfigService
from hotelcrm.services.loyalty_dto import MemberFilter, TierDraft
from hotelcrm.services.loyalty_ledger_service import LoyaltyLedgerService
from hotelcrm.services.loyalty_member_service import LoyaltyMemberService
from hotelcrm.services.stay_dto import CheckoutDraft
from hotelcrm.services.stay_service import StayService

TODAY = date.today()


def add_guest(db, family="王", given="伟", **values) -> int:
    with db.write() as s:
        guest = Guest(family_name=family, given_name=given, **values)
        s.add(guest)
        s.flush()
        return guest.id


def in_house(db, guest_id: int, nights: int, room: str = "0812") -> tuple[int, int]:
    """A stay in the house since ``nights`` days ago (check-in only accepts today's arrivals)."""
    with db.write() as s:
        stay = Stay(guest_id=guest_id, status="in_house", arrival_date=TODAY - timedelta(days=nights),
                    departure_date=TODAY, room_no=room, source="desk")
        s.add(stay)
        s.flush()
        return stay.id, stay.version


def check_out(db, actor, stay: tuple[int, int], room_cents: int, fnb_cents: int = 0, other_cents: int = 0):
    return StayService(db, actor).check_out(stay[0], stay[1], CheckoutDraft(
        spend_room_cents=room_cents, spend_fnb_cents=fnb_cents, spend_other_cents=other_cents))


def entries(db, membership_id: int) -> list[tuple]:
    with db.read() as s:
        return [(e.kind, e.points, e.tier_code, e.bonus_pct) for e in s.scalars(
            select(PointsEntry).where(PointsEntry.membership_id == membership_id).order_by(PointsEntry.id))]


@pytest.fixture
def clerk(make_actor):
    return make_actor("clerk")


@pytest.fixture
def manager(make_actor):
    return make_actor("manager")


def test_the_default_set_is_the_design_table(db, clerk):
    tiers = LoyaltyConfigService(db, clerk).tiers()
    assert [(t.code, t.name_zh, t.nights_threshold, t.points_threshold, t.bonus_pct) for t in tiers] == [
        ("SILVER", "银卡", None, None, 0), ("GOLD", "金卡", 10, 10_000, 20), ("PLATINUM", "白金卡", 30, 30_000, 40)]
    matrix = {t.code: set(t.benefit_codes) for t in tiers}
    assert matrix["SILVER"] == {"EARLY_LATE_2H", "BIRTHDAY_CAKE"}
    assert matrix["GOLD"] == {"EARLY_LATE_2H", "BONUS_20", "UPGRADE_1", "WELCOME_AMENITY", "BIRTHDAY_CAKE"}
    assert "BONUS_40" in matrix["PLATINUM"] and "BONUS_20" not in matrix["PLATINUM"]
    assert len(LoyaltyConfigService(db, clerk).benefits()) == 6


def test_enrol_numbers_and_refusals(db, clerk, manager):
    members = LoyaltyMemberService(db, clerk)
    a, b, c = add_guest(db), add_guest(db, "李", "娜"), add_guest(db, "张", "三")
    first = members.enrol(a)
    second = members.enrol(b)
    assert (first.member_no, second.member_no, first.tier_code) == ("M000001", "M000002", "SILVER")
    assert [h.reason for h in first.tier_history] == ["enrolment"]
    with pytest.raises(ValidationError) as err:
        members.enrol(a)
    assert err.value.field == "member_guest"
    with pytest.raises(ValidationError) as err:
        members.enrol(c, member_no="m000002")  # typed by hand, already taken
    assert (err.value.field, err.value.reason) == ("member_no", "member_no_taken")
    with pytest.raises(PermissionDenied):
        members.enrol(c, tier_code="GOLD")  # only a manager enrols straight into a higher tier
    gold = LoyaltyMemberService(db, manager).enrol(c, member_no="VIP-0001", tier_code="GOLD")
    assert (gold.member_no, gold.tier_code) == ("VIP-0001", "GOLD")
    rows = members.members(MemberFilter(tier_code="GOLD"))
    assert [r.member_no for r in rows] == ["VIP-0001"]
    assert members.count() == 3 and [r.display_name for r in members.members(MemberFilter(text="李"))] == ["李娜"]


def test_staff_cannot_read_the_loyalty_area(db, make_actor):
    with pytest.raises(PermissionDenied):
        LoyaltyMemberService(db, make_actor("staff")).members()


def test_check_out_earns_base_and_tier_bonus_with_what_applied_then(db, clerk, manager):
    guest = add_guest(db)
    member = LoyaltyMemberService(db, manager).enrol(guest, tier_code="GOLD")
    check_out(db, clerk, in_house(db, guest, 2), room_cents=177_600, fnb_cents=35_050, other_cents=1_200)
    assert entries(db, member.membership_id) == [("earn", 2126, "GOLD", None), ("bonus", 425, "GOLD", 20)]

    config = LoyaltyConfigService(db, manager)
    gold = next(t for t in config.tiers() if t.code == "GOLD")
    config.save_tier(gold.id, gold.version, TierDraft(
        code="GOLD", name_en="Gold", name_zh="金卡", rank=2, colour=gold.colour, nights_threshold=10,
        points_threshold=10_000, bonus_pct=50))
    check_out(db, clerk, in_house(db, guest, 1, "0901"), room_cents=10_000)
    # the first stay keeps its 20 %, the new one earns 50 %
    assert entries(db, member.membership_id)[-2:] == [("earn", 100, "GOLD", None), ("bonus", 50, "GOLD", 50)]
    assert entries(db, member.membership_id)[1] == ("bonus", 425, "GOLD", 20)
    assert LoyaltyLedgerService(db, clerk).balance(member.membership_id) == 2126 + 425 + 100 + 50


def test_a_guest_without_membership_earns_nothing(db, clerk):
    guest = add_guest(db)
    check_out(db, clerk, in_house(db, guest, 2), room_cents=100_000)
    with db.read() as s:
        assert s.scalar(select(PointsEntry.id)) is None


def test_upgrade_within_the_check_out_that_reaches_the_threshold(db, clerk):
    guest = add_guest(db)
    member = LoyaltyMemberService(db, clerk).enrol(guest)
    check_out(db, clerk, in_house(db, guest, 1), room_cents=999_900)  # 9,999 points: not yet
    assert LoyaltyMemberService(db, clerk).detail(member.membership_id).tier_code == "SILVER"
    check_out(db, clerk, in_house(db, guest, 1, "0902"), room_cents=100)  # exactly 10,000
    detail = LoyaltyMemberService(db, clerk).detail(member.membership_id)
    assert detail.tier_code == "GOLD" and detail.tier_history[0].up
    assert detail.tier_history[0].to_tier == "GOLD" and detail.tier_history[0].from_tier == "SILVER"
    # the stay that reached it earned at the tier held when it ended (no bonus for Silver)
    assert [e[0] for e in entries(db, member.membership_id)] == ["earn", "earn"]


def test_ten_nights_reach_gold(db, clerk):
    guest = add_guest(db)
    member = LoyaltyMemberService(db, clerk).enrol(guest, enrolled_on=TODAY - timedelta(days=20))
    check_out(db, clerk, in_house(db, guest, 10), room_cents=0)
    assert LoyaltyMemberService(db, clerk).detail(member.membership_id).tier_code == "GOLD"


def test_redeem_adjust_reverse_per_role(db, clerk, manager):
    guest = add_guest(db)
    member = LoyaltyMemberService(db, clerk).enrol(guest)
    clerk_ledger, manager_ledger = LoyaltyLedgerService(db, clerk), LoyaltyLedgerService(db, manager)
    with pytest.raises(PermissionDenied):
        clerk_ledger.adjust(member.membership_id, 500, "goodwill")  # a clerk cannot adjust
    assert manager_ledger.adjust(member.membership_id, 500, "goodwill after complaint TS-2026-000012") == 500
    with pytest.raises(ValidationError) as err:
        clerk_ledger.redeem(member.membership_id, 501, "breakfast voucher")
    assert err.value.reason == "points_insufficient"
    with pytest.raises(ValidationError) as err:
        manager_ledger.adjust(member.membership_id, 100, "")
    assert err.value.field == "points_reason"
    assert clerk_ledger.redeem(member.membership_id, 200, "breakfast voucher") == 300
    lines = clerk_ledger.ledger(member.membership_id)
    adjust = lines[0]
    assert (adjust.kind, adjust.approved_by, adjust.running_balance) == ("adjust", manager.display_name or
                                                                          manager.username, 500)
    with pytest.raises(PermissionDenied):
        clerk_ledger.reverse(lines[1].id, "wrong")
    assert manager_ledger.reverse(lines[1].id, "keyed twice") == 500
    with pytest.raises(ValidationError, match="already_reversed"):
        manager_ledger.reverse(lines[1].id, "again")
    with pytest.raises(ValidationError):  # reversing the 500 would leave less than nothing? no: 0
        manager_ledger.redeem(member.membership_id, 0, "zero")
    assert manager_ledger.reverse(lines[0].id, "not approved after all") == 0
    assert clerk_ledger.balance(member.membership_id) == sum(x.points for x in clerk_ledger.ledger(member.membership_id))


def test_a_suspended_card_cannot_redeem(db, clerk):
    guest = add_guest(db)
    member = LoyaltyMemberService(db, clerk).enrol(guest)
    LoyaltyMemberService(db, clerk).set_status(member.membership_id, member.version, "suspended", "card lost")
    with pytest.raises(HotelCrmError) as err:
        LoyaltyLedgerService(db, clerk).redeem(member.membership_id, 1, "x")
    assert err.value.code == "membership_not_active"


def test_ledger_rows_cannot_be_edited_in_sql(db, clerk, manager):
    guest = add_guest(db)
    member = LoyaltyMemberService(db, clerk).enrol(guest)
    LoyaltyLedgerService(db, manager).adjust(member.membership_id, 10, "test")
    with pytest.raises(Exception):  # noqa: B017 - the database refuses, whatever the driver's type
        with db.write() as s:
            s.execute(PointsEntry.__table__.update().values(points=999))


def test_tier_changes_are_kept_with_reasons(db, manager):
    guest = add_guest(db)
    members = LoyaltyMemberService(db, manager)
    member = members.enrol(guest)
    members.set_tier(member.membership_id, member.version, "PLATINUM", "owner's guest")
    with db.read() as s:
        assert [c.reason for c in s.scalars(select(TierChange).order_by(TierChange.id))] == ["enrolment", "owner's guest"]
        assert s.scalar(select(Membership.tier_id)) is not None
