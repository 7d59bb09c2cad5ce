"""What the three complaint forms share: labels in the report's language (never the GUI's), the
code lists' labels, local times, and loading one complaint by its number."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from hotelcrm.domain.errors import ValidationError
from hotelcrm.i18n import catalogue, tr

from .formatters import EMPTY, format_money
from .report_registry import ReportParam

PREFIX = "reports.complaint."


def local_time(value: datetime | None) -> str:
    """A stored UTC time as the hotel's clock shows it (the machine printing is at the hotel)."""
    if value is None:
        return EMPTY
    return (value.astimezone() if value.tzinfo else value).strftime("%Y-%m-%d %H:%M")


def complaint_number_param(params: Mapping[Any, Any]) -> str:
    number = str(params.get(ReportParam.COMPLAINT) or "").strip()
    if not number:
        raise ValidationError("report_complaint", "required")
    return number


def load_complaint(services, actor, params: Mapping[Any, Any]):
    """The complaint named by ``--complaint NO`` (read through ComplaintService: COMPLAINT_READ)."""
    return services.complaints(actor).find(complaint_number_param(params))


class ComplaintTexts:
    """``t("key")`` is ``reports.complaint.key`` in the report's language; ``t.code(list, value)``
    a code's label; ``t.field(name)`` the catalogue's ``field.complaint_<name>`` label."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._known = catalogue(lang).keys() | catalogue("en").keys()

    def __call__(self, key: str, **params: Any) -> str:
        return tr(PREFIX + key, lang=self.lang, **params)

    def code(self, code_list: str, value: str | None) -> str | None:
        if not value:
            return None
        key = f"code.{code_list}.{value}"
        return tr(key, lang=self.lang) if key in self._known else value

    def field(self, name: str) -> str:
        return tr(f"field.complaint_{name}", lang=self.lang)

    def money(self, cents: int | None, currency: str) -> str | None:
        return None if cents is None else format_money(cents, currency)

    def name(self, info) -> str | None:
        """A category's or department's name in the report's language."""
        return None if info is None else info.name(self.lang)
