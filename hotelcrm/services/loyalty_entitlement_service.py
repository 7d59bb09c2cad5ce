"""Entitlements per stay (DESIGN.md §2.3): what the member may have for this stay, and what the
desk did with each — granted, not available (e.g. no room to upgrade to) or declined by the
guest. The stay keeps the record with the benefit's name as it was then."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotelcrm.db.models import Benefit, LoyaltyTier, Membership, Stay, StayBenefit, utcnow
from hotelcrm.domain import codes
from hotelcrm.domain.errors import NotFound, ValidationError
from hotelcrm.domain.permissions import Permission
from hotelcrm.domain.text_rules import clean_text

from .base import Service
from .loyalty_earning import entitlements

MARKS = tuple(x for x in codes.BENEFIT_GRANT_STATUS if x != "pending")


@dataclass(frozen=True)
class StayEntitlement:
    stay_id: int
    benefit_id: int | None
    code: str
    kind: str
    name_en: str
    name_zh: str
    applies: bool
    reason: str | None
    status: str | None  # None: not marked yet


def stay_entitlements(s: Session, stay: Stay) -> list[StayEntitlement]:
    """The active membership's entitlements for ``stay`` with what was recorded, plus recorded
    benefits the tier no longer has (history stays visible)."""
    membership = s.scalar(select(Membership).where(Membership.guest_id == stay.guest_id,
                                                   Membership.status == "active"))
    recorded = {b.benefit_id: b for b in s.scalars(select(StayBenefit).where(StayBenefit.stay_id == stay.id))}
    found: list[StayEntitlement] = []
    if membership is not None:
        tier = s.get(LoyaltyTier, membership.tier_id)
        for e in entitlements(s, tier, stay):
            mark = recorded.pop(e.benefit.benefit_id, None)
            found.append(StayEntitlement(stay.id, e.benefit.benefit_id, e.benefit.code, e.benefit.kind,
                                         mark.benefit_name_en if mark else e.benefit.name_en,
                                         mark.benefit_name_zh if mark else e.benefit.name_zh,
                                         e.applies, e.reason, mark.status if mark else None))
    for b in recorded.values():
        found.append(StayEntitlement(stay.id, b.benefit_id, "", b.benefit_kind or "other", b.benefit_name_en,
                                     b.benefit_name_zh, True, None, b.status))
    return found


class LoyaltyEntitlementService(Service):
    def for_stay(self, stay_id: int) -> list[StayEntitlement]:
        self._require(Permission.LOYALTY_READ)
        with self._read() as s:
            stay = s.get(Stay, stay_id)
            if stay is None:
                raise NotFound("stay", stay_id)
            return stay_entitlements(s, stay)

    def mark(self, stay_id: int, benefit_id: int, status: str, note: str | None = None) -> list[StayEntitlement]:
        """Record what the desk did with one entitlement of the stay (again to correct it)."""
        self._require(Permission.LOYALTY_WRITE)
        if status not in MARKS:
            raise ValidationError("benefit_status", "unknown_code", value=status)
        text = clean_text(note, "benefit_note", max_len=500)
        with self._write("stay_benefit", stay_id) as (s, audit):
            stay = s.get(Stay, stay_id, with_for_update=True)
            if stay is None:
                raise NotFound("stay", stay_id)
            if stay.status in ("cancelled", "no_show"):
                raise ValidationError("stay_status", "stay_not_taken", status=stay.status)
            current = {e.benefit_id: e for e in stay_entitlements(s, stay)}
            if benefit_id not in current or not current[benefit_id].applies:
                raise ValidationError("benefit_code", "not_entitled")
            row = s.scalar(select(StayBenefit).where(StayBenefit.stay_id == stay_id,
                                                     StayBenefit.benefit_id == benefit_id))
            values = {"status": status, "note": text, "recorded_by": self.actor.user_id, "recorded_at": utcnow()}
            if row is None:
                benefit = s.get(Benefit, benefit_id)
                membership = s.scalar(select(Membership).where(Membership.guest_id == stay.guest_id))
                tier = s.get(LoyaltyTier, membership.tier_id) if membership else None
                row = StayBenefit(stay_id=stay_id, benefit_id=benefit_id, tier_code=tier.code if tier else None,
                                  benefit_name_en=benefit.name_en, benefit_name_zh=benefit.name_zh,
                                  benefit_kind=benefit.kind, **values)
                s.add(row)
                s.flush()
                audit.created("stay_benefit", row.id, {"stay_id": stay_id, "benefit": benefit.code,
                                                       "status": status, "note": text})
            else:
                audit.changed("stay_benefit", row.id, row, {"status": status, "note": text})
                row.recorded_by, row.recorded_at = self.actor.user_id, utcnow()
            s.flush()
            return stay_entitlements(s, stay)
