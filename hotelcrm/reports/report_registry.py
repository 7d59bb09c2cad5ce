"""The list of reports the GUI and the CLI offer, and what each one needs.

A concrete report is one small module that defines a ``ReportSpec`` and calls ``register``
when it is imported; ``hotelcrm report NAME`` and the GUI's report menu look specs up here.
See docs/reports.md for a worked outline.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from reportlab.platypus.flowables import Flowable

from hotelcrm.domain.errors import NotFound, ValidationError
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


# build(data, ctx) -> flowables: ``data`` is what the report's loader fetched through the
# services (frozen dataclasses); the builder only lays it out and never queries anything.
Builder = Callable[[Any, ReportContext], list[Flowable]]


@dataclass(frozen=True)
class ReportSpec:
    """One report: its CLI name (``complaint-stats``), the i18n key of its title, the
    parameters it requires, the builder that lays out the data, and its page orientation."""

    name: str
    title_key: str
    build: Builder
    required: frozenset[ReportParam] = field(default_factory=frozenset)
    orientation: Orientation = Orientation.PORTRAIT

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
    try:
        return _REGISTRY[name]
    except KeyError:
        raise NotFound("report", name) from None


def all_reports() -> list[ReportSpec]:
    """Every registered report, in name order (for menus and ``--help``)."""
    return [_REGISTRY[name] for name in sorted(_REGISTRY)]
