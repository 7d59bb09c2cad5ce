"""Stay rules: dates, nights, the status workflow, amounts and money typed at the desk."""

from __future__ import annotations

from datetime import date

import pytest

from hotelcrm.domain import stay_rules as rules
from hotelcrm.domain.errors import HotelCrmError, ValidationError

TODAY = date(2026, 5, 10)


def reason(call, *args, **kwargs) -> tuple[str, str]:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value.field, caught.value.reason


# ---------------------------------------------------------------- status


@pytest.mark.parametrize("current, target", [
    ("expected", "in_house"), ("expected", "cancelled"), ("expected", "no_show"), ("in_house", "checked_out"),
])
def test_allowed_transitions(current, target):
    assert rules.check_transition(current, target) == target


@pytest.mark.parametrize("current, target", [
    ("in_house", "cancelled"), ("in_house", "no_show"), ("checked_out", "in_house"), ("cancelled", "in_house"),
    ("no_show", "checked_out"), ("expected", "checked_out"), ("checked_out", "checked_out"),
])
def test_refused_transitions_name_both_states(current, target):
    with pytest.raises(HotelCrmError) as caught:
        rules.check_transition(current, target)
    assert caught.value.code == f"stay_status.{target}"
    assert caught.value.params == {"status": current, "wanted": target}


# ---------------------------------------------------------------- dates


def test_nights_between_arrival_and_departure():
    assert rules.check_stay_dates(date(2026, 2, 27), date(2026, 3, 2)) == 3


def test_departure_must_follow_arrival():
    assert reason(rules.check_stay_dates, TODAY, TODAY) == ("departure_date", "departure_not_after_arrival")
    assert reason(rules.check_stay_dates, TODAY, date(2026, 5, 9))[1] == "departure_not_after_arrival"
    assert rules.check_stay_dates(TODAY, TODAY, same_day=True) == 0


def test_a_stay_of_more_than_a_year_is_a_typo():
    assert rules.check_stay_dates(TODAY, date(2027, 5, 10)) == 365
    assert reason(rules.check_stay_dates, TODAY, date(2027, 5, 11))[1] == "stay_too_long"


def test_checkin_arrives_today_or_after_midnight_for_last_night():
    assert rules.check_checkin_arrival(None, TODAY) == TODAY
    assert rules.check_checkin_arrival(date(2026, 5, 9), TODAY) == date(2026, 5, 9)
    assert reason(rules.check_checkin_arrival, date(2026, 5, 11), TODAY)[1] == "arrival_in_future"
    assert reason(rules.check_checkin_arrival, date(2026, 5, 8), TODAY)[1] == "arrival_too_early_for_checkin"


def test_past_stay_has_ended():
    assert rules.check_past_stay_dates(date(2026, 5, 1), date(2026, 5, 4), TODAY) == 3
    assert rules.check_past_stay_dates(date(2026, 5, 9), TODAY, TODAY) == 1
    assert reason(rules.check_past_stay_dates, date(2026, 5, 9), date(2026, 5, 11), TODAY)[1] == \
        "departure_in_future"
    assert reason(rules.check_past_stay_dates, None, TODAY, TODAY) == ("arrival_date", "required")


def test_actual_departure_defaults_to_today_and_may_be_the_arrival_day():
    assert rules.check_actual_departure(date(2026, 5, 7), None, TODAY) == TODAY
    assert rules.check_actual_departure(TODAY, None, TODAY) == TODAY
    assert reason(rules.check_actual_departure, TODAY, date(2026, 5, 9), TODAY)[1] == \
        "departure_not_after_arrival"
    assert reason(rules.check_actual_departure, date(2026, 5, 7), date(2026, 5, 12), TODAY)[1] == \
        "departure_in_future"


def test_yearly_occurrences_in_a_window_and_29_february():
    assert list(rules.occurrences(12, 31, date(2026, 12, 28), date(2027, 1, 3))) == [date(2026, 12, 31)]
    assert list(rules.occurrences(1, 2, date(2026, 12, 28), date(2027, 1, 3))) == [date(2027, 1, 2)]
    assert list(rules.occurrences(2, 29, date(2027, 2, 20), date(2027, 3, 5))) == [date(2027, 2, 28)]
    assert list(rules.occurrences(2, 29, date(2028, 2, 20), date(2028, 3, 5))) == [date(2028, 2, 29)]
    assert list(rules.occurrences(6, 1, date(2026, 5, 1), date(2026, 5, 31))) == []


def test_brief_window_covers_the_stay_and_at_least_a_week():
    assert rules.window_end(TODAY, None) == date(2026, 5, 17)
    assert rules.window_end(TODAY, date(2026, 5, 12)) == date(2026, 5, 17)
    assert rules.window_end(TODAY, date(2026, 5, 30)) == date(2026, 5, 30)
    assert rules.in_stay(TODAY, TODAY, date(2026, 5, 12))
    assert not rules.in_stay(date(2026, 5, 13), TODAY, date(2026, 5, 12))


# ---------------------------------------------------------------- amounts


