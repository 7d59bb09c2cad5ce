"""Phones and e-mail addresses: one stored form each, and the key used to match and search them.

Phones are stored in E.164 (``+8613812345678``; default region CN, so a bare mainland mobile
number is understood); their key is the E.164 digits, which suffix search runs on. E-mails keep
the local part as typed (some servers are case-sensitive there) with the domain in lower case;
their key is the whole address in lower case.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .errors import ValidationError

DEFAULT_REGION = "CN"
MAX_EMAIL = 254
MAX_LOCAL = 64
_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-]+)*$")
_LABEL = re.compile(r"^[a-z0-9]([a-z0-9\-]{0,61}[a-z0-9])?$")


def normalize_phone(value: str | None, default_region: str = DEFAULT_REGION, field: str = "phone") -> str:
    """The E.164 form of a phone number, or ``ValidationError(field, "invalid_phone")``."""
    text = unicodedata.normalize("NFKC", value or "").strip()
    if not text:
        raise ValidationError(field, "required")
    if text.startswith("00"):
        # International prefix written the European/Chinese way.
        text = "+" + text[2:]
    import phonenumbers  # ~0.06 s of metadata: loaded by the first phone, not by every screen's import

    try:
        parsed = phonenumbers.parse(text, default_region)
    except phonenumbers.NumberParseException:
        raise ValidationError(field, "invalid_phone") from None
    if not phonenumbers.is_valid_number(parsed):
        raise ValidationError(field, "invalid_phone")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def phone_key(e164: str) -> str:
    """The digits of an E.164 number: what matching and 'any 4+ trailing digits' search use."""
    digits = e164[1:] if e164.startswith("+") else e164
    if digits.isdigit():  # the stored E.164 form: nothing to drop but the "+" (an import computes many)
        return digits
    return "".join(ch for ch in e164 if ch.isdigit())


@functools.lru_cache(maxsize=4096)
def display_phone(e164: str) -> str:
    """International format with spaces (``+86 138 1234 5678``) for cards and reports. Cached:
    parsing costs ~0.2 ms and every card read and save formats the guest's phones again."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def normalize_email(value: str | None, field: str = "email") -> str:
    """Trimmed, domain in lower case, simple syntax check (``invalid_email``)."""
    text = unicodedata.normalize("NFKC", value or "").strip()
    if not text:
        raise ValidationError(field, "required")
    local, sep, domain = text.rpartition("@")
    domain = domain.lower().rstrip(".")
    labels = domain.split(".")
    if (
        not sep
        or len(text) > MAX_EMAIL
        or not 0 < len(local) <= MAX_LOCAL
        or not _LOCAL.match(local)
        or len(labels) < 2
        or not all(_LABEL.match(label) for label in labels)
        or labels[-1].isdigit()
    ):
        raise ValidationError(field, "invalid_email")
    return f"{local}@{domain}"


def email_key(email: str) -> str:
    """Matching key: the whole address in lower case."""
    return email.strip().lower()


def contact_key(kind: str, value: str) -> str:
    """The ``value_key`` stored next to a normalised contact."""
    if kind == "phone":
        return phone_key(value)
    if kind == "email":
        return email_key(value)
    return unicodedata.normalize("NFKC", value).strip().lower()
