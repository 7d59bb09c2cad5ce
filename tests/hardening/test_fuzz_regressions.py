"""Crashes the bad-input fuzz tests found (issue 9 item 4), pinned as plain examples."""

from __future__ import annotations

from datetime import date

import pytest

from hotelcrm.domain import guest_csv, import_mapping, loyalty_points, stay_csv
from hotelcrm.domain.errors import ValidationError


@pytest.mark.parametrize("text", ["²", "¹²", "٣"])
def test_a_month_that_is_a_digit_but_not_a_number(text):
    """"²".isdigit() is True but int("²") fails: the month cell got a ValueError, not a message."""
    if text == "٣":  # an Arabic-Indic three is a decimal digit: int() reads it
        assert import_mapping.month_number(text) == 3
        return
    with pytest.raises(ValidationError) as err:
        import_mapping.month_number(text)
    assert err.value.reason == "month_name"


def _stay_row(**cells):
    columns = ["family_name", "arrival", "departure", *cells]
    header = stay_csv.parse_header(columns)
    values = ["Li", "2026-01-01", "2026-01-03", *cells.values()]
    return stay_csv.parse_row(header, values, 2, "CNY", date(2026, 11, 24))


@pytest.mark.parametrize(("adults", "reason"), [("²", "not_a_number"), ("9" * 5000, "out_of_range")])
def test_stay_csv_persons_that_int_refuses(adults, reason):
    row, problems = _stay_row(adults=adults)
    assert row is None
    assert [(p.field, p.reason) for p in problems] == [("adults", reason)]


def test_stay_csv_persons_still_read():
    row, problems = _stay_row(adults="２", children="1")
    assert problems == [] and (row.stay["adults"], row.stay["children"]) == (2, 1)


def test_add_months_past_the_calendar_end():
    assert loyalty_points.add_months(date(9999, 1, 1), 12) == date.max
    assert loyalty_points.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)


def _bound(rules: dict, header: list[str]):
    mapping = import_mapping.parse_mapping({"name": "fuzz", "kind": "stays", "fields": rules},
                                          {"guests": guest_csv.COLUMNS, "stays": stay_csv.COLUMNS})
    return import_mapping.bind(mapping, header)


def test_nights_added_past_9999_and_superscript_nights_are_cell_problems():
    bound = _bound({"family_name": {"column": "Name"}, "arrival": {"column": "In"},
                    "departure": {"column": "In", "add_days": ["N"]}},
                   ["Name", "In", "N"])
    for nights in ("²", "9" * 5000):
        _out, problems = bound.apply(2, ["Li", "2026-01-01", nights])
        assert [p.reason for p in problems] == ["nights_number"], nights
    _out, problems = bound.apply(2, ["Li", "9999-12-30", "5"])
    assert [p.reason for p in problems] == ["no_such_date"]
