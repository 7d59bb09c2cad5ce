"""How the Guests area writes codes, dates and money (one place, so every view agrees)."""

from __future__ import annotations

from datetime import date, datetime

from hotelcrm.domain.stay_rules import format_money
from hotelcrm.i18n import catalogue, current_language, tr

BLACKLIST_RED = "#b3261e"
DASH = "—"


def code_label(code_list: str, value: str | None) -> str:
    """``code.<list>.<value>`` in the current language; an unknown code shows as stored."""
    if not value:
        return ""
    key = f"code.{code_list}.{value}"
    if key in catalogue(current_language()) or key in catalogue("en"):
        return tr(key)
    return value


def date_text(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M") if value.tzinfo else value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def money_text(cents: int | None, currency: str | None) -> str:
    """``123450, "CNY"`` → ``CNY 1,234.50``; integer minor units, never floats."""
    if cents is None:
        return ""
    code = currency or "CNY"
    return f"{code} {format_money(cents, code)}"


def or_dash(text: str | None) -> str:
    return text if text else DASH
