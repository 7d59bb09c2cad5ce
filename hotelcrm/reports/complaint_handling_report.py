"""The complaint handling report (投诉处理报告表): one complaint with all six steps, who did each
and when, the remedies offered, escalations, addenda and signature lines.

``hotelcrm report complaint-report --complaint TS-2026-000123 --out report.pdf``.
"""

from __future__ import annotations

from reportlab.platypus import Table, TableStyle
from reportlab.platypus.flowables import Flowable

from hotelcrm.domain import codes
from hotelcrm.domain.permissions import Permission
from hotelcrm.services.complaint_dto import ComplaintDetail, StepRecord

from . import guest_card_blocks as blocks
from .complaint_report_texts import ComplaintTexts, load_complaint, local_time
from .fonts import FONT_NAME
from .formatters import EMPTY
from .page_template import title_block
from .report_context import ReportContext
from .report_registry import ReportParam, ReportSpec, register
from .report_styles import RULE

NAME = "complaint-report"


def load(services, actor, params) -> ComplaintDetail:
    return load_complaint(services, actor, params)


def head(d: ComplaintDetail, t: ComplaintTexts, ctx: ReportContext) -> list[Flowable]:
    """Number, state and level in the band; the complaint's facts as a form grid."""
    facts = [t("state", state=t.code("complaint_state", d.state))]
    if d.escalation_level != "handler":
        facts.append(t("level", level=t.code("escalation_level", d.escalation_level)))
    if d.open and d.overdue.any:
        facts.append(t("overdue", targets=overdue_targets(d, t)))
    departments = ", ".join(x.name(t.lang) for x in ((d.department,) if d.department else ()) + d.other_departments)
    grid = blocks.field_grid(ctx, [
        (t.field("guest"), d.guest_name or t("no_guest")), (t.field("room_no"), d.room_no),
        (t.field("channel"), t.code("complaint_channel", d.channel)), (t.field("category"), t.name(d.category)),
        (t.field("severity"), t.code("severity", d.severity)), (t.field("department"), departments or None),
        (t("received_by"), d.received_by_name), (t.field("received_at"), local_time(d.received_at)),
        (t("due_acknowledge"), local_time(d.due_acknowledge_at)), (t("due_remedy"), local_time(d.due_remedy_at)),
        (t("due_close"), local_time(d.due_close_at)), (t("closed_at"), local_time(d.closed_at or d.withdrawn_at)),
        (t("recovery_cost"), t.money(d.recovery_cost_cents, d.currency)),
        (t.field("satisfaction"), t("satisfaction_of", value=d.satisfaction) if d.satisfaction else None),
    ])
    out: list[Flowable] = [*title_block(ctx), blocks.identity_band(ctx, d.number, t.name(d.category), facts),
                           blocks.gap(6), grid]
    if d.state == "withdrawn":
        out += [blocks.gap(6), blocks.notice(ctx, t("withdrawn", when=local_time(d.withdrawn_at),
                                                    reason=d.withdrawn_reason or EMPTY))]
    out += [blocks.keep(blocks.subheading(t.field("guest_words")), blocks.para(d.guest_words))]
    return out


def overdue_targets(d: ComplaintDetail, t: ComplaintTexts) -> str:
    return ", ".join(t.code("time_target", k) or k for k in ("acknowledge", "remedy", "close")
                     if getattr(d.overdue, k))


def step_text(s: StepRecord, t: ComplaintTexts, currency: str) -> str:
    """What the step recorded, one "label: value" line each."""
    accepted = None if s.guest_accepted is None else t("accepted" if s.guest_accepted else "rejected")
    pairs = [
        ("guest_account", s.guest_account), ("apology_manner", s.apology_manner),
        ("verified_what", s.verified_what), ("verified_with", s.verified_with), ("findings", s.findings),
        ("remedy_type", t.code("remedy_type", s.remedy_type)), ("remedy_detail", s.remedy_detail),
        ("discount_pct", f"{s.remedy_discount_pct}%" if s.remedy_discount_pct is not None else None),
        ("compensation", t.money(s.compensation_cents, currency)), ("response_note", accepted),
        ("action_done", s.action_done), ("action_done_by", s.action_done_by),
        ("actual_cost", t.money(s.actual_cost_cents, currency)),
        ("followup_at", local_time(s.followup_at) if s.followup_at else None),
        ("followup_method", s.followup_method), ("followup_result", s.followup_result),
        ("satisfaction", t("satisfaction_of", value=s.satisfaction) if s.satisfaction else None),
        ("root_cause", s.root_cause), ("improvement", s.improvement_action), ("note", s.note),
    ]
    return "\n".join(f"{t.field(k)}: {v}" for k, v in pairs if v)


