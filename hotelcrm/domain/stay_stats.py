"""Derived figures of a guest's stays (消费特征): pure arithmetic over stay rows.

Money is integer minor units. What counts:
- a *stay* is a stay that happened or is happening: checked out or in house (expected,
  cancelled and no-show stays are counted apart);
- spend, discounts and the average are over counted stays in the card's currency (the currency
  of most counted stays; stays in another currency are counted in ``other_currency_stays`` and
  left out of the money figures rather than added up wrongly);
- unpaid amounts are summed over every stay in that currency, whatever its status (a no-show
  can leave a charge behind);
- the favourite room type is the one with the most nights (ties: the most recent stay wins).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

COUNTED = ("checked_out", "in_house")


class StayLike(Protocol):
    status: str
    arrival_date: date
    departure_date: date
    room_type: str | None
    currency: str
    spend_room_cents: int
    spend_fnb_cents: int
    spend_other_cents: int
    discount_cents: int
    unpaid_cents: int


@dataclass(frozen=True)
class StayStats:
    stays: int = 0
    nights: int = 0
    currency: str | None = None
    spend_room_cents: int = 0
    spend_fnb_cents: int = 0
    spend_other_cents: int = 0
    total_spend_cents: int = 0
    average_spend_cents: int = 0  # per stay, rounded half up
    discount_cents: int = 0
    unpaid_cents: int = 0
    first_stay: date | None = None
    last_stay: date | None = None
    favourite_room_type: str | None = None
    cancelled: int = 0
    no_shows: int = 0
    upcoming: int = 0  # expected
    other_currency_stays: int = 0


def _nights(stay: StayLike) -> int:
    return max((stay.departure_date - stay.arrival_date).days, 0)


def rounded_div(total: int, count: int) -> int:
    """Integer division rounded half up (for non-negative totals)."""
    return (2 * total + count) // (2 * count) if count else 0


def favourite_room_type(stays: Iterable[StayLike]) -> str | None:
    nights: Counter[str] = Counter()
    latest: dict[str, date] = {}
    for stay in stays:
        if not stay.room_type:
            continue
        nights[stay.room_type] += _nights(stay)
        latest[stay.room_type] = max(latest.get(stay.room_type, stay.arrival_date), stay.arrival_date)
    if not nights:
        return None
    return max(nights, key=lambda rt: (nights[rt], latest[rt]))


def stay_stats(stays: Iterable[StayLike], default_currency: str | None = None) -> StayStats:
    """The figures the card shows for ``stays`` (any order)."""
    rows = list(stays)
    counted = [s for s in rows if s.status in COUNTED]
    statuses = Counter(s.status for s in rows)
    currencies = Counter(s.currency for s in counted)
    currency = currencies.most_common(1)[0][0] if currencies else default_currency
    if currency is None and rows:
        currency = rows[0].currency
    money = [s for s in counted if s.currency == currency]
    room = sum(s.spend_room_cents for s in money)
    fnb = sum(s.spend_fnb_cents for s in money)
    other = sum(s.spend_other_cents for s in money)
    total = room + fnb + other
    return StayStats(
        stays=len(counted),
        nights=sum(_nights(s) for s in counted),
        currency=currency,
        spend_room_cents=room,
        spend_fnb_cents=fnb,
        spend_other_cents=other,
        total_spend_cents=total,
        average_spend_cents=rounded_div(total, len(money)),
        discount_cents=sum(s.discount_cents for s in money),
        unpaid_cents=sum(s.unpaid_cents for s in rows if s.currency == currency),
        first_stay=min((s.arrival_date for s in counted), default=None),
        last_stay=max((s.arrival_date for s in counted), default=None),
        favourite_room_type=favourite_room_type(counted),
        cancelled=statuses["cancelled"],
        no_shows=statuses["no_show"],
        upcoming=statuses["expected"],
        other_currency_stays=len(counted) - len(money),
    )
