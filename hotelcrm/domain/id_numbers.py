"""ID document numbers: normalisation, the GB 11643 resident-ID rules, masking, and the keyed
hash used for exact search and matching (the clear number never goes into a search index).

Pure: the hash key is passed in by the caller (see ``settings_service.id_hash_key``).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from operator import mul

from .codes import ID_TYPE
from .errors import ValidationError

FIELD = "id_number"
RESIDENT_ID = "resident_id"
RESIDENT_ID_LENGTH = 18
# ISO 7064 MOD 11-2 as GB 11643 uses it: weights 2^(17-i) mod 11, remainder -> check character.
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_CHECK_CHARS = "10X98765432"
_SEPARATORS = re.compile(r"[\s\-_./]+")
_GENERIC = re.compile(r"^[A-Z0-9]{5,20}$")


@dataclass(frozen=True)
class ResidentId:
    """What a valid resident ID number says about its holder."""

    number: str
    region_code: str
    birth_date: date
    sequence: str
    gender: str  # "M" (odd sequence digit) or "F"


def normalize_document_number(number: str | None) -> str:
    """Full-width to half-width, separators and spaces removed, upper case (a lower-case 'x'
    check character is common at the desk)."""
    text = unicodedata.normalize("NFKC", number or "")
    return _SEPARATORS.sub("", text).upper()


def resident_id_check_digit(first17: str) -> str:
    """The 18th character for the first 17 digits (used by demo data and tests)."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValidationError(FIELD, "id_characters")
    total = sum(map(mul, map(int, first17), _WEIGHTS))  # both 17 long (checked above)
    return _CHECK_CHARS[total % 11]


def parse_resident_id(number: str | None, today: date | None = None) -> ResidentId:
    """Check a mainland resident ID number (GB 11643) and return its parts.

    Reasons: ``required``, ``id_length``, ``id_characters``, ``id_checksum``, ``id_region``,
    ``id_birth_date`` (not a calendar date), ``id_birth_future``."""
    text = normalize_document_number(number)
    if not text:
        raise ValidationError(FIELD, "required")
    if len(text) != RESIDENT_ID_LENGTH:
        raise ValidationError(FIELD, "id_length", length=RESIDENT_ID_LENGTH)
    body, check = text[:17], text[17]
    if not (body.isascii() and body.isdigit()) or check not in "0123456789X":
        raise ValidationError(FIELD, "id_characters")
    if resident_id_check_digit(body) != check:
        raise ValidationError(FIELD, "id_checksum")
    region = body[:6]
    if region == "000000":
        raise ValidationError(FIELD, "id_region")
    try:
        born = date(int(body[6:10]), int(body[10:12]), int(body[12:14]))
    except ValueError:
        raise ValidationError(FIELD, "id_birth_date") from None
    if born > (today or date.today()):
        raise ValidationError(FIELD, "id_birth_future")
    sequence = body[14:17]
    return ResidentId(text, region, born, sequence, "M" if int(sequence[-1]) % 2 else "F")


def is_valid_resident_id(number: str | None, today: date | None = None) -> bool:
    try:
        parse_resident_id(number, today)
    except ValidationError:
        return False
    return True


def validate_document(doc_type: str, number: str | None, today: date | None = None) -> str:
    """The normalised number of a document of ``doc_type``; resident IDs get the full GB 11643
    check, other documents (passports, permits) 5-20 letters or digits."""
    if doc_type not in ID_TYPE:
        raise ValidationError("id_type", "unknown_id_type", value=doc_type)
    if doc_type == RESIDENT_ID:
        return parse_resident_id(number, today).number
    text = normalize_document_number(number)
    if not text:
        raise ValidationError(FIELD, "required")
    if not _GENERIC.match(text):
        raise ValidationError(FIELD, "id_format", min=5, max=20)
    return text


def document_hash(doc_type: str, number: str, key: bytes) -> str:
    """HMAC-SHA256 (hex, 64 characters) over ``doc_type:normalised number`` with the hotel's key:
    equal numbers match, and the stored value cannot be reversed by trying every birth date."""
    if not key:
        raise ValueError("the ID hash key must not be empty")
    message = f"{doc_type}:{normalize_document_number(number)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def mask_document_number(number: str | None, keep_start: int = 6, keep_end: int = 4) -> str:
    """``110105********002X``: what people without the right to see ID numbers are shown."""
    text = normalize_document_number(number)
    if len(text) <= keep_end + 2:
        return "*" * len(text)
    start = keep_start if len(text) >= keep_start + keep_end + 4 else min(2, len(text) - keep_end - 1)
    return text[:start] + "*" * (len(text) - start - keep_end) + text[-keep_end:]
