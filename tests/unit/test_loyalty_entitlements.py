"""Entitlements of a stay: the tier's benefits, the birthday gift only with the birthday inside
the stay (leap-day birthdays on 28 February in common years), bonus points not at the desk."""

from __future__ import annotations

from datetime import date

import pytest

from hotelcrm.domain import loyalty_entitlements as e

CAKE = e.BenefitRule(6, "BIRTHDAY_CAKE", "birthday_gift", "Birthday cake coupon", "生日蛋糕券")
UPGRADE = e.BenefitRule(4, "UPGRADE_1", "upgrade", "Upgrade", "升级", if_rooms_allow=True)
AMENITY = e.BenefitRule(5, "WELCOME_AMENITY", "amenity", "Welcome amenity", "欢迎致意品")
BONUS = e.BenefitRule(2, "BONUS_20", "bonus_pct", "Bonus 20%", "奖励 20%")


@pytest.mark.parametrize(("month", "day", "arrival", "departure", "expected"), [
    (5, 3, date(2026, 5, 1), date(2026, 5, 4), date(2026, 5, 3)),
    (5, 1, date(2026, 5, 1), date(2026, 5, 4), date(2026, 5, 1)),  # arrival day
    (5, 4, date(2026, 5, 1), date(2026, 5, 4), date(2026, 5, 4)),  # departure day, as the brief counts
    (5, 5, date(2026, 5, 1), date(2026, 5, 4), None),
    (1, 1, date(2025, 12, 30), date(2026, 1, 2), date(2026, 1, 1)),  # across the year boundary
    (2, 29, date(2026, 2, 27), date(2026, 3, 1), date(2026, 2, 28)),  # leap-day birthday, common year
    (2, 29, date(2028, 2, 28), date(2028, 3, 1), date(2028, 2, 29)),  # leap year: the day itself
    (2, 29, date(2028, 3, 1), date(2028, 3, 3), None),
    (None, None, date(2026, 5, 1), date(2026, 5, 4), None),
])
def test_birthday_in_stay(month, day, arrival, departure, expected):
    assert e.birthday_in_stay(month, day, arrival, departure) == expected


def test_gold_member_on_the_birthday_gets_cake_upgrade_and_amenity_but_bonus_is_not_at_the_desk():
    found = e.for_stay([UPGRADE, BONUS, AMENITY, CAKE], date(2026, 5, 3))
    assert [(x.benefit.code, x.applies, x.reason) for x in found] == [
        ("UPGRADE_1", True, "if_rooms_allow"), ("WELCOME_AMENITY", True, None),
        ("BIRTHDAY_CAKE", True, "birthday_in_stay")]


def test_without_birthday_the_cake_is_listed_as_not_applying():
    found = e.for_stay([CAKE], None)
    assert [(x.benefit.code, x.applies, x.reason) for x in found] == [("BIRTHDAY_CAKE", False, "no_birthday_in_stay")]
