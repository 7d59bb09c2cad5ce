"""Assembles the ``GuestCard`` (and its rows) from the database, masking what the actor may
not see. Used inside the caller's session; never commits."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotelcrm.db.models import (
    Feedback,
    Guest,
    GuestAddress,
    GuestContact,
    GuestDocument,
    GuestPreference,
    MarketingConsent,
    PreferenceOption,
    SpecialDate,
    Stay,
)
from hotelcrm.domain.contact_rules import display_phone
from hotelcrm.domain.guest_rules import birth_date_disagrees, display_name, next_occurrence
from hotelcrm.domain.id_numbers import mask_document_number
from hotelcrm.domain.permissions import Permission
from hotelcrm.domain.stay_stats import stay_stats

from .actor import Actor
from .complaint_reader import slots_of
from .guest_card_rows import CardRows, read_card_rows
from .guest_dto import (
    AddressInfo,
    CardWarning,
    ConsentInfo,
    ContactInfo,
    DocumentInfo,
    FeedbackInfo,
    GuestCard,
    PreferenceInfo,
    PreferenceOptionInfo,
    SpecialDateInfo,
    StayLine,
)


def document_info(doc: GuestDocument, today: date, reveal: bool = False) -> DocumentInfo:
    return DocumentInfo(
        id=doc.id, doc_type=doc.doc_type,
        number=doc.number if reveal else mask_document_number(doc.number), masked=not reveal,
        issuing_country=doc.issuing_country, expiry_date=doc.expiry_date,
        expired=doc.expiry_date is not None and doc.expiry_date < today,
        is_primary=doc.is_primary, version=doc.version,
    )


def contact_info(c: GuestContact) -> ContactInfo:
    shown = display_phone(c.value) if c.kind == "phone" else c.value
    return ContactInfo(id=c.id, kind=c.kind, value=c.value, display=shown, label=c.label,
                       is_primary=c.is_primary, version=c.version)


def address_info(a: GuestAddress) -> AddressInfo:
    return AddressInfo(id=a.id, kind=a.kind, line1=a.line1, line2=a.line2, city=a.city, region=a.region,
                       postal_code=a.postal_code, country=a.country, version=a.version)


def preference_info(p: GuestPreference) -> PreferenceInfo:
    return PreferenceInfo(id=p.id, pref_group=p.pref_group, pref_key=p.pref_key, value=p.value, note=p.note,
                          sensitive=p.sensitive, from_observation=p.source_observation_id is not None,
                          version=p.version)


def special_date_info(d: SpecialDate, today: date) -> SpecialDateInfo:
    return SpecialDateInfo(id=d.id, kind=d.kind, month=d.month, day=d.day, year=d.year, label=d.label,
                           sensitive=d.sensitive, remind_days_before=d.remind_days_before,
                           next_date=next_occurrence(d.month, d.day, today), version=d.version)


def feedback_info(f: Feedback) -> FeedbackInfo:
    return FeedbackInfo(id=f.id, kind=f.kind, text=f.text, stay_id=f.stay_id, received_at=f.received_at,
                        created_at=f.created_at, version=f.version)


def consent_info(c: MarketingConsent) -> ConsentInfo:
    return ConsentInfo(id=c.id, channel=c.channel, granted=c.granted, given_on=c.given_on, source=c.source,
                       created_at=c.created_at)


def option_info(o: PreferenceOption) -> PreferenceOptionInfo:
    return PreferenceOptionInfo(id=o.id, pref_group=o.pref_group, pref_key=o.pref_key, value=o.value,
                                label_en=o.label_en, label_zh=o.label_zh, sensitive=o.sensitive,
                                sort_order=o.sort_order, active=o.active, version=o.version)


_STAY_COLUMNS = ("id", "status", "arrival_date", "departure_date", "room_no", "room_type", "currency",
                 "rate_cents", "channel", "segment", "spend_room_cents", "spend_fnb_cents", "spend_other_cents",
                 "discount_cents", "unpaid_cents", "version")


def stay_lines(session: Session, guest_id: int) -> tuple[StayLine, ...]:
    """The stays, newest first, read as plain rows (a card can have hundreds)."""
    t = Stay.__table__
    rows = session.execute(select(*(t.c[c] for c in _STAY_COLUMNS)).where(t.c.guest_id == guest_id)
                           .order_by(t.c.arrival_date.desc(), t.c.id.desc()))
    # Positional: StayLine's fields are _STAY_COLUMNS with ``nights`` after the departure date.
    return tuple(StayLine(r[0], r[1], r[2], r[3], (r[3] - r[2]).days, *r[4:]) for r in rows)


def guest_display_name(guest: Guest | SimpleNamespace) -> str:
    return display_name(guest.family_name, guest.given_name, guest.latin_name)


def latest_consents(rows: Iterable[tuple]) -> tuple[ConsentInfo, ...]:
    """Consent rows (``guest_card_rows`` columns) ordered oldest first: the last row per channel wins."""
    latest: dict[str, tuple] = {}
    for row in rows:
        latest[row[1]] = row
    return tuple(ConsentInfo(*latest[ch]) for ch in sorted(latest))


def _document(row: tuple, today: date) -> DocumentInfo:
    doc_id, doc_type, number, country, expiry, primary, version = row
    return DocumentInfo(id=doc_id, doc_type=doc_type, number=mask_document_number(number), masked=True,
                        issuing_country=country, expiry_date=expiry, expired=expiry is not None and expiry < today,
                        is_primary=primary, version=version)


def _contact(row: tuple) -> ContactInfo:
    contact_id, kind, value, label, primary, version = row
    shown = display_phone(value) if kind == "phone" else value
    return ContactInfo(id=contact_id, kind=kind, value=value, display=shown, label=label, is_primary=primary,
                       version=version)


def _preference(row: tuple) -> PreferenceInfo:
    pref_id, group, key, value, note, sensitive, observation_id, version = row
    return PreferenceInfo(id=pref_id, pref_group=group, pref_key=key, value=value, note=note, sensitive=sensitive,
                          from_observation=observation_id is not None, version=version)


def _special_date(row: tuple, today: date) -> SpecialDateInfo:
    date_id, kind, month, day, year, label, sensitive, remind, version = row
    return SpecialDateInfo(id=date_id, kind=kind, month=month, day=day, year=year, label=label, sensitive=sensitive,
                           remind_days_before=remind, next_date=next_occurrence(month, day, today), version=version)


def _birth_date_warnings(guest: Guest | SimpleNamespace, documents: list[tuple]) -> tuple[CardWarning, ...]:
    if guest.birth_date is None:
        return ()
    resident_ids = [(d[1], d[2]) for d in documents if d[1] == "resident_id"]
    if birth_date_disagrees(guest.birth_date, resident_ids):
        return (CardWarning("id_birth_date_mismatch", "birth_date"),)
    return ()


def read_card(session: Session, guest: Guest | SimpleNamespace, actor: Actor, *, today: date | None = None,
              warnings: tuple[CardWarning, ...] = (), check_birth_date: bool = False,
              rows: CardRows | None = None) -> GuestCard:
    """The whole card of ``guest`` (a ``Guest`` or its columns from ``read_guest_and_rows``) as
    ``actor`` may see it: the lists in one statement (``guest_card_rows``), or ``rows`` already
    read with the guest. ``check_birth_date`` adds the warning when a resident ID's embedded
    birth date differs from the card's (from the documents just read, no extra query)."""
    today = today or date.today()
    sensitive_ok = actor.can(Permission.SENSITIVE_READ)
    gid = guest.id
    if rows is None:
        rows = read_card_rows(session, gid, guest.company_id)
    prefs, dates = rows.preferences, rows.special_dates
    hidden = 0
    if not sensitive_ok:
        hidden = sum(p[5] for p in prefs) + sum(d[6] for d in dates) + bool(guest.religion)
        prefs = [p for p in prefs if not p[5]]
        dates = [d for d in dates if not d[6]]
    if check_birth_date:
        warnings = warnings + _birth_date_warnings(guest, rows.documents)
    # Positional: StayLine's fields are the stay columns with ``nights`` after the departure date.
    lines = tuple(StayLine(r[0], r[1], r[2], r[3], (r[3] - r[2]).days, *r[4:]) for r in rows.stays)
    return GuestCard(
        id=gid, version=guest.version, status=guest.status, blacklist_reason=guest.blacklist_reason,
        merged_into_id=guest.merged_into_id, display_name=guest_display_name(guest),
        family_name=guest.family_name, given_name=guest.given_name, latin_name=guest.latin_name,
        pinyin=guest.pinyin, gender=guest.gender, birth_date=guest.birth_date, nationality=guest.nationality,
        language=guest.language, marital_status=guest.marital_status, guest_type=guest.guest_type,
        vip_code=guest.vip_code, company_id=guest.company_id, company_name=rows.company_name,
        position=guest.position,
        documents=tuple(_document(d, today) for d in rows.documents),
        contacts=tuple(_contact(c) for c in rows.contacts),
        addresses=tuple(AddressInfo(*a) for a in rows.addresses),
        stats=stay_stats(lines), stays=lines,
        character_notes=guest.character_notes, hobbies=guest.hobbies, habits=guest.habits,
        religion=guest.religion if sensitive_ok else None, taboos=guest.taboos,
        special_requests=guest.special_requests, notes=guest.notes,
        preferences=tuple(_preference(p) for p in prefs),
        special_dates=tuple(_special_date(d, today) for d in dates),
        consents=latest_consents(rows.consents),
        feedback=tuple(FeedbackInfo(*f) for f in rows.feedback),
        complaints=slots_of(rows.complaints, None) if actor.can(Permission.COMPLAINT_READ) else (),
        hidden_sensitive=hidden, can_reveal=actor.can(Permission.ID_REVEAL),
        can_edit=actor.can(Permission.GUEST_WRITE), warnings=warnings,
        created_at=guest.created_at, updated_at=guest.updated_at,
    )
