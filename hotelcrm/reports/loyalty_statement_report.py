"""The member statement (会员积分对账单): one member's points for a period — opening balance,
every ledger entry with the balance after it, closing balance — then tier changes and the
entitlements of the stays in the period (what was given and what was missed).

``hotelcrm report loyalty-statement --guest ID [--from D --to D] --out statement.pdf``
(LOYALTY_READ; without a period, the whole history)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.platypus.flowables import Flowable

from hotelcrm.domain.permissions import Permission
from hotelcrm.services.loyalty_reason_text import reason_text
from hotelcrm.services.loyalty_summary_service import LoyaltySummaryService, Statement

from . import guest_card_blocks as blocks
from . import stats_blocks as sb
from .data_table import Align, ColumnSpec, report_table
from .formatters import EMPTY, format_count, format_date
from .guest_card_report import guest_id_param
from .page_template import title_block
from .report_context import ReportContext
from .report_registry import ReportParam, ReportSpec, register

NAME = "loyalty-statement"


def load(services, actor, params: Mapping[Any, Any]) -> Statement:
    return LoyaltySummaryService(services.db, actor).statement(
        guest_id_param(params.get(ReportParam.GUEST)), params.get(ReportParam.PERIOD_FROM),
        params.get(ReportParam.PERIOD_TO))


def signed(value: int | None) -> str:
    if value is None:
        return EMPTY
    return f"{value:+,}" if value else "0"


def tier_text(t: sb.Texts, code: str, en: str, zh: str) -> str:
    return f"{zh if t.lang == 'zh_CN' else en} ({code})"


def build(data: Statement, ctx: ReportContext) -> list[Flowable]:
    t = sb.Texts("loyalty", ctx.language)
    m = data.member
    out: list[Flowable] = [*title_block(ctx)]
    out.append(blocks.field_grid(ctx, [
        (t("member"), f"{m.display_name} · {m.member_no}"),
        (t("tier"), tier_text(t, m.tier_code, m.tier_name_en, m.tier_name_zh)),
        (t("status"), t.code("membership_status", m.status)),
        (t("enrolled"), format_date(m.enrolled_on)),
        (t("opening"), format_count(data.opening)),
        (t("closing"), format_count(data.closing)),
        (t("year_progress"), t("year_progress_value", nights=format_count(m.year_nights),
                                points=format_count(m.year_points))),
        (t("expires"), format_date(m.expires_on) if m.expires_on else EMPTY),
    ]))
    out.append(blocks.gap(8))
    out += sb.section(t("ledger"), report_table(ctx, _ledger_columns(t), list(data.lines)))
    out.append(blocks.gap(8))
    changes = [ColumnSpec(t("col.date"), 1.0, formatter=format_date, value=lambda c: c.effective_on),
               ColumnSpec(t("col.change"), 1.6, value=lambda c: f"{c.from_tier or EMPTY} → {c.to_tier}"),
               ColumnSpec(t("col.reason"), 3.4, value=lambda c: reason_text(c.reason, t.lang)),
               ColumnSpec(t("col.by"), 1.2, value=lambda c: c.changed_by)]
    out += sb.section(t("tier_changes"), report_table(ctx, changes, list(data.tier_changes)))
    out.append(blocks.gap(8))
    zh = ctx.language == "zh_CN"
    benefits = [ColumnSpec(t("col.stay"), 1.9, value=lambda e: f"{format_date(e.arrival_date)} – "
                           f"{format_date(e.departure_date)} {e.room_no or ''}".strip()),
                ColumnSpec(t("col.benefit"), 2.6, value=lambda e: e.benefit_name_zh if zh else e.benefit_name_en),
                ColumnSpec(t("col.status"), 1.4, value=lambda e: t.code("benefit_grant_status", e.status)),
                ColumnSpec(t("col.note"), 1.3, value=lambda e: e.note)]
    out += sb.section(t("entitlements"), report_table(ctx, benefits, list(data.entitlements)))
    out.append(blocks.note(t("statement_note")))
    return out


def _ledger_columns(t: sb.Texts) -> list[ColumnSpec]:
    def detail(line) -> str:
        parts = []
        if line.kind == "bonus" and line.bonus_pct is not None:
            parts.append(t("bonus_detail", pct=line.bonus_pct, tier=line.tier_code or ""))
        if line.stay_id is not None:
            parts.append(t("stay_detail", stay=line.stay_id))
        if line.reverses_id is not None:
            parts.append(t("reverses_detail", entry=line.reverses_id))
        if line.reason and line.kind not in ("earn", "bonus"):
            parts.append(reason_text(line.reason, t.lang))
        if line.approved_by:
            parts.append(t("approved_detail", name=line.approved_by))
        return " · ".join(parts)

    return [
        ColumnSpec(t("col.date"), 1.0, formatter=format_date, value=lambda r: r.effective_on),
        ColumnSpec(t("col.kind"), 1.0, value=lambda r: t.code("ledger_kind", r.kind)),
        ColumnSpec(t("col.points"), 0.9, Align.RIGHT, value=lambda r: signed(r.points)),
        ColumnSpec(t("col.balance"), 0.9, Align.RIGHT, value=lambda r: format_count(r.running_balance)),
        ColumnSpec(t("col.detail"), 3.6, value=detail),
    ]


SPEC = register(ReportSpec(
    name=NAME,
    title_key="reports.loyalty.statement_title",
    load=load,
    build=build,
    required=frozenset({ReportParam.GUEST}),
    permission=Permission.LOYALTY_READ,
))
