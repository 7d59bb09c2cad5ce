"""The reports the GUI's report centre offers: every registered report (``BUILTIN_REPORTS``), with
its title in the screen's language and the parameters its form must ask for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .report_service import report_language

if TYPE_CHECKING:
    from hotelcrm.reports import ReportParam

    from .actor import Actor

# The order a parameter form shows its fields in.
PARAM_ORDER = ("from", "to", "date", "guest", "complaint", "days")


@dataclass(frozen=True)
class ReportInfo:
    name: str  # the CLI name: complaint-stats
    title: str
    required: tuple[ReportParam, ...]
    optional: tuple[ReportParam, ...]
    landscape: bool


def report_catalogue(lang: str | None, actor: Actor | None = None) -> list[ReportInfo]:
    """Every registered report, sorted by its title in ``lang``; with ``actor``, only those the
    actor's role may run (the services refuse the others anyway)."""
    from hotelcrm.reports import Orientation, all_reports

    language = report_language(lang)

    def ordered(params) -> tuple[ReportParam, ...]:
        return tuple(sorted(params, key=lambda p: PARAM_ORDER.index(p.value)))

    infos = [ReportInfo(spec.name, spec.title(language), ordered(spec.required),
                        ordered(getattr(spec, "optional", frozenset()) - spec.required),
                        spec.orientation == Orientation.LANDSCAPE) for spec in all_reports()
             if actor is None or actor.can(spec.permission)]
    return sorted(infos, key=lambda r: (r.title, r.name))
