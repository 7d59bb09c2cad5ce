"""Arrivals brief (来宾预抵简报) for a date: the VIP, member and returning guests expected, each with
tier, entitlements, preferences, allergies and taboos, special dates in the stay and past
complaints — the page the front desk prints every morning.

``hotelcrm report arrivals-brief --date D --out brief.pdf`` (GUEST_READ; allergy and health notes
only for roles that may read them, as on screen)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.platypus.flowables import Flowable

from hotelcrm.services.brief_dto import BriefPreference
from hotelcrm.services.report_arrivals_service import ArrivalsBriefService
from hotelcrm.services.report_stats_dto import ArrivalGuest, ArrivalsBrief

from . import guest_card_blocks as blocks
from . import stats_blocks as sb
from .formatters import format_count, format_date
from .page_template import title_block
from .report_context import ReportContext
from .report_registry import ReportParam, ReportSpec, register

NAME = "arrivals-brief"


def load(services, actor, params: Mapping[Any, Any]) -> ArrivalsBrief:
    return ArrivalsBriefService(services.db, actor).brief(params.get(ReportParam.DATE))


def build(data: ArrivalsBrief, ctx: ReportContext) -> list[Flowable]:
    t = sb.Texts("arrivals", ctx.language)
    out: list[Flowable] = [*title_block(ctx)]
    if not data.expected:
        return [*out, sb.nothing(t("empty", date=format_date(data.on)))]
    out.append(sb.nothing(t("summary", expected=format_count(data.expected), listed=len(data.guests),
                            vip=data.vip, members=data.members, returning=data.returning)))
    if not data.guests:
        return [*out, blocks.gap(6), sb.nothing(t("none_listed"))]
    options = {(o.pref_group, o.pref_key, o.value): o for o in data.options}
    for guest in data.guests:
        out.append(_guest(guest, t, ctx, options))
    return out


def _guest(g: ArrivalGuest, t: sb.Texts, ctx: ReportContext, options) -> Flowable:
    lang = ctx.language
    heading = " · ".join(x for x in (
        g.name, None if _same_name(g.latin_name, g.name) else g.latin_name,
        _vip(g.vip_code, t), g.tier.text(lang) if g.tier else None,
        t("room", room=g.room_no) if g.room_no else None) if x)
    nights = (g.departure - g.arrival).days
    member = t("member_value", no=g.member_no, points=format_count(g.points)) if g.member_no else None
    visits = t("visits_value", count=g.stays_before, last=format_date(g.last_stay)) if g.stays_before \
        else t("first_visit")
    rows: list[tuple[str, str | None]] = [
        (t("stay"), t("stay_value", arrival=format_date(g.arrival), departure=format_date(g.departure),
                      nights=nights, room_type=g.room_type or "—", adults=g.adults, children=g.children)),
        (t("visits"), visits),
    ]
    if member:
        rows.append((t("member"), member))
    if g.entitlements:
        rows.append((t("entitlements"), t.common("list_sep").join(e.text(lang) for e in g.entitlements)))
    if g.preferences:
        rows.append((t("preferences"), _prefs(g.preferences, t, lang, options)))
    if g.allergies_diet:
        rows.append((t("allergies"), _prefs(g.allergies_diet, t, lang, options)))
    if g.taboos:
        rows.append((t("taboos"), g.taboos))
    if g.special_requests:
        rows.append((t("requests"), g.special_requests))
    if g.special_dates:
        rows.append((t("dates"), t.common("list_sep").join(
            f"{format_date(day)} {t.code('special_date_kind', kind)}" + (f" ({label})" if label else "")
            for kind, day, label in g.special_dates)))
    if g.complaints:
        rows.append((t("complaints"), t.common("list_sep").join(
            f"{c.number} {format_date(c.received_on)} {c.category.text(lang)} ({t.common('state.' + c.state)})"
            for c in g.complaints)))
    parts: list[Flowable] = [blocks.subheading(heading)]
    if g.blacklisted:
        parts.append(blocks.notice(ctx, t("blacklisted")))
    parts.append(blocks.field_grid(ctx, rows, columns=1, label_share=0.16))
    if g.hidden_sensitive:
        parts.append(blocks.note(t("hidden", count=g.hidden_sensitive)))
    parts.append(blocks.gap(6))
    return blocks.keep(*parts)


def _vip(code: str | None, t: sb.Texts) -> str | None:
    """"VIP1" prints as it is; a bare code ("A") gets the word: "VIP A"."""
    if not code:
        return None
    return code if "VIP" in code.upper() else t("vip", code=code)


def _same_name(latin: str | None, name: str) -> bool:
    """"Bernard Isabelle" and "Isabelle Bernard" are one name in two orders."""
    return not latin or sorted(latin.lower().split()) == sorted(name.lower().split())


def _prefs(prefs: tuple[BriefPreference, ...], t: sb.Texts, lang: str, options) -> str | None:
    if not prefs:
        return None
    shown = []
    for p in prefs:
        option = options.get((p.pref_group, p.pref_key, p.value))
        value = (option.label_zh if lang == "zh_CN" else option.label_en) if option else p.value
        text = f"{t.pref_key(p.pref_key)}{t.common('kv')}{value}"
        shown.append(f"{text} ({p.note})" if p.note else text)
    return t.common("list_sep").join(shown)


SPEC = register(ReportSpec(
    name=NAME,
    title_key="reports.arrivals.title",
    load=load,
    build=build,
    required=frozenset({ReportParam.DATE}),
))
