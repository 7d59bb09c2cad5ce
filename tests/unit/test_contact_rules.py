"""Phone numbers to E.164 and their search key; e-mail normalisation."""

import pytest

from hotelcrm.domain.contact_rules import (
    contact_key,
    display_phone,
    email_key,
    normalize_email,
    normalize_phone,
    phone_key,
)
from hotelcrm.domain.errors import ValidationError


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("13812345678", "+8613812345678"),  # a bare mainland mobile: region CN by default
        ("138 1234 5678", "+8613812345678"),
        ("+86 138-1234-5678", "+8613812345678"),
        ("008613812345678", "+8613812345678"),
        ("１３８１２３４５６７８", "+8613812345678"),  # full-width digits from a Chinese IME
        ("010 6512 3456", "+861065123456"),  # Beijing landline
        ("+44 20 7946 0958", "+442079460958"),
        ("+1 415 555 2671", "+14155552671"),
    ],
)
def test_phones_become_e164(typed, e164):
    assert normalize_phone(typed) == e164


def test_default_region_can_be_changed():
    assert normalize_phone("020 7946 0958", default_region="GB") == "+442079460958"


@pytest.mark.parametrize("bad", ["12345", "1381234567", "+86 999 1234 5678", "phone", "+"])
def test_invalid_phone_is_refused(bad):
    with pytest.raises(ValidationError) as err:
        normalize_phone(bad)
    assert (err.value.field, err.value.reason) == ("phone", "invalid_phone")


def test_empty_phone_is_required():
    with pytest.raises(ValidationError) as err:
        normalize_phone("  ")
    assert err.value.reason == "required"


def test_phone_key_and_display():
    assert phone_key("+8613812345678") == "8613812345678"
    assert contact_key("phone", "+8613812345678").endswith("5678")
    assert display_phone("+8613812345678") == "+86 138 1234 5678"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Zhang.Wei@QQ.COM ", "Zhang.Wei@qq.com"),
        ("a+tag@sub.example.com.cn", "a+tag@sub.example.com.cn"),
        ("o'brien@Example.IE", "o'brien@example.ie"),
    ],
)
def test_email_normalisation_keeps_local_part(typed, stored):
    assert normalize_email(typed) == stored


@pytest.mark.parametrize(
    "bad", ["plainaddress", "@qq.com", "a@b", "a@@qq.com", "a b@qq.com", "a@qq..com", "a.@qq.com",
            "a@-qq.com", "a@qq.123", "x" * 65 + "@qq.com"],
)
def test_invalid_email_is_refused(bad):
    with pytest.raises(ValidationError) as err:
        normalize_email(bad)
    assert (err.value.field, err.value.reason) == ("email", "invalid_email")


def test_email_key_is_lower_case():
    assert email_key("Zhang.Wei@qq.com") == "zhang.wei@qq.com"
    assert contact_key("email", " Zhang.Wei@QQ.com") == "zhang.wei@qq.com"
