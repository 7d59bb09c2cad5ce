"""The guest CSV rules: the header (any subset, any order, unknown columns refused up front) and
one row turned into card values, with every bad cell named."""

from __future__ import annotations

from datetime import date

import pytest

from hotelcrm.domain import guest_csv
from hotelcrm.domain.errors import ValidationError
from hotelcrm.domain.id_numbers import resident_id_check_digit

TODAY = date(2026, 6, 1)
RID = "11010519850312001" + resident_id_check_digit("11010519850312001")


def parse(header: list[str], cells: list[str], row: int = 2):
    return guest_csv.parse_row(guest_csv.parse_header(header), cells, row, TODAY)


def reasons(problems) -> dict[str, str]:
    return {p.column: p.reason for p in problems}


# ---------------------------------------------------------------- header


def test_any_subset_in_any_order_and_forgiving_spelling():
    header = guest_csv.parse_header(["\ufeffPhone", " Given Name ", "family_name", "", ""])
    assert dict(header.positions) == {"phone": 0, "given_name": 1, "family_name": 2}
    assert set(guest_csv.parse_header(list(reversed(guest_csv.COLUMNS))).positions) == set(guest_csv.COLUMNS)


def test_unknown_columns_are_one_error_naming_all_of_them():
    with pytest.raises(ValidationError) as caught:
        guest_csv.parse_header(["family_name", "room", "Mobile"])
    err = caught.value
    assert (err.field, err.reason) == ("header", "unknown_columns")
    assert err.params["columns"] == "room, Mobile"


@pytest.mark.parametrize("cells, reason", [
    ([], "header_empty"),
    (["", " "], "header_empty"),
    (["family_name", "Family Name"], "duplicate_column"),
    (["phone", "email"], "header_no_name"),
])
def test_bad_headers(cells, reason):
    with pytest.raises(ValidationError) as caught:
        guest_csv.parse_header(cells)
    assert caught.value.reason == reason


# ---------------------------------------------------------------- good rows


def test_a_full_row_becomes_card_values():
    header = list(guest_csv.COLUMNS)
    values = {
        "family_name": "王", "given_name": "伟", "latin_name": "WANG  Wei", "gender": "m", "birth_date": "1985-03-12",
        "nationality": "chn", "id_type": "resident_id", "id_number": RID.lower(), "phone": "138 1234 5678; +44 20 7946 0958",
        "email": "Wang.Wei@Example.COM", "company": "北京某某科技有限公司", "position": "总经理", "language": "zh_CN",
        "vip_code": "v1", "member_no": "M001", "tier": "gold", "preferences": "room.pillow_height=low; Dining.Diet=vegetarian",
        "taboos": "忌讳数字4", "notes": "常住 8 楼", "birthday": "03-12", "anniversary": "2010-10-01",
    }
    row, problems = parse(header, [values[c] for c in header])
    assert problems == []
    assert row.general == {
        "family_name": "王", "given_name": "伟", "latin_name": "WANG Wei", "gender": "M",
        "birth_date": date(1985, 3, 12), "nationality": "CHN", "language": "zh-CN", "vip_code": "V1",
        "position": "总经理", "taboos": "忌讳数字4", "notes": "常住 8 楼"}
    assert row.documents == ({"doc_type": "resident_id", "number": RID, "issuing_country": "CHN",
                              "expiry_date": None},)
    assert [(c["kind"], c["value"]) for c in row.contacts] == [
        ("phone", "+8613812345678"), ("phone", "+442079460958"), ("email", "wang.wei@example.com")]
    assert row.company == "北京某某科技有限公司"
    assert row.preferences == (("room", "pillow_height", "low"), ("dining", "diet", "vegetarian"))
    assert [(d["kind"], d["month"], d["day"], d["year"]) for d in row.special_dates] == [
        ("birthday", 3, 12, None), ("anniversary", 10, 1, 2010)]
    assert {(w.column, w.reason, w.level) for w in row.warnings} == {
        ("member_no", "ignored_until_loyalty", "warning"), ("tier", "ignored_until_loyalty", "warning")}


def test_a_passport_is_checked_by_the_nationality_that_issued_it():
    header = ["latin_name", "nationality", "id_type", "id_number"]
    row, problems = parse(header, ["John Smith", "USA", "passport", "A1234567"])
    assert problems == [] and row.documents[0]["issuing_country"] == "USA"
    _, problems = parse(header, ["Wang Wei", "CHN", "passport", "A1234567"])
    assert reasons(problems) == {"id_number": "cn_passport_format"}


