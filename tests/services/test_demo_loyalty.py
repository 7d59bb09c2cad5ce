"""Demo members: every tier present, ledgers that add up and never dip below zero, and the member
number counter continuing after the demo."""

from __future__ import annotations

from sqlalchemy import func, select

from hotelcrm.db.models import Guest, LoyaltyTier, Membership, PointsEntry
from hotelcrm.services.demo_service import DemoService
from hotelcrm.services.loyalty_ledger_service import LoyaltyLedgerService
from hotelcrm.services.loyalty_member_service import LoyaltyMemberService


def test_demo_members_in_every_tier_with_consistent_ledgers(db, admin):
    DemoService(db, admin).load(guests=200, seed=4)
    with db.read() as s:
        tiers = dict(s.execute(select(LoyaltyTier.code, func.count(Membership.id))
                               .join(Membership, Membership.tier_id == LoyaltyTier.id).group_by(LoyaltyTier.code)).all())
        ids = list(s.scalars(select(Membership.id)))
        kinds = set(s.scalars(select(PointsEntry.kind).distinct()))
    assert set(tiers) == {"SILVER", "GOLD", "PLATINUM"} and len(ids) >= 10
    assert {"earn", "bonus"} <= kinds
    ledger = LoyaltyLedgerService(db, admin)
    for membership_id in ids:
        lines = ledger.ledger(membership_id)
        assert all(line.running_balance >= 0 for line in lines)
        assert ledger.balance(membership_id) == sum(line.points for line in lines)
    with db.write() as s:
        guest = Guest(family_name="新", given_name="会员")
        s.add(guest)
        s.flush()
        guest_id = guest.id
    assert LoyaltyMemberService(db, admin).enrol(guest_id).member_no == f"M{len(ids) + 1:06d}"
