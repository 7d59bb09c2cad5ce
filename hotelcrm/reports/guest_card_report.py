"""The guest history card (客史档案卡): one guest, all four groups of DESIGN.md §2.1.

``hotelcrm report guest-card --guest ID --out card.pdf``. What prints is what the printing
user may see on screen: ID numbers masked unless the user may reveal them *and* asked for it
(``params[REVEAL_IDS]``; every reveal is audited by the card service), religion, health and
allergy notes only for roles with SENSITIVE_READ (the card service leaves them out otherwise,
and the card says how many entries were withheld).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus.flowables import Flowable

from hotelcrm.domain.errors import ValidationError
from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import catalogue, tr
from hotelcrm.services.guest_dto import GuestCard, PreferenceOptionInfo, StayLine
from hotelcrm.services.loyalty_dto import MemberBadge

from . import guest_card_blocks as blocks
from .formatters import EMPTY, format_count, format_date, format_datetime, format_money
from .page_template import title_block
from .report_context import ReportContext
from .report_registry import ReportParam, ReportSpec, register

NAME = "guest-card"
# Extra parameter (not a CLI option of every report): print clear ID numbers. Needs ID_REVEAL.
REVEAL_IDS = "reveal_ids"
_K = "reports.guest_card."
GROUP_ORDER = ("room", "dining", "other")  # as on the card screen and in DESIGN.md §2.1


@dataclass(frozen=True)
class GuestCardData:
    """What the card PDF shows: the card as the printing user may see it, the pick-list labels,
    and the clear numbers of the documents that were revealed for this print (usually none)."""

    card: GuestCard
    options: tuple[PreferenceOptionInfo, ...] = ()
    revealed: tuple[tuple[int, str], ...] = ()  # (document id, clear number)
    sensitive_visible: bool = False
    membership: MemberBadge | None = None  # only for users who may read loyalty data


def guest_id_param(value: Any) -> int:
    if isinstance(value, bool):
        raise ValidationError("report_guest", "not_a_number")
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError("report_guest", "not_a_number") from None
    if number <= 0:
        raise ValidationError("report_guest", "not_a_number")
    return number


def load(services, actor, params: Mapping[Any, Any]) -> GuestCardData:
    """Reads through ``GuestCardService`` (GUEST_READ; reveals need ID_REVEAL and are audited)."""
    cards = services.guest_cards(actor)
    card = cards.card(guest_id_param(params.get(ReportParam.GUEST)))
    options = tuple(cards.preference_options(include_inactive=True))
    revealed: tuple[tuple[int, str], ...] = ()
    if params.get(REVEAL_IDS):
        revealed = tuple((d.id, cards.reveal_document(d.id)) for d in card.documents)
    membership = services.loyalty_members(actor).for_guest(card.id) if actor.can(Permission.LOYALTY_READ) else None
    return GuestCardData(card, options, revealed, actor.can(Permission.SENSITIVE_READ), membership)


# ---------------------------------------------------------------- text helpers


class _Texts:
    """Labels in the report's language (never the GUI's current one)."""

    def __init__(self, lang: str, options: tuple[PreferenceOptionInfo, ...]) -> None:
        self.lang = lang
        self._known = catalogue(lang).keys() | catalogue("en").keys()
        self._options = {(o.pref_group, o.pref_key, o.value): o for o in options}

    def __call__(self, key: str, **params: Any) -> str:
        return tr(_K + key, lang=self.lang, **params)

    def code(self, code_list: str, value: str | None) -> str | None:
        if not value:
            return None
        key = f"code.{code_list}.{value}"
        return tr(key, lang=self.lang) if key in self._known else value

    def pref_key(self, key: str) -> str:
        wanted = f"pref.key.{key}"
        return tr(wanted, lang=self.lang) if wanted in self._known else key.replace("_", " ").capitalize()

    def pref_value(self, group: str, key: str, value: str) -> str:
        option = self._options.get((group, key, value))
        if option is None:
            return value  # free text where the key has no pick-list
        return option.label_zh if self.lang == "zh_CN" else option.label_en


def _join(*parts: str | None, sep: str = " · ") -> str | None:
    shown = [p for p in parts if p]
    return sep.join(shown) if shown else None


# ---------------------------------------------------------------- the four groups


def _head(data: GuestCardData, t: _Texts, ctx: ReportContext) -> list[Flowable]:
    card, member = data.card, data.membership
    romanised = _join(card.latin_name, None if _same_letters(card.pinyin, card.latin_name) else card.pinyin)
    facts = [t("card_no", id=card.id), t("status", status=t.code("guest_status", card.status))]
    if card.vip_code:
        facts.append(t("vip", code=card.vip_code))
    if member is not None:
        tier = member.tier_name_zh if t.lang == "zh_CN" else member.tier_name_en
        facts.append(t("member", number=member.member_no, tier=tier, points=format_count(member.balance)))
        if member.status != "active":
            facts.append(t("member_status", status=t.code("membership_status", member.status)))
    out: list[Flowable] = [*title_block(ctx), blocks.identity_band(ctx, card.display_name, romanised, facts)]
    if card.status == "blacklisted":
        out += [blocks.gap(6), blocks.notice(ctx, t("blacklisted", reason=card.blacklist_reason or EMPTY))]
    elif card.merged_into_id:
        out += [blocks.gap(6), blocks.notice(ctx, t("merged", into=card.merged_into_id))]
    elif card.status == "anonymized":
        out += [blocks.gap(6), blocks.notice(ctx, t("anonymized"))]
    return out


def _general(data: GuestCardData, t: _Texts, ctx: ReportContext) -> list[Flowable]:
    c = data.card
    company = _join(c.company_name, c.position, sep=" / ")
    grid = blocks.field_grid(ctx, [
        (t("label.family_name"), c.family_name), (t("label.given_name"), c.given_name),
        (t("label.latin_name"), c.latin_name), (t("label.pinyin"), c.pinyin),
        (t("label.gender"), t.code("gender", c.gender)), (t("label.birth_date"), _date(c.birth_date)),
        (t("label.nationality"), c.nationality), (t("label.language"), c.language),
        (t("label.marital_status"), t.code("marital_status", c.marital_status)),
        (t("label.guest_type"), t.code("guest_type", c.guest_type)),
        (t("label.vip_code"), c.vip_code), (t("label.company"), company),
    ])
    clear = dict(data.revealed)
    documents = [(t.code("id_type", d.doc_type), clear.get(d.id, d.number), d.issuing_country,
                  _expiry(d.expiry_date, d.expired, t)) for d in c.documents]
    contacts = [(t.code("contact_kind", x.kind), x.display, x.label, t("primary") if x.is_primary else None)
                for x in c.contacts]
    addresses = [(t.code("address_kind", a.kind),
                  _join(a.line1, a.line2, a.city, a.region, a.postal_code, a.country, sep=", "))
                 for a in c.addresses]
    return [
        blocks.keep(blocks.section(t("section.general")), grid),
        blocks.keep(blocks.subheading(t("sub.documents")), blocks.text_table(
            ctx, [t("col.doc_type"), t("col.doc_number"), t("col.issuing_country"), t("col.expiry")],
            [1.2, 1.8, 0.9, 1.3], documents, t("none.documents"))),
        blocks.keep(blocks.subheading(t("sub.contacts")), blocks.text_table(
            ctx, [t("col.contact_kind"), t("col.contact"), t("col.contact_label"), t("col.primary")],
            [1.0, 2.2, 1.4, 0.7], contacts, t("none.contacts"))),
        blocks.keep(blocks.subheading(t("sub.addresses")), blocks.text_table(
            ctx, [t("col.address_kind"), t("col.address")], [1.0, 4.3], addresses, t("none.addresses"))),
    ]


def _stays(data: GuestCardData, t: _Texts, ctx: ReportContext) -> list[Flowable]:
    s = data.card.stats
    cur = s.currency or "CNY"

    def money(v: int) -> str:
        return format_money(v, cur)

    grid = blocks.field_grid(ctx, [
        (t("label.stays"), format_count(s.stays)), (t("label.nights"), format_count(s.nights)),
        (t("label.total_spend"), money(s.total_spend_cents)),
        (t("label.average_spend"), money(s.average_spend_cents)),
        (t("label.spend_room"), money(s.spend_room_cents)), (t("label.spend_fnb"), money(s.spend_fnb_cents)),
        (t("label.spend_other"), money(s.spend_other_cents)), (t("label.discounts"), money(s.discount_cents)),
        (t("label.unpaid"), money(s.unpaid_cents)), (t("label.favourite_room_type"), s.favourite_room_type),
        (t("label.first_stay"), _date(s.first_stay)), (t("label.last_stay"), _date(s.last_stay)),
        (t("label.other_stays"), t("other_stays", cancelled=s.cancelled, no_shows=s.no_shows,
                                   upcoming=s.upcoming)),
    ])
    out: list[Flowable] = [blocks.keep(blocks.section(t("section.stays")), grid)]
    if s.other_currency_stays:
        out.append(blocks.note(t("other_currency", count=s.other_currency_stays, currency=cur)))
    stays = data.card.stays
    # Not kept together: a long list starts on this page (with room for a few rows) and flows on.
    out += [blocks.room_for(36 * mm), blocks.subheading(t("sub.stay_list", count=len(stays), currency=cur)),
            _stay_table(stays, t, ctx, cur)]
    return out


def _stay_table(stays: tuple[StayLine, ...], t: _Texts, ctx: ReportContext, currency: str) -> Flowable:
    """Newest first; two short lines per cell where a stay has two related values."""

    def amount(stay: StayLine, minor: int) -> str:
        # The card's currency is in the heading; a stay billed in another one shows its code.
        text = format_money(minor, stay.currency)
        return text.split(" ", 1)[1] if stay.currency == currency else text

    rows = [(
        f"{format_date(s.arrival_date)}\n{format_date(s.departure_date)}",
        format_count(s.nights),
        f"{s.room_no or EMPTY}\n{s.room_type or EMPTY}",
        f"{s.channel or EMPTY}\n{s.segment or EMPTY}",
        t.code("stay_status", s.status) or EMPTY,
        amount(s, s.rate_cents),
        amount(s, s.spend_room_cents), amount(s, s.spend_fnb_cents), amount(s, s.spend_other_cents),
        f"{amount(s, s.discount_cents)}\n{amount(s, s.unpaid_cents)}",
    ) for s in stays]
    headers = [t("col.dates"), t("col.nights"), t("col.room"), t("col.channel"), t("col.status"),
               t("col.rate"), t("col.spend_room"), t("col.spend_fnb"), t("col.spend_other"),
               t("col.discount_unpaid")]
    weights = [0.97, 0.62, 1.22, 1.75, 1.05, 0.9, 0.9, 0.9, 0.9, 0.9]
    aligns = ["LEFT", "RIGHT", "LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"]
    return blocks.stacked_table(ctx, headers, weights, aligns, rows, t("none.stays"))


def _personal(data: GuestCardData, t: _Texts, ctx: ReportContext) -> list[Flowable]:
    c = data.card
    out: list[Flowable] = [blocks.section(t("section.personal"))]
    if c.hidden_sensitive:  # said first, so that nobody reads the card as complete
        out.append(blocks.note(t("hidden_sensitive", count=c.hidden_sensitive)))
    present = {p.pref_group for p in c.preferences}
    groups = [g for g in GROUP_ORDER if g in present] + sorted(present - set(GROUP_ORDER))
    if not groups:
        out.append(blocks.keep(blocks.subheading(t("sub.preferences")), blocks.note(t("none.preferences"))))
    for group in groups:
        rows = [(t.pref_key(p.pref_key), t.pref_value(p.pref_group, p.pref_key, p.value),
                 _join(p.note, t("from_observation") if p.from_observation else None, sep=" "))
                for p in c.preferences if p.pref_group == group]
        out.append(blocks.keep(
            blocks.subheading(t("sub.preferences_group", group=t.code("preference_group", group))),
            blocks.text_table(ctx, [t("col.preference"), t("col.value"), t("col.note")], [1.3, 1.6, 2.4],
                              rows, t("none.preferences"))))
    notes = [(t("label.character"), c.character_notes), (t("label.hobbies"), c.hobbies),
             (t("label.habits"), c.habits)]
    if data.sensitive_visible:
        notes.append((t("label.religion"), c.religion))
    notes += [(t("label.taboos"), c.taboos), (t("label.special_requests"), c.special_requests),
              (t("label.notes"), c.notes)]
    out.append(blocks.keep(blocks.subheading(t("sub.notes")),
                           blocks.field_grid(ctx, notes, columns=1, label_share=0.18)))
    dates = [(t.code("special_date_kind", d.kind), _month_day(d.year, d.month, d.day), d.label,
              _date(d.next_date), t("remind", days=d.remind_days_before)) for d in c.special_dates]
    out.append(blocks.keep(blocks.subheading(t("sub.special_dates")), blocks.text_table(
        ctx, [t("col.date_kind"), t("col.date"), t("col.description"), t("col.next"), t("col.reminder")],
        [1.2, 1.0, 2.0, 1.0, 1.1], dates, t("none.special_dates"))))
    consents = [(t.code("consent_channel", x.channel), t("granted") if x.granted else t("refused"),
                 _date(x.given_on), x.source) for x in c.consents]
    out.append(blocks.keep(blocks.subheading(t("sub.consents")), blocks.text_table(
        ctx, [t("col.channel_consent"), t("col.consent"), t("col.date"), t("col.source")],
        [1.2, 1.0, 1.0, 2.3], consents, t("none.consents"))))
    return out


def _feedback(data: GuestCardData, t: _Texts, ctx: ReportContext) -> list[Flowable]:
    c = data.card
    rows = [(format_datetime(f.received_at or f.created_at), t.code("feedback_kind", f.kind), f.text)
            for f in c.feedback]
    out: list[Flowable] = [
        blocks.keep(blocks.section(t("section.feedback")), blocks.subheading(t("sub.feedback")),
                    blocks.text_table(ctx, [t("col.received"), t("col.kind"), t("col.text")], [1.2, 0.8, 4.5],
                                      rows, t("none.feedback"))),
    ]
    # ``card.complaints`` holds ComplaintService.for_guest slots (number, day, category, state).
    overdue = tr("complaint.overdue", lang=t.lang)
    complaints = [(x.number, format_date(x.received_on), x.category,
                   _join(t.code("complaint_state", x.state), overdue if x.open and x.overdue else None))
                  for x in c.complaints]
    out.append(blocks.keep(blocks.subheading(t("sub.complaints")), blocks.text_table(
        ctx, [t("col.complaint_no"), t("col.received"), t("col.summary"), t("col.status")],
        [1.0, 1.0, 3.5, 1.0], complaints, t("none.complaints"))))
    return out


# ---------------------------------------------------------------- values


def _same_letters(a: str | None, b: str | None) -> bool:
    """"wang yang" and "WANG Yang" are the same name written twice."""
    return not a or (b is not None and a.replace(" ", "").lower() == b.replace(" ", "").lower())


def _date(value: date | None) -> str | None:
    return format_date(value) if value else None


def _expiry(value: date | None, expired: bool, t: _Texts) -> str | None:
    if value is None:
        return None
    return t("expired", date=format_date(value)) if expired else format_date(value)


def _month_day(year: int | None, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"


def build(data: GuestCardData, ctx: ReportContext) -> list[Flowable]:
    t = _Texts(ctx.language, data.options)
    return [*_head(data, t, ctx), *_general(data, t, ctx), *_stays(data, t, ctx),
            *_personal(data, t, ctx), *_feedback(data, t, ctx)]


SPEC = register(ReportSpec(
    name=NAME,
    title_key=_K + "title",
    load=load,
    build=build,
    required=frozenset({ReportParam.GUEST}),
    permission=Permission.GUEST_READ,
))
