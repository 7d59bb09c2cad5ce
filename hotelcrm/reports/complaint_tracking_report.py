"""The tracking list of open complaints (投诉案件追踪表): every complaint not yet closed or
withdrawn, oldest first, with its age, step, level, next time target and what is overdue.

``hotelcrm report complaint-tracking [--date D] --out tracking.pdf``: without ``--date`` as of
now; with it, complaints received up to that day, their age and overdue as at the end of it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from reportlab.platypus.flowables import Flowable

from hotelcrm.domain import codes
from hotelcrm.domain.permissions import Permission
from hotelcrm.services.complaint_dto import ComplaintFilter, ComplaintRow

from . import guest_card_blocks as blocks
from .complaint_report_texts import ComplaintTexts, local_time
from .data_table import ColumnSpec, report_table
from .page_template import title_block
from .report_context import Orientation, ReportContext
from .report_registry import ReportParam, ReportSpec, register

NAME = "complaint-tracking"
PAGE = 1000  # the service's largest page


@dataclass(frozen=True)
class TrackingData:
    as_of: datetime  # UTC
    rows: tuple[ComplaintRow, ...]


def as_of_moment(day: date | None, now: datetime | None = None) -> datetime:
    """The end of ``day`` on the hotel's clock (now, when ``day`` is today, missing or later)."""
    now = now or datetime.now(UTC)
    if day is None or day >= now.astimezone().date():
        return now
    return datetime.combine(day + timedelta(days=1), time()).astimezone().astimezone(UTC) - timedelta(seconds=1)


def load(services, actor, params: Mapping[Any, Any]) -> TrackingData:
    """Reads through ComplaintService.list (COMPLAINT_READ), page by page, oldest first."""
    day = params.get(ReportParam.DATE)
    as_of = as_of_moment(day)
    service = services.complaints(actor)
    query = ComplaintFilter(open_only=True, received_to=day)
    rows: list[ComplaintRow] = []
    while True:
        page = service.list(query, offset=len(rows), limit=PAGE, sort="received_at", descending=False, now=as_of)
        rows.extend(page.rows)
        if not page.rows or len(rows) >= page.total:
            break
    return TrackingData(as_of, tuple(rows))


def age_text(row: ComplaintRow, as_of: datetime, t: ComplaintTexts) -> str:
    minutes = max(int((as_of - row.received_at).total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    return t("age_days", days=days, hours=rest // 60) if days else t("age_hours", hours=rest // 60,
                                                                       minutes=rest % 60)


def _overdue(row: ComplaintRow, t: ComplaintTexts) -> str:
    kinds = [t.code("time_target", k) or k for k in ("acknowledge", "remedy", "close") if getattr(row.overdue, k)]
    return ", ".join(kinds)  # the column's header says "Overdue"


def columns(t: ComplaintTexts, as_of: datetime) -> list[ColumnSpec]:
    return [
        ColumnSpec(t("col.number"), 1.25, value=lambda r: r.number),
        ColumnSpec(t("col.received"), 1.35, value=lambda r: local_time(r.received_at)),
        ColumnSpec(t("col.age"), 1.05, value=lambda r: age_text(r, as_of, t)),
        ColumnSpec(t.field("guest"), 0.85, value=lambda r: r.guest_name),
        ColumnSpec(t.field("room_no"), 0.6, value=lambda r: r.room_no),
        ColumnSpec(t.field("category"), 1.05, value=lambda r: r.category(t.lang)),
        ColumnSpec(t.field("severity"), 0.75, value=lambda r: t.code("severity", r.severity)),
        ColumnSpec(t.field("department"), 1.15, value=lambda r: r.department(t.lang)),
        ColumnSpec(t("col.step"), 1.0, value=lambda r: t.code("complaint_state", r.state)),
        ColumnSpec(t("col.level"), 1.15, value=lambda r: t.code("escalation_level", r.escalation_level)),
        ColumnSpec(t("col.next_due"), 1.35, value=lambda r: local_time(r.next_due_at) if r.next_due_at else None),
        ColumnSpec(t("col.overdue"), 1.55, value=lambda r: _overdue(r, t)),
    ]


def build(data: TrackingData, ctx: ReportContext) -> list[Flowable]:
    t = ComplaintTexts(ctx.language)
    overdue = sum(1 for r in data.rows if r.overdue.any)
    severities = Counter(r.severity for r in data.rows)
    by_severity = ", ".join(f"{t.code('severity', s)} {severities[s]}" for s in reversed(codes.SEVERITY)
                            if severities[s])
    summary = t("tracking.summary", open=len(data.rows), overdue=overdue, as_of=local_time(data.as_of))
    out: list[Flowable] = [*title_block(ctx), blocks.para(summary)]
    if by_severity:
        out.append(blocks.para(t("tracking.by_severity", counts=by_severity), "note"))
    out += [blocks.gap(6), report_table(ctx, columns(t, data.as_of), data.rows)]
    return out


SPEC = register(ReportSpec(
    name=NAME,
    title_key="reports.complaint.tracking_title",
    load=load,
    build=build,
    required=frozenset(),
    orientation=Orientation.LANDSCAPE,
    permission=Permission.COMPLAINT_READ,
))
