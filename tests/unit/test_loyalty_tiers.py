"""Tier qualification: upgrades exactly at the threshold, the yearly review dropping one tier
only, and the editor's checks."""

from __future__ import annotations

import pytest

from hotelcrm.domain import loyalty_tiers as t
from hotelcrm.domain.errors import ValidationError

SILVER = t.TierRule("SILVER", 1, None, None, 0)
GOLD = t.TierRule("GOLD", 2, 10, 10_000, 20)
PLATINUM = t.TierRule("PLATINUM", 3, 30, 30_000, 40)
TIERS = [PLATINUM, SILVER, GOLD]  # any order


def test_entry_tier_is_the_lowest():
    assert t.entry_tier(TIERS) == SILVER
    with pytest.raises(ValidationError):
        t.entry_tier([])


@pytest.mark.parametrize(("nights", "points", "expected"), [
    (9, 9_999, None), (10, 0, GOLD), (0, 10_000, GOLD), (29, 29_999, GOLD), (30, 0, PLATINUM),
    (0, 30_000, PLATINUM), (100, 100_000, PLATINUM),
])
def test_upgrade_exactly_at_the_threshold_nights_or_points(nights, points, expected):
    assert t.upgrade_to(TIERS, SILVER, nights, points) == expected


def test_no_upgrade_to_the_tier_already_held_or_lower():
    assert t.upgrade_to(TIERS, GOLD, 12, 0) is None
    assert t.upgrade_to(TIERS, PLATINUM, 12, 0) is None
    assert t.upgrade_to(TIERS, GOLD, 30, 0) == PLATINUM


def test_review_drops_one_tier_only():
    assert t.review_to(TIERS, PLATINUM, 0, 0, False) == GOLD  # not SILVER, though nothing qualifies
    assert t.review_to(TIERS, GOLD, 0, 0, False) == SILVER
    assert t.review_to(TIERS, SILVER, 0, 0, False) is None


def test_review_keeps_a_tier_still_qualified_or_reached_this_year():
    assert t.review_to(TIERS, PLATINUM, 30, 0, False) is None  # exactly at the threshold
    assert t.review_to(TIERS, PLATINUM, 29, 29_999, False) == GOLD
    assert t.review_to(TIERS, GOLD, 0, 10_000, False) is None
    assert t.review_to(TIERS, PLATINUM, 0, 0, True) is None


def test_editor_checks_name_the_field():
    assert t.check_tier_code(" gold ") == "GOLD"
    assert t.check_member_no(" m000123 ") == "M000123"
    assert t.check_colour("#B8860B") == "#b8860b"
    assert t.check_threshold(None, "nights_threshold") is None
    for call, field in [(lambda: t.check_tier_code("1x"), "tier_code"), (lambda: t.check_colour("gold"), "tier_colour"),
                        (lambda: t.check_bonus_pct(-1), "bonus_pct"), (lambda: t.check_rank(0), "tier_rank"),
                        (lambda: t.check_threshold(0, "nights_threshold"), "nights_threshold"),
                        (lambda: t.check_member_no("M1"), "member_no"), (lambda: t.check_reason("  "), "points_reason")]:
        with pytest.raises(ValidationError) as err:
            call()
        assert err.value.field == field
