"""Validators of the guest card: every rule with good and bad values."""

from datetime import date

import pytest

from hotelcrm.domain import guest_rules as r
from hotelcrm.domain.errors import ValidationError
from hotelcrm.domain.id_numbers import resident_id_check_digit

TODAY = date(2026, 11, 23)


def rid(body17: str) -> str:
    return body17 + resident_id_check_digit(body17)


def reason(fn, *args, **kwargs) -> tuple[str, str]:
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return info.value.field, info.value.reason


def general(**over):
    base = dict(family_name="王", given_name="伟", latin_name=None, gender="M", birth_date=date(1985, 3, 1),
                nationality="chn", language="zh", marital_status="married", guest_type=None, vip_code=None,
                position=None, today=TODAY)
    return r.clean_general(**{**base, **over})


def test_general_group_is_cleaned():
    values = general(latin_name="  WANG   Wei ", vip_code="vip1", language="zh_Hant")
    assert values["nationality"] == "CHN"
    assert values["latin_name"] == "WANG Wei"
    assert values["vip_code"] == "VIP1"
    assert values["language"] == "zh-Hant"
    assert values["guest_type"] == "individual"


@pytest.mark.parametrize(("over", "expected"), [
    ({"family_name": "", "given_name": "", "latin_name": None}, ("family_name", "name_required")),
    ({"family_name": "王" * 101}, ("family_name", "too_long")),
    ({"given_name": "伟\n伟"}, ("given_name", "control_characters")),
    ({"gender": "male"}, ("gender", "unknown_code")),
    ({"birth_date": date(2026, 11, 24)}, ("birth_date", "date_in_future")),
    ({"birth_date": date(1899, 12, 31)}, ("birth_date", "date_too_early")),
    ({"nationality": "CN"}, ("nationality", "country_code")),
    ({"nationality": "XYZ"}, ("nationality", "country_code")),
    ({"language": "chinese"}, ("language", "language_code")),
    ({"marital_status": "engaged"}, ("marital_status", "unknown_code")),
    ({"guest_type": "vip"}, ("guest_type", "unknown_code")),
    ({"vip_code": "V I P"}, ("vip_code", "vip_code")),
    ({"latin_name": "王伟"}, ("latin_name", "latin_letters")),
    ({"latin_name": "Иван"}, ("latin_name", "latin_letters")),
    ({"latin_name": "R2D2"}, ("latin_name", "latin_letters")),
    ({"position": "x" * 101}, ("position", "too_long")),
])
def test_general_group_refuses(over, expected):
    assert reason(general, **over) == expected


def test_birth_date_today_and_latin_only_names_are_fine():
    assert general(birth_date=TODAY)["birth_date"] == TODAY
    values = general(family_name="", given_name="", latin_name="José Núñez-O'Brien")
    assert values["latin_name"] == "José Núñez-O'Brien"


@pytest.mark.parametrize(("doc_type", "number", "country", "stored"), [
    ("resident_id", "11010519491231002x", None, "11010519491231002X"),
    ("passport", "E12345678", "CHN", "E12345678"),
    ("passport", "ea1234567", "CHN", "EA1234567"),
    ("passport", "G12345678", "CHN", "G12345678"),
    ("passport", "SE1234567", "CHN", "SE1234567"),
    ("passport", "C01X00T47", "DEU", "C01X00T47"),
    ("passport", "123456789", "USA", "123456789"),
    ("passport", "PA1234567", "AUS", "PA1234567"),
    ("hk_macau_permit", "H12345678", None, "H12345678"),
    ("hk_macau_permit", "M1234567801", None, "M1234567801"),
    ("hk_macau_permit", "CA1234567", None, "CA1234567"),
    ("hk_macau_permit", "W12345678", None, "W12345678"),
    ("taiwan_permit", "12345678", None, "12345678"),
    ("taiwan_permit", "1234567890", None, "1234567890"),
    ("taiwan_permit", "12345678(B)", None, "12345678B"),
    ("taiwan_permit", "L12345678", None, "L12345678"),
    ("other", "AB-12 345", None, "AB12345"),
])
def test_document_formats_accept(doc_type, number, country, stored):
    assert r.clean_document_number(doc_type, number, country, TODAY) == stored


@pytest.mark.parametrize(("doc_type", "number", "country", "why"), [
    ("resident_id", "110105194912310021", None, "id_checksum"),
    ("resident_id", "1101051949", None, "id_length"),
    ("passport", "12345678", "CHN", "cn_passport_format"),
    ("passport", "EO1234567", "CHN", "cn_passport_format"),  # no O in the second place
    ("passport", "ABCDEFGH", "USA", "passport_format"),  # no digit
    ("passport", "1234567890", "USA", "passport_format"),  # too long
    ("passport", "12345", "GBR", "passport_format"),
    ("hk_macau_permit", "H1234567", None, "hk_macau_permit_format"),
    ("hk_macau_permit", "K12345678", None, "hk_macau_permit_format"),
    ("taiwan_permit", "1234567", None, "taiwan_permit_format"),
    ("taiwan_permit", "T12345678", None, "taiwan_permit_format"),
    ("other", "AB1", None, "id_format"),
    ("passport", "", "USA", "required"),
])
def test_document_formats_refuse(doc_type, number, country, why):
    assert reason(r.clean_document_number, doc_type, number, country, TODAY) == ("id_number", why)


