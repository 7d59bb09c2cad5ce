"""The department notice (投诉处理通知单): what the department responsible (and any other involved)
must look into, by when, with boxes for its written answer.

``hotelcrm report complaint-notice --complaint TS-2026-000123 --out notice.pdf``.
"""

from __future__ import annotations

from reportlab.platypus.flowables import Flowable

from hotelcrm.domain.permissions import Permission
from hotelcrm.services.complaint_dto import ComplaintDetail

from . import guest_card_blocks as blocks
from .complaint_handling_report import overdue_targets, signatures
from .complaint_report_texts import ComplaintTexts, load_complaint, local_time
from .page_template import title_block
from .report_context import ReportContext
from .report_registry import ReportParam, ReportSpec, register

NAME = "complaint-notice"


def load(services, actor, params) -> ComplaintDetail:
    return load_complaint(services, actor, params)


def _step(d: ComplaintDetail, step: str):
    return next((s for s in d.steps if s.step == step), None)


def build(d: ComplaintDetail, ctx: ReportContext) -> list[Flowable]:
    t = ComplaintTexts(ctx.language)
    to = d.department.name(t.lang) if d.department else t("notice.to_be_decided")
    copies = ", ".join(x.name(t.lang) for x in d.other_departments)
    facts = [t("state", state=t.code("complaint_state", d.state))]
    if d.escalation_level != "handler":
        facts.append(t("level", level=t.code("escalation_level", d.escalation_level)))
    out: list[Flowable] = [
        *title_block(ctx),
        blocks.identity_band(ctx, d.number, t("notice.to", department=to), facts),
        blocks.gap(6),
        blocks.field_grid(ctx, [
            (t("notice.to_label"), to), (t("notice.copy"), copies or None),
            (t.field("guest"), d.guest_name or t("no_guest")), (t.field("room_no"), d.room_no),
            (t.field("category"), t.name(d.category)), (t.field("severity"), t.code("severity", d.severity)),
            (t.field("channel"), t.code("complaint_channel", d.channel)),
            (t.field("received_at"), local_time(d.received_at)),
            (t("received_by"), d.received_by_name), (t("notice.issued_by"), ctx.printed_by),
        ], label_share=0.4),
    ]
    if d.open and d.overdue.any:
        out += [blocks.gap(6), blocks.notice(ctx, t("overdue", targets=overdue_targets(d, t)))]
    out += [blocks.keep(blocks.subheading(t.field("guest_words")), blocks.para(d.guest_words))]
    verified, agreed = _step(d, "verified"), _step(d, "remedy_agreed")
    if verified is not None:
        out.append(blocks.keep(blocks.subheading(t("notice.findings")),
                               blocks.para(f"{verified.findings}\n({verified.verified_with})")))
    if agreed is not None:
        remedy = " · ".join(p for p in (t.code("remedy_type", agreed.remedy_type), agreed.remedy_detail) if p)
        out.append(blocks.keep(blocks.subheading(t("notice.remedy")), blocks.para(remedy)))
    out.append(blocks.keep(
        blocks.subheading(t("notice.request_title")),
        blocks.para(t("notice.request", remedy=local_time(d.due_remedy_at), close=local_time(d.due_close_at))),
    ))
    if d.open:
        out.append(blocks.keep(blocks.subheading(t("notice.guideline", category=t.name(d.category))),
                               blocks.para(d.category.guideline(t.lang) or None)))
    out.append(blocks.keep(blocks.section(t("notice.reply")),
                           signatures(ctx, [t("notice.reply_cause")]),
                           blocks.gap(4), signatures(ctx, [t("notice.reply_action")]),
                           blocks.gap(4), signatures(ctx, [t("notice.reply_prevention")]),
                           blocks.gap(4), signatures(ctx, [t("sign.department_head"), t("notice.reply_date")])))
    return out


SPEC = register(ReportSpec(
    name=NAME,
    title_key="reports.complaint.notice_title",
    load=load,
    build=build,
    required=frozenset({ReportParam.COMPLAINT}),
    permission=Permission.COMPLAINT_READ,
))
