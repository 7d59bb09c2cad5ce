"""Printing a report: the one path the CLI (``hotelcrm report``) and the GUI's preview share.

``ReportService(services, actor).render(name, params, lang, out)`` looks the report up, checks
its parameters, loads its data through the services (which check the actor's permissions as for
any read), frames it with the hotel's name, the printing user and the time, and writes the PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from hotelcrm.domain.errors import NotFound, ValidationError
from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import LANGUAGES, normalize_language

from .actor import Actor
from .base import Service

if TYPE_CHECKING:
    from hotelcrm.reports import ReportSpec

    from .app_services import AppServices


@dataclass(frozen=True)
class ReportResult:
    name: str
    title: str  # in the report's language
    language: str
    pages: int
    out: str | None  # the file written, None when rendered into a file object


def report_spec(name: str) -> ReportSpec:
    """The report called ``name``; an unknown name is bad input naming the choices."""
    from hotelcrm.reports import all_reports, get_report

    try:
        return get_report(name)
    except NotFound:
        choices = ", ".join(s.name for s in all_reports())
        raise ValidationError("report_name", "unknown_report", value=name, choices=choices) from None


def report_language(lang: str | None) -> str:
    found = normalize_language(lang)
    if found not in LANGUAGES:
        raise ValidationError("language", "unknown_language", value=lang or "")
    return found


class ReportService(Service):
    """Needs REPORT_RUN, plus whatever the report's loader needs (e.g. GUEST_READ for the
    guest card, ID_REVEAL to print clear ID numbers)."""

    def __init__(self, services: AppServices, actor: Actor) -> None:
        super().__init__(services.db, actor)
        self.services = services

    def render(self, name: str, params: Mapping[Any, Any], lang: str | None,
               out: Path | str | BinaryIO, progress: Callable[[int], None] | None = None) -> ReportResult:
        """Write report ``name`` to ``out`` (a path, replaced only when complete, or a binary
        file object). ``progress(pages_done)`` is called on the calling thread after each page;
        raising from it cancels the rendering."""
        from hotelcrm.reports import ReportContext, ReportParam, render

        self._require(Permission.REPORT_RUN)
        language = report_language(lang)
        spec = report_spec(name)
        spec.check_params(params)
        day = params.get(ReportParam.DATE)
        start, end = params.get(ReportParam.PERIOD_FROM) or day, params.get(ReportParam.PERIOD_TO) or day
        if start and end and start > end:
            raise ValidationError("report_to", "period_reversed")
        hotel = self.services.settings(self.actor).hotel()
        data = spec.load(self.services, self.actor, params)
        ctx = ReportContext(
            hotel_name=hotel.hotel_name,
            title=spec.title(language),
            language=language,
            printed_by=self.actor.display_name or self.actor.username,
            printed_at=datetime.now(),
            period_from=start,
            period_to=end,
            orientation=spec.orientation,
        )
        pages = render(ctx, spec.build(data, ctx), out, progress)
        path = str(out) if isinstance(out, str | Path) else None
        return ReportResult(spec.name, ctx.title, language, pages, path)
