"""One member's detail: ledger with running balance, tier history, entitlements per stay."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from hotelcrm.db.models import (
    Benefit,
    Guest,
    LoyaltyTier,
    Membership,
    PointsEntry,
    Stay,
    StayBenefit,
    TierChange,
    User,
)
from hotelcrm.domain import loyalty_points as points
from hotelcrm.domain.guest_rules import display_name

from . import loyalty_store as store
from .loyalty_dto import LedgerLine, MemberDetail, StayBenefitLine, TierChangeLine


def _users(s: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {u.id: u.display_name or u.username for u in s.scalars(select(User).where(User.id.in_(wanted)))}


def ledger_lines(s: Session, membership_id: int, start: date | None = None, end: date | None = None
                 ) -> tuple[int, list[LedgerLine]]:
    """The opening balance before ``start`` and the entries from ``start`` to ``end``, oldest
    first, each with the balance after it."""
    rows = list(s.scalars(select(PointsEntry).where(PointsEntry.membership_id == membership_id)
                          .order_by(PointsEntry.effective_on, PointsEntry.id)))
    reversed_by = {r.reverses_id: r.id for r in rows if r.reverses_id is not None}
    users = _users(s, {r.created_by for r in rows} | {r.approved_by for r in rows})
    opening = sum(r.points for r in rows if start is not None and r.effective_on < start)
    running = opening
    lines = []
    for r in rows:
        if (start is not None and r.effective_on < start) or (end is not None and r.effective_on > end):
            continue
        running += r.points
        lines.append(LedgerLine(r.id, r.kind, r.points, r.effective_on, r.created_at, r.stay_id, r.reverses_id,
                                reversed_by.get(r.id), r.reason, r.tier_code, r.bonus_pct, r.spend_cents,
                                users.get(r.created_by), users.get(r.approved_by), running))
    return opening, lines


def tier_history(s: Session, membership_id: int) -> list[TierChangeLine]:
    src, dst = aliased(LoyaltyTier), aliased(LoyaltyTier)
    rows = s.execute(select(TierChange, src, dst).outerjoin(src, src.id == TierChange.from_tier_id)
                     .join(dst, dst.id == TierChange.to_tier_id).where(TierChange.membership_id == membership_id)
                     .order_by(TierChange.effective_on.desc(), TierChange.id.desc())).all()
    users = _users(s, {c.changed_by for c, _a, _b in rows})
    return [TierChangeLine(c.effective_on, a.code if a else None, b.code, c.reason, users.get(c.changed_by),
                           a is None or b.rank > a.rank) for c, a, b in rows]


def stay_benefits(s: Session, guest_id: int) -> list[StayBenefitLine]:
    rows = s.execute(select(StayBenefit, Stay, Benefit.code).join(Stay, Stay.id == StayBenefit.stay_id)
                     .outerjoin(Benefit, Benefit.id == StayBenefit.benefit_id).where(Stay.guest_id == guest_id)
                     .order_by(Stay.arrival_date.desc(), StayBenefit.id)).all()
    return [StayBenefitLine(st.id, st.arrival_date, st.departure_date, st.room_no, code, b.benefit_name_en,
                            b.benefit_name_zh, b.tier_code, b.status, b.note, b.recorded_at)
            for b, st, code in rows]


def member_detail(s: Session, membership: Membership, on: date) -> MemberDetail:
    guest = s.get(Guest, membership.guest_id)
    tier = s.get(LoyaltyTier, membership.tier_id)
    _opening, lines = ledger_lines(s, membership.id)
    balance = lines[-1].running_balance if lines else 0
    nights, year_points = store.year_figures(s, membership, on.year, until=on)
    expires = points.expires_on(store.last_activity(s, membership), store.expiry_months(s)) if balance > 0 else None
    return MemberDetail(
        membership_id=membership.id, guest_id=guest.id,
        display_name=display_name(guest.family_name, guest.given_name, guest.latin_name),
        member_no=membership.member_no, tier_code=tier.code, tier_name_en=tier.name_en, tier_name_zh=tier.name_zh,
        tier_colour=tier.colour, status=membership.status, enrolled_on=membership.enrolled_on, balance=balance,
        year_nights=nights, year_points=year_points, expires_on=expires, ledger=tuple(reversed(lines)),
        tier_history=tuple(tier_history(s, membership.id)), entitlements=tuple(stay_benefits(s, guest.id)),
        version=membership.version,
    )
