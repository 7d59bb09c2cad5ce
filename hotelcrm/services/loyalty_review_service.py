"""The yearly tier review and points expiry (``hotelcrm loyalty review``, DESIGN.md §2.3).

Idempotent: a member is reviewed once per calendar year (``memberships.reviewed_year``), and an
expired balance is zero, so a second run changes nothing. Needs LOYALTY_CONFIG."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from hotelcrm.db.models import Guest, LoyaltyTier, Membership, PointsEntry
from hotelcrm.domain import loyalty_points as points
from hotelcrm.domain import loyalty_tiers as tiers
from hotelcrm.domain.errors import ValidationError
from hotelcrm.domain.guest_rules import display_name
from hotelcrm.domain.permissions import Permission

from . import loyalty_store as store
from .base import Service
from .loyalty_dto import ReviewResult
from .loyalty_review_figures import ReviewFigures


@dataclass(frozen=True)
class ExpiringMember:
    membership_id: int
    member_no: str
    display_name: str
    tier_code: str
    balance: int
    expires_on: date


class LoyaltyReviewService(Service):
    def review(self, as_of: date | None = None) -> ReviewResult:
        """Review the calendar year before ``as_of`` (today by default): upgrade whoever reached
        a higher tier, drop by one tier whoever no longer qualifies, and expire balances after
        the configured months without activity."""
        self._require(Permission.LOYALTY_CONFIG)
        day = as_of or date.today()
        if day > date.today():
            raise ValidationError("as_of", "date_in_future")
        year = day.year - 1
        up: list[str] = []
        down: list[str] = []
        expired: list[str] = []
        expired_points = 0
        with self._write("loyalty_review", day) as (s, audit):
            store.ensure_defaults(s, audit)
            rows = store.active_tiers(s)
            rules = [store.rule(t) for t in rows]
            by_code = {t.code: t for t in rows}
            months = store.expiry_months(s)
            members = list(s.scalars(select(Membership).where(Membership.status != "closed")
                                     .order_by(Membership.id).with_for_update()))
            figures = ReviewFigures(s, members, year, day)
            for m in members:
                tier = s.get(LoyaltyTier, m.tier_id)
                moved = self._upgrade(s, audit, figures, m, tier, rules, by_code, day)
                if moved is not None:
                    up.append(m.member_no)
                elif m.enrolled_on.year <= year and (m.reviewed_year or 0) < year:
                    if self._downgrade(s, audit, figures, m, tier, rules, by_code, year, day):
                        down.append(m.member_no)
                if m.enrolled_on.year <= year and (m.reviewed_year or 0) < year:
                    m.reviewed_year = year
                balance = figures.balance(m.id)
                if balance > 0 and points.expiry_due(figures.last_activity(m), months, day):
                    store.add_entry(s, audit, m, "expiry", -balance, day,
                                    reason=f"no activity for {months} months")
                    expired.append(m.member_no)
                    expired_points += balance
            s.flush()
            audit.record("review", "loyalty", day.isoformat(), note=f"year {year}: {len(up)} up, {len(down)} down, "
                                                                   f"{expired_points} points expired")
        return ReviewResult(day, year, len(members), tuple(up), tuple(down), expired_points, tuple(expired))

    def expiring(self, within_days: int = points.EXPIRING_SOON_DAYS, on: date | None = None) -> list[ExpiringMember]:
        """Members whose positive balance expires within the days ahead ("expiring soon")."""
        self._require(Permission.LOYALTY_READ)
        day = on or date.today()
        horizon = day + timedelta(days=within_days)
        found = []
        with self._read() as s:
            months = store.expiry_months(s)
            balances = dict(s.execute(select(PointsEntry.membership_id, func.sum(PointsEntry.points))
                                      .group_by(PointsEntry.membership_id)).all())
            active = dict(s.execute(select(PointsEntry.membership_id, func.max(PointsEntry.effective_on))
                                    .where(PointsEntry.kind.in_(points.ACTIVITY_KINDS))
                                    .group_by(PointsEntry.membership_id)).all())
            for m, g, t in s.execute(select(Membership, Guest, LoyaltyTier).join(Guest, Guest.id == Membership.guest_id)
                                     .join(LoyaltyTier, LoyaltyTier.id == Membership.tier_id)
                                     .where(Membership.status != "closed").order_by(Membership.member_no)):
                balance = int(balances.get(m.id) or 0)
                if balance <= 0:
                    continue
                last = max(active.get(m.id) or m.enrolled_on, m.enrolled_on)
                when = points.expires_on(last, months)
                if day <= when <= horizon:
                    found.append(ExpiringMember(m.id, m.member_no, display_name(g.family_name, g.given_name, g.latin_name),
                                                t.code, balance, when))
        return sorted(found, key=lambda e: (e.expires_on, e.member_no))

    @staticmethod
    def _upgrade(s, audit, figures: ReviewFigures, m, tier, rules, by_code, day) -> LoyaltyTier | None:
        best = None
        for year, until in ((day.year - 1, None), (day.year, day)):
            if m.enrolled_on.year > year:
                continue
            nights, base = figures.year(m, year, until=until)
            target = tiers.upgrade_to(rules, store.rule(tier), nights, base)
            if target is not None and (best is None or target.rank > best.rank):
                best = target
        if best is None:
            return None
        store.change_tier(s, audit, m, by_code[best.code], "review: threshold reached", day)
        return by_code[best.code]

    @staticmethod
    def _downgrade(s, audit, figures: ReviewFigures, m, tier, rules, by_code, year, day) -> bool:
        nights, base = figures.year(m, year)
        reached = figures.reached_since(m.id, tier.id, date(year, 1, 1))
        if not reached and tier.code in by_code:
            # Qualified again this year already: dropping now would only be undone at the next
            # check-out (and by the next run of the review).
            reached = tiers.qualifies(store.rule(tier), *figures.year(m, day.year, until=day))
        if tier.code not in by_code:  # a tier switched off: treat as not qualifying
            lower = [r for r in rules if r.rank < tier.rank]
            target = lower[-1] if lower else None
        else:
            target = tiers.review_to(rules, store.rule(tier), nights, base, reached)
        if target is None:
            return False
        store.change_tier(s, audit, m, by_code[target.code],
                          f"review {year}: {nights} nights, {base} points", day)
        return True