def test_short_rows_and_empty_cells_are_fine():
    row, problems = parse(["family_name", "given_name", "phone"], ["Smith"])
    assert problems == [] and row.general == {"family_name": "Smith"} and row.contacts == ()


def test_resident_id_birth_date_disagreeing_is_a_warning_not_an_error():
    row, problems = parse(["family_name", "birth_date", "id_type", "id_number"], ["王", "1985-03-13", "resident_id", RID])
    assert problems == []
    assert [(w.column, w.reason) for w in row.warnings] == [("birth_date", "id_birth_date_mismatch")]


# ---------------------------------------------------------------- bad rows


def test_every_bad_cell_of_a_row_is_named():
    header = ["family_name", "gender", "birth_date", "nationality", "id_type", "id_number", "phone", "email",
              "preferences", "birthday"]
    bad_rid = RID[:-1] + ("0" if RID[-1] != "0" else "1")
    row, problems = parse(header, ["王" * 101, "Q", "1990-13-01", "ZZZ", "resident_id", bad_rid, "123", "nope",
                                   "likes quiet rooms", "31/12"])
    assert row is None
    assert reasons(problems) == {
        "family_name": "too_long", "gender": "unknown_code", "birth_date": "no_such_date",
        "nationality": "country_code", "id_number": "id_checksum", "phone": "invalid_phone", "email": "invalid_email",
        "preferences": "preference_format", "birthday": "yearly_date_format"}
    assert all(p.row == 2 and p.level == "error" for p in problems)


@pytest.mark.parametrize("column, value, reason", [
    ("birth_date", "12/03/1985", "date_format"),
    ("birth_date", "2030-01-01", "date_in_future"),
    ("gender", "male", "unknown_code"),
    ("birthday", "02-30", "no_such_date"),
    ("anniversary", "13-01", "out_of_range"),
    ("preferences", "bar.pillow=low", "unknown_code"),
    ("latin_name", "王伟", "latin_letters"),
    ("vip_code", "VIP code!", "vip_code"),
])
def test_single_bad_cells(column, value, reason):
    header = ["family_name", column]
    row, problems = parse(header, ["王", value])
    assert row is None and reasons(problems) == {column: reason}


def test_a_row_needs_a_name_and_document_type_and_number_go_together():
    _, problems = parse(["family_name", "phone"], ["", "13812345678"])
    assert reasons(problems) == {"family_name": "name_required"}
    _, problems = parse(["family_name", "id_type", "id_number"], ["王", "", RID])
    assert reasons(problems) == {"id_type": "required"}
    _, problems = parse(["family_name", "id_type", "id_number"], ["王", "resident_id", ""])
    assert reasons(problems) == {"id_number": "required"}
    _, problems = parse(["family_name", "id_type", "id_number"], ["王", "driving_licence", "X123456"])
    assert reasons(problems) == {"id_type": "unknown_code"}


def test_more_cells_than_columns_is_refused():
    row, problems = parse(["family_name"], ["王", "extra"])
    assert row is None and [p.reason for p in problems] == ["too_many_cells"]
    row, problems = parse(["family_name"], ["王", " "])
    assert row is not None and problems == []


def test_problems_turn_back_into_translatable_errors():
    _, problems = parse(["family_name", "gender"], ["王", "Q"])
    err = problems[0].as_error()
    assert (err.field, err.reason, err.params.get("value")) == ("gender", "unknown_code", "Q")


def test_formula_cells_are_neutralised_and_read_back():
    assert guest_csv.neutralise_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert [guest_csv.neutralise_cell(t) for t in ("+8613812345678", "-1", "@SUM(A1)", "王伟", "")] == [
        "'+8613812345678", "'-1", "'@SUM(A1)", "王伟", ""]
    row, problems = parse(["family_name", "phone", "notes"], ["王", "'+8613812345678", "'it's fine"])
    assert problems == [] and row.contacts[0]["value"] == "+8613812345678"
    assert row.general["notes"] == "'it's fine"  # only an apostrophe before = + - @ is taken off


def test_yearly_dates_round_trip():
    assert guest_csv.format_yearly_date(3, 12, None) == "03-12"
    assert guest_csv.format_yearly_date(5, 20, 2012) == "2012-05-20"
    assert guest_csv.parse_yearly_date("--03-12", "birthday")["month"] == 3
