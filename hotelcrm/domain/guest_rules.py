"""Validation of the guest card: the general group, ID documents by type, contacts, addresses,
special dates and the small personal items. Pure: values in, cleaned values or
``ValidationError(field, reason)`` out.

Document formats (after ``id_numbers.normalize_document_number``; parentheses are dropped too):
- resident ID (居民身份证, also the 18-digit residence permits of HK/Macau/Taiwan residents):
  GB 11643 (``id_numbers.parse_resident_id``);
- passport: Chinese passports ``E12345678``, ``EA1234567``, ``G12345678``, diplomatic/service
  ``D``/``S``/``P`` + 8 digits or ``DE``/``SE``/``PE`` + 7 digits; any other issuing country the
  ICAO 9303 document number: 6-9 letters and digits with at least one digit;
- HK/Macau permit: 港澳居民来往内地通行证 ``H``/``M`` + 8 digits (old cards: + 10 digits), and the
  mainland residents' 往来港澳通行证 ``C`` + 8 characters or the old ``W`` + 8 digits;
- Taiwan permit: 台湾居民来往大陆通行证 8 digits (old: 10 digits, or 8 digits and a letter
  such as ``12345678B``), and the mainland residents' 大陆居民往来台湾通行证 ``L`` + 8 digits;
- other: 5-20 letters and digits.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from . import codes
from .contact_rules import normalize_email, normalize_phone
from .country_codes import ISO_ALPHA3
from .errors import ValidationError
from .id_numbers import normalize_document_number, parse_resident_id, validate_document
from .name_keys import has_han
from .text_rules import clean_text

EARLIEST_BIRTH = date(1900, 1, 1)
EARLIEST_EXPIRY = date(1950, 1, 1)
MAX_NOTE = 4000
_LATIN_NAME = re.compile(r"^[^\W\d_]+(?:[ '\-.,][^\W\d_]*)*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$")
_VIP_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_\-]{0,19}$")
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_CN_PASSPORT = re.compile(r"^(?:E[0-9A-HJ-NP-Z][0-9]{7}|[EGDSP][0-9]{8}|(?:DE|SE|PE)[0-9]{7})$")
_ICAO_PASSPORT = re.compile(r"^(?=[A-Z0-9]*[0-9])[A-Z0-9]{6,9}$")
_HK_MACAU = re.compile(r"^(?:[HM][0-9]{8}(?:[0-9]{2})?|C[0-9A-Z][0-9]{7}|W[0-9]{8})$")
_TAIWAN = re.compile(r"^(?:[0-9]{8}(?:[0-9]{2}|[A-Z])?|L[0-9]{8})$")
_DOC_PATTERNS = {"hk_macau_permit": _HK_MACAU, "taiwan_permit": _TAIWAN}


# ---------------------------------------------------------------- codes and small fields


def check_code(value: str | None, allowed: tuple[str, ...], field: str, *, required: bool = False) -> str | None:
    """``value`` if it is one of ``allowed``; empty optional values become None."""
    if value is None or value == "":
        if required:
            raise ValidationError(field, "required")
        return None
    if value not in allowed:
        raise ValidationError(field, "unknown_code", value=value)
    return value


def check_country(value: str | None, field: str = "nationality") -> str | None:
    """An ISO 3166 alpha-3 code (upper-cased), or None."""
    text = (value or "").strip().upper()
    if not text:
        return None
    if text not in ISO_ALPHA3:
        raise ValidationError(field, "country_code", value=value)
    return text


def check_language(value: str | None, field: str = "language") -> str | None:
    """An ISO 639 code, optionally with a region or script: ``zh``, ``en``, ``zh-Hant``."""
    text = (value or "").strip().replace("_", "-")
    if not text:
        return None
    if not _LANGUAGE.match(text) or len(text) > 10:
        raise ValidationError(field, "language_code", value=value)
    primary, _, rest = text.partition("-")
    return primary.lower() + (f"-{rest}" if rest else "")


def check_birth_date(value: date | None, today: date | None = None, field: str = "birth_date") -> date | None:
    """A birth date in the past (today allowed) and not before 1900."""
    if value is None:
        return None
    if value > (today or date.today()):
        raise ValidationError(field, "date_in_future")
    if value < EARLIEST_BIRTH:
        raise ValidationError(field, "date_too_early", min=EARLIEST_BIRTH.isoformat())
    return value


def check_vip_code(value: str | None) -> str | None:
    text = (value or "").strip().upper()
    if not text:
        return None
    if not _VIP_CODE.match(text):
        raise ValidationError("vip_code", "vip_code")
    return text


def check_latin_name(value: str | None) -> str | None:
    """The passport spelling: Latin letters (accents allowed), spaces, ' - . , only."""
    text = clean_text(value, "latin_name", max_len=200)
    if text is None:
        return None
    text = " ".join(text.split())
    if has_han(text) or not _LATIN_NAME.match(text) or not all(_is_latin(ch) for ch in text if ch.isalpha()):
        raise ValidationError("latin_name", "latin_letters")
    return text


