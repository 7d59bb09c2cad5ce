"""Customer value analysis (客户价值分析) for a period: repeat-guest rate, new cards, card
completeness, Pareto and ABC tiers, RFM segments, lifecycle stages, the top guests and the VIPs
who have not stayed for more than N days (``--days``, default 180), with charts.

``hotelcrm report customer-value --from D --to D [--days N] --out value.pdf`` (REPORT_MANAGER)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.platypus.flowables import Flowable

from hotelcrm.domain.permissions import Permission
from hotelcrm.services.report_customer_value_service import CustomerValueService
from hotelcrm.services.report_stats_dto import CustomerValue

from . import guest_card_blocks as blocks
from . import stats_blocks as sb
from .charts import bar_chart, line_chart
from .data_table import Align, ColumnSpec, report_table
from .formatters import EMPTY, format_count, format_date, format_money
from .page_template import title_block
from .report_context import ReportContext
from .report_registry import ReportParam, ReportSpec, register

NAME = "customer-value"


def load(services, actor, params: Mapping[Any, Any]) -> CustomerValue:
    return CustomerValueService(services.db, actor).analyse(
        params.get(ReportParam.PERIOD_FROM), params.get(ReportParam.PERIOD_TO), params.get(ReportParam.DAYS))


def build(data: CustomerValue, ctx: ReportContext) -> list[Flowable]:
    t = sb.Texts("value", ctx.language)
    out: list[Flowable] = [*title_block(ctx)]
    if data.guests_in_period == 0:
        out.append(sb.nothing(t("empty")))
    else:
        out += _overview(data, t, ctx) + _abc(data, t, ctx) + _rfm(data, t, ctx) + _top(data, t, ctx)
    out += _cards(data, t, ctx)
    out += _lapsed(data, t, ctx)
    return out


def _money(d: CustomerValue, cents: int) -> str:
    return format_money(cents, d.currency)


def _overview(d: CustomerValue, t: sb.Texts, ctx: ReportContext) -> list[Flowable]:
    p = d.pareto
    grid = sb.labelled([
        (t("guests"), format_count(d.guests_in_period)), (t("revenue"), _money(d, d.revenue_cents)),
        (t("repeat_rate"), sb.percent(d.repeat_rate)), (t("new_cards"), format_count(d.new_cards)),
    ], ctx)
    pareto = t("pareto", share=sb.percent(p.guest_share), guests=format_count(p.guests),
               of=format_count(p.of_guests), revenue=sb.percent(p.revenue_share))
    out = [*sb.section(t("section.overview"), grid), blocks.gap(4), sb.nothing(pareto)]
    if d.other_currency_stays:
        out.append(blocks.note(t("other_currency", count=d.other_currency_stays, currency=d.currency)))
    return out


def _abc(d: CustomerValue, t: sb.Texts, ctx: ReportContext) -> list[Flowable]:
    total_guests = sum(n for _, n, _ in d.abc)
    rows = [(t(f"abc.{tier}"), format_count(n), sb.share(n, total_guests), _money(d, money),
             sb.share(money, d.revenue_cents)) for tier, n, money in d.abc]
    table = blocks.text_table(ctx, [t("col.tier"), t("col.guests"), t("col.guest_share"), t("col.revenue"),
                                    t("col.revenue_share")], [2.3, 0.7, 1.0, 1.4, 1.1], rows, "")
    chart = bar_chart([tier for tier, _, _ in d.abc],
                      [[100 * n / total_guests if total_guests else 0 for _, n, _ in d.abc],
                       [100 * m / d.revenue_cents if d.revenue_cents else 0 for _, _, m in d.abc]],
                      sb.chart_width(ctx), sb.CHART_HEIGHT, title=t("chart.abc"),
                      series_names=[t("col.guest_share"), t("col.revenue_share")],
                      value_format=lambda v: f"{v:.0f}%")
    return [*sb.section(t("section.abc"), table), blocks.gap(6), chart]


def _rfm(d: CustomerValue, t: sb.Texts, ctx: ReportContext) -> list[Flowable]:
    width = sb.chart_width(ctx)
    segments = bar_chart([t(f"segment.{k}") for k, _ in d.segments], [[n for _, n in d.segments]], width,
                         26 + 17 * len(d.segments), title=t("chart.segments"), horizontal=True, label_width=120)
    stages = bar_chart([t(f"stage.{k}") for k, _ in d.lifecycle], [[n for _, n in d.lifecycle]], width,
                       26 + 17 * len(d.lifecycle), title=t("chart.lifecycle"), horizontal=True, label_width=120)
    return [*sb.section(t("section.rfm"), segments), blocks.note(t("rfm_note")), blocks.gap(8), stages,
            blocks.note(t("lifecycle_note"))]


def _top(d: CustomerValue, t: sb.Texts, ctx: ReportContext) -> list[Flowable]:
    rows = [(g.name, str(g.guest_id), format_count(g.stays), _money(d, g.revenue_cents), g.tier, g.rfm,
             t(f"segment.{g.segment}")) for g in d.top_guests]
    table = blocks.text_table(ctx, [t("col.guest"), t("col.card_no"), t("col.stays"), t("col.revenue"),
                                    t("col.abc"), t("col.rfm"), t("col.segment")],
                              [2.2, 0.8, 0.7, 1.4, 0.5, 0.6, 1.4], rows, "")
    return sb.section(t("section.top", count=len(d.top_guests)), table)


def _cards(d: CustomerValue, t: sb.Texts, ctx: ReportContext) -> list[Flowable]:
    width = sb.chart_width(ctx)
    items = [(t(f"item.{k}"), 100 * n / d.cards if d.cards else 0) for k, n in d.completeness]
    chart = bar_chart([k for k, _ in items], [[v for _, v in items]], width, 26 + 16 * len(items),
                      title=t("chart.completeness", cards=format_count(d.cards)), horizontal=True,
                      label_width=120, value_format=lambda v: f"{v:.0f}%")
    labels = [f"{day.month:02d}-{day.day:02d}" if d.trend_unit != "month" else f"{day.year}-{day.month:02d}"
              for day, _ in d.new_cards_trend]
    trend = line_chart(labels, [n for _, n in d.new_cards_trend], width, sb.CHART_HEIGHT,
                       title=t(f"chart.new_cards.{d.trend_unit}"))
    return [*sb.section(t("section.cards"), chart), blocks.gap(8), blocks.keep(trend)]


def _lapsed(d: CustomerValue, t: sb.Texts, ctx: ReportContext) -> list[Flowable]:
    lang = ctx.language
    columns = [
        ColumnSpec(t("col.guest"), 2.0, value=lambda v: v.name),
        ColumnSpec(t("col.card_no"), 0.8, Align.RIGHT, value=lambda v: v.guest_id),
        ColumnSpec(t("col.vip"), 0.9, value=lambda v: v.vip_code),
        ColumnSpec(t("col.member_tier"), 1.1, value=lambda v: v.tier.text(lang) if v.tier else None),
        ColumnSpec(t("col.last_stay"), 1.0, formatter=lambda v: format_date(v) if v else t("never"),
                   value=lambda v: v.last_stay),
        ColumnSpec(t("col.days"), 0.8, Align.RIGHT, formatter=lambda v: format_count(v) if v is not None else EMPTY,
                   value=lambda v: v.days),
        ColumnSpec(t("col.stays"), 0.7, Align.RIGHT, formatter=format_count, value=lambda v: v.stays),
    ]
    heading = t("section.lapsed", days=d.lapse_days)
    if not d.lapsed_vips:
        return sb.section(heading, sb.nothing(t("no_lapsed", days=d.lapse_days)))
    return [*sb.section(heading, blocks.note(t("lapsed_note", days=d.lapse_days, count=len(d.lapsed_vips)))),
            report_table(ctx, columns, list(d.lapsed_vips))]


SPEC = register(ReportSpec(
    name=NAME,
    title_key="reports.value.title",
    load=load,
    build=build,
    required=frozenset({ReportParam.PERIOD_FROM, ReportParam.PERIOD_TO}),
    optional=frozenset({ReportParam.DAYS}),
    permission=Permission.REPORT_MANAGER,
))
