"""The list of reports the GUI and the CLI offer, and what each one needs.

A concrete report is one small module that defines a ``ReportSpec`` and calls ``register``
when it is imported, and is named in ``BUILTIN_REPORTS`` so that the registry imports it on
first use; ``hotelcrm report NAME`` and the GUI's report menu look specs up here.
See docs/reports.md for a worked outline.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from importlib import import_module
from typing import Any

from reportlab.platypus.flowables import Flowable

from hotelcrm.domain.errors import NotFound, ValidationError
from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr

from .report_context import Orientation, ReportContext


class ReportParam(Enum):
    """The inputs a report may require; the values are the CLI's option names."""

    PERIOD_FROM = "from"
    PERIOD_TO = "to"
    DATE = "date"
    GUEST = "guest"
    COMPLAINT = "complaint"
    DAYS = "days"


# load(services, actor, params) -> data: fetches through the services (``AppServices``, the
# acting ``Actor``; typed Any here so that this module does not import the service layer), so
# permissions are checked as for any other read. build(data, ctx) -> flowables only lays the
# data (frozen dataclasses) out and never queries anything, so it is testable without a database.
Loader = Callable[[Any, Any, Mapping[ReportParam, Any]], Any]
Builder = Callable[[Any, ReportContext], list[Flowable]]

# Modules that register the application's reports, imported on first look-up.
BUILTIN_REPORTS: tuple[str, ...] = (
    "hotelcrm.reports.guest_card_report",
    "hotelcrm.reports.loyalty_statement_report",
    "hotelcrm.reports.loyalty_summary_report",
    "hotelcrm.reports.logbook_daily_report",
    "hotelcrm.reports.complaint_stats_report",
    "hotelcrm.reports.arrivals_brief_report",
    "hotelcrm.reports.customer_value_report",
    "hotelcrm.reports.special_dates_report",
    "hotelcrm.reports.complaint_handling_report",
    "hotelcrm.reports.complaint_notice_report",
    "hotelcrm.reports.complaint_tracking_report",
)


@dataclass(frozen=True)
class ReportSpec:
    """One report: its CLI name (``complaint-stats``), the i18n key of its title, how its data
    is loaded and laid out, the parameters it requires, and its page orientation."""

    name: str
    title_key: str
    load: Loader
    build: Builder
    required: frozenset[ReportParam] = field(default_factory=frozenset)
    orientation: Orientation = Orientation.PORTRAIT
    optional: frozenset[ReportParam] = field(default_factory=frozenset)  # e.g. --days, with a default
    # Who the report centre offers it to (the loader's services check permissions anyway).
    permission: Permission = Permission.REPORT_RUN

    def title(self, lang: str) -> str:
        return tr(self.title_key, lang=lang)

    def check_params(self, params: Mapping[ReportParam, Any]) -> None:
        """Raise ``ValidationError`` (field = the parameter's name, reason ``required``) for
        the first required parameter that is missing or empty."""
        for param in sorted(self.required, key=lambda p: p.value):
            if params.get(param) in (None, ""):
                raise ValidationError(f"report_{param.value}", "required")


_REGISTRY: dict[str, ReportSpec] = {}


def register(spec: ReportSpec) -> ReportSpec:
    """Add a report; a second report under the same name is a programming error."""
    if spec.name in _REGISTRY and _REGISTRY[spec.name] is not spec:
        raise ValueError(f"report {spec.name!r} is registered twice")
    _REGISTRY[spec.name] = spec
    return spec


def get_report(name: str) -> ReportSpec:
    _load_builtin()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise NotFound("report", name) from None


def all_reports() -> list[ReportSpec]:
    """Every registered report, in name order (for menus and ``--help``)."""
    _load_builtin()
    return [_REGISTRY[name] for name in sorted(_REGISTRY)]


_builtin_loaded = False


def _load_builtin() -> None:
    global _builtin_loaded
    if not _builtin_loaded:
        for module in BUILTIN_REPORTS:
            import_module(module)
        _builtin_loaded = True