def _is_latin(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("LATIN")


def check_key(value: str | None, field: str) -> str:
    """Codes an admin types (preference keys and values): lower-case letters, digits, '_'."""
    text = (value or "").strip().lower()
    if not text:
        raise ValidationError(field, "required")
    if not _KEY.match(text):
        raise ValidationError(field, "key_chars")
    return text


def check_note(value: str | None, field: str, *, required: bool = False, max_len: int = MAX_NOTE) -> str | None:
    return clean_text(value, field, required=required, max_len=max_len, multiline=True)


# ---------------------------------------------------------------- the general group


def clean_general(*, family_name: str | None, given_name: str | None, latin_name: str | None,
                  gender: str | None, birth_date: date | None, nationality: str | None,
                  language: str | None, marital_status: str | None, guest_type: str | None,
                  vip_code: str | None, position: str | None, today: date | None = None) -> dict:
    """The cleaned columns of the general group. A card needs a name: in the guest's script
    (family or given name) or a Latin spelling."""
    values = {
        "family_name": clean_text(family_name, "family_name", max_len=100) or "",
        "given_name": clean_text(given_name, "given_name", max_len=100) or "",
        "latin_name": check_latin_name(latin_name),
        "gender": check_code(gender, codes.GENDER, "gender"),
        "birth_date": check_birth_date(birth_date, today),
        "nationality": check_country(nationality),
        "language": check_language(language),
        "marital_status": check_code(marital_status, codes.MARITAL_STATUS, "marital_status"),
        "guest_type": check_code(guest_type or "individual", codes.GUEST_TYPE, "guest_type"),
        "vip_code": check_vip_code(vip_code),
        "position": clean_text(position, "position", max_len=100),
    }
    if not (values["family_name"] or values["given_name"] or values["latin_name"]):
        raise ValidationError("family_name", "name_required")
    return values


def display_name(family_name: str, given_name: str, latin_name: str | None) -> str:
    """王伟 for Chinese names (no space), 'Smith John' otherwise; the Latin name as last resort."""
    family, given = family_name or "", given_name or ""
    if has_han(family) or has_han(given):
        return family + given
    return " ".join(p for p in (family, given) if p) or (latin_name or "")


# ---------------------------------------------------------------- documents


def clean_document_number(doc_type: str, number: str | None, issuing_country: str | None = None,
                          today: date | None = None) -> str:
    """The normalised number of a document, checked against its type's format."""
    if doc_type not in codes.ID_TYPE:
        raise ValidationError("id_type", "unknown_id_type", value=doc_type)
    if doc_type in ("resident_id", "other"):
        return validate_document(doc_type, number, today)
    text = normalize_document_number(number).replace("(", "").replace(")", "")
    if not text:
        raise ValidationError("id_number", "required")
    if doc_type == "passport":
        pattern = _CN_PASSPORT if issuing_country == "CHN" else _ICAO_PASSPORT
        if not pattern.match(text):
            raise ValidationError("id_number", "cn_passport_format" if issuing_country == "CHN"
                                  else "passport_format")
        return text
    if not _DOC_PATTERNS[doc_type].match(text):
        raise ValidationError("id_number", f"{doc_type}_format")
    return text


def clean_document(doc_type: str, number: str | None, issuing_country: str | None,
                   expiry_date: date | None, today: date | None = None) -> dict:
    country = check_country(issuing_country, "issuing_country")
    if doc_type == "resident_id" and country is None:
        country = "CHN"
    if expiry_date is not None and expiry_date < EARLIEST_EXPIRY:
        raise ValidationError("expiry_date", "date_too_early", min=EARLIEST_EXPIRY.isoformat())
    return {
        "doc_type": doc_type,
        "number": clean_document_number(doc_type, number, country, today),
        "issuing_country": country,
        "expiry_date": expiry_date,
    }


def resident_id_birth_date(doc_type: str, number: str) -> date | None:
    if doc_type != "resident_id":
        return None
    try:
        return parse_resident_id(number).birth_date
    except ValidationError:
        return None


def birth_date_disagrees(birth: date | None, documents: list[tuple[str, str]]) -> bool:
    """True when a resident ID's embedded birth date differs from the card's birth date (a
    warning: the clerk may have typed either wrong, or the ID belongs to someone else)."""
    if birth is None:
        return False
    embedded = {resident_id_birth_date(t, n) for t, n in documents} - {None}
    return any(d != birth for d in embedded)


# ---------------------------------------------------------------- contacts and addresses

_WECHAT = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]{5,19}$|^\+?[0-9]{6,15}$")


