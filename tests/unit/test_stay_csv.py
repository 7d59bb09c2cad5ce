"""The application's own stays CSV: header and row rules."""

from __future__ import annotations

from datetime import date

import pytest

from hotelcrm.domain import stay_csv
from hotelcrm.domain.errors import ValidationError

TODAY = date(2026, 11, 23)


def parse(values: dict[str, str]):
    header = stay_csv.parse_header(list(values))
    return stay_csv.parse_row(header, list(values.values()), 2, "CNY", TODAY)


def test_a_good_row_with_defaults():
    row, problems = parse({"phone": "13812345678", "arrival": "2026-10-01", "departure": "2026-10-03",
                           "rate": "688.00", "spend_fnb": "1,234.50", "status": "Checked Out"})
    assert problems == [] and not row.creates_guest
    assert row.guest.contacts[0]["value"] == "+8613812345678"
    assert {k: row.stay[k] for k in ("status", "rate_cents", "spend_fnb_cents", "currency", "adults", "children")} == {
        "status": "checked_out", "rate_cents": 68800, "spend_fnb_cents": 123450, "currency": "CNY", "adults": 1,
        "children": 0}


def test_status_defaults_by_departure():
    past, _ = parse({"email": "a@b.cn", "arrival": "2026-10-01", "departure": "2026-10-03"})
    future, _ = parse({"email": "a@b.cn", "arrival": "2026-12-01", "departure": "2026-12-03"})
    assert (past.stay["status"], future.stay["status"]) == ("checked_out", "expected")


def test_a_named_row_creates_its_guest_and_member_no_is_not_a_warning():
    row, problems = parse({"family_name": "王", "given_name": "伟", "member_no": "M0001", "arrival": "2026-10-01",
                           "departure": "2026-10-01"})
    assert problems == [] and row.creates_guest and row.member_no == "M0001" and row.warnings == ()


def test_every_bad_cell_is_listed():
    row, problems = parse({"email": "not-an-email", "arrival": "2026-10-05", "departure": "2026-10-01",
                           "rate": "-5", "status": "gone", "adults": "0", "children": "x"})
    assert row is None
    assert sorted((p.column, p.reason) for p in problems) == sorted([
        ("email", "invalid_email"), ("departure", "departure_not_after_arrival"), ("rate", "amount_negative"),
        ("status", "stay_status_code"), ("children", "not_a_number")])
    _row, problems = parse({"id_number": "", "arrival": "2026-02-30", "departure": ""})
    assert sorted((p.column, p.reason) for p in problems) == [
        ("arrival", "no_such_date"), ("departure", "required"), ("member_no", "guest_key_required")]


@pytest.mark.parametrize("cells, reason", [
    (["phone", "arrival"], "header_missing_columns"),
    (["room_no", "arrival", "departure"], "header_no_guest_key"),
    (["phone", "arrival", "departure", "credit_card"], "unknown_columns"),
    (["phone", "Arrival", "arrival", "departure"], "duplicate_column"),
])
def test_header_rules(cells, reason):
    with pytest.raises(ValidationError) as caught:
        stay_csv.parse_header(cells)
    assert caught.value.reason == reason