def steps(d: ComplaintDetail, t: ComplaintTexts, ctx: ReportContext) -> list[Flowable]:
    done = {s.step: s for s in d.steps}
    rows = []
    for step in codes.COMPLAINT_STEPS:
        record = done.get(step)
        label = t.code("complaint_state", step) or step  # "3 Verified": the step's number and name
        if record is None:
            rows.append((label, EMPTY, t("not_yet")))
        else:
            rows.append((label, f"{record.done_by_name or EMPTY}\n{local_time(record.done_at)}",
                         step_text(record, t, d.currency)))
    return [blocks.section(t("section.steps")),
            blocks.text_table(ctx, [t("col.step"), t("col.who_when"), t("col.what")], [1.2, 1.3, 4.5], rows, "")]


def history(d: ComplaintDetail, t: ComplaintTexts, ctx: ReportContext) -> list[Flowable]:
    offers = [(local_time(o.offered_at), o.offered_by_name,
               "\n".join(p for p in (t.code("remedy_type", o.remedy_type), o.remedy_detail,
                                     f"{o.discount_pct}%" if o.discount_pct is not None else None,
                                     t.money(o.compensation_cents, d.currency)) if p),
               t.code("remedy_offer_status", o.status), o.approved_by_name) for o in d.offers]
    escalations = [(local_time(e.at), t.code("escalation_level", e.from_level), t.code("escalation_level", e.to_level),
                    t.code("escalation_reason", e.reason), e.escalated_by_name or t("automatic"), e.note)
                   for e in d.escalations]
    addenda = [(local_time(a.created_at), a.created_by_name, a.text) for a in d.addenda]
    out: list[Flowable] = [blocks.keep(blocks.subheading(t("section.offers")), blocks.text_table(
        ctx, [t("col.when"), t("col.by"), t("col.remedy"), t("col.status"), t("col.approved_by")],
        [1.1, 1.0, 2.8, 1.0, 1.0], offers, t("none.offers")))]
    # Escalations and addenda only when there are some: most complaints then fit on one page.
    if escalations:
        out.append(blocks.keep(blocks.subheading(t("section.escalations")), blocks.text_table(
            ctx, [t("col.when"), t("col.from"), t("col.to"), t("col.reason"), t("col.by"), t("col.note")],
            [1.1, 1.0, 1.0, 1.1, 0.9, 1.8], escalations, "")))
    else:
        out.append(blocks.note(t("none.escalations")))
    if addenda:
        out.append(blocks.keep(blocks.subheading(t("section.addenda")), blocks.text_table(
            ctx, [t("col.when"), t("col.by"), t("col.text")], [1.1, 1.0, 4.8], addenda, "")))
    return out


def signatures(ctx: ReportContext, labels: list[str]) -> Table:
    """Boxes to sign and date by hand."""
    width = blocks.frame_width(ctx) / len(labels)
    table = Table([[blocks.para(label, "label") for label in labels], [""] * len(labels)],
                  colWidths=[width] * len(labels), rowHeights=[None, 34])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT_NAME, 8),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
        ("INNERGRID", (0, 0), (-1, -1), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def build(d: ComplaintDetail, ctx: ReportContext) -> list[Flowable]:
    t = ComplaintTexts(ctx.language)
    return [*head(d, t, ctx), *steps(d, t, ctx), *history(d, t, ctx),
            blocks.keep(blocks.subheading(t("section.signatures")),
                        signatures(ctx, [t("sign.handler"), t("sign.department_head"), t("sign.general_manager")]))]


SPEC = register(ReportSpec(
    name=NAME,
    title_key="reports.complaint.report_title",
    load=load,
    build=build,
    required=frozenset({ReportParam.COMPLAINT}),
    permission=Permission.COMPLAINT_READ,
))
