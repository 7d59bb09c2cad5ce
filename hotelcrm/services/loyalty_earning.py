"""Points for a stay at check-out, and the upgrade a check-out can bring (DESIGN.md §2.3).

Called by ``StayService.check_out`` inside its unit of work, so the stay, its points, an upgrade
and the record of its entitlements are saved together or not at all."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotelcrm.db.models import Guest, LoyaltyTier, Membership, SpecialDate, Stay, StayBenefit
from hotelcrm.domain import loyalty_entitlements as ent
from hotelcrm.domain import loyalty_points as points
from hotelcrm.domain import loyalty_tiers as tiers

from . import loyalty_store as store
from .audit_trail import AuditTrail
from .loyalty_dto import EarnResult


def earn_for_stay(s: Session, audit: AuditTrail, stay: Stay) -> EarnResult | None:
    """Base points on the stay's eligible spend, the tier bonus on top (the tier held when the
    stay ends, with its bonus % as it is now, copied onto the entry), then an upgrade if this
    year's nights or base points now reach a higher tier. Nothing for guests without an active
    membership."""
    membership = s.scalar(select(Membership).where(Membership.guest_id == stay.guest_id,
                                                   Membership.status == "active").with_for_update())
    if membership is None:
        return None
    tier = s.get(LoyaltyTier, membership.tier_id)
    on = stay.departure_date
    spend = {"room": stay.spend_room_cents, "fnb": stay.spend_fnb_cents, "other": stay.spend_other_cents}
    eligible = points.eligible_spend(spend, stay.discount_cents, store.earn_categories(s))
    base = points.base_points(eligible, stay.currency)
    bonus = points.bonus_points(base, tier.bonus_pct)
    if base:
        store.add_entry(s, audit, membership, "earn", base, on, stay_id=stay.id, tier_code=tier.code,
                        spend_cents=eligible, reason=f"stay {stay.id}")
    if bonus:
        store.add_entry(s, audit, membership, "bonus", bonus, on, stay_id=stay.id, tier_code=tier.code,
                        bonus_pct=tier.bonus_pct, reason=f"stay {stay.id}: {tier.bonus_pct}%")
    record_entitlements(s, audit, membership, tier, stay)
    upgraded = upgrade_if_reached(s, audit, membership, tier, on)
    return EarnResult(membership.id, base, bonus, upgraded.code if upgraded else None)


def upgrade_if_reached(s: Session, audit: AuditTrail, membership: Membership, tier: LoyaltyTier,
                       on: date) -> LoyaltyTier | None:
    nights, base = store.year_figures(s, membership, on.year, until=on)
    rows = store.active_tiers(s)
    target = tiers.upgrade_to([store.rule(t) for t in rows], store.rule(tier), nights, base)
    if target is None:
        return None
    new = next(t for t in rows if t.code == target.code)
    store.change_tier(s, audit, membership, new, f"threshold: {nights} nights, {base} points in {on.year}", on)
    return new


def stay_birthday(s: Session, guest_id: int, arrival: date, departure: date) -> date | None:
    """The guest's birthday inside the stay: the card's birthday special date, else the date of
    birth."""
    row = s.execute(select(SpecialDate.month, SpecialDate.day).where(
        SpecialDate.guest_id == guest_id, SpecialDate.kind == "birthday").limit(1)).first()
    if row is None:
        birth = s.scalar(select(Guest.birth_date).where(Guest.id == guest_id))
        row = (birth.month, birth.day) if birth else None
    return ent.birthday_in_stay(row[0], row[1], arrival, departure) if row else None


def entitlements(s: Session, tier: LoyaltyTier, stay: Stay) -> list[ent.Entitlement]:
    rules = [ent.BenefitRule(b.id, b.code, b.kind, b.name_en, b.name_zh, b.if_rooms_allow)
             for b in store.benefits_of(s, tier.id)]
    return ent.for_stay(rules, stay_birthday(s, stay.guest_id, stay.arrival_date, stay.departure_date))


def record_entitlements(s: Session, audit: AuditTrail, membership: Membership, tier: LoyaltyTier,
                        stay: Stay) -> None:
    """At check-out, what the desk did not mark stays on the stay as "pending" (not given), so
    the reports can tell what was missed."""
    marked = set(s.scalars(select(StayBenefit.benefit_id).where(StayBenefit.stay_id == stay.id)))
    for e in entitlements(s, tier, stay):
        if e.applies and e.benefit.benefit_id not in marked:
            row = StayBenefit(stay_id=stay.id, benefit_id=e.benefit.benefit_id, tier_code=tier.code,
                              benefit_name_en=e.benefit.name_en, benefit_name_zh=e.benefit.name_zh,
                              benefit_kind=e.benefit.kind, status="pending")
            s.add(row)
            s.flush()
            audit.created("stay_benefit", row.id, {"stay_id": stay.id, "benefit": e.benefit.code,
                                                   "status": "pending"})
