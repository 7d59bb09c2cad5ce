"""Customer value analysis for a period (客户价值分析): read-only SQL over guests and stays,
figures from ``hotelcrm.domain.customer_value``."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from hotelcrm.db.models import (
    Guest,
    GuestAddress,
    GuestContact,
    GuestDocument,
    GuestPreference,
    LoyaltyTier,
    MarketingConsent,
    Membership,
    SpecialDate,
    Stay,
)
from hotelcrm.domain import complaint_stats as cs
from hotelcrm.domain import customer_value as cv
from hotelcrm.domain.errors import ValidationError
from hotelcrm.domain.guest_rules import display_name
from hotelcrm.domain.permissions import Permission
from hotelcrm.domain.stay_stats import COUNTED

from .base import Service
from .report_period import check_period, local_day, utc_bounds
from .report_queries import guest_names
from .report_stats_dto import CustomerValue, Label, LapsedVip, TopGuest
from .settings_service import read_setting

DEFAULT_LAPSE_DAYS = 180
MAX_LAPSE_DAYS = 3660
TOP_GUESTS = 20
LAPSED_LIST = 200
LIVE = ("active", "blacklisted")  # cards that count (not merged away, not anonymized)
COMPLETENESS = ("document", "contact", "address", "birth_date", "company", "preferences", "special_dates",
                "personal", "consent", "stays")


class CustomerValueService(Service):
    """Needs REPORT_MANAGER."""

    def analyse(self, start: date | None, end: date | None, lapse_days: int | None = None) -> CustomerValue:
        self._require(Permission.REPORT_MANAGER)
        start, end = check_period(start, end)
        lapse = DEFAULT_LAPSE_DAYS if lapse_days in (None, "") else lapse_days
        if isinstance(lapse, bool) or not isinstance(lapse, int) or not 1 <= lapse <= MAX_LAPSE_DAYS:
            raise ValidationError("report_days", "out_of_range", min=1, max=MAX_LAPSE_DAYS)
        with self._read() as s:
            currency = read_setting(s, "hotel.currency")
            per_guest, other_currency = _per_guest(s, start, end, currency)
            new_days = _new_card_days(s, start, end)
            cards, completeness = _completeness(s, end)
            lapsed = _lapsed_vips(s, end, lapse)
            period = [g for g in per_guest if g.stays > 0]
            revenues = {g.guest_id: g.revenue_cents for g in period}
            tiers = cv.abc_tiers(revenues)
            scores = cv.rfm_scores(period)
            top = sorted(period, key=lambda g: (-g.revenue_cents, g.guest_id))[:TOP_GUESTS]
            names = guest_names(s, [g.guest_id for g in top])
        segments = [cv.rfm_segment(scores[g.guest_id]) for g in period]
        stages = [cv.lifecycle_stage(g.days_since_last, g.stays_total, tiers.get(g.guest_id)) for g in per_guest]
        unit, trend = cs.trend(new_days, start, end)
        return CustomerValue(
            period_from=start, period_to=end, currency=currency, guests_in_period=len(period),
            repeat_rate=cv.repeat_rate([g.stays_total for g in period]),
            new_cards=len(new_days), new_cards_trend=tuple(trend), trend_unit=unit,
            cards=cards, completeness=tuple(completeness),
            revenue_cents=sum(revenues.values()), pareto=cv.pareto(revenues),
            abc=tuple(cv.abc_summary(revenues)),
            segments=tuple(cv.ordered_counts(segments, cv.SEGMENTS)),
            lifecycle=tuple(cv.ordered_counts(stages, cv.LIFECYCLE)),
            top_guests=tuple(TopGuest(g.guest_id, names.get(g.guest_id, f"#{g.guest_id}"), g.revenue_cents,
                                      g.stays, scores[g.guest_id].code, cv.rfm_segment(scores[g.guest_id]),
                                      tiers[g.guest_id]) for g in top),
            lapse_days=lapse, lapsed_vips=tuple(lapsed), other_currency_stays=other_currency,
        )


def _per_guest(s: Session, start: date, end: date, currency: str) -> tuple[list[cv.GuestValue], int]:
    """Every guest with a counted stay arriving on or before ``end``."""
    in_period = and_(Stay.arrival_date >= start, Stay.arrival_date <= end)
    spend = Stay.spend_room_cents + Stay.spend_fnb_cents + Stay.spend_other_cents
    stmt = (select(Stay.guest_id,
                   func.sum(case((in_period, 1), else_=0)),
                   func.sum(case((and_(in_period, Stay.currency == currency), spend), else_=0)),
                   func.count(),
                   func.max(Stay.arrival_date),
                   func.sum(case((and_(in_period, Stay.currency != currency), 1), else_=0)))
            .where(Stay.status.in_(COUNTED), Stay.arrival_date <= end)
            .group_by(Stay.guest_id).order_by(Stay.guest_id))
    out: list[cv.GuestValue] = []
    other = 0
    for guest_id, stays, revenue, total, last, foreign in s.execute(stmt):
        out.append(cv.GuestValue(guest_id, int(revenue or 0), int(stays or 0), (end - last).days, int(total)))
        other += int(foreign or 0)
    return out, other


def _new_card_days(s: Session, start: date, end: date) -> list[date]:
    low, high = utc_bounds(start, end)
    rows = s.scalars(select(Guest.created_at).where(Guest.created_at >= low, Guest.created_at < high,
                                                    Guest.status.in_(LIVE)))
    return [local_day(moment) for moment in rows]


def _completeness(s: Session, end: date) -> tuple[int, list[tuple[str, int]]]:
    _, high = utc_bounds(end, end)
    live = and_(Guest.status.in_(LIVE), Guest.created_at < high)
    cards = s.scalar(select(func.count()).select_from(Guest).where(live)) or 0

    def has(model, *extra) -> object:
        return exists().where(model.guest_id == Guest.id, *extra)

    tests = {
        "document": has(GuestDocument),
        "contact": has(GuestContact, GuestContact.kind.in_(("phone", "email"))),
        "address": has(GuestAddress),
        "birth_date": Guest.birth_date.is_not(None),
        "company": Guest.company_id.is_not(None),
        "preferences": has(GuestPreference),
        "special_dates": has(SpecialDate),
        "personal": or_(*[and_(col.is_not(None), col != "") for col in (
            Guest.character_notes, Guest.hobbies, Guest.habits, Guest.taboos, Guest.special_requests)]),
        "consent": has(MarketingConsent),
        "stays": has(Stay, Stay.status.in_(COUNTED)),
    }
    stmt = select(*[func.sum(case((test, 1), else_=0)) for test in tests.values()]).select_from(Guest).where(live)
    row = s.execute(stmt).one()
    return cards, [(key, int(value or 0)) for key, value in zip(tests, row, strict=True)]


def _lapsed_vips(s: Session, end: date, lapse: int) -> list[LapsedVip]:
    last = (select(Stay.guest_id, func.max(Stay.departure_date).label("last"), func.count().label("stays"))
            .where(Stay.status.in_(COUNTED), Stay.arrival_date <= end).group_by(Stay.guest_id).subquery())
    stmt = (select(Guest, last.c.last, last.c.stays, Membership.member_no, LoyaltyTier)
            .outerjoin(last, last.c.guest_id == Guest.id)
            .outerjoin(Membership, and_(Membership.guest_id == Guest.id, Membership.status == "active"))
            .outerjoin(LoyaltyTier, LoyaltyTier.id == Membership.tier_id)
            .where(Guest.status == "active", Guest.vip_code.is_not(None)))
    out = []
    for guest, last_day, stays, _member_no, tier in s.execute(stmt):
        days = (end - last_day).days if last_day else None
        if days is not None and days <= lapse:
            continue
        out.append(LapsedVip(guest.id, display_name(guest.family_name, guest.given_name, guest.latin_name),
                             guest.vip_code, Label(tier.code, tier.name_en, tier.name_zh) if tier else None,
                             last_day, days, int(stays or 0)))
    out.sort(key=lambda v: (v.days is not None, -(v.days or 0), v.guest_id))
    return out[:LAPSED_LIST]

