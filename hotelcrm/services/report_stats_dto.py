"""What the manager reports print (complaint statistics, customer value, arrivals brief, special
dates): plain frozen data, names in both languages so that the report picks its own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hotelcrm.domain.complaint_stats import ReturnGroup, StageTimes
from hotelcrm.domain.customer_value import ParetoResult

from .brief_dto import BriefPreference
from .guest_dto import PreferenceOptionInfo


@dataclass(frozen=True)
class Label:
    """A name stored in two languages (categories, departments, tiers), or a code."""

    code: str
    en: str
    zh: str

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh_CN" else self.en


@dataclass(frozen=True)
class LabelCount:
    label: Label
    count: int


@dataclass(frozen=True)
class RepeatComplainant:
    guest_id: int
    name: str
    complaints: int


@dataclass(frozen=True)
class ComplaintStats:
    period_from: date
    period_to: date
    currency: str
    total: int
    withdrawn: int
    closed: int
    open: int
    by_category: tuple[LabelCount, ...]
    by_department: tuple[LabelCount, ...]
    by_severity: tuple[tuple[str, int], ...]  # code, count (every severity, in order)
    by_channel: tuple[tuple[str, int], ...]
    stages: tuple[StageTimes, ...]  # acknowledge, remedy, close
    recovery_cents: int  # in ``currency``
    with_cost: int  # complaints with a recovery cost
    other_currency: int  # complaints costed in another currency (left out of the sum)
    repeat: tuple[RepeatComplainant, ...]
    returns: tuple[ReturnGroup, ...]  # on_time, late, open
    trend_unit: str  # day, week, month
    trend: tuple[tuple[date, int], ...]


@dataclass(frozen=True)
class LapsedVip:
    guest_id: int
    name: str
    vip_code: str | None
    tier: Label | None
    last_stay: date | None  # None: never stayed
    days: int | None
    stays: int


@dataclass(frozen=True)
class TopGuest:
    guest_id: int
    name: str
    revenue_cents: int
    stays: int
    rfm: str
    segment: str
    tier: str  # A, B, C


@dataclass(frozen=True)
class CustomerValue:
    period_from: date
    period_to: date
    currency: str
    guests_in_period: int
    repeat_rate: float | None
    new_cards: int
    new_cards_trend: tuple[tuple[date, int], ...]
    trend_unit: str
    cards: int  # cards counted for completeness
    completeness: tuple[tuple[str, int], ...]  # item code, cards with it filled
    revenue_cents: int
    pareto: ParetoResult
    abc: tuple[tuple[str, int, int], ...]  # tier, guests, revenue
    segments: tuple[tuple[str, int], ...]
    lifecycle: tuple[tuple[str, int], ...]
    top_guests: tuple[TopGuest, ...]
    lapse_days: int  # VIPs without a stay for more than this many days
    lapsed_vips: tuple[LapsedVip, ...]
    other_currency_stays: int


@dataclass(frozen=True)
class PastComplaint:
    number: str
    received_on: date
    category: Label
    state: str


@dataclass(frozen=True)
class ArrivalGuest:
    guest_id: int
    name: str
    latin_name: str | None
    vip_code: str | None
    room_no: str | None
    room_type: str | None
    arrival: date
    departure: date
    adults: int
    children: int
    tier: Label | None
    member_no: str | None
    points: int | None
    entitlements: tuple[Label, ...]
    stays_before: int
    last_stay: date | None
    preferences: tuple[BriefPreference, ...]
    allergies_diet: tuple[BriefPreference, ...]
    taboos: str | None
    special_requests: str | None
    special_dates: tuple[tuple[str, date, str | None], ...]  # kind, day, label
    complaints: tuple[PastComplaint, ...]
    hidden_sensitive: int
    blacklisted: bool


@dataclass(frozen=True)
class ArrivalsBrief:
    on: date
    expected: int  # every expected arrival that day
    vip: int
    members: int
    returning: int
    guests: tuple[ArrivalGuest, ...]  # VIPs, members and returning guests only
    options: tuple[PreferenceOptionInfo, ...] = ()  # pick-list labels for the preferences


@dataclass(frozen=True)
class SpecialDateRow:
    on: date
    kind: str
    owner: str  # guest or company name
    is_company: bool
    label: str | None
    years: int | None  # e.g. 40th birthday, 10th anniversary
    vip_code: str | None
    tier: Label | None
    consents: tuple[str, ...]  # channels the guest agreed to be contacted on
    phone: str | None
    in_house: bool


@dataclass(frozen=True)
class SpecialDates:
    period_from: date
    period_to: date
    rows: tuple[SpecialDateRow, ...]
    hidden_sensitive: int
    by_kind: tuple[tuple[str, int], ...]
