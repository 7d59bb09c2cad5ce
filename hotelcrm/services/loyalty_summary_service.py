"""What the loyalty reports read (DESIGN.md §2.6): one member's statement for a period, and the
tier summary (members per tier, movements up and down, points earned / redeemed / expired,
points expiring in the next 90 days). Read-only, LOYALTY_READ."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from hotelcrm.db.models import LoyaltyTier, Membership, PointsEntry, TierChange
from hotelcrm.domain import loyalty_points as points
from hotelcrm.domain.errors import NotFound, ValidationError
from hotelcrm.domain.permissions import Permission

from .base import Service
from .loyalty_dto import LedgerLine, MemberDetail, StayBenefitLine, TierChangeLine
from .loyalty_member_reader import ledger_lines, member_detail
from .loyalty_review_service import ExpiringMember, LoyaltyReviewService


@dataclass(frozen=True)
class Statement:
    member: MemberDetail
    period_from: date | None
    period_to: date | None
    opening: int
    lines: tuple[LedgerLine, ...]  # oldest first
    closing: int
    tier_changes: tuple[TierChangeLine, ...]  # in the period, oldest first
    entitlements: tuple[StayBenefitLine, ...]  # stays departing in the period


@dataclass(frozen=True)
class TierCount:
    code: str
    name_en: str
    name_zh: str
    colour: str
    members: int
    balance: int


@dataclass(frozen=True)
class Movement:
    from_code: str
    to_code: str
    members: int
    up: bool


@dataclass(frozen=True)
class TierSummary:
    period_from: date
    period_to: date
    tiers: tuple[TierCount, ...]  # by rank; active and suspended members
    movements: tuple[Movement, ...]  # in the period, enrolments not counted
    enrolled: int  # in the period
    points_by_kind: dict[str, int]  # earn, bonus, redeem, adjust, expiry, reversal in the period
    expiring: tuple[ExpiringMember, ...]  # in the 90 days after period_to
    expiring_days: int


def _check_period(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError("report_to", "period_reversed")


class LoyaltySummaryService(Service):
    def statement(self, guest_id: int, start: date | None = None, end: date | None = None) -> Statement:
        self._require(Permission.LOYALTY_READ)
        _check_period(start, end)
        with self._read() as s:
            membership = s.scalar(select(Membership).where(Membership.guest_id == guest_id))
            if membership is None:
                raise NotFound("membership", guest_id)
            detail = member_detail(s, membership, end or date.today())
            opening, lines = ledger_lines(s, membership.id, start, end)
            closing = lines[-1].running_balance if lines else opening

            def inside(day: date) -> bool:
                return (start is None or day >= start) and (end is None or day <= end)

            return Statement(detail, start, end, opening, tuple(lines), closing,
                             tuple(c for c in reversed(detail.tier_history) if inside(c.effective_on)),
                             tuple(e for e in reversed(detail.entitlements) if inside(e.departure_date)))

    def summary(self, start: date | None = None, end: date | None = None,
                expiring_days: int = points.EXPIRING_SOON_DAYS) -> TierSummary:
        """``start`` defaults to 1 January of ``end``'s year, ``end`` to today."""
        self._require(Permission.LOYALTY_READ)
        end = end or date.today()
        start = start or date(end.year, 1, 1)
        _check_period(start, end)
        with self._read() as s:
            balance = (select(PointsEntry.membership_id, func.sum(PointsEntry.points).label("b"))
                       .group_by(PointsEntry.membership_id).subquery())
            counts = {code: (n, int(b or 0)) for code, n, b in s.execute(
                select(LoyaltyTier.code, func.count(Membership.id), func.sum(balance.c.b))
                .join(Membership, Membership.tier_id == LoyaltyTier.id)
                .outerjoin(balance, balance.c.membership_id == Membership.id)
                .where(Membership.status != "closed").group_by(LoyaltyTier.code))}
            tiers = tuple(TierCount(t.code, t.name_en, t.name_zh, t.colour, *counts.get(t.code, (0, 0)))
                          for t in s.scalars(select(LoyaltyTier).order_by(LoyaltyTier.rank)))
            src, dst = aliased(LoyaltyTier), aliased(LoyaltyTier)
            movements = tuple(Movement(a.code, b.code, n, b.rank > a.rank) for a, b, n in s.execute(
                select(src, dst, func.count(TierChange.id))
                .join(src, src.id == TierChange.from_tier_id).join(dst, dst.id == TierChange.to_tier_id)
                .where(TierChange.effective_on >= start, TierChange.effective_on <= end)
                .group_by(src.id, dst.id).order_by(src.id, dst.id)))
            enrolled = s.scalar(select(func.count()).select_from(Membership).where(
                Membership.enrolled_on >= start, Membership.enrolled_on <= end)) or 0
            by_kind = dict.fromkeys(("earn", "bonus", "redeem", "adjust", "expiry", "reversal"), 0)
            for kind, total in s.execute(select(PointsEntry.kind, func.sum(PointsEntry.points))
                                         .where(PointsEntry.effective_on >= start, PointsEntry.effective_on <= end)
                                         .group_by(PointsEntry.kind)):
                by_kind[kind] = int(total or 0)
        expiring = LoyaltyReviewService(self.db, self.actor).expiring(expiring_days, end)
        return TierSummary(start, end, tiers, movements, int(enrolled), by_kind, tuple(expiring), expiring_days)
