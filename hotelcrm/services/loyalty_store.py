"""What the loyalty services share inside one unit of work: the default set on first use, the
tiers as rules, balances, ledger entries, tier changes and the settings. No permission checks
here: the calling service has done them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from hotelcrm.db.models import Benefit, LoyaltyTier, Membership, PointsEntry, Stay, TierBenefit, TierChange
from hotelcrm.domain import loyalty_defaults as defaults
from hotelcrm.domain import loyalty_points as points
from hotelcrm.domain.errors import NotFound
from hotelcrm.domain.loyalty_tiers import TierRule

from . import search_index
from .audit_trail import AuditTrail
from .settings_service import read_setting

EARN_CATEGORIES_SETTING = "loyalty.earn_categories"
EXPIRY_MONTHS_SETTING = "loyalty.expiry_months"


def ensure_defaults(s: Session, audit: AuditTrail | None) -> bool:
    """Create the default tiers, benefits and matrix when there are no tiers at all (audited,
    except inside a demo load, which writes one audit row for everything)."""
    if s.scalar(select(func.count()).select_from(LoyaltyTier)):
        return False
    tiers = {}
    for code, en, zh, rank, colour, nights, pts, bonus in defaults.TIERS:
        tiers[code] = LoyaltyTier(code=code, name_en=en, name_zh=zh, rank=rank, colour=colour,
                                  nights_threshold=nights, points_threshold=pts, bonus_pct=bonus)
    existing = {b.code: b for b in s.scalars(select(Benefit))}
    benefits = {}
    for code, kind, en, zh, den, dzh, rooms, value in defaults.BENEFITS:
        benefits[code] = existing.get(code) or Benefit(code=code, kind=kind, name_en=en, name_zh=zh,
                                                       description_en=den, description_zh=dzh,
                                                       if_rooms_allow=rooms, value=value)
    s.add_all([*tiers.values(), *benefits.values()])
    s.flush()
    s.add_all([TierBenefit(tier_id=tiers[t].id, benefit_id=benefits[b].id)
               for t, codes in defaults.MATRIX.items() for b in codes])
    s.flush()
    if audit is not None:
        audit.record("create", "loyalty_tiers", None, note="default tiers and benefits (DESIGN.md §2.3)")
    return True


def rule(tier: LoyaltyTier) -> TierRule:
    return TierRule(tier.code, tier.rank, tier.nights_threshold, tier.points_threshold, tier.bonus_pct)


def active_tiers(s: Session) -> list[LoyaltyTier]:
    return list(s.scalars(select(LoyaltyTier).where(LoyaltyTier.active).order_by(LoyaltyTier.rank)))


def tier_by_code(s: Session, code: str) -> LoyaltyTier:
    tier = s.scalar(select(LoyaltyTier).where(LoyaltyTier.code == code))
    if tier is None:
        raise NotFound("tier", code)
    return tier


def balance(s: Session, membership_id: int) -> int:
    return int(s.scalar(select(func.coalesce(func.sum(PointsEntry.points), 0))
                        .where(PointsEntry.membership_id == membership_id)) or 0)


def add_entry(s: Session, audit: AuditTrail, membership: Membership, kind: str, amount: int, on: date, *,
              reason: str | None = None, stay_id: int | None = None, reverses_id: int | None = None,
              approved_by: int | None = None, tier_code: str | None = None, bonus_pct: int | None = None,
              spend_cents: int | None = None) -> PointsEntry:
    entry = PointsEntry(membership_id=membership.id, kind=kind, points=amount, effective_on=on, reason=reason,
                        stay_id=stay_id, reverses_id=reverses_id, approved_by=approved_by,
                        created_by=audit.actor.user_id, tier_code=tier_code, bonus_pct=bonus_pct,
                        spend_cents=spend_cents)
    s.add(entry)
    s.flush()
    audit.created("points_entry", entry.id, {"membership_id": membership.id, "kind": kind, "points": amount,
                                             "effective_on": on, "reason": reason, "stay_id": stay_id,
                                             "reverses_id": reverses_id, "approved_by": approved_by,
                                             "bonus_pct": bonus_pct})
    return entry


def change_tier(s: Session, audit: AuditTrail, membership: Membership, to: LoyaltyTier, reason: str,
                on: date) -> TierChange:
    change = TierChange(membership_id=membership.id, from_tier_id=membership.tier_id, to_tier_id=to.id,
                        reason=reason, effective_on=on, changed_by=audit.actor.user_id)
    s.add(change)
    audit.changed("membership", membership.id, membership, {"tier_id": to.id})
    s.flush()
    search_index.refresh_guests(s, [membership.guest_id])
    return change


def year_figures(s: Session, membership: Membership, year: int, until: date | None = None) -> tuple[int, int]:
    """Qualifying nights (checked-out stays departing in the year, from enrolment on) and base
    points (earn entries of the year, less their reversals) of a calendar year."""
    start, end = date(year, 1, 1), min(date(year, 12, 31), until or date(year, 12, 31))
    start = max(start, membership.enrolled_on)
    nights = 0
    if start <= end:
        # By guest only (a guest has few stays; the guest index is then the planner's only choice),
        # status and dates checked here.
        for status, arrival, departure in s.execute(select(Stay.status, Stay.arrival_date, Stay.departure_date)
                                                    .where(Stay.guest_id == membership.guest_id)):
            if status == "checked_out" and start <= departure <= end:
                nights += max((departure - arrival).days, 0)
    reversed_ = aliased(PointsEntry)
    base = s.scalar(
        select(func.coalesce(func.sum(PointsEntry.points), 0))
        .outerjoin(reversed_, reversed_.id == PointsEntry.reverses_id)
        .where(PointsEntry.membership_id == membership.id,
               PointsEntry.effective_on >= date(year, 1, 1), PointsEntry.effective_on <= end,
               or_(PointsEntry.kind == "earn", and_(PointsEntry.kind == "reversal", reversed_.kind == "earn"))))
    return nights, max(int(base or 0), 0)


def last_activity(s: Session, membership: Membership) -> date:
    last = s.scalar(select(func.max(PointsEntry.effective_on)).where(
        PointsEntry.membership_id == membership.id, PointsEntry.kind.in_(points.ACTIVITY_KINDS)))
    return max(last, membership.enrolled_on) if last else membership.enrolled_on


def earn_categories(s: Session) -> tuple[str, ...]:
    return tuple(read_setting(s, EARN_CATEGORIES_SETTING))


def expiry_months(s: Session) -> int:
    return int(read_setting(s, EXPIRY_MONTHS_SETTING))


def benefits_of(s: Session, tier_id: int) -> list[Benefit]:
    return list(s.scalars(select(Benefit).join(TierBenefit, TierBenefit.benefit_id == Benefit.id)
                          .where(TierBenefit.tier_id == tier_id, Benefit.active).order_by(Benefit.id)))
