"""Resident ID (GB 11643) rules, document normalisation, masking and the keyed hash."""

from datetime import date

import pytest

from hotelcrm.domain.errors import ValidationError
from hotelcrm.domain.id_numbers import (
    document_hash,
    is_valid_resident_id,
    mask_document_number,
    normalize_document_number,
    parse_resident_id,
    resident_id_check_digit,
    validate_document,
)

# The two examples printed in GB 11643 itself, and two more checked by hand with the standard's
# weights (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) and check characters (1 0 X 9 8 7 6 5 4 3 2).
VALID = ["11010519491231002X", "440524188001010014", "110101199003074477", "32031119701212541X"]


@pytest.mark.parametrize("number", VALID)
def test_known_valid_numbers_pass(number):
    assert is_valid_resident_id(number)
    assert resident_id_check_digit(number[:17]) == number[17]


def test_parts_of_a_valid_number():
    rid = parse_resident_id("11010519491231002X")
    assert rid.region_code == "110105"
    assert rid.birth_date == date(1949, 12, 31)
    assert rid.gender == "F"  # 17th digit 2: even
    assert parse_resident_id("440524188001010014").gender == "M"


def test_lower_case_x_spaces_and_full_width_digits_are_normalised():
    assert parse_resident_id(" 110105 19491231 002x ").number == "11010519491231002X"
    assert parse_resident_id("１１０１０５１９４９１２３１００２Ｘ").number == "11010519491231002X"


@pytest.mark.parametrize("wrong", ["110105194912310020", "110105194912310021", "440524188001010015",
                                   "320311197012125411"])
def test_wrong_check_digit_is_refused(wrong):
    with pytest.raises(ValidationError) as err:
        parse_resident_id(wrong)
    assert (err.value.field, err.value.reason) == ("id_number", "id_checksum")


def _with_check(first17: str) -> str:
    return first17 + resident_id_check_digit(first17)


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("", "required"),
        ("11010519491231002", "id_length"),
        ("11010519491231002XX", "id_length"),
        ("1101051949123100AX", "id_characters"),
        ("11010519491231002Y", "id_characters"),
        (_with_check("00000019800101001"), "id_region"),
        (_with_check("11010519800230001"), "id_birth_date"),
        (_with_check("11010519801301001"), "id_birth_date"),
        (_with_check("11010520990101001"), "id_birth_future"),
    ],
)
def test_invalid_numbers_name_the_reason(number, reason):
    with pytest.raises(ValidationError) as err:
        parse_resident_id(number, today=date(2026, 1, 1))
    assert err.value.reason == reason
    assert err.value.field == "id_number"


def test_birth_date_today_is_allowed_tomorrow_is_not():
    today = date(2026, 3, 1)
    assert is_valid_resident_id(_with_check("11010520260301001"), today)
    assert not is_valid_resident_id(_with_check("11010520260302001"), today)


def test_swapped_digits_are_caught():
    # The commonest typing error at the desk: two neighbouring digits swapped.
    with pytest.raises(ValidationError) as err:
        parse_resident_id("11010519491231020X")
    assert err.value.reason == "id_checksum"


def test_check_digit_needs_seventeen_digits():
    with pytest.raises(ValidationError):
        resident_id_check_digit("1101051949123100")


def test_passports_and_permits_are_normalised_and_checked():
    assert validate_document("passport", " e1234 5678 ") == "E12345678"
    assert validate_document("resident_id", "11010519491231002x") == "11010519491231002X"
    with pytest.raises(ValidationError) as err:
        validate_document("passport", "12#4")
    assert err.value.reason == "id_format"
    with pytest.raises(ValidationError) as err:
        validate_document("driving_licence", "123456")
    assert (err.value.field, err.value.reason) == ("id_type", "unknown_id_type")
    with pytest.raises(ValidationError) as err:
        validate_document("resident_id", "110105194912310020")
    assert err.value.reason == "id_checksum"


def test_normalisation():
    assert normalize_document_number("ab-12 34/56") == "AB123456"
    assert normalize_document_number(None) == ""


def test_hash_is_keyed_and_matches_equal_numbers():
    key = b"k" * 32
    h = document_hash("resident_id", "11010519491231002X", key)
    assert len(h) == 64 and "11010519491231002X" not in h
    assert document_hash("resident_id", " 110105 19491231002x", key) == h  # same number, typed differently
    assert document_hash("resident_id", "11010519491231002X", b"x" * 32) != h  # another hotel's key
    assert document_hash("passport", "11010519491231002X", key) != h  # the type is part of the message
    with pytest.raises(ValueError):
        document_hash("passport", "E12345678", b"")


def test_masking():
    assert mask_document_number("11010519491231002X") == "110105********002X"
    assert mask_document_number("E12345678") == "E1***5678"
    assert mask_document_number("1234") == "****"
