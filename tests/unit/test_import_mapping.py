"""Column mappings, header checks and cell checks of the import (pure rules)."""

from __future__ import annotations

from datetime import date

import pytest

from hotelcrm.domain import import_mapping as im
from hotelcrm.domain import stay_csv
from hotelcrm.domain.errors import ValidationError
from hotelcrm.services.import_mapping_service import TARGETS, shipped_mappings

TODAY = date(2026, 11, 23)

BOOKING_HEADER = ["row_id", "arrival_date_year", "arrival_date_month", "arrival_date_day_of_month",
                  "stays_in_weekend_nights", "stays_in_week_nights", "adults", "children", "country", "market_segment",
                  "distribution_channel", "assigned_room_type", "adr", "reservation_status", "name", "email",
                  "phone-number", "credit_card"]


def booking_row(**over) -> list[str]:
    values = dict(zip(BOOKING_HEADER, ["7", "2015", "July", "3", "2", "3", "2", "", "CN", "Online TA", "TA/TO", "A",
                                       "107.42", "Canceled", "Ernest Barnes", "Ernest.Barnes31@outlook.com",
                                       "669-792-1661", "************4322"], strict=True))
    values.update(over)
    return [values[c] for c in BOOKING_HEADER]


def test_the_shipped_booking_mapping_turns_a_booking_into_own_stay_columns():
    mapping = shipped_mappings()["booking-demand"]
    assert mapping.kind == "stays" and "credit_card" not in mapping.source_columns()
    bound = im.bind(mapping, BOOKING_HEADER)
    values, problems = bound.apply(2, booking_row())
    assert problems == []
    assert values == {
        "external_ref": "booking-demand:7", "latin_name": "Ernest Barnes", "email": "Ernest.Barnes31@outlook.com",
        "phone": "+1 669-792-1661", "nationality": "CHN", "arrival": "2015-07-03", "departure": "2015-07-08",
        "status": "cancelled", "rate": "107.42", "currency": "EUR", "room_type": "A", "segment": "Online TA",
        "channel": "TA/TO", "adults": "2"}
    assert "4322" not in "".join(values.values())
    header = stay_csv.parse_header(list(values))
    row, problems = stay_csv.parse_row(header, list(values.values()), 2, "CNY", TODAY)
    assert problems == []
    assert (row.stay["status"], row.stay["rate_cents"], row.stay["currency"]) == ("cancelled", 10742, "EUR")
    assert row.stay["departure_date"].isoformat() == "2015-07-08"


@pytest.mark.parametrize("month, expected", [("July", 7), ("jul", 7), ("SEPT", 9), ("7", 7), ("七月", 7), ("12月", 12)])
def test_month_names_and_numbers(month, expected):
    assert im.month_number(month) == expected


def test_conversion_problems_name_the_source_column():
    bound = im.bind(shipped_mappings()["booking-demand"], BOOKING_HEADER)
    _values, problems = bound.apply(5, booking_row(arrival_date_month="Juli"))
    assert {(p.row, p.column, p.reason) for p in problems} == {(5, "arrival_date_month", "month_name")}
    _values, problems = bound.apply(6, booking_row(arrival_date_day_of_month="31", arrival_date_month="June"))
    assert {p.reason for p in problems} == {"no_such_date"}
    _values, problems = bound.apply(7, booking_row(stays_in_week_nights="three"))
    assert [(p.column, p.reason) for p in problems] == [("stays_in_week_nights", "nights_number")]


def test_date_formats_values_joins_and_constants():
    mapping = im.parse_mapping({"name": "pms x", "kind": "stays", "fields": {
        "arrival": {"column": "Arr", "date_format": "%d-%m-%y"},
        "departure": {"column": "Dep", "date_format": "%d/%m/%Y"},
        "latin_name": {"columns": ["First", "Last"]},
        "status": {"column": "St", "values": {"OUT": "checked_out"}},
        "currency": {"value": "USD"}}}, TARGETS)
    bound = im.bind(mapping, ["arr", "DEP", "first", "last", "st"])  # case and spaces do not matter
    values, problems = bound.apply(2, ["01-07-15", "03/07/2015", "Ann", "Lee", "out"])
    assert problems == []
    assert values == {"arrival": "2015-07-01", "departure": "2015-07-03", "latin_name": "Ann Lee",
                      "status": "checked_out", "currency": "USD"}
    _values, problems = bound.apply(3, ["2015-07-01", "03/07/2015", "Ann", "Lee", "out"])
    assert [(p.column, p.reason, dict(p.params)) for p in problems] == [
        ("Arr", "date_not_in_format", {"format": "%d-%m-%y"})]


@pytest.mark.parametrize("fields, reason", [
    ({"arrival": {"column": "credit_card"}}, "mapping_card_column"),
    ({"external_ref": {"columns": ["id", "Card Number"]}}, "mapping_card_column"),
    ({"room_no": {"column": "a", "value": "x"}}, "mapping_one_source"),
    ({"room_no": {}}, "mapping_one_source"),
    ({"password": {"column": "a"}}, "mapping_unknown_target"),
    ({"arrival": {"column": "a", "date_format": "yyyy"}}, "mapping_date_format"),
    ({"arrival": {"column": "a", "when": "now"}}, "mapping_unknown_key"),
    ({"arrival": {"date_parts": {"year": "y", "month": "m"}}}, "mapping_date_parts"),
    ({"arrival": {"column": "a", "if_invalid": "ignore"}}, "mapping_if_invalid"),
    ({}, "mapping_no_fields"),
])
def test_bad_mappings_are_refused_with_the_reason(fields, reason):
    with pytest.raises(ValidationError) as caught:
        im.parse_mapping({"name": "m", "kind": "stays", "fields": fields}, TARGETS)
    assert caught.value.reason == reason


def test_a_mapping_round_trips_through_its_json_form():
    mapping = shipped_mappings()["booking-demand"]
    assert im.parse_mapping(mapping.to_dict(), TARGETS) == mapping


def test_a_file_without_the_mapped_columns_is_refused_before_any_row():
    with pytest.raises(ValidationError) as caught:
        im.bind(shipped_mappings()["booking-demand"], BOOKING_HEADER[:5])
    assert caught.value.reason == "mapping_columns_missing" and "adr" in caught.value.params["columns"]


def test_card_columns_are_recognised():
    assert all(im.is_card_column(c) for c in ("credit_card", "Credit Card", "card_number", "CardNo", "cc_num", "CVV"))
    assert not any(im.is_card_column(c) for c in ("member_no", "room_no", "email", "phone-number", "cardinal"))


def test_header_checks():
    assert im.check_header_cells(["\ufeffa", "b", "", ""]) == ["a", "b"]
    for cells, reason in ((["", ""], "header_empty"), (["a", "", "c"], "header_empty_column"),
                          (["Email", "email"], "duplicate_column"), (["a b", "A  B"], "duplicate_column")):
        with pytest.raises(ValidationError) as caught:
            im.check_header_cells(cells)
        assert caught.value.reason == reason


def test_formula_cells_and_over_long_cells_are_refused():
    problems = im.cell_problems(4, ["a", "b", "c"], ["=HYPERLINK(\"x\")", "x" * 10_000, "+86 138", "'=1"])
    assert [(p.column, p.reason) for p in problems] == [("a", "formula_cell"), ("b", "cell_too_long")]
    assert im.cell_problems(4, ["a"], ["-12", "@home"]) == []
