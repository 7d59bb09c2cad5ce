"""Issue 9 item 4, domain layer: every validator in hotelcrm/domain, fed huge strings, control
characters, emoji, mixed scripts, SQL-looking text, odd numbers and dates out of range, either
returns a value or raises ``HotelCrmError`` (``ValidationError`` naming a field) — never another
exception. A few round-trip properties on top. Example counts: tests/hardening/fuzz_inputs.py."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hotelcrm.domain import (
    codes,
    complaint_rules,
    contact_rules,
    guest_csv,
    guest_rules,
    id_numbers,
    import_mapping,
    logbook_entries,
    logbook_incidents,
    logbook_shifts,
    loyalty_points,
    loyalty_tiers,
    stay_csv,
    stay_rules,
    text_rules,
)
from hotelcrm.domain.errors import HotelCrmError, ValidationError
from tests.hardening.fuzz_inputs import (
    FUZZ,
    any_date,
    any_datetime,
    anything,
    big_int,
    maybe_date,
    maybe_text,
    nasty_text,
)

TODAY = date(2026, 11, 24)


def code_or(values: tuple[str, ...]):
    return st.one_of(st.sampled_from(values), nasty_text)


def _targets():
    return {"guests": guest_csv.COLUMNS, "stays": stay_csv.COLUMNS}


_FIELD_SPEC = st.one_of(anything, st.fixed_dictionaries({"column": nasty_text}, optional={
    "add_days": st.lists(nasty_text, max_size=2), "date_format": nasty_text,
    "values": st.dictionaries(nasty_text, nasty_text, max_size=2), "if_invalid": nasty_text}))
MAPPING_DATA = st.one_of(anything, st.fixed_dictionaries(
    {"name": nasty_text, "kind": st.sampled_from(["guests", "stays", "x"]),
     "fields": st.dictionaries(st.one_of(nasty_text, st.sampled_from(guest_csv.COLUMNS)), _FIELD_SPEC, max_size=4)},
    optional={"description": anything}))

# name -> function(draw) calling one validator with drawn arguments
CASES = {
    "id.normalize": lambda d: id_numbers.normalize_document_number(d(maybe_text)),
    "id.parse_resident_id": lambda d: id_numbers.parse_resident_id(d(maybe_text), d(maybe_date)),
    "id.is_valid_resident_id": lambda d: id_numbers.is_valid_resident_id(d(maybe_text), TODAY),
    "id.validate_document": lambda d: id_numbers.validate_document(d(code_or(codes.ID_TYPE)), d(maybe_text), TODAY),
    "id.mask": lambda d: id_numbers.mask_document_number(d(maybe_text)),
    "contact.phone": lambda d: contact_rules.normalize_phone(d(maybe_text)),
    "contact.email": lambda d: contact_rules.normalize_email(d(maybe_text)),
    "guest.check_country": lambda d: guest_rules.check_country(d(maybe_text)),
    "guest.check_language": lambda d: guest_rules.check_language(d(maybe_text)),
    "guest.check_birth_date": lambda d: guest_rules.check_birth_date(d(maybe_date), TODAY),
    "guest.check_vip_code": lambda d: guest_rules.check_vip_code(d(maybe_text)),
    "guest.check_latin_name": lambda d: guest_rules.check_latin_name(d(maybe_text)),
    "guest.check_key": lambda d: guest_rules.check_key(d(maybe_text), "pref_key"),
    "guest.check_note": lambda d: guest_rules.check_note(d(maybe_text), "note"),
    "guest.clean_general": lambda d: guest_rules.clean_general(
        family_name=d(maybe_text), given_name=d(maybe_text), latin_name=d(maybe_text),
        gender=d(st.one_of(st.none(), code_or(codes.GENDER))), birth_date=d(maybe_date),
        nationality=d(maybe_text), language=d(maybe_text),
        marital_status=d(st.one_of(st.none(), code_or(codes.MARITAL_STATUS))),
        guest_type=d(st.one_of(st.none(), code_or(codes.GUEST_TYPE))), vip_code=d(maybe_text),
        position=d(maybe_text), today=TODAY),
    "guest.clean_document": lambda d: guest_rules.clean_document(
        d(code_or(codes.ID_TYPE)), d(maybe_text), d(maybe_text), d(maybe_date), d(maybe_date)),
    "guest.clean_contact": lambda d: guest_rules.clean_contact(d(code_or(codes.CONTACT_KIND)), d(maybe_text),
                                                               d(maybe_text)),
    "guest.clean_address": lambda d: guest_rules.clean_address(
        kind=d(st.one_of(st.none(), code_or(codes.ADDRESS_KIND))), line1=d(maybe_text), line2=d(maybe_text),
        city=d(maybe_text), region=d(maybe_text), postal_code=d(maybe_text), country=d(maybe_text)),
    "guest.clean_special_date": lambda d: guest_rules.clean_special_date(
        kind=d(code_or(codes.SPECIAL_DATE_KIND)), month=d(big_int), day=d(big_int),
        year=d(st.one_of(st.none(), big_int)), label=d(maybe_text), remind_days_before=d(big_int),
        sensitive=d(st.booleans()), today=TODAY),
    "guest.clean_feedback": lambda d: guest_rules.clean_feedback(d(code_or(codes.FEEDBACK_KIND)), d(maybe_text)),
    "guest.clean_consent": lambda d: guest_rules.clean_consent(d(code_or(codes.CONSENT_CHANNEL)), d(maybe_text),
                                                               d(maybe_date), TODAY),
    "guest.clean_blacklist_reason": lambda d: guest_rules.clean_blacklist_reason(d(st.booleans()), d(maybe_text)),
    "stay.check_stay_dates": lambda d: stay_rules.check_stay_dates(d(any_date), d(any_date)),
    "stay.check_past_stay_dates": lambda d: stay_rules.check_past_stay_dates(d(maybe_date), d(any_date), TODAY),
    "stay.check_checkin_arrival": lambda d: stay_rules.check_checkin_arrival(d(maybe_date), TODAY),
    "stay.check_actual_departure": lambda d: stay_rules.check_actual_departure(d(any_date), d(maybe_date), TODAY),
    "stay.check_amount": lambda d: stay_rules.check_amount(d(anything), "rate"),
    "stay.check_persons": lambda d: stay_rules.check_persons(d(anything), d(anything)),
    "stay.parse_money": lambda d: stay_rules.parse_money(d(maybe_text), "rate", d(st.sampled_from(["CNY", "JPY", "KWD", "zz"]))),
    "stay.check_room_no": lambda d: stay_rules.check_room_no(d(maybe_text), required=d(st.booleans())),
    "stay.check_label": lambda d: stay_rules.check_label(d(maybe_text), "room_type"),
    "text.clean_text": lambda d: text_rules.clean_text(d(maybe_text), "x", required=d(st.booleans()),
                                                       multiline=d(st.booleans())),
    "text.clean_username": lambda d: text_rules.clean_username(d(maybe_text)),
    "complaint.normalize_number": lambda d: complaint_rules.normalize_number(d(maybe_text)),
    "complaint.clean_receipt": lambda d: complaint_rules.clean_receipt(
        channel=d(code_or(codes.COMPLAINT_CHANNEL)), severity=d(code_or(codes.SEVERITY)),
        guest_words=d(nasty_text), guest_account=d(maybe_text), room_no=d(maybe_text),
        received_at=d(st.one_of(st.none(), any_datetime)), note=d(maybe_text), now=d(any_datetime)),
    "complaint.clean_reason": lambda d: complaint_rules.clean_reason(d(maybe_text)),
    "complaint.clean_addendum": lambda d: complaint_rules.clean_addendum(d(maybe_text)),
    "complaint.clean_attachment": lambda d: complaint_rules.clean_attachment(
        d(maybe_text), d(st.binary(max_size=64)), d(maybe_text), d(big_int)),
    "complaint.clean_department": lambda d: complaint_rules.clean_department(
        d(nasty_text), d(nasty_text), d(nasty_text), d(st.booleans())),
    "loyalty.check_points": lambda d: loyalty_points.check_points(d(anything), allow_negative=d(st.booleans())),
    "loyalty.check_redeem": lambda d: loyalty_points.check_redeem(d(big_int), d(anything)),
    "loyalty.check_adjust": lambda d: loyalty_points.check_adjust(d(big_int), d(anything)),
    "loyalty.check_tier_code": lambda d: loyalty_tiers.check_tier_code(d(maybe_text)),
    "loyalty.check_threshold": lambda d: loyalty_tiers.check_threshold(d(anything), "min_nights"),
    "loyalty.check_bonus_pct": lambda d: loyalty_tiers.check_bonus_pct(d(anything)),
    "loyalty.check_rank": lambda d: loyalty_tiers.check_rank(d(anything)),
    "loyalty.check_colour": lambda d: loyalty_tiers.check_colour(d(maybe_text)),
    "loyalty.check_name": lambda d: loyalty_tiers.check_name(d(maybe_text), "name_en"),
    "loyalty.check_member_no": lambda d: loyalty_tiers.check_member_no(d(maybe_text)),
    "loyalty.check_reason": lambda d: loyalty_tiers.check_reason(d(maybe_text)),
    "loyalty.add_months": lambda d: loyalty_points.add_months(d(any_date), d(st.integers(0, 1200))),
    "logbook.check_entry_type": lambda d: logbook_entries.check_entry_type(d(maybe_text)),
    "logbook.check_text": lambda d: logbook_entries.check_text(d(maybe_text)),
    "logbook.check_followup": lambda d: logbook_entries.check_followup(
        d(st.booleans()), d(st.one_of(st.none(), any_datetime)), d(any_datetime)),
    "logbook.check_attachment": lambda d: logbook_entries.check_attachment(d(maybe_text), d(big_int)),
    "logbook.check_witness": lambda d: logbook_incidents.check_witness(d(maybe_text), d(maybe_text),
                                                                       d(maybe_text), d(big_int)),
    "logbook.check_optional_amount": lambda d: logbook_incidents.check_optional_amount(d(anything), "asked"),
    "logbook.check_compensation": lambda d: logbook_incidents.check_compensation(
        d(st.one_of(st.none(), big_int)), d(st.one_of(st.none(), big_int)), d(st.booleans())),
    "logbook.check_incident_texts": lambda d: logbook_incidents.check_incident_texts(
        d(maybe_text), d(maybe_text), d(maybe_text), d(maybe_text), d(maybe_text)),
    "logbook.parse_pattern": lambda d: logbook_shifts.parse_pattern(d(anything)),
    "logbook.check_kind": lambda d: logbook_shifts.check_kind(d(maybe_text)),
    "import.check_header_cells": lambda d: import_mapping.check_header_cells(d(st.lists(nasty_text, max_size=6))),
    "import.check_mapping_name": lambda d: import_mapping.check_mapping_name(d(anything)),
    "import.parse_mapping": lambda d: import_mapping.parse_mapping(d(MAPPING_DATA), _targets()),
    "import.month_number": lambda d: import_mapping.month_number(d(nasty_text)),
    "csv.guest_header": lambda d: guest_csv.parse_header(d(st.lists(st.one_of(nasty_text, st.sampled_from(
        guest_csv.COLUMNS)), max_size=8))),
    "csv.guest_iso_date": lambda d: guest_csv.parse_iso_date(d(nasty_text), "birth_date"),
    "csv.guest_yearly_date": lambda d: guest_csv.parse_yearly_date(d(nasty_text), d(st.sampled_from(codes.SPECIAL_DATE_KIND)),
                                                                  TODAY),
    "csv.guest_preferences": lambda d: guest_csv.parse_preferences(d(nasty_text)),
    "csv.stay_header": lambda d: stay_csv.parse_header(d(st.lists(st.one_of(nasty_text, st.sampled_from(
        stay_csv.COLUMNS)), max_size=8))),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_validator_returns_or_raises_a_project_error(name):
    @FUZZ
    @given(st.data())
    def check(data):
        try:
            CASES[name](data.draw)
        except ValidationError as exc:
            assert exc.field and exc.reason, exc
        except HotelCrmError:
            pass

    check()


@FUZZ
@given(st.permutations(guest_csv.COLUMNS).map(lambda c: list(c[:8])), st.lists(st.one_of(nasty_text, any_date.map(
    str)), min_size=0, max_size=10))
def test_guest_csv_rows_parse_or_list_problems(columns, cells):
    try:
        header = guest_csv.parse_header(columns)
    except HotelCrmError:
        return
    row, problems = guest_csv.parse_row(header, cells, 2, TODAY)
    assert (row is None) == bool(problems)
    for problem in problems:
        assert problem.row == 2


@FUZZ
@given(st.permutations(stay_csv.COLUMNS).map(lambda c: list(c[:10])), st.lists(st.one_of(nasty_text, any_date.map(
    str)), min_size=0, max_size=12))
def test_stay_csv_rows_parse_or_list_problems(columns, cells):
    try:
        header = stay_csv.parse_header(columns)
    except HotelCrmError:
        return
    row, problems = stay_csv.parse_row(header, cells, 2, "CNY", TODAY)
    assert (row is None) == bool(problems)


@FUZZ
@given(st.integers(0, stay_rules.MAX_AMOUNT_CENTS),
       st.sampled_from(["CNY", "JPY"]))
def test_money_round_trips(cents, currency):
    assert stay_rules.parse_money(stay_rules.format_money(cents, currency), "rate", currency) == cents


@FUZZ
@given(maybe_text, st.booleans())
def test_clean_text_output_is_clean(text, multiline):
    try:
        cleaned = text_rules.clean_text(text, "x", max_len=200, multiline=multiline)
    except ValidationError:
        return
    if cleaned is not None:
        assert cleaned == cleaned.strip() and 0 < len(cleaned) <= 200
        assert not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in cleaned)


@FUZZ
@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2025, 12, 31)), st.integers(0, 999))
def test_generated_resident_ids_are_valid(birth, serial):
    first17 = f"110101{birth:%Y%m%d}{serial:03d}"
    number = first17 + id_numbers.resident_id_check_digit(first17)
    assert id_numbers.is_valid_resident_id(number, TODAY)
    assert id_numbers.parse_resident_id(number, TODAY).birth_date == birth


@FUZZ
@given(maybe_text)
def test_phone_normalisation_is_idempotent(text):
    try:
        e164 = contact_rules.normalize_phone(text)
    except ValidationError:
        return
    assert contact_rules.normalize_phone(e164) == e164


_BOUND = import_mapping.bind(import_mapping.parse_mapping({
    "name": "fuzz", "kind": "stays", "fields": {
        "family_name": {"column": "Name"},
        "arrival": {"column": "In", "date_format": "%d/%m/%Y"},
        "departure": {"column": "In", "date_format": "%d/%m/%Y", "add_days": ["N1", "N2"]},
        "birth_date": {"date_parts": {"year": "Y", "month": "M", "day": "D"}, "if_invalid": "skip"},
        "gender": {"column": "Sex", "values": {"男": "M", "女": "F"}},
    }}, _targets()), ["Name", "In", "N1", "N2", "Y", "M", "D", "Sex"])


@FUZZ
@given(st.lists(st.one_of(nasty_text, st.integers(-10, 10**6).map(str), any_date.map(lambda d: d.strftime("%d/%m/%Y"))),
                max_size=9))
def test_a_bound_mapping_turns_any_cells_into_values_or_cell_problems(cells):
    values, problems = _BOUND.apply(2, cells)
    assert all(isinstance(v, str) for v in values.values())
    for problem in problems:
        assert problem.row == 2 and problem.field and problem.reason
