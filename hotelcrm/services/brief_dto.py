"""The check-in brief: what the desk must know about a guest right now (DESIGN.md §2.1 step 2).

Sensitive content (allergy and diet notes, religion, children's dates) is present only for
actors with SENSITIVE_READ; for the others ``hidden_sensitive`` counts what was left out, so the
desk sees that there is a sensitive note without reading it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .stay_dto import StayInfo

__all__ = ["BriefDate", "BriefPreference", "CheckinBrief", "ComplaintSlot", "EntitlementSlot", "TierSlot"]


@dataclass(frozen=True)
class EntitlementSlot:
    """One benefit for this stay (loyalty_entitlement_service.stay_entitlements)."""

    code: str
    name_en: str
    name_zh: str
    applies: bool  # e.g. the cake coupon applies when the birthday falls in the stay
    reason: str | None = None  # code: "birthday_in_stay", "if_rooms_allow" ...
    benefit_id: int | None = None
    kind: str = ""  # codes.BENEFIT_KIND
    status: str | None = None  # what the desk recorded for this stay (granted, not_available ...), None: not yet


@dataclass(frozen=True)
class TierSlot:
    """The guest's membership tier and today's entitlements (filled by the loyalty issue)."""

    member_no: str
    tier_code: str
    name_en: str
    name_zh: str
    colour: str
    points_balance: int | None = None
    entitlements: tuple[EntitlementSlot, ...] = ()


@dataclass(frozen=True)
class ComplaintSlot:
    """One of the guest's complaints, newest first (``ComplaintService.for_guest``); ``category``
    is the category's name in the language current when read."""

    id: int
    number: str
    state: str
    category: str | None
    received_on: date
    open: bool
    overdue: bool = False  # past one of its time targets


@dataclass(frozen=True)
class BriefPreference:
    pref_group: str  # room, dining, other
    pref_key: str  # pillow_height, allergies ...
    value: str
    note: str | None
    sensitive: bool


@dataclass(frozen=True)
class BriefDate:
    kind: str  # codes.SPECIAL_DATE_KIND
    label: str | None
    on: date  # the occurrence that falls in the window
    in_stay: bool  # within the stay (else within the next days)
    days_away: int  # from the brief's day; 0 = today


@dataclass(frozen=True)
class CheckinBrief:
    guest_id: int
    display_name: str
    latin_name: str | None
    vip_code: str | None
    on: date  # the day the brief is for
    window_end: date  # special dates are looked up from ``on`` to here (stay end or +7 days)
    # blacklist: shown in a colour nobody misses
    blacklisted: bool
    blacklist_reason: str | None
    # the stay in question: in house, or arriving on ``on``; None for a walk-in without one
    stay: StayInfo | None
    returning: bool  # stayed before (a checked-out stay other than ``stay``)
    stays_before: int
    last_stay: date | None  # departure of the last checked-out stay
    # slots filled by later issues
    tier: TierSlot | None
    complaints: tuple[ComplaintSlot, ...]
    # personal
    preferences: tuple[BriefPreference, ...]  # room, dining and other, not allergies/diet
    allergies_diet: tuple[BriefPreference, ...]  # dining allergies, diet, foods avoided
    taboos: str | None
    religion: str | None  # None when hidden or empty
    special_requests: str | None
    special_dates: tuple[BriefDate, ...]  # soonest first
    birthday_in_stay: bool
    # money
    unpaid_cents: int  # over all stays
    unpaid_currency: str
    unpaid_stays: int
    # work for the desk
    pending_observations: int
    hidden_sensitive: int  # sensitive items not shown to this actor