def clean_contact(kind: str, value: str | None, label: str | None = None) -> dict:
    """Phones in E.164 (default region CN), e-mails in lower case, WeChat IDs by their rules."""
    check_code(kind, codes.CONTACT_KIND, "contact_kind", required=True)
    if kind == "phone":
        stored = normalize_phone(value)
    elif kind == "email":
        stored = normalize_email(value).lower()
    elif kind == "wechat":
        stored = clean_text(value, "wechat", required=True, max_len=20)
        if not _WECHAT.match(stored):
            raise ValidationError("wechat", "wechat_id")
    else:
        stored = clean_text(value, "contact", required=True, max_len=254)
    return {"kind": kind, "value": stored, "label": clean_text(label, "contact_label", max_len=50)}


def clean_address(*, kind: str | None, line1: str | None, line2: str | None, city: str | None,
                  region: str | None, postal_code: str | None, country: str | None) -> dict:
    return {
        "kind": check_code(kind or "home", codes.ADDRESS_KIND, "address_kind"),
        "line1": clean_text(line1, "address_line1", required=True, max_len=300),
        "line2": clean_text(line2, "address_line2", max_len=300),
        "city": clean_text(city, "city", max_len=100),
        "region": clean_text(region, "region", max_len=100),
        "postal_code": clean_text(postal_code, "postal_code", max_len=20),
        "country": check_country(country, "country"),
    }


# ---------------------------------------------------------------- personal group


def clean_special_date(*, kind: str, month: int, day: int, year: int | None, label: str | None,
                       remind_days_before: int, sensitive: bool, today: date | None = None) -> dict:
    """A yearly date. 29 February is allowed (reminded on 28 February in common years); with a
    year the whole date must exist, and a birthday must not lie in the future."""
    check_code(kind, codes.SPECIAL_DATE_KIND, "special_date_kind", required=True)
    if not (isinstance(month, int) and 1 <= month <= 12):
        raise ValidationError("month", "out_of_range", min=1, max=12)
    try:
        date(year or 2000, month, day)  # 2000 is a leap year
    except (TypeError, ValueError):
        raise ValidationError("day", "no_such_date") from None
    if year is not None:
        if not 1900 <= year <= 2200:
            raise ValidationError("year", "out_of_range", min=1900, max=2200)
        if kind == "birthday" and date(year, month, day) > (today or date.today()):
            raise ValidationError("year", "date_in_future")
    if not (isinstance(remind_days_before, int) and 0 <= remind_days_before <= 60):
        raise ValidationError("remind_days_before", "out_of_range", min=0, max=60)
    return {
        "kind": kind, "month": month, "day": day, "year": year,
        "label": clean_text(label, "special_date_label", max_len=200),
        "remind_days_before": remind_days_before,
        # A child's school start is children's data: always sensitive.
        "sensitive": bool(sensitive) or kind == "child_school",
    }


def next_occurrence(month: int, day: int, today: date) -> date:
    """The next date (today included) a yearly date falls on; 29 Feb → 28 Feb in common years."""
    for year in (today.year, today.year + 1):
        try:
            when = date(year, month, day)
        except ValueError:
            when = date(year, month, day - 1)
        if when >= today:
            return when
    raise AssertionError("unreachable")


def clean_feedback(kind: str, text: str | None) -> dict:
    check_code(kind, codes.FEEDBACK_KIND, "feedback_kind", required=True)
    return {"kind": kind, "text": check_note(text, "feedback_text", required=True)}


def clean_consent(channel: str, source: str | None, given_on: date | None, today: date | None = None) -> dict:
    check_code(channel, codes.CONSENT_CHANNEL, "consent_channel", required=True)
    if given_on is None:
        raise ValidationError("consent_date", "required")
    if given_on > (today or date.today()):
        raise ValidationError("consent_date", "date_in_future")
    return {"channel": channel, "given_on": given_on,
            "source": clean_text(source, "consent_source", required=True, max_len=100)}


def clean_blacklist_reason(blacklisted: bool, reason: str | None) -> str | None:
    """Blacklisting needs a reason (it is shown at check-in); lifting it clears the reason."""
    if not blacklisted:
        return None
    return check_note(reason, "blacklist_reason", required=True, max_len=1000)
