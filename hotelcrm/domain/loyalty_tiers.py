"""Tier qualification and the yearly review (DESIGN.md §2.3).

A tier qualifies on nights *or* base points in a calendar year; a tier without any threshold is
the entry tier (Silver on enrolment). Upgrades happen as soon as a threshold is reached; the
yearly review drops a member who no longer qualifies by one tier only. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import ValidationError
from .text_rules import clean_text

MAX_THRESHOLD = 1_000_000
MAX_BONUS_PCT = 500
_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,19}$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_MEMBER_NO = re.compile(r"^[A-Z0-9][A-Z0-9\-]{3,19}$")


@dataclass(frozen=True)
class TierRule:
    code: str
    rank: int
    nights_threshold: int | None
    points_threshold: int | None
    bonus_pct: int = 0

    @property
    def entry_tier(self) -> bool:
        return self.nights_threshold is None and self.points_threshold is None


def qualifies(tier: TierRule, nights: int, points: int) -> bool:
    if tier.entry_tier:
        return True
    return ((tier.nights_threshold is not None and nights >= tier.nights_threshold)
            or (tier.points_threshold is not None and points >= tier.points_threshold))


def _ordered(tiers: Sequence[TierRule]) -> list[TierRule]:
    return sorted(tiers, key=lambda t: t.rank)


def entry_tier(tiers: Sequence[TierRule]) -> TierRule:
    """Where a new member starts: the lowest tier."""
    if not tiers:
        raise ValidationError("tier_code", "no_tiers")
    return _ordered(tiers)[0]


def best_tier(tiers: Sequence[TierRule], nights: int, points: int) -> TierRule:
    """The highest tier the year's nights or points reach (the lowest tier at least)."""
    ordered = _ordered(tiers)
    reached = [t for t in ordered if qualifies(t, nights, points)]
    return reached[-1] if reached else ordered[0]


def upgrade_to(tiers: Sequence[TierRule], current: TierRule, nights: int, points: int) -> TierRule | None:
    """The tier to move up to now, or None."""
    best = best_tier(tiers, nights, points)
    return best if best.rank > current.rank else None


def review_to(tiers: Sequence[TierRule], current: TierRule, nights: int, points: int,
              reached_since_year_start: bool) -> TierRule | None:
    """At the yearly review: the tier one below ``current`` when the reviewed year's nights and
    points no longer qualify for it, else None. A tier reached during the reviewed year or
    later (a check-out upgrade, a manager's change) is kept until the next review."""
    if reached_since_year_start or qualifies(current, nights, points):
        return None
    lower = [t for t in _ordered(tiers) if t.rank < current.rank]
    return lower[-1] if lower else None


# ---------------------------------------------------------------- editing


def check_tier_code(value: str | None) -> str:
    code = (value or "").strip().upper()
    if not code:
        raise ValidationError("tier_code", "required")
    if not _CODE.match(code):
        raise ValidationError("tier_code", "code_format")
    return code


def check_threshold(value: object, field: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, "not_a_number")
    if not 1 <= value <= MAX_THRESHOLD:
        raise ValidationError(field, "out_of_range", min=1, max=MAX_THRESHOLD)
    return value


def check_bonus_pct(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError("bonus_pct", "not_a_number")
    if not 0 <= value <= MAX_BONUS_PCT:
        raise ValidationError("bonus_pct", "out_of_range", min=0, max=MAX_BONUS_PCT)
    return value


def check_rank(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 99:
        raise ValidationError("tier_rank", "out_of_range", min=1, max=99)
    return value


def check_colour(value: str | None) -> str:
    colour = (value or "").strip()
    if not _COLOUR.match(colour):
        raise ValidationError("tier_colour", "colour_format")
    return colour.lower()


def check_name(value: str | None, field: str, max_len: int = 60) -> str:
    return clean_text(value, field, required=True, max_len=max_len)


def check_member_no(value: str | None) -> str:
    number = (value or "").strip().upper()
    if not _MEMBER_NO.match(number):
        raise ValidationError("member_no", "member_no_format")
    return number


def check_reason(value: str | None, field: str = "points_reason") -> str:
    return clean_text(value, field, required=True, max_len=200)
