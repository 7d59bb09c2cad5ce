"""Special dates (纪念日提醒) in a window: guests' birthdays and anniversaries and the companies'
founding days, with the guest's VIP code, tier, whether they are in house, and the channels they
agreed to be contacted on (the phone number only when they agreed to phone or SMS).

``hotelcrm report special-dates --from D --to D --out dates.pdf`` (GUEST_READ)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.platypus.flowables import Flowable

from hotelcrm.services.report_special_dates_service import SpecialDatesService
from hotelcrm.services.report_stats_dto import SpecialDateRow, SpecialDates

from . import guest_card_blocks as blocks
from . import stats_blocks as sb
from .data_table import ColumnSpec, report_table
from .formatters import EMPTY, format_count, format_date
from .page_template import title_block
from .report_context import Orientation, ReportContext
from .report_registry import ReportParam, ReportSpec, register

NAME = "special-dates"
PHONE_CHANNELS = ("phone", "sms")


def load(services, actor, params: Mapping[Any, Any]) -> SpecialDates:
    return SpecialDatesService(services.db, actor).window(params.get(ReportParam.PERIOD_FROM),
                                                         params.get(ReportParam.PERIOD_TO))


def build(data: SpecialDates, ctx: ReportContext) -> list[Flowable]:
    t = sb.Texts("sdates", ctx.language)
    out: list[Flowable] = [*title_block(ctx)]
    if not data.rows:
        out.append(sb.nothing(t("empty")))
    else:
        kinds = t.common("list_sep").join(f"{t.code('special_date_kind', kind)} {format_count(n)}" for kind, n in data.by_kind)
        out.append(sb.nothing(t("summary", count=format_count(len(data.rows)), kinds=kinds)))
        out.append(blocks.gap(6))
        out.append(report_table(ctx, _columns(t, ctx.language), list(data.rows)))
    if data.hidden_sensitive:
        out.append(blocks.note(t("hidden", count=data.hidden_sensitive)))
    out.append(blocks.note(t("consent_note")))
    return out


def _columns(t: sb.Texts, lang: str) -> list[ColumnSpec]:
    weekdays = t("weekdays").split(",")

    def when(r: SpecialDateRow) -> str:
        return f"{format_date(r.on)} {weekdays[r.on.weekday()]}"

    def what(r: SpecialDateRow) -> str:
        kind = t.code("special_date_kind", r.kind)
        if not r.years:
            return kind
        return f"{kind} ({t('age' if r.kind == 'birthday' else 'years', n=r.years)})"

    def consent(r: SpecialDateRow) -> str:
        if r.is_company:
            return EMPTY
        return ", ".join(t.code("consent_channel", c) for c in r.consents) if r.consents else t("no_consent")

    def phone(r: SpecialDateRow) -> str | None:
        return r.phone if r.is_company or any(c in PHONE_CHANNELS for c in r.consents) else None

    return [
        ColumnSpec(t("col.date"), 1.1, value=when),
        ColumnSpec(t("col.kind"), 1.9, value=what),
        ColumnSpec(t("col.who"), 1.7, value=lambda r: r.owner),
        ColumnSpec(t("col.label"), 1.0, value=lambda r: r.label),
        ColumnSpec(t("col.vip"), 0.7, value=lambda r: r.vip_code),
        ColumnSpec(t("col.tier"), 0.8, value=lambda r: r.tier.text(lang) if r.tier else None),
        ColumnSpec(t("col.in_house"), 0.6, value=lambda r: t("yes") if r.in_house else None),
        ColumnSpec(t("col.consent"), 1.3, value=consent),
        ColumnSpec(t("col.phone"), 1.1, value=phone),
    ]


SPEC = register(ReportSpec(
    name=NAME,
    title_key="reports.sdates.title",
    load=load,
    build=build,
    required=frozenset({ReportParam.PERIOD_FROM, ReportParam.PERIOD_TO}),
    orientation=Orientation.LANDSCAPE,
))
