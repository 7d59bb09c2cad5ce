"""The arrivals brief (来宾预抵简报): VIP, member and returning guests expected on a date, with
what the desk needs to greet each one — the page printed every morning.

Each guest's preferences, allergies, taboos and special dates come from the check-in brief
(``CheckinBriefService``: the same sensitivity rules as on screen); tier, entitlements and past
complaints are read from the loyalty and complaint tables here."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hotelcrm.db.models import (
    Benefit,
    Complaint,
    ComplaintCategory,
    Guest,
    PreferenceOption,
    Stay,
    TierBenefit,
)
from hotelcrm.domain.errors import ValidationError
from hotelcrm.domain.guest_rules import display_name
from hotelcrm.domain.permissions import Permission

from .base import Service
from .checkin_brief_service import CheckinBriefService
from .guest_dto import PreferenceOptionInfo
from .report_queries import active_tiers, chunks
from .report_stats_dto import ArrivalGuest, ArrivalsBrief, Label, PastComplaint

ARRIVING = ("expected", "in_house")
PAST_COMPLAINTS = 3


class ArrivalsBriefService(Service):
    """Needs GUEST_READ (sensitive notes only with SENSITIVE_READ, as in the check-in brief)."""

    def brief(self, on: date | None) -> ArrivalsBrief:
        self._require(Permission.GUEST_READ)
        if on is None:
            raise ValidationError("report_date", "required")
        with self._read() as s:
            arriving = _arriving(s, on)
            tiers = active_tiers(s, [a.guest_id for a in arriving])
            before = _stays_before(s, [a.guest_id for a in arriving], on)
            chosen = [a for a in arriving if a.vip_code or a.guest_id in tiers or a.guest_id in before]
            perks = _entitlements(s, {tiers[a.guest_id][2] for a in chosen if a.guest_id in tiers})
            complaints = _past_complaints(s, [a.guest_id for a in chosen], on)
            options = tuple(PreferenceOptionInfo(o.id, o.pref_group, o.pref_key, o.value, o.label_en, o.label_zh,
                                                 o.sensitive, o.sort_order, o.active, o.version)
                            for o in s.scalars(select(PreferenceOption)))
        briefs = CheckinBriefService(self.db, self.actor)
        out = []
        for a in chosen:
            card = briefs.brief(a.guest_id, on)
            tier = tiers.get(a.guest_id)
            count, last = before.get(a.guest_id, (0, None))
            out.append(ArrivalGuest(
                guest_id=a.guest_id, name=a.name, latin_name=a.latin_name, vip_code=a.vip_code,
                room_no=a.room_no, room_type=a.room_type, arrival=a.arrival, departure=a.departure,
                adults=a.adults, children=a.children,
                tier=tier[0] if tier else None, member_no=tier[1] if tier else None,
                points=card.tier.points_balance if card.tier else None,
                entitlements=perks.get(tier[2], ()) if tier else (),
                stays_before=count, last_stay=last, preferences=card.preferences,
                allergies_diet=card.allergies_diet, taboos=card.taboos, special_requests=card.special_requests,
                special_dates=tuple((d.kind, d.on, d.label) for d in card.special_dates if d.in_stay),
                complaints=complaints.get(a.guest_id, ()), hidden_sensitive=card.hidden_sensitive,
                blacklisted=a.blacklisted))
        out.sort(key=lambda a: (a.vip_code is None, -(tiers[a.guest_id][3] if a.guest_id in tiers else -1),
                                a.room_no or "", a.name))
        return ArrivalsBrief(
            on=on, expected=len(arriving), vip=sum(1 for a in out if a.vip_code),
            members=sum(1 for a in out if a.tier), returning=sum(1 for a in out if a.stays_before),
            guests=tuple(out), options=options)


class _Arrival(NamedTuple):
    guest_id: int
    name: str
    latin_name: str | None
    vip_code: str | None
    blacklisted: bool
    room_no: str | None
    room_type: str | None
    arrival: date
    departure: date
    adults: int
    children: int


def _arriving(s: Session, on: date) -> list[_Arrival]:
    """One stay per guest (the first), merged and anonymized cards left out."""
    rows = s.execute(select(Stay, Guest).join(Guest, Guest.id == Stay.guest_id)
                     .where(Stay.arrival_date == on, Stay.status.in_(ARRIVING),
                            Guest.status.in_(("active", "blacklisted")))
                     .order_by(Stay.guest_id, Stay.id))
    seen: set[int] = set()
    out = []
    for stay, guest in rows:
        if guest.id not in seen:
            seen.add(guest.id)
            out.append(_Arrival(guest.id, display_name(guest.family_name, guest.given_name, guest.latin_name),
                                guest.latin_name, guest.vip_code, guest.status == "blacklisted", stay.room_no,
                                stay.room_type, stay.arrival_date, stay.departure_date, stay.adults, stay.children))
    return out


def _stays_before(s: Session, guests, on: date) -> dict[int, tuple[int, date | None]]:
    out: dict[int, tuple[int, date | None]] = {}
    for part in chunks(guests):
        rows = s.execute(select(Stay.guest_id, func.count(), func.max(Stay.departure_date))
                         .where(Stay.guest_id.in_(part), Stay.status == "checked_out", Stay.arrival_date < on)
                         .group_by(Stay.guest_id))
        out.update({g: (int(n), last) for g, n, last in rows})
    return out


def _entitlements(s: Session, tier_ids: set[int]) -> dict[int, tuple[Label, ...]]:
    out: dict[int, list[Label]] = defaultdict(list)
    if tier_ids:
        rows = s.execute(select(TierBenefit.tier_id, Benefit).join(Benefit, Benefit.id == TierBenefit.benefit_id)
                         .where(TierBenefit.tier_id.in_(tier_ids), Benefit.active.is_(True))
                         .order_by(TierBenefit.tier_id, Benefit.id))
        for tier_id, benefit in rows:
            out[tier_id].append(Label(benefit.code, benefit.name_en, benefit.name_zh))
    return {t: tuple(b) for t, b in out.items()}


def _past_complaints(s: Session, guests: list[int], on: date) -> dict[int, tuple[PastComplaint, ...]]:
    until = datetime.combine(on + timedelta(days=1), time.min).astimezone()
    out: dict[int, list[PastComplaint]] = defaultdict(list)
    for part in chunks(guests):
        rows = s.execute(select(Complaint.guest_id, Complaint.number, Complaint.received_at, Complaint.state,
                                ComplaintCategory)
                         .join(ComplaintCategory, ComplaintCategory.id == Complaint.category_id)
                         .where(Complaint.guest_id.in_(part), Complaint.received_at < until)
                         .order_by(Complaint.guest_id, Complaint.received_at.desc(), Complaint.id.desc()))
        for guest_id, number, received, state, category in rows:
            if len(out[guest_id]) < PAST_COMPLAINTS:
                out[guest_id].append(PastComplaint(number, received.astimezone().date(),
                                                   Label(category.code, category.name_en, category.name_zh), state))
    return {g: tuple(c) for g, c in out.items()}
