"""Plain results of the loyalty services (frozen; never ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class TierInfo:
    id: int
    code: str
    name_en: str
    name_zh: str
    rank: int
    colour: str
    nights_threshold: int | None
    points_threshold: int | None
    bonus_pct: int
    active: bool
    benefit_codes: tuple[str, ...]
    version: int


@dataclass(frozen=True)
class TierDraft:
    code: str
    name_en: str
    name_zh: str
    rank: int
    colour: str = "#999999"
    nights_threshold: int | None = None
    points_threshold: int | None = None
    bonus_pct: int = 0
    active: bool = True


@dataclass(frozen=True)
class BenefitInfo:
    id: int
    code: str
    name_en: str
    name_zh: str
    description_en: str
    description_zh: str
    kind: str
    if_rooms_allow: bool
    value: int | None
    active: bool
    version: int


@dataclass(frozen=True)
class BenefitDraft:
    code: str
    name_en: str
    name_zh: str
    kind: str
    description_en: str = ""
    description_zh: str = ""
    if_rooms_allow: bool = False
    value: int | None = None
    active: bool = True


@dataclass(frozen=True)
class LoyaltySettings:
    earn_categories: tuple[str, ...]
    expiry_months: int


@dataclass(frozen=True)
class MemberRow:
    """One line of the members list."""

    membership_id: int
    guest_id: int
    member_no: str
    display_name: str
    tier_code: str
    tier_name_en: str
    tier_name_zh: str
    tier_colour: str
    status: str
    enrolled_on: date
    balance: int


@dataclass(frozen=True)
class MemberFilter:
    text: str = ""  # member number or name (prefix)
    tier_code: str | None = None
    status: str | None = None
    min_balance: int | None = None
    max_balance: int | None = None


@dataclass(frozen=True)
class LedgerLine:
    id: int
    kind: str
    points: int
    effective_on: date
    created_at: datetime
    stay_id: int | None
    reverses_id: int | None
    reversed_by: int | None
    reason: str | None
    tier_code: str | None
    bonus_pct: int | None
    spend_cents: int | None
    created_by: str | None
    approved_by: str | None
    running_balance: int


@dataclass(frozen=True)
class TierChangeLine:
    effective_on: date
    from_tier: str | None  # tier code
    to_tier: str
    reason: str
    changed_by: str | None
    up: bool


@dataclass(frozen=True)
class StayBenefitLine:
    stay_id: int
    arrival_date: date
    departure_date: date
    room_no: str | None
    benefit_code: str | None
    benefit_name_en: str
    benefit_name_zh: str
    tier_code: str | None
    status: str
    note: str | None
    recorded_at: datetime | None


@dataclass(frozen=True)
class MemberDetail:
    membership_id: int
    guest_id: int
    display_name: str
    member_no: str
    tier_code: str
    tier_name_en: str
    tier_name_zh: str
    tier_colour: str
    status: str
    enrolled_on: date
    balance: int
    year_nights: int  # this calendar year, counting towards the next tier
    year_points: int
    expires_on: date | None  # the balance expires then if nothing happens before
    ledger: tuple[LedgerLine, ...]  # newest first
    tier_history: tuple[TierChangeLine, ...]  # newest first
    entitlements: tuple[StayBenefitLine, ...]  # newest stay first
    version: int


@dataclass(frozen=True)
class MemberBadge:
    """What the guest card and search show: tier and balance."""

    member_no: str
    tier_code: str
    tier_name_en: str
    tier_name_zh: str
    tier_colour: str
    status: str
    balance: int


@dataclass(frozen=True)
class ReviewResult:
    as_of: date
    review_year: int
    members_reviewed: int
    upgraded: tuple[str, ...]  # member numbers
    downgraded: tuple[str, ...]
    points_expired: int  # total points
    members_expired: tuple[str, ...]


@dataclass(frozen=True)
class EarnResult:
    membership_id: int
    base: int
    bonus: int
    upgraded_to: str | None
