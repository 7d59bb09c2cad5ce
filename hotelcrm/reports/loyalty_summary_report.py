"""The tier summary (会员等级汇总): members and balances per tier, movements up and down, points
earned, redeemed and expired in the period, and the members whose points expire in the next
90 days.

``hotelcrm report loyalty-summary [--from D --to D] --out summary.pdf`` (LOYALTY_READ; the
period defaults to this calendar year up to today)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.platypus.flowables import Flowable

from hotelcrm.domain.permissions import Permission
from hotelcrm.services.loyalty_summary_service import LoyaltySummaryService, TierSummary

from . import guest_card_blocks as blocks
from . import stats_blocks as sb
from .data_table import Align, ColumnSpec, report_table
from .formatters import format_count, format_date
from .loyalty_statement_report import signed
from .page_template import title_block
from .report_context import ReportContext
from .report_registry import ReportParam, ReportSpec, register

NAME = "loyalty-summary"
KINDS = ("earn", "bonus", "redeem", "adjust", "expiry", "reversal")


def load(services, actor, params: Mapping[Any, Any]) -> TierSummary:
    return LoyaltySummaryService(services.db, actor).summary(params.get(ReportParam.PERIOD_FROM),
                                                             params.get(ReportParam.PERIOD_TO))


def build(data: TierSummary, ctx: ReportContext) -> list[Flowable]:
    t = sb.Texts("loyalty", ctx.language)
    zh = ctx.language == "zh_CN"
    out: list[Flowable] = [*title_block(ctx)]
    out.append(sb.nothing(t("summary_period", start=format_date(data.period_from), end=format_date(data.period_to),
                            enrolled=format_count(data.enrolled))))
    out.append(blocks.gap(6))
    tiers = [ColumnSpec(t("col.tier"), 2.0, value=lambda r: f"{r.name_zh if zh else r.name_en} ({r.code})"),
             ColumnSpec(t("col.members"), 1.0, Align.RIGHT, format_count, value=lambda r: r.members),
             ColumnSpec(t("col.balance_total"), 1.4, Align.RIGHT, format_count, value=lambda r: r.balance)]
    out += sb.section(t("per_tier"), report_table(ctx, tiers, list(data.tiers)))
    out.append(blocks.gap(8))
    moves = [ColumnSpec(t("col.change"), 2.0, value=lambda r: f"{r.from_code} → {r.to_code}"),
             ColumnSpec(t("col.direction"), 1.0, value=lambda r: t("up" if r.up else "down")),
             ColumnSpec(t("col.members"), 1.0, Align.RIGHT, format_count, value=lambda r: r.members)]
    out += sb.section(t("movements"), report_table(ctx, moves, list(data.movements)))
    out.append(blocks.gap(8))
    points = [ColumnSpec(t("col.kind"), 2.0, value=lambda k: t.code("ledger_kind", k)),
              ColumnSpec(t("col.points"), 1.4, Align.RIGHT, value=lambda k: signed(data.points_by_kind.get(k, 0)))]
    out += sb.section(t("points"), report_table(ctx, points, list(KINDS)))
    out.append(blocks.gap(8))
    expiring = [ColumnSpec(t("col.member_no"), 1.1, value=lambda e: e.member_no),
                ColumnSpec(t("col.name"), 2.0, value=lambda e: e.display_name),
                ColumnSpec(t("col.tier"), 1.0, value=lambda e: e.tier_code),
                ColumnSpec(t("col.balance"), 1.0, Align.RIGHT, format_count, value=lambda e: e.balance),
                ColumnSpec(t("col.expires"), 1.1, formatter=format_date, value=lambda e: e.expires_on)]
    out += sb.section(t("expiring", days=data.expiring_days), report_table(ctx, expiring, list(data.expiring)))
    return out


SPEC = register(ReportSpec(
    name=NAME,
    title_key="reports.loyalty.summary_title",
    load=load,
    build=build,
    permission=Permission.LOYALTY_READ,
))
