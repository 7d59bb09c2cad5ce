"""The rows of a guest card and of a company as ``row_conflict.RowKind``s: how each is read back,
turned into the draft that keeps it, compared field by field and saved, added or removed."""

from __future__ import annotations

from typing import Any

from hotelcrm.i18n import tr
from hotelcrm.services.guest_dto import (
    AddressDraft,
    ContactDraft,
    DocumentDraft,
    PreferenceDraft,
    SpecialDateDraft,
)

from .conflict_dialog import shown
from .guest_format import code_label
from .guest_pref_labels import PreferenceLabels, key_label
from .row_conflict import RowKind
from .ui_context import UserSession

CODED = {"doc_type": "id_type", "pref_group": "preference_group"}  # draft field -> code list
ROW_CODES = {"document": {}, "contact": {"kind": "contact_kind"}, "address": {"kind": "address_kind"},
             "special_date": {"kind": "special_date_kind"}}
LABELS = {
    "document": {"doc_type": "field.id_type", "number": "field.id_number",
                 "issuing_country": "field.issuing_country", "expiry_date": "field.expiry_date"},
    "contact": {"kind": "field.contact_kind", "value": "field.contact", "label": "field.contact_label"},
    "address": {"kind": "field.address_kind", "line1": "field.address_line1", "line2": "field.address_line2",
                "city": "field.city", "region": "field.region", "postal_code": "field.postal_code",
                "country": "field.country"},
    "preference": {"pref_group": "field.pref_group", "pref_key": "field.pref_key", "value": "field.pref_value",
                   "note": "field.pref_note"},
    "special_date": {"kind": "field.special_date_kind", "month": "field.month", "day": "field.day",
                     "year": "field.year", "label": "field.special_date_label",
                     "remind_days_before": "field.remind_days_before"},
}


def draft_of(part: str, row: Any) -> Any:
    """A row as the draft that keeps it (a document keeps its stored number: empty number)."""
    if part == "document":
        return DocumentDraft(row.doc_type, "", row.issuing_country, row.expiry_date)
    if part == "contact":
        return ContactDraft(row.kind, row.value, row.label)
    if part == "address":
        return AddressDraft(line1=row.line1, kind=row.kind, line2=row.line2, city=row.city, region=row.region,
                            postal_code=row.postal_code, country=row.country)
    if part == "preference":
        return PreferenceDraft(row.pref_group, row.pref_key, row.value, row.note)
    return SpecialDateDraft(kind=row.kind, month=row.month, day=row.day, year=row.year, label=row.label,
                            remind_days_before=row.remind_days_before, sensitive=row.sensitive)


def _text(part: str, labels: PreferenceLabels | None):
    codes = {**CODED, **ROW_CODES.get(part, {})}

    def text(name: str, value: Any, draft: Any) -> str:
        if value is None or value == "":
            return shown(None)
        if name in codes:
            return code_label(codes[name], value)
        if part == "preference" and name == "pref_key":
            return key_label(value)
        if part == "preference" and name == "value" and labels is not None:
            return labels.value_label(draft.pref_group, draft.pref_key, value)
        return shown(value)

    return text


def _document_texts(row: Any) -> dict[str, str]:
    """A document as shown: its number as the card shows it (masked unless the role may see it)."""
    return {"doc_type": code_label("id_type", row.doc_type), "number": row.number,
            "issuing_country": shown(row.issuing_country), "expiry_date": shown(row.expiry_date)}


def _contact_texts(row: Any) -> dict[str, str]:
    """A contact as the card shows it (a phone spaced: +86 138 0000 1234)."""
    return {"kind": code_label("contact_kind", row.kind), "value": row.display, "label": shown(row.label)}


def card_row_kind(session: UserSession, part: str, guest_id: int,
                  labels: PreferenceLabels | None = None) -> RowKind:
    """A document, contact, address, preference or special date of the card ``guest_id``."""
    cards = session.ctx.services.guest_cards(session.actor)
    plural = {"document": "documents", "contact": "contacts", "address": "addresses", "preference": "preferences",
              "special_date": "special_dates"}[part]
    entity = {"preference": "guest_preference", "special_date": "special_date"}.get(part, f"guest_{part}")
    return RowKind(
        entity=entity, what=tr(f"ui.conflict.what.{part}"),
        labels={name: tr(key) for name, key in LABELS[part].items()},
        load=lambda: cards.card(guest_id), rows=lambda card: getattr(card, plural),
        draft_of=lambda row: draft_of(part, row),
        update=lambda row, draft: getattr(cards, f"update_{part}")(row.id, row.version, draft),
        add=lambda draft: getattr(cards, f"add_{part}")(guest_id, draft),
        remove=lambda row: getattr(cards, f"remove_{part}")(row.id, row.version),
        text=_text(part, labels), texts={"document": _document_texts, "contact": _contact_texts}.get(part))


def company_date_kind(session: UserSession, company_id: int) -> RowKind:
    """A special date of the company ``company_id`` (店庆/厂庆 …)."""
    companies = session.ctx.services.companies(session.actor)
    return RowKind(
        entity="special_date", what=tr("ui.conflict.what.company_date"),
        labels={name: tr(key) for name, key in LABELS["special_date"].items()},
        load=lambda: companies.get(company_id), rows=lambda company: company.special_dates,
        draft_of=lambda row: draft_of("special_date", row),
        update=lambda row, draft: companies.update_special_date(row.id, row.version, draft),
        add=lambda draft: companies.add_special_date(company_id, draft),
        remove=lambda row: companies.remove_special_date(row.id, row.version),
        text=_text("special_date", None))


CARD_FIELDS = ("family_name", "given_name", "latin_name", "birth_date", "nationality", "vip_code", "company", "position",
               "status")


def card_action_kind(session: UserSession, guest_id: int, act) -> RowKind:
    """A card for an action on it (merge another card into it): its main fields now beside as this
    desk saw them; ``act(current)`` does the action on the current version."""
    cards = session.ctx.services.guest_cards(session.actor)

    def texts(card: Any) -> dict[str, str]:
        values = {name: getattr(card, name, None) for name in CARD_FIELDS}
        values["company"], values["status"] = card.company_name, code_label("guest_status", card.status)
        return {name: shown(value) for name, value in values.items()}

    labels = {name: tr(f"field.{name}") if name not in ("company", "status") else tr(f"ui.card.{name}")
              for name in CARD_FIELDS}
    labels["status"] = tr("ui.conflict.card_status")
    return RowKind(entity="guest", what=tr("ui.conflict.what.guest"), labels=labels,
                   load=lambda: cards.card(guest_id), draft_of=lambda card: card, texts=texts,
                   update=lambda now, _none: act(now))
