from datetime import date, datetime

import pytest

from hotelcrm.reports import (
    EMPTY,
    format_count,
    format_date,
    format_datetime,
    format_money,
    format_percent,
    format_text,
    money_formatter,
)


@pytest.mark.parametrize(
    ("minor", "currency", "shown"),
    [
        (12345, "CNY", "CNY 123.45"),
        (1234567, "CNY", "CNY 12,345.67"),
        (5, "CNY", "CNY 0.05"),
        (0, "cny", "CNY 0.00"),
        (-1234, "CNY", "CNY -12.34"),
        (123456789, "USD", "USD 1,234,567.89"),
        (15000, "JPY", "JPY 15,000"),  # no minor unit
        (12345, "KWD", "KWD 12.345"),  # three decimals
    ],
)
def test_money_from_integer_minor_units(minor, currency, shown):
    assert format_money(minor, currency) == shown


def test_missing_money_is_a_dash_and_floats_are_refused():
    assert format_money(None, "CNY") == EMPTY
    with pytest.raises(TypeError):
        format_money(123.45, "CNY")
    with pytest.raises(TypeError):
        format_money(True, "CNY")


def test_money_formatter_for_a_column():
    column = money_formatter("EUR")
    assert column(9900) == "EUR 99.00"
    assert column(None) == EMPTY


def test_dates_and_times():
    assert format_date(date(2026, 5, 9)) == "2026-05-09"
    assert format_date(datetime(2026, 5, 9, 23, 59)) == "2026-05-09"
    assert format_datetime(datetime(2026, 5, 9, 7, 5, 30)) == "2026-05-09 07:05"
    assert format_date(None) == format_datetime(None) == EMPTY


def test_empty_values_print_as_a_dash():
    assert format_text(None) == EMPTY
    assert format_text("") == EMPTY
    assert format_text("   ") == EMPTY
    assert format_text("王伟") == "王伟"
    assert format_text(0) == "0"  # zero is a value, not a missing one


def test_counts_and_percentages():
    assert format_count(1234567) == "1,234,567"
    assert format_percent(0.425) == "42.5%"
    assert format_percent(1) == "100.0%"
    assert format_count(None) == format_percent(None) == EMPTY
