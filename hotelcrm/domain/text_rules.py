"""Small validators shared by every form: required text, lengths, control characters."""

from __future__ import annotations

import re
import unicodedata

from .errors import ValidationError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
USERNAME = re.compile(r"^[A-Za-z0-9_.\-]{2,64}$")


def clean_text(value: str | None, field: str, *, required: bool = False, max_len: int = 200,
               multiline: bool = False) -> str | None:
    """Normalise (NFC, trimmed) and check one text field; ``None`` for empty optional text."""
    text = unicodedata.normalize("NFC", value or "").strip()
    if not text:
        if required:
            raise ValidationError(field, "required")
        return None
    if _CONTROL.search(text) or (not multiline and ("\n" in text or "\r" in text)):
        raise ValidationError(field, "control_characters")
    if len(text) > max_len:
        raise ValidationError(field, "too_long", max=max_len)
    return text


def clean_username(value: str | None) -> str:
    text = clean_text(value, "username", required=True, max_len=64)
    if not USERNAME.match(text):
        raise ValidationError("username", "username_chars")
    return text.lower()