def test_document_type_country_and_expiry():
    assert reason(r.clean_document, "visa", "X1234567", None, None) == ("id_type", "unknown_id_type")
    assert reason(r.clean_document, "passport", "123456789", "US", None) == ("issuing_country", "country_code")
    assert reason(r.clean_document, "passport", "123456789", "USA", date(1900, 1, 1)) == ("expiry_date",
                                                                                         "date_too_early")
    doc = r.clean_document("resident_id", rid("11010519850301001"), None, date(2030, 1, 1), TODAY)
    assert doc["issuing_country"] == "CHN"


def test_resident_id_birth_date_disagreement_is_detected():
    number = rid("11010519850301001")
    assert not r.birth_date_disagrees(date(1985, 3, 1), [("resident_id", number)])
    assert r.birth_date_disagrees(date(1985, 3, 2), [("resident_id", number)])
    assert not r.birth_date_disagrees(None, [("resident_id", number)])
    assert not r.birth_date_disagrees(date(1985, 3, 2), [("passport", "E12345678")])


@pytest.mark.parametrize(("kind", "value", "stored"), [
    ("phone", "138 1234 5678", "+8613812345678"),
    ("phone", "0044 20 7946 0958", "+442079460958"),
    ("email", " Wang.Wei@Example.COM ", "wang.wei@example.com"),
    ("wechat", "wxid_abc123", "wxid_abc123"),
    ("wechat", "13812345678", "13812345678"),
    ("other", "LINE: wang", "LINE: wang"),
])
def test_contacts_accept(kind, value, stored):
    assert r.clean_contact(kind, value)["value"] == stored


@pytest.mark.parametrize(("kind", "value", "expected"), [
    ("phone", "12345", ("phone", "invalid_phone")),
    ("phone", "", ("phone", "required")),
    ("email", "wang@", ("email", "invalid_email")),
    ("email", "wang.example.com", ("email", "invalid_email")),
    ("wechat", "1abc", ("wechat", "wechat_id")),
    ("fax", "123", ("contact_kind", "unknown_code")),
])
def test_contacts_refuse(kind, value, expected):
    assert reason(r.clean_contact, kind, value) == expected


def test_address():
    values = r.clean_address(kind=None, line1=" 建国门外大街1号 ", line2=None, city="北京", region=None,
                             postal_code="100004", country="chn")
    assert values["kind"] == "home" and values["line1"] == "建国门外大街1号" and values["country"] == "CHN"
    assert reason(r.clean_address, kind="home", line1="", line2=None, city=None, region=None, postal_code=None,
                  country=None) == ("address_line1", "required")
    assert reason(r.clean_address, kind="office", line1="x", line2=None, city=None, region=None,
                  postal_code=None, country=None) == ("address_kind", "unknown_code")


def special(**over):
    base = dict(kind="birthday", month=3, day=1, year=None, label=None, remind_days_before=7, sensitive=False,
                today=TODAY)
    return r.clean_special_date(**{**base, **over})


def test_special_dates():
    assert special(month=2, day=29)["day"] == 29  # leap-day birthdays exist
    assert special(kind="child_school")["sensitive"] is True  # children's data
    assert reason(special, month=2, day=30) == ("day", "no_such_date")
    assert reason(special, month=2, day=29, year=2023) == ("day", "no_such_date")
    assert reason(special, month=13) == ("month", "out_of_range")
    assert reason(special, year=2027) == ("year", "date_in_future")
    assert special(kind="anniversary", year=2027)["year"] == 2027  # only birthdays are bounded by today
    assert reason(special, remind_days_before=61) == ("remind_days_before", "out_of_range")
    assert reason(special, kind="holiday") == ("special_date_kind", "unknown_code")


def test_next_occurrence_recurs_yearly():
    assert r.next_occurrence(3, 1, TODAY) == date(2027, 3, 1)
    assert r.next_occurrence(11, 23, TODAY) == TODAY
    assert r.next_occurrence(12, 24, TODAY) == date(2026, 12, 24)
    assert r.next_occurrence(2, 29, date(2027, 1, 1)) == date(2027, 2, 28)
    assert r.next_occurrence(2, 29, date(2027, 12, 1)) == date(2028, 2, 29)


def test_feedback_consent_blacklist_keys():
    assert r.clean_feedback("praise", "很好")["text"] == "很好"
    assert reason(r.clean_feedback, "praise", "  ") == ("feedback_text", "required")
    assert reason(r.clean_feedback, "complaint", "x") == ("feedback_kind", "unknown_code")
    assert r.clean_consent("sms", "registration card", TODAY, TODAY)["source"] == "registration card"
    assert reason(r.clean_consent, "sms", "", TODAY, TODAY) == ("consent_source", "required")
    assert reason(r.clean_consent, "sms", "web", date(2026, 11, 24), TODAY) == ("consent_date", "date_in_future")
    assert reason(r.clean_consent, "fax", "web", TODAY, TODAY) == ("consent_channel", "unknown_code")
    assert r.clean_blacklist_reason(False, "anything") is None
    assert reason(r.clean_blacklist_reason, True, " ") == ("blacklist_reason", "required")
    assert r.check_key(" Pillow_Height ", "pref_key") == "pillow_height"
    assert reason(r.check_key, "1pillow", "pref_key") == ("pref_key", "key_chars")


def test_display_name():
    assert r.display_name("王", "伟", None) == "王伟"
    assert r.display_name("Smith", "John", "SMITH JOHN") == "Smith John"
    assert r.display_name("", "", "José Núñez") == "José Núñez"
