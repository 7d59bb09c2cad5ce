"""argparse ``type=`` functions that raise our ``ValidationError`` (argparse lets it through),
so a bad value gets the same translated message, naming the field, as in the GUI."""

from __future__ import annotations

from collections.abc import Callable

from hotelcrm.domain.errors import ValidationError
from hotelcrm.domain.permissions import Role
from hotelcrm.i18n import LANGUAGES, normalize_language


def language_arg(value: str, field: str = "language") -> str:
    """``zh_CN`` or ``en`` (also accepts ``zh``, ``zh-CN``, ``en_US`` ...)."""
    found = normalize_language(value)
    if found not in LANGUAGES:
        raise ValidationError(field, "unknown_language", value=value)
    return found


def role_arg(value: str) -> str:
    try:
        return Role(value.strip().lower()).value
    except ValueError:
        raise ValidationError("role", "unknown_role", value=value) from None


def int_arg(field: str, minimum: int, maximum: int) -> Callable[[str], int]:
    """A whole number within bounds; the field name is what the error message shows."""

    def parse(value: str) -> int:
        try:
            number = int(value.strip().replace("_", ""))
        except ValueError:
            raise ValidationError(field, "not_a_number") from None
        if not minimum <= number <= maximum:
            raise ValidationError(field, "out_of_range", min=minimum, max=maximum)
        return number

    return parse


def choice_arg(field: str, allowed: tuple[str, ...]) -> Callable[[str], str]:
    """One of the ``allowed`` codes (case-insensitive); anything else names the field."""

    def parse(value: str) -> str:
        text = value.strip().lower()
        if text not in allowed:
            raise ValidationError(field, "unknown_code", value=value)
        return text

    return parse
