"""Points arithmetic of the loyalty ledger (DESIGN.md §2.3): earning, the tier bonus,
redemption, manual adjustment, reversal and expiry.

Pure: integers and dates in, integers or typed errors out. Money is integer minor units; one
base point per whole currency unit of eligible spend (rounded down).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from datetime import date

from .errors import ValidationError
from .stay_rules import currency_exponent

# The spend categories of a stay that can earn points, and the default choice (room and F&B).
SPEND_CATEGORIES = ("room", "fnb", "other")
DEFAULT_EARN_CATEGORIES = ("room", "fnb")
DEFAULT_EXPIRY_MONTHS = 24
MAX_POINTS = 10_000_000  # one entry; far beyond any stay, inside a 32-bit column
# Entries that count as activity for expiry ("24 months without activity").
ACTIVITY_KINDS = ("earn", "bonus", "redeem", "adjust")
EXPIRING_SOON_DAYS = 90


def eligible_spend(spend: Mapping[str, int], discount_cents: int, categories: Iterable[str]) -> int:
    """The part of a bill that earns points: the chosen categories, less their share of the
    discount (the discount is spread over the whole bill in proportion, rounded up so that
    rounding never earns a point that was not paid for)."""
    chosen = set(categories)
    total = sum(spend.values())
    eligible = sum(v for k, v in spend.items() if k in chosen)
    if total <= 0 or eligible <= 0:
        return 0
    share = -(-min(discount_cents, total) * eligible // total)  # ceiling division
    return max(eligible - share, 0)


def base_points(eligible_cents: int, currency: str) -> int:
    """One point per whole currency unit (yuan, euro ...)."""
    return max(eligible_cents, 0) // (10 ** currency_exponent(currency))


def bonus_points(base: int, bonus_pct: int) -> int:
    """The tier bonus on top of the base points, rounded down."""
    return base * max(bonus_pct, 0) // 100


def check_points(value: object, field: str = "points", *, allow_negative: bool = False) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, "not_a_number")
    if value == 0 or (value < 0 and not allow_negative):
        raise ValidationError(field, "points_positive")
    if abs(value) > MAX_POINTS:
        raise ValidationError(field, "out_of_range", min=1, max=MAX_POINTS)
    return value


def check_redeem(balance: int, points: object) -> int:
    """The (negative) ledger amount of a redemption; never below zero."""
    wanted = check_points(points)
    if wanted > balance:
        raise ValidationError("points", "points_insufficient", balance=balance, points=wanted)
    return -wanted


def check_adjust(balance: int, points: object) -> int:
    """A manual adjustment up or down; it may not take the balance below zero."""
    delta = check_points(points, allow_negative=True)
    if balance + delta < 0:
        raise ValidationError("points", "points_insufficient", balance=balance, points=-delta)
    return delta


def check_reversal(balance: int, entry_kind: str, entry_points: int, already_reversed: bool) -> int:
    """The counter-entry of a wrong entry: the same points with the sign turned."""
    if entry_kind == "reversal":
        raise ValidationError("points_entry", "reversal_of_reversal")
    if already_reversed:
        raise ValidationError("points_entry", "already_reversed")
    if balance - entry_points < 0:
        raise ValidationError("points_entry", "points_insufficient", balance=balance, points=entry_points)
    return -entry_points


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the 29th-31st fall on the month's last day if needed."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    if not date.min.year <= year <= date.max.year:  # beyond the calendar: the last day there is
        return date.max if months > 0 else date.min
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expires_on(last_activity: date, months: int) -> date:
    """The day the balance expires when nothing happens before it."""
    return add_months(last_activity, months)


def expiry_due(last_activity: date, months: int, as_of: date) -> bool:
    return as_of >= expires_on(last_activity, months)


def balance(points: Iterable[int]) -> int:
    return sum(points)
