"""What the stay and observation services take and return (frozen data, never ORM objects).

Money is integer minor units (cents, 分) plus a currency code; the GUI turns typed text into
minor units with ``hotelcrm.domain.stay_rules.parse_money``. Codes (status, source ...) are
stored codes; their labels are ``code.stay_status.<value>`` etc. in the i18n catalogues.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

__all__ = ["CheckoutDraft", "ObservationInfo", "StayDraft", "StayInfo", "StayRow"]


# ---------------------------------------------------------------- inputs


@dataclass(frozen=True)
class StayDraft:
    """A stay's booking side: check-in, an expected arrival, or a past stay entered afterwards.

    ``arrival_date`` None means today (check-in at the desk). ``departure_date`` is the expected
    departure (for a past stay: the real one). ``currency`` None means the hotel's currency."""

    departure_date: date
    room_no: str | None = None  # "0812"; required for check-in
    room_type: str | None = None  # "Deluxe King", free text as the PMS names it
    rate_cents: int = 0  # nightly rate in minor units
    channel: str | None = None  # booking channel (订房方式): "walk-in", "phone", "OTA" ...
    segment: str | None = None  # market segment: "corporate", "leisure", "group" ...
    adults: int = 1
    children: int = 0
    arrival_date: date | None = None
    currency: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class CheckoutDraft:
    """What the stay cost and left open. ``departure_date`` None means today (check-out now)."""

    spend_room_cents: int = 0
    spend_fnb_cents: int = 0
    spend_other_cents: int = 0
    discount_cents: int = 0  # discounts granted
    unpaid_cents: int = 0  # left unpaid (欠款/漏账)
    departure_date: date | None = None


# ---------------------------------------------------------------- outputs


@dataclass(frozen=True)
class StayInfo:
    id: int
    guest_id: int
    status: str  # codes.STAY_STATUS: expected, in_house, checked_out, cancelled, no_show
    arrival_date: date
    departure_date: date  # expected while not checked out, then the real one
    nights: int
    checked_in_at: datetime | None
    checked_out_at: datetime | None
    room_no: str | None
    room_type: str | None
    currency: str
    rate_cents: int
    channel: str | None
    segment: str | None
    spend_room_cents: int
    spend_fnb_cents: int
    spend_other_cents: int
    discount_cents: int
    unpaid_cents: int
    adults: int
    children: int
    source: str  # codes.STAY_SOURCE: desk, import, demo
    notes: str | None
    version: int

    @property
    def spend_cents(self) -> int:
        """Room + F&B + other (before discounts, as on the folio)."""
        return self.spend_room_cents + self.spend_fnb_cents + self.spend_other_cents


@dataclass(frozen=True)
class StayRow:
    """One line of "in house now" or "arriving today"."""

    stay_id: int
    stay_version: int
    guest_id: int
    display_name: str  # name in the guest's script ("王伟", "Smith John")
    latin_name: str | None
    status: str  # stay status
    guest_status: str  # codes.GUEST_STATUS: a blacklisted guest shows loudly
    room_no: str | None
    room_type: str | None
    arrival_date: date
    departure_date: date
    nights: int
    adults: int
    children: int
    vip_code: str | None
    tier_code: str | None = None  # the membership tier, None without membership (loyalty issue)
    member_no: str | None = None


@dataclass(frozen=True)
class ObservationInfo:
    id: int
    guest_id: int
    guest_name: str
    stay_id: int | None
    room_no: str | None
    department: str | None  # "housekeeping", "fnb", ... free text
    text: str
    status: str  # codes.OBSERVATION_STATUS: new, reviewed, dismissed
    created_by: str | None  # who observed it (user name)
    created_at: datetime
    reviewed_by: str | None
    reviewed_at: datetime | None
    preference_id: int | None  # the preference it became
    version: int
