"""What a member is entitled to for one stay (DESIGN.md §2.3): the tier's benefits, with the
birthday gift only when the birthday falls inside the stay. Pure.

The bonus-percentage benefit is applied when points are earned, not handed over at the desk, so
it is not an entitlement of the stay.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from . import stay_rules

AT_THE_DESK_EXCLUDED = ("bonus_pct",)


@dataclass(frozen=True)
class BenefitRule:
    benefit_id: int | None
    code: str
    kind: str  # codes.BENEFIT_KIND
    name_en: str
    name_zh: str
    if_rooms_allow: bool = False


@dataclass(frozen=True)
class Entitlement:
    benefit: BenefitRule
    applies: bool
    reason: str | None  # "birthday_in_stay", "no_birthday_in_stay", "if_rooms_allow" or None


def birthday_in_stay(month: int | None, day: int | None, arrival: date, departure: date) -> date | None:
    """The birthday's date inside the stay (arrival and departure days included, as the brief
    counts them), or None. A 29 February birthday is kept on 28 February in common years."""
    if month is None or day is None:
        return None
    for when in stay_rules.occurrences(month, day, arrival, departure):
        return when
    return None


def for_stay(benefits: Iterable[BenefitRule], birthday: date | None) -> list[Entitlement]:
    """The entitlements of a stay, in the order of ``benefits``; ``birthday`` is the result of
    ``birthday_in_stay``."""
    found: list[Entitlement] = []
    for b in benefits:
        if b.kind in AT_THE_DESK_EXCLUDED:
            continue
        if b.kind == "birthday_gift":
            found.append(Entitlement(b, birthday is not None,
                                     "birthday_in_stay" if birthday else "no_birthday_in_stay"))
        else:
            found.append(Entitlement(b, True, "if_rooms_allow" if b.if_rooms_allow else None))
    return found
