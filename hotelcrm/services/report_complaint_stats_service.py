"""Complaint statistics for a period (投诉案件统计表): read-only SQL over the complaint tables,
figures from ``hotelcrm.domain.complaint_stats``."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotelcrm.db.models import Complaint, ComplaintCategory, Department, Stay
from hotelcrm.domain import codes
from hotelcrm.domain import complaint_stats as cs
from hotelcrm.domain.permissions import Permission
from hotelcrm.domain.stay_stats import COUNTED

from .base import Service
from .report_period import check_period, local_day, utc_bounds
from .report_queries import guest_names
from .report_stats_dto import ComplaintStats, Label, LabelCount, RepeatComplainant
from .settings_service import read_setting

REPEAT_LIST = 20  # the report lists this many repeat complainants
_NO_DEPARTMENT = Label("", "No department", "未指定部门")


class ComplaintStatsService(Service):
    """Needs REPORT_MANAGER (statistics are a manager's report)."""

    def stats(self, start: date | None, end: date | None) -> ComplaintStats:
        self._require(Permission.REPORT_MANAGER)
        start, end = check_period(start, end)
        low, high = utc_bounds(start, end)
        with self._read() as s:
            currency = read_setting(s, "hotel.currency")
            categories = {r.id: Label(r.code, r.name_en, r.name_zh) for r in s.scalars(select(ComplaintCategory))}
            departments = {r.id: Label(r.code, r.name_en, r.name_zh) for r in s.scalars(select(Department))}
            rows = list(s.scalars(select(Complaint).where(Complaint.received_at >= low, Complaint.received_at < high)
                                  .order_by(Complaint.received_at, Complaint.id)))
            facts = [_fact(r) for r in rows]
            guests = {f.guest_id for f in facts if f.guest_id is not None}
            arrivals = _arrivals(s, guests)
            repeat = cs.repeat_complainants(facts)[:REPEAT_LIST]
            names = guest_names(s, [g for g, _ in repeat])
        by_category = _label_counts(facts, "category", categories)
        by_department = _label_counts(facts, "department", departments)
        costed = [f for f in facts if f.recovery_cost_cents and not f.withdrawn]
        unit, points = cs.trend((local_day(f.received_at) for f in facts), start, end)
        active = [f for f in facts if not f.withdrawn]
        return ComplaintStats(
            period_from=start, period_to=end, currency=currency, total=len(facts),
            withdrawn=len(facts) - len(active), closed=sum(f.closed_at is not None for f in active),
            open=sum(f.closed_at is None for f in active),
            by_category=by_category, by_department=by_department,
            by_severity=tuple(_code_counts(facts, "severity", codes.SEVERITY)),
            by_channel=tuple(_code_counts(facts, "channel", codes.COMPLAINT_CHANNEL)),
            stages=tuple(cs.stage_times(facts, stage) for stage in cs.STAGES),
            recovery_cents=sum(f.recovery_cost_cents for f in costed if f.currency == currency),
            with_cost=len(costed), other_currency=sum(f.currency != currency for f in costed),
            repeat=tuple(RepeatComplainant(g, names.get(g, f"#{g}"), n) for g, n in repeat),
            returns=tuple(cs.return_rates(facts, arrivals, local_day)),
            trend_unit=unit, trend=tuple(points),
        )


def _fact(r: Complaint) -> cs.ComplaintFact:
    # category and department stay ids (as text) here; the labels are joined afterwards
    return cs.ComplaintFact(
        id=r.id, guest_id=r.guest_id, received_at=r.received_at, state=r.state,
        category=str(r.category_id), department=str(r.department_id) if r.department_id else None,
        severity=r.severity, channel=r.channel, acknowledged_at=r.acknowledged_at, remedied_at=r.remedied_at,
        closed_at=r.closed_at, due_acknowledge_at=r.due_acknowledge_at, due_remedy_at=r.due_remedy_at,
        due_close_at=r.due_close_at, recovery_cost_cents=r.recovery_cost_cents or 0, currency=r.currency,
    )


def _label_counts(facts: list[cs.ComplaintFact], attribute: str, labels: dict[int, Label]) -> tuple[LabelCount, ...]:
    out = []
    for key, count in cs.counts_by(facts, attribute, missing=""):
        label = labels.get(int(key)) if key else None
        out.append(LabelCount(label or _NO_DEPARTMENT, count))
    return tuple(sorted(out, key=lambda x: (-x.count, x.label.code)))


def _code_counts(facts: list[cs.ComplaintFact], attribute: str, order: tuple[str, ...]) -> list[tuple[str, int]]:
    counts = dict(cs.counts_by(facts, attribute))
    return [(code, counts.get(code, 0)) for code in order]


def _arrivals(s: Session, guests: set[int]) -> dict[int, list[date]]:
    out: dict[int, list[date]] = defaultdict(list)
    ids = sorted(guests)
    for i in range(0, len(ids), 500):
        rows = s.execute(select(Stay.guest_id, Stay.arrival_date)
                         .where(Stay.guest_id.in_(ids[i:i + 500]), Stay.status.in_(COUNTED)))
        for guest_id, arrival in rows:
            out[guest_id].append(arrival)
    return out

