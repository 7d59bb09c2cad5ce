"""Rules of a stay: dates and nights, the status workflow, amounts, and money typed as text.

Pure: values in, cleaned values or typed errors out. Money is integer minor units (cents, 分);
no float ever touches an amount.

Status workflow (DESIGN.md §2.5)::

    expected ──> in_house ──> checked_out
        ├──> cancelled
        └──> no_show
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date, timedelta

from .errors import HotelCrmError, ValidationError
from .text_rules import clean_text

# Amounts live in 32-bit integer columns on PostgreSQL; 10 million units per amount is far
# beyond any stay, and keeps a sum of several amounts inside the column as well.
MAX_AMOUNT_CENTS = 1_000_000_000
MAX_NIGHTS = 365
MAX_PERSONS = 20
# Check-in is for guests arriving today; one day back covers arrivals after midnight that the
# night audit counts for the previous day. Older stays are entered with record_past_stay.
CHECKIN_DAYS_BACK = 1
UPCOMING_DAYS = 7  # the brief shows special dates this many days ahead (or to the stay's end)
# Preferences the check-in brief shows apart, under allergies and diet.
DIETARY_KEYS = ("allergies", "diet", "foods_avoided")

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "expected": ("in_house", "cancelled", "no_show"),
    "in_house": ("checked_out",),
    "checked_out": (),
    "cancelled": (),
    "no_show": (),
}
# ISO 4217 currencies without minor units, or with three; every other has two.
_EXPONENTS = {"JPY": 0, "KRW": 0, "VND": 0, "ISK": 0, "CLP": 0, "BHD": 3, "KWD": 3, "OMR": 3, "JOD": 3,
              "TND": 3, "LYD": 3, "IQD": 3}
_ROOM_NO = re.compile(r"^[A-Z0-9][A-Z0-9\-]{0,9}$")
_MONEY = re.compile(r"^(?P<int>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<frac>\d*))?$")
_CURRENCY_SIGNS = "¥￥$€£"


# ---------------------------------------------------------------- status


def check_transition(current: str, target: str) -> str:
    """``target`` if a stay in ``current`` may move there, else ``HotelCrmError`` with the code
    ``stay_status.<target>`` (one message per step the desk tried)."""
    if target not in TRANSITIONS.get(current, ()):
        raise HotelCrmError(f"stay_status.{target}", status=current, wanted=target)
    return target


# ---------------------------------------------------------------- dates


def nights(arrival: date, departure: date) -> int:
    return (departure - arrival).days


def check_stay_dates(arrival: date, departure: date, *, same_day: bool = False) -> int:
    """The nights between ``arrival`` and ``departure``; departure must come after arrival
    (on the same day only when ``same_day``: a day use or a departure on the arrival day)."""
    count = nights(arrival, departure)
    if count < 0 or (count == 0 and not same_day):
        raise ValidationError("departure_date", "departure_not_after_arrival")
    if count > MAX_NIGHTS:
        raise ValidationError("departure_date", "stay_too_long", max=MAX_NIGHTS)
    return count


def check_checkin_arrival(arrival: date | None, today: date) -> date:
    """Check-in happens today (or for last night's late arrival)."""
    if arrival is None:
        return today
    if arrival > today:
        raise ValidationError("arrival_date", "arrival_in_future")
    if (today - arrival).days > CHECKIN_DAYS_BACK:
        raise ValidationError("arrival_date", "arrival_too_early_for_checkin")
    return arrival


def check_past_stay_dates(arrival: date | None, departure: date, today: date) -> int:
    """A stay entered afterwards has really ended: departure today or earlier."""
    if arrival is None:
        raise ValidationError("arrival_date", "required")
    if departure > today:
        raise ValidationError("departure_date", "departure_in_future")
    return check_stay_dates(arrival, departure, same_day=True)


def check_actual_departure(arrival: date, departure: date | None, today: date) -> date:
    """Check-out: the real departure, today unless given; never before arrival, never ahead."""
    day = departure or today
    if day > today:
        raise ValidationError("departure_date", "departure_in_future")
    check_stay_dates(arrival, day, same_day=True)
    return day


def occurrences(month: int, day: int, start: date, end: date) -> Iterator[date]:
    """The yearly date (month, day) on every year from ``start`` to ``end`` inclusive;
    29 February falls on 28 February in common years."""
    for year in range(start.year, end.year + 1):
        try:
            when = date(year, month, day)
        except ValueError:
            if month == 2 and day == 29:
                when = date(year, 2, 28)
            else:
                continue
        if start <= when <= end:
            yield when


def window_end(start: date, stay_departure: date | None) -> date:
    """The last day the brief looks at: the stay's departure day, but at least a week ahead."""
    ahead = start + timedelta(days=UPCOMING_DAYS)
    return ahead if stay_departure is None else max(ahead, stay_departure)


def in_stay(day: date, arrival: date, departure: date) -> bool:
    """The guest is in the hotel on ``day`` (arrival and departure days included)."""
    return arrival <= day <= departure


# ---------------------------------------------------------------- amounts and persons


def check_amount(value: object, field: str) -> int:
    """A money amount in minor units: an integer, not negative, bounded."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, "amount_not_integer")
    if value < 0:
        raise ValidationError(field, "amount_negative")
    if value > MAX_AMOUNT_CENTS:
        raise ValidationError(field, "amount_too_large", max=MAX_AMOUNT_CENTS)
    return value


def check_bill(spend_room: int, spend_fnb: int, spend_other: int, discount: int, unpaid: int) -> None:
    """Discounts cannot exceed what was spent; the unpaid part cannot exceed the bill."""
    spend = (check_amount(spend_room, "spend_room_cents") + check_amount(spend_fnb, "spend_fnb_cents")
             + check_amount(spend_other, "spend_other_cents"))
    if check_amount(discount, "discount_cents") > spend:
        raise ValidationError("discount_cents", "discount_exceeds_spend")
    if check_amount(unpaid, "unpaid_cents") > spend - discount:
        raise ValidationError("unpaid_cents", "unpaid_exceeds_bill")


def check_persons(adults: object, children: object) -> tuple[int, int]:
    for field, value, low in (("adults", adults, 1), ("children", children, 0)):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= MAX_PERSONS:
            raise ValidationError(field, "out_of_range", min=low, max=MAX_PERSONS)
    return adults, children  # type: ignore[return-value]


def currency_exponent(currency: str) -> int:
    return _EXPONENTS.get(currency.upper(), 2)


def parse_money(text: str | None, field: str, currency: str = "CNY") -> int:
    """Money typed at the desk into minor units, without floats: ``"1,234.50"`` → 123450,
    ``"¥ 88"`` → 8800, full-width digits too. Empty text is 0. Negative amounts, bad grouping
    and more decimals than the currency has are refused."""
    raw = unicodedata.normalize("NFKC", text or "").strip().replace(" ", "")
    raw = raw.lstrip(_CURRENCY_SIGNS)
    if raw.upper().startswith(currency.upper()):
        raw = raw[len(currency):]
    if not raw:
        return 0
    if raw.startswith("-"):
        raise ValidationError(field, "amount_negative")
    found = _MONEY.match(raw)
    if not found or (found["int"] is None and not found["frac"]):
        raise ValidationError(field, "money_format")
    exponent = currency_exponent(currency)
    frac = found["frac"] or ""
    if len(frac) > exponent:
        raise ValidationError(field, "too_many_decimals", places=exponent)
    units = int((found["int"] or "0").replace(",", ""))
    return check_amount(units * 10**exponent + int(frac.ljust(exponent, "0") or "0"), field)


def format_money(cents: int, currency: str = "CNY") -> str:
    """``123450`` → ``"1,234.50"`` (for messages and CSV; the GUI formats for its locale)."""
    exponent = currency_exponent(currency)
    sign = "-" if cents < 0 else ""
    units, minor = divmod(abs(cents), 10**exponent)
    return f"{sign}{units:,}" + (f".{minor:0{exponent}d}" if exponent else "")


# ---------------------------------------------------------------- small text fields


def check_room_no(value: str | None, *, required: bool = False) -> str | None:
    """Room numbers as printed on the door: ``0812``, ``A-1203``; upper-cased."""
    text = clean_text(value, "room_no", required=required, max_len=10)
    if text is None:
        return None
    text = unicodedata.normalize("NFKC", text).upper()
    if not _ROOM_NO.match(text):
        raise ValidationError("room_no", "room_no_chars")
    return text


def check_label(value: str | None, field: str, max_len: int = 40) -> str | None:
    """Room type, channel, segment, department: short free text."""
    return clean_text(value, field, max_len=max_len)