def test_amounts_are_non_negative_bounded_integers():
    assert rules.check_amount(0, "rate_cents") == 0
    assert rules.check_amount(rules.MAX_AMOUNT_CENTS, "rate_cents") == rules.MAX_AMOUNT_CENTS
    assert reason(rules.check_amount, -1, "spend_fnb_cents") == ("spend_fnb_cents", "amount_negative")
    assert reason(rules.check_amount, rules.MAX_AMOUNT_CENTS + 1, "rate_cents")[1] == "amount_too_large"
    assert reason(rules.check_amount, 12.5, "rate_cents")[1] == "amount_not_integer"
    assert reason(rules.check_amount, True, "rate_cents")[1] == "amount_not_integer"


def test_bill_discount_and_unpaid_within_the_spend():
    rules.check_bill(50000, 12000, 0, 10000, 52000)
    assert reason(rules.check_bill, 50000, 0, 0, 50001, 0) == ("discount_cents", "discount_exceeds_spend")
    assert reason(rules.check_bill, 50000, 0, 0, 10000, 40001) == ("unpaid_cents", "unpaid_exceeds_bill")
    assert reason(rules.check_bill, 50000, -1, 0, 0, 0) == ("spend_fnb_cents", "amount_negative")


def test_persons():
    assert rules.check_persons(2, 1) == (2, 1)
    assert reason(rules.check_persons, 0, 0) == ("adults", "out_of_range")
    assert reason(rules.check_persons, 1, -1) == ("children", "out_of_range")
    assert reason(rules.check_persons, 21, 0) == ("adults", "out_of_range")


@pytest.mark.parametrize("text, cents", [
    ("1,234.50", 123450), ("1234.5", 123450), ("1234", 123400), ("0.05", 5), (".5", 50), ("7.", 700),
    ("", 0), ("  ", 0), (None, 0), ("¥ 88", 8800), ("￥1,000", 100000), ("CNY 12.30", 1230),
    ("１２３４．５０", 123450), ("1,000,000.00", 100000000),
])
def test_parse_money(text, cents):
    assert rules.parse_money(text, "rate") == cents


@pytest.mark.parametrize("text, why", [
    ("-5", "amount_negative"), ("12.345", "too_many_decimals"), ("1,23.00", "money_format"),
    ("12,34", "money_format"), ("abc", "money_format"), ("1.2.3", "money_format"), (".", "money_format"),
    ("1e3", "money_format"), ("99999999999", "amount_too_large"),
])
def test_parse_money_refuses(text, why):
    assert reason(rules.parse_money, text, "rate") == ("rate", why)


def test_parse_money_follows_the_currency_minor_units():
    assert rules.parse_money("1,500", "rate", "JPY") == 1500
    assert reason(rules.parse_money, "1500.5", "rate", "JPY")[1] == "too_many_decimals"
    assert rules.parse_money("1.250", "rate", "KWD") == 1250


def test_format_money_round_trips():
    for cents in (0, 5, 123450, 100000000):
        assert rules.parse_money(rules.format_money(cents), "x") == cents
    assert rules.format_money(123450) == "1,234.50"
    assert rules.format_money(1500, "JPY") == "1,500"


# ---------------------------------------------------------------- text


def test_room_numbers():
    assert rules.check_room_no(" 0812 ") == "0812"
    assert rules.check_room_no("a-1203") == "A-1203"
    assert rules.check_room_no("０８１２") == "0812"
    assert rules.check_room_no("") is None
    assert reason(rules.check_room_no, "", required=True) == ("room_no", "required")
    assert reason(rules.check_room_no, "08 12")[1] == "room_no_chars"
    assert reason(rules.check_room_no, "801号")[1] == "room_no_chars"
    assert reason(rules.check_room_no, "12345678901")[1] == "too_long"


def test_every_refusal_has_a_message_in_both_languages():
    from hotelcrm.i18n import catalogue

    reasons = ["departure_not_after_arrival", "stay_too_long", "arrival_in_future", "arrival_too_early_for_checkin",
               "arrival_in_past", "departure_in_future", "departure_in_past", "amount_not_integer",
               "amount_negative", "amount_too_large", "discount_exceeds_spend", "unpaid_exceeds_bill",
               "money_format", "too_many_decimals", "room_no_chars"]
    codes = [f"stay_status.{t}" for t in ("in_house", "checked_out", "cancelled", "no_show")] + [
        "room_occupied", "guest_in_house", "guest_not_in_house", "observation_reviewed"]
    fields = ["arrival_date", "departure_date", "room_no", "rate_cents", "spend_room_cents", "spend_fnb_cents",
              "spend_other_cents", "discount_cents", "unpaid_cents", "adults", "children", "observation_text"]
    for lang in ("en", "zh_CN"):
        texts = catalogue(lang)
        missing = [k for k in ([f"error.invalid.{r}" for r in reasons] + [f"error.{c}" for c in codes]
                               + [f"field.{f}" for f in fields]) if k not in texts]
        assert missing == [], lang
