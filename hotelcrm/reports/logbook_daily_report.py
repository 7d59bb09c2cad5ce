"""The lobby manager's daily log (大堂副理日志) of one date: each shift with its handover
signatures (who opened, closed and acknowledged, and when), the entries grouped by type with
incident records, witnesses and addenda, and the open items the shift carried over.

``hotelcrm report logbook-daily --date D --out log.pdf`` (LOG_READ)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from reportlab.platypus.flowables import Flowable

from hotelcrm.domain.logbook_entries import ENTRY_TYPES
from hotelcrm.domain.permissions import Permission
from hotelcrm.services.logbook_daily_service import LogbookDailyService
from hotelcrm.services.logbook_dto import DailyEntry, DailyLog, DailyShift, EntryInfo, IncidentInfo

from . import guest_card_blocks as blocks
from . import stats_blocks as sb
from .formatters import EMPTY, format_money
from .page_template import title_block
from .report_context import ReportContext
from .report_registry import ReportParam, ReportSpec, register

NAME = "logbook-daily"


def load(services, actor, params: Mapping[Any, Any]) -> DailyLog:
    return LogbookDailyService(services.db, actor).daily(params.get(ReportParam.DATE))


def when(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else EMPTY


def clock(value: datetime | None) -> str:
    return value.astimezone().strftime("%H:%M") if value else EMPTY


def build(data: DailyLog, ctx: ReportContext) -> list[Flowable]:
    t = sb.Texts("logbook", ctx.language)
    out: list[Flowable] = [*title_block(ctx)]
    if not data.shifts:
        out.append(sb.nothing(t("no_shifts")))
        return out
    total = sum(len(s.entries) for s in data.shifts)
    out.append(sb.nothing(t("summary", shifts=len(data.shifts), entries=total)))
    for shift in data.shifts:
        out += _shift(t, ctx, shift)
    return out


def _shift(t: sb.Texts, ctx: ReportContext, d: DailyShift) -> list[Flowable]:
    s = d.shift
    title = t("shift_title", kind=t.code("shift_kind", s.kind), starts=d.starts, ends=d.ends,
              status=t.code("shift_status", s.status))
    signatures = blocks.field_grid(ctx, [
        (t("opened"), t("signed", who=s.opened_by or EMPTY, at=when(s.opened_at))),
        (t("closed"), t("signed", who=s.closed_by, at=when(s.closed_at)) if s.closed_at else t("not_yet")),
        (t("acknowledged"), t("signed", who=s.acknowledged_by, at=when(s.acknowledged_at))
         if s.acknowledged_at else t("not_yet")),
        (t("handover_note"), s.handover_note),
    ], columns=2)
    out: list[Flowable] = sb.section(title, signatures)
    if not d.entries:
        out.append(blocks.note(t("no_entries")))
    for kind in ENTRY_TYPES:
        group = [e for e in d.entries if e.entry.entry_type == kind]
        if group:
            out += _group(t, ctx, kind, group)
    if s.status != "open":
        out.append(blocks.keep(blocks.subheading(t("carried_title", count=len(d.handed_over))), blocks.text_table(
            ctx, [t("col.item_kind"), t("col.origin"), t("col.room"), t("col.item"), t("col.due"), t("col.now")],
            [1.0, 1.4, 0.7, 4.2, 1.2, 0.9],
            [[t(f"item.{i.kind}"),
              (f"{i.origin_date.isoformat()} {t.code('shift_kind', i.origin_kind)}" if i.origin_date
               else i.complaint_number),
              i.room_no, i.summary, when(i.due_at) if i.due_at else None,
              t("still_open") if i.still_open else t("done_since")] for i in d.handed_over],
            t("nothing_carried"))))
    return out


def _group(t: sb.Texts, ctx: ReportContext, kind: str, group: list[DailyEntry]) -> list[Flowable]:
    rows = [[clock(e.entry.occurred_at), e.entry.room_no, _who(e.entry), _text(t, e), _followup(t, e.entry),
             e.entry.author] for e in group]
    table = blocks.text_table(ctx, [t("col.time"), t("col.room"), t("col.guest"), t("col.text"),
                                    t("col.followup"), t("col.author")],
                              [0.6, 0.6, 1.3, 4.2, 1.5, 1.4], rows, EMPTY)
    out: list[Flowable] = [blocks.keep(blocks.subheading(f"{t.code('log_entry_type', kind)} ({len(group)})"), table)]
    for e in group:
        if e.incident is not None:
            out += _incident(t, ctx, e.entry, e.incident)
    return out


def _who(e: EntryInfo) -> str | None:
    parts = [p for p in (e.guest_name, e.complaint_number) if p]
    return " · ".join(parts) or None


def _text(t: sb.Texts, e: DailyEntry) -> str:
    text = e.entry.text
    if e.entry.amends_id is not None:  # an addendum to an entry of an earlier day's shift
        text = t("addendum_to", id=e.entry.amends_id) + " " + text
    for a in e.addenda:
        text += "\n" + t("addendum_line", at=when(a.occurred_at), who=a.author or EMPTY, text=a.text)
    return text


def _followup(t: sb.Texts, e: EntryInfo) -> str | None:
    if not e.followup_required:
        return None
    if e.followup_done_at is not None:
        return t("followup_done", who=e.followup_done_by or EMPTY, at=when(e.followup_done_at))
    return t("followup_open", due=when(e.followup_due_at)) if e.followup_due_at else t("followup_open_no_due")


def _incident(t: sb.Texts, ctx: ReportContext, e: EntryInfo, i: IncidentInfo) -> list[Flowable]:
    compensation = [x for x in (
        i.compensation_asked_cents is not None and t("comp_asked", amount=format_money(i.compensation_asked_cents,
                                                                                     i.currency)),
        i.compensation_agreed_cents is not None and t("comp_agreed", amount=format_money(i.compensation_agreed_cents,
                                                                                       i.currency)),
        i.compensation_waived and t("comp_waived")) if x]
    pairs = [(t("inc.item"), i.item), (t("inc.value"), format_money(i.item_value_cents, i.currency)),
             (t("inc.guest_position"), i.guest_position)]
    pairs += [(t("inc.witness", n=n), f"{w.name}{f' ({w.role})' if w.role else ''}: {w.statement}")
              for n, w in enumerate(i.witnesses, start=1)]
    pairs += [(t("inc.evidence"), i.evidence), (t("inc.conclusion"), i.conclusion),
              (t("inc.compensation"), "; ".join(compensation) or None), (t("inc.outcome"), i.outcome)]
    head = blocks.subheading(t("incident_title", at=clock(e.occurred_at), room=e.room_no or EMPTY))
    return [blocks.keep(head, blocks.field_grid(ctx, pairs, columns=1, label_share=0.2))]


SPEC = register(ReportSpec(
    name=NAME,
    title_key="reports.logbook.title",
    load=load,
    build=build,
    required=frozenset({ReportParam.DATE}),
    permission=Permission.LOG_READ,
))
