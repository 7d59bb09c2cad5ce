"""Complaint statistics (投诉案件统计表) for a period: counts by category, department, severity and
channel; times to acknowledge, remedy and close with the share within target; recovery cost;
repeat complainants; whether complainants came back; bar and trend charts.

``hotelcrm report complaint-stats --from D --to D --out stats.pdf`` (REPORT_MANAGER)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.platypus import Table
from reportlab.platypus.flowables import Flowable

from hotelcrm.domain.permissions import Permission
from hotelcrm.services.report_complaint_stats_service import ComplaintStatsService
from hotelcrm.services.report_stats_dto import ComplaintStats

from . import guest_card_blocks as blocks
from . import stats_blocks as sb
from .charts import bar_chart, line_chart
from .fonts import FONT_NAME
from .formatters import format_count, format_money
from .page_template import title_block
from .report_context import ReportContext
from .report_registry import ReportParam, ReportSpec, register

NAME = "complaint-stats"


def load(services, actor, params: Mapping[Any, Any]) -> ComplaintStats:
    return ComplaintStatsService(services.db, actor).stats(params.get(ReportParam.PERIOD_FROM),
                                                          params.get(ReportParam.PERIOD_TO))


def build(data: ComplaintStats, ctx: ReportContext) -> list[Flowable]:
    t = sb.Texts("cstats", ctx.language)
    out: list[Flowable] = [*title_block(ctx)]
    if data.total == 0:
        return [*out, sb.nothing(t("empty"))]
    out += _overview(data, t, ctx)
    out += _times(data, t, ctx)
    out += _counts(data, t, ctx)
    out += _returns(data, t, ctx)
    out += _repeat(data, t, ctx)
    return out


def _overview(d: ComplaintStats, t: sb.Texts, ctx: ReportContext) -> list[Flowable]:
    costed = d.with_cost - d.other_currency
    average = format_money(round(d.recovery_cents / costed), d.currency) if costed else None
    grid = sb.labelled([
        (t("received"), format_count(d.total)), (t("closed"), format_count(d.closed)),
        (t("open"), format_count(d.open)), (t("withdrawn"), format_count(d.withdrawn)),
        (t("recovery_cost"), format_money(d.recovery_cents, d.currency)),
        (t("with_cost"), t("with_cost_value", count=d.with_cost, average=average or "—")),
    ], ctx)
    out = sb.section(t("section.overview"), grid)
    if d.other_currency:
        out.append(blocks.note(t("other_currency", count=d.other_currency, currency=d.currency)))
    return out


def _times(d: ComplaintStats, t: sb.Texts, ctx: ReportContext) -> list[Flowable]:
    rows = [(t(f"stage.{s.stage}"), format_count(s.count), sb.hours(t, s.median_hours), sb.hours(t, s.p90_hours),
             format_count(s.judged), sb.percent(s.share_within)) for s in d.stages]
    table = blocks.text_table(ctx, [t("col.step"), t("col.count"), t("col.median"), t("col.p90"),
                                    t("col.judged"), t("col.within")], [1.6, 0.9, 1.0, 1.0, 1.0, 1.1], rows, "")
    return sb.section(t("section.times"), table, blocks.note(t("times_note")))


def _counts(d: ComplaintStats, t: sb.Texts, ctx: ReportContext) -> list[Flowable]:
    width = sb.chart_width(ctx)
    lang = ctx.language

    def horizontal(title: str, items: list[tuple[str, int]]) -> Flowable:
        height = max(70, 26 + 17 * len(items))
        return bar_chart([k for k, _ in items], [[v for _, v in items]], width, height, title=title,
                         horizontal=True, label_width=130)

    category = horizontal(t("chart.category"), [(x.label.text(lang), x.count) for x in d.by_category])
    department = horizontal(t("chart.department"), [(x.label.text(lang), x.count) for x in d.by_department])
    severity = bar_chart([t(f"severity.{c}") for c, _ in d.by_severity], [[n for _, n in d.by_severity]],
                         width / 2 - 6, sb.CHART_HEIGHT, title=t("chart.severity"))
    channel = bar_chart([t(f"channel.{c}") for c, _ in d.by_channel], [[n for _, n in d.by_channel]],
                        width / 2 - 6, sb.CHART_HEIGHT, title=t("chart.channel"))
    side_by_side = _pair(severity, channel, width)
    labels = [_bucket_label(day, d.trend_unit) for day, _ in d.trend]
    trend = line_chart(labels, [n for _, n in d.trend], width, sb.CHART_HEIGHT + 10,
                       title=t(f"chart.trend.{d.trend_unit}"))
    return [*sb.section(t("section.counts"), category), blocks.gap(8), department, blocks.gap(8), side_by_side,
            blocks.gap(8), trend]


def _pair(left: Flowable, right: Flowable, width: float) -> Flowable:
    table = Table([[left, right]], colWidths=[width / 2, width / 2], hAlign="LEFT")
    table.setStyle([("FONT", (0, 0), (-1, -1), FONT_NAME, 8),  # no stray Helvetica
                    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("VALIGN", (0, 0), (-1, -1), "TOP")])
    return table


def _bucket_label(day, unit: str) -> str:
    if unit == "month":
        return f"{day.year}-{day.month:02d}"
    return f"{day.month:02d}-{day.day:02d}"


def _returns(d: ComplaintStats, t: sb.Texts, ctx: ReportContext) -> list[Flowable]:
    rows = [(t(f"return.{g.group}"), format_count(g.guests), format_count(g.returned), sb.percent(g.rate))
            for g in d.returns]
    table = blocks.text_table(ctx, [t("col.group"), t("col.complainants"), t("col.returned"), t("col.rate")],
                              [2.2, 1.0, 1.0, 1.0], rows, "")
    chart = bar_chart([t(f"return.{g.group}") for g in d.returns], [[(g.rate or 0) * 100 for g in d.returns]],
                      sb.chart_width(ctx) * 0.6, sb.CHART_HEIGHT - 20, title=t("chart.return_rate"),
                      value_format=lambda v: f"{v:.0f}%")
    return [*sb.section(t("section.returns"), table), blocks.note(t("returns_note")), blocks.gap(6), chart]


def _repeat(d: ComplaintStats, t: sb.Texts, ctx: ReportContext) -> list[Flowable]:
    rows = [(r.name, str(r.guest_id), format_count(r.complaints)) for r in d.repeat]
    table = blocks.text_table(ctx, [t("col.guest"), t("col.card_no"), t("col.complaints")], [3.0, 1.0, 1.0],
                              rows, t("no_repeat"))
    return sb.section(t("section.repeat"), table)


SPEC = register(ReportSpec(
    name=NAME,
    title_key="reports.cstats.title",
    load=load,
    build=build,
    required=frozenset({ReportParam.PERIOD_FROM, ReportParam.PERIOD_TO}),
    permission=Permission.REPORT_MANAGER,
))
