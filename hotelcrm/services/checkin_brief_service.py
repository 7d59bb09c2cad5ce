"""The check-in brief: what the desk must know about a guest now (DESIGN.md §2.1 step 2).

Opened on top of the card. The tier slot is filled from an active membership (entitlements
come with the loyalty issue); the complaints slot lists the guest's complaints, newest first."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hotelcrm.db.models import (
    Guest,
    GuestPreference,
    LoyaltyTier,
    Membership,
    Observation,
    PointsEntry,
    SpecialDate,
    Stay,
)
from hotelcrm.domain import stay_rules as rules
from hotelcrm.domain.errors import HotelCrmError, NotFound
from hotelcrm.domain.guest_rules import display_name
from hotelcrm.domain.permissions import Permission

from .base import Service
from .brief_dto import BriefDate, BriefPreference, CheckinBrief, EntitlementSlot, TierSlot
from .complaint_reader import guest_slots
from .loyalty_entitlement_service import stay_entitlements
from .settings_service import read_setting
from .stay_service import stay_info


class CheckinBriefService(Service):
    """Read-only (GUEST_READ). Sensitive items only with SENSITIVE_READ; otherwise counted in
    ``hidden_sensitive`` so the desk knows to ask someone who may read them."""

    def brief(self, guest_id: int, on: date | None = None) -> CheckinBrief:
        self._require(Permission.GUEST_READ)
        day = on or date.today()
        may_see = self.actor.can(Permission.SENSITIVE_READ)
        with self._read() as s:
            guest = s.get(Guest, guest_id)
            if guest is None:
                raise NotFound("guest", guest_id)
            if guest.status == "merged":
                raise HotelCrmError("guest_merged", key=guest_id, into=guest.merged_into_id)
            stays = list(s.scalars(select(Stay).where(Stay.guest_id == guest_id)))
            stay = _current_stay(stays, day)
            end = rules.window_end(day, stay.departure_date if stay else None)
            prefs, dietary, hidden_prefs = _preferences(s, guest_id, may_see)
            dates, hidden_dates = _special_dates(s, guest, day, end, stay, may_see)
            currency = read_setting(s, "hotel.currency")
            unpaid = [x for x in stays if x.unpaid_cents > 0]
            before = [x for x in stays if x.status == "checked_out" and (stay is None or x.id != stay.id)]
            religion_hidden = bool(guest.religion) and not may_see
            return CheckinBrief(
                guest_id=guest.id,
                display_name=display_name(guest.family_name, guest.given_name, guest.latin_name),
                latin_name=guest.latin_name, vip_code=guest.vip_code, on=day, window_end=end,
                blacklisted=guest.status == "blacklisted", blacklist_reason=guest.blacklist_reason,
                stay=stay_info(stay) if stay else None, returning=bool(before), stays_before=len(before),
                last_stay=max((x.departure_date for x in before), default=None),
                tier=_tier(s, guest_id, stay),
                complaints=guest_slots(s, guest_id, None) if self.actor.can(Permission.COMPLAINT_READ) else (),
                preferences=prefs, allergies_diet=dietary, taboos=guest.taboos,
                religion=None if religion_hidden else guest.religion,
                special_requests=guest.special_requests, special_dates=dates,
                birthday_in_stay=any(d.kind == "birthday" and d.in_stay for d in dates),
                unpaid_cents=sum(x.unpaid_cents for x in unpaid if x.currency == currency),
                unpaid_currency=currency, unpaid_stays=len(unpaid),
                pending_observations=s.scalar(select(func.count()).select_from(Observation).where(
                    Observation.guest_id == guest_id, Observation.status == "new")) or 0,
                hidden_sensitive=hidden_prefs + hidden_dates + religion_hidden,
            )


def _current_stay(stays: Iterable[Stay], day: date) -> Stay | None:
    """The stay in the house now, else the one expected to arrive on ``day``."""
    in_house = [x for x in stays if x.status == "in_house"]
    if in_house:
        return max(in_house, key=lambda x: x.arrival_date)
    expected = [x for x in stays if x.status == "expected" and x.arrival_date == day]
    return min(expected, key=lambda x: x.id) if expected else None


def _preferences(s: Session, guest_id: int, may_see: bool
                 ) -> tuple[tuple[BriefPreference, ...], tuple[BriefPreference, ...], int]:
    rows = s.scalars(select(GuestPreference).where(GuestPreference.guest_id == guest_id)
                     .order_by(GuestPreference.pref_group, GuestPreference.pref_key, GuestPreference.id))
    general: list[BriefPreference] = []
    dietary: list[BriefPreference] = []
    hidden = 0
    for p in rows:
        if p.sensitive and not may_see:  # sensitive as its pick-list option is (allergies, health ...)
            hidden += 1
            continue
        item = BriefPreference(p.pref_group, p.pref_key, p.value, p.note, p.sensitive)
        (dietary if p.pref_key in rules.DIETARY_KEYS else general).append(item)
    return tuple(general), tuple(dietary), hidden


def _special_dates(s: Session, guest: Guest, day: date, end: date, stay: Stay | None, may_see: bool
                   ) -> tuple[tuple[BriefDate, ...], int]:
    rows = list(s.scalars(select(SpecialDate).where(SpecialDate.guest_id == guest.id)))
    yearly = [(r.kind, r.label, r.month, r.day, r.sensitive) for r in rows]
    if guest.birth_date is not None and not any(r.kind == "birthday" for r in rows):
        yearly.append(("birthday", None, guest.birth_date.month, guest.birth_date.day, False))
    found: list[BriefDate] = []
    hidden = 0
    for kind, label, month, dom, sensitive in yearly:
        for when in rules.occurrences(month, dom, day, end):
            if sensitive and not may_see:
                hidden += 1
                continue
            inside = stay is not None and rules.in_stay(when, stay.arrival_date, stay.departure_date)
            found.append(BriefDate(kind, label, when, inside, (when - day).days))
    found.sort(key=lambda d: (d.on, d.kind))
    return tuple(found), hidden


def _tier(s: Session, guest_id: int, stay: Stay | None = None) -> TierSlot | None:
    row = s.execute(select(Membership, LoyaltyTier).join(LoyaltyTier, LoyaltyTier.id == Membership.tier_id)
                    .where(Membership.guest_id == guest_id, Membership.status == "active")).first()
    if row is None:
        return None
    membership, tier = row
    balance = s.scalar(select(func.coalesce(func.sum(PointsEntry.points), 0))
                       .where(PointsEntry.membership_id == membership.id))
    entitlements = tuple(EntitlementSlot(e.code, e.name_en, e.name_zh, e.applies, e.reason, e.benefit_id, e.kind,
                                          e.status) for e in stay_entitlements(s, stay)) if stay else ()
    return TierSlot(member_no=membership.member_no, tier_code=tier.code, name_en=tier.name_en,
                    name_zh=tier.name_zh, colour=tier.colour, points_balance=int(balance or 0),
                    entitlements=entitlements)
