"""The figures the yearly review needs for every member, read in a few grouped queries instead of
several per member: nights and base points per calendar year, balances, last activity, and the
tiers reached since a day. Same rules as ``loyalty_store.year_figures`` and friends."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from hotelcrm.db.models import Membership, PointsEntry, Stay, TierChange
from hotelcrm.domain import loyalty_points as points


class ReviewFigures:
    def __init__(self, s: Session, members: list[Membership], first_year: int, day: date) -> None:
        self.day = day
        guests = {m.guest_id for m in members}
        start = date(first_year, 1, 1)
        self._stays: dict[int, list[tuple[date, date]]] = defaultdict(list)
        for guest_id, arrival, departure in s.execute(
                select(Stay.guest_id, Stay.arrival_date, Stay.departure_date)
                .where(Stay.status == "checked_out", Stay.departure_date >= start, Stay.departure_date <= day)):
            if guest_id in guests:
                self._stays[guest_id].append((arrival, departure))
        reversed_ = aliased(PointsEntry)
        self._earned: dict[int, list[tuple[date, int]]] = defaultdict(list)
        for membership_id, on, amount in s.execute(
                select(PointsEntry.membership_id, PointsEntry.effective_on, PointsEntry.points)
                .outerjoin(reversed_, reversed_.id == PointsEntry.reverses_id)
                .where(PointsEntry.effective_on >= start, PointsEntry.effective_on <= day,
                       or_(PointsEntry.kind == "earn", and_(PointsEntry.kind == "reversal", reversed_.kind == "earn")))):
            self._earned[membership_id].append((on, amount))
        self._balance = {k: int(v or 0) for k, v in s.execute(
            select(PointsEntry.membership_id, func.sum(PointsEntry.points)).group_by(PointsEntry.membership_id))}
        self._active = dict(s.execute(
            select(PointsEntry.membership_id, func.max(PointsEntry.effective_on))
            .where(PointsEntry.kind.in_(points.ACTIVITY_KINDS)).group_by(PointsEntry.membership_id)).all())
        self._changes: dict[int, list[tuple[int, date]]] = defaultdict(list)
        for membership_id, to_tier, on in s.execute(
                select(TierChange.membership_id, TierChange.to_tier_id, TierChange.effective_on)
                .where(TierChange.effective_on >= start)):
            self._changes[membership_id].append((to_tier, on))

    def year(self, m: Membership, year: int, until: date | None = None) -> tuple[int, int]:
        start = max(date(year, 1, 1), m.enrolled_on)
        end = min(date(year, 12, 31), until or date(year, 12, 31))
        nights = sum(max((d - a).days, 0) for a, d in self._stays.get(m.guest_id, ()) if start <= d <= end)
        base = sum(p for on, p in self._earned.get(m.id, ()) if date(year, 1, 1) <= on <= end)
        return nights, max(base, 0)

    def balance(self, membership_id: int) -> int:
        return self._balance.get(membership_id, 0)

    def last_activity(self, m: Membership) -> date:
        last = self._active.get(m.id)
        return max(last, m.enrolled_on) if last else m.enrolled_on

    def reached_since(self, membership_id: int, tier_id: int, since: date) -> bool:
        return any(t == tier_id and on >= since for t, on in self._changes.get(membership_id, ()))
