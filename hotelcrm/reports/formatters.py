"""How values look on paper: money, dates, times, counts and missing values.

One convention for both languages, so that a Chinese and an English copy of the same report
can be compared line by line:

- money: ISO currency code, a space, the amount with thousands separators and the currency's
  minor-unit digits, e.g. ``format_money(1234567, "CNY") == "CNY 12,345.67"``; negative
  amounts as ``CNY -12.34``. The code (not ``¥``) because ``¥`` is also the yen sign and a
  hotel bills foreign guests in other currencies;
- dates ``YYYY-MM-DD`` and date-times ``YYYY-MM-DD HH:MM`` (ISO 8601, what Chinese business
  forms use and unambiguous for English readers);
- a missing value (``None`` or blank text) prints as an em dash, so an empty cell reads as
  "nothing recorded", not as a layout fault.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

EMPTY = "—"

# ISO 4217 minor-unit digits where they differ from 2 (the currencies a hotel may see).
_MINOR_DIGITS = {
    "JPY": 0, "KRW": 0, "VND": 0, "CLP": 0, "ISK": 0, "UGX": 0, "XAF": 0, "XOF": 0, "PYG": 0,
    "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
}


def minor_digits(currency: str) -> int:
    return _MINOR_DIGITS.get(currency.upper(), 2)


def format_money(minor_units: int | None, currency: str) -> str:
    """Integer minor units + ISO code → ``CNY 12,345.67`` (see the module docstring)."""
    if minor_units is None:
        return EMPTY
    if isinstance(minor_units, bool) or not isinstance(minor_units, int):
        # Money is never a float in this application; a float here is a bug upstream.
        raise TypeError(f"money must be integer minor units, got {type(minor_units).__name__}")
    code = currency.upper()
    digits = minor_digits(code)
    sign = "-" if minor_units < 0 else ""
    whole, frac = divmod(abs(minor_units), 10**digits)
    amount = f"{whole:,}" + (f".{frac:0{digits}d}" if digits else "")
    return f"{code} {sign}{amount}"


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return EMPTY
    if isinstance(value, datetime):
        value = value.date()
    return value.isoformat()


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return EMPTY
    return value.strftime("%Y-%m-%d %H:%M")


def format_count(value: int | None) -> str:
    return EMPTY if value is None else f"{value:,}"


def format_percent(value: float | None, digits: int = 1) -> str:
    """A share 0..1 as ``42.5%``."""
    return EMPTY if value is None else f"{value * 100:.{digits}f}%"


def format_text(value: Any) -> str:
    """The default cell formatter: text as is, numbers via ``str``, missing as an em dash."""
    if value is None:
        return EMPTY
    text = value if isinstance(value, str) else str(value)
    return text if text.strip() else EMPTY


def money_formatter(currency: str):
    """A one-argument formatter for a table column of amounts in one currency."""
    return lambda minor_units: format_money(minor_units, currency)
