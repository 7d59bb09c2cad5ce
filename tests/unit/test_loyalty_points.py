"""Points arithmetic: earning, bonus, redemption, adjustment, reversal, expiry; and the balance
as the ledger's sum after random sequences of operations (hypothesis)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hotelcrm.domain import loyalty_points as p
from hotelcrm.domain.errors import ValidationError

SPEND = {"room": 177_600, "fnb": 35_050, "other": 1_200}


def test_one_point_per_currency_unit_of_room_and_fnb_rounded_down():
    eligible = p.eligible_spend(SPEND, 0, ("room", "fnb"))
    assert eligible == 212_650
    assert p.base_points(eligible, "CNY") == 2126
    assert p.base_points(999, "CNY") == 9
    assert p.base_points(5_000, "JPY") == 5000  # no minor unit
    assert p.base_points(12_345, "KWD") == 12  # three decimals


def test_categories_are_configurable():
    assert p.eligible_spend(SPEND, 0, ("room",)) == 177_600
    assert p.eligible_spend(SPEND, 0, ("room", "fnb", "other")) == 213_850
    assert p.eligible_spend(SPEND, 0, ()) == 0


def test_the_discount_is_shared_over_the_bill_and_never_earns():
    # 10% off the whole bill: the eligible part loses 10% of itself, rounded in the hotel's favour
    assert p.eligible_spend({"room": 100_000, "fnb": 0, "other": 100_000}, 20_000, ("room",)) == 90_000
    assert p.eligible_spend({"room": 3, "fnb": 0, "other": 0}, 1, ("room",)) == 2
    assert p.eligible_spend({"room": 100, "fnb": 0, "other": 0}, 500, ("room",)) == 0


@pytest.mark.parametrize(("base", "pct", "bonus"), [(2126, 20, 425), (2126, 40, 850), (2126, 0, 0), (4, 20, 0)])
def test_tier_bonus_is_a_share_of_base_points(base, pct, bonus):
    assert p.bonus_points(base, pct) == bonus


def test_redemption_never_goes_below_zero():
    assert p.check_redeem(500, 500) == -500
    with pytest.raises(ValidationError) as err:
        p.check_redeem(500, 501)
    assert err.value.field == "points" and err.value.reason == "points_insufficient"
    for bad in (0, -5, "10", True):
        with pytest.raises(ValidationError):
            p.check_redeem(500, bad)


def test_adjustment_up_or_down_but_not_below_zero():
    assert p.check_adjust(100, -100) == -100
    assert p.check_adjust(0, 250) == 250
    with pytest.raises(ValidationError):
        p.check_adjust(100, -101)
    with pytest.raises(ValidationError):
        p.check_adjust(100, 0)


def test_reversal_is_the_counter_entry_once_only():
    assert p.check_reversal(300, "earn", 200, False) == -200
    assert p.check_reversal(0, "redeem", -200, False) == 200
    with pytest.raises(ValidationError, match="already_reversed"):
        p.check_reversal(300, "earn", 200, True)
    with pytest.raises(ValidationError, match="reversal_of_reversal"):
        p.check_reversal(300, "reversal", -200, False)
    with pytest.raises(ValidationError, match="points_insufficient"):  # the points were spent meanwhile
        p.check_reversal(100, "earn", 200, False)


@pytest.mark.parametrize(("start", "months", "end"), [
    (date(2024, 1, 15), 24, date(2026, 1, 15)),
    (date(2024, 2, 29), 24, date(2026, 2, 28)),  # leap day into a common year
    (date(2024, 2, 29), 48, date(2028, 2, 29)),
    (date(2025, 8, 31), 6, date(2026, 2, 28)),
    (date(2025, 12, 31), 1, date(2026, 1, 31)),  # across the year boundary
])
def test_add_months(start, months, end):
    assert p.add_months(start, months) == end


def test_expiry_after_24_months_without_activity_exactly_on_the_day():
    last = date(2024, 3, 10)
    assert not p.expiry_due(last, 24, date(2026, 3, 9))
    assert p.expiry_due(last, 24, date(2026, 3, 10))
    assert p.expires_on(last, 12) == date(2025, 3, 10)


OPS = st.lists(st.tuples(st.sampled_from(["earn", "redeem", "adjust", "reverse"]),
                         st.integers(min_value=-5000, max_value=5000)), max_size=60)


@settings(max_examples=200, deadline=None)
@given(OPS)
def test_balance_is_the_ledger_sum_and_never_negative(ops):
    ledger: list[tuple[str, int]] = []
    reversed_: set[int] = set()
    for kind, amount in ops:
        balance = p.balance(x for _, x in ledger)
        try:
            if kind == "earn":
                ledger.append(("earn", p.base_points(abs(amount) * 100, "CNY")) if amount else ("earn", 1))
            elif kind == "redeem":
                ledger.append(("redeem", p.check_redeem(balance, abs(amount))))
            elif kind == "adjust":
                ledger.append(("adjust", p.check_adjust(balance, amount)))
            elif ledger:
                i = abs(amount) % len(ledger)
                ledger.append(("reversal", p.check_reversal(balance, ledger[i][0], ledger[i][1], i in reversed_)))
                reversed_.add(i)
        except ValidationError:
            pass
        assert p.balance(x for _, x in ledger) >= 0
    assert p.balance(x for _, x in ledger) == sum(x for _, x in ledger)
