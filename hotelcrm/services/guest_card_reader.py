"""Assembles the ``GuestCard`` (and its rows) from the database, masking what the actor may
not see. Used inside the caller's session; never commits."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotelcrm.db.models import (
    Company,
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
from hotelcrm.domain.guest_rules import display_name, next_occurrence
from hotelcrm.domain.id_numbers import mask_document_number
from hotelcrm.domain.permissions import Permission
from hotelcrm.domain.stay_stats import stay_stats

from .actor import Actor
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


def guest_display_name(guest: Guest) -> str:
    return display_name(guest.family_name, guest.given_name, guest.latin_name)


def _rows(session: Session, model, guest_id: int, *order) -> list:
    return list(session.scalars(select(model).where(model.guest_id == guest_id).order_by(*order)))


def latest_consents(rows: Iterable[MarketingConsent]) -> tuple[ConsentInfo, ...]:
    latest: dict[str, MarketingConsent] = {}
    for row in rows:  # ordered oldest first: the last row per channel wins
        latest[row.channel] = row
    return tuple(consent_info(latest[ch]) for ch in sorted(latest))


def read_card(session: Session, guest: Guest, actor: Actor, *, today: date | None = None,
              warnings: tuple[CardWarning, ...] = ()) -> GuestCard:
    """The whole card of ``guest`` as ``actor`` may see it."""
    today = today or date.today()
    sensitive_ok = actor.can(Permission.SENSITIVE_READ)
    gid = guest.id
    prefs = _rows(session, GuestPreference, gid, GuestPreference.pref_group, GuestPreference.pref_key,
                  GuestPreference.id)
    dates = _rows(session, SpecialDate, gid, SpecialDate.month, SpecialDate.day, SpecialDate.id)
    hidden = 0
    if not sensitive_ok:
        hidden = sum(p.sensitive for p in prefs) + sum(d.sensitive for d in dates) + bool(guest.religion)
        prefs = [p for p in prefs if not p.sensitive]
        dates = [d for d in dates if not d.sensitive]
    company = session.get(Company, guest.company_id) if guest.company_id else None
    lines = stay_lines(session, gid)
    return GuestCard(
        id=gid, version=guest.version, status=guest.status, blacklist_reason=guest.blacklist_reason,
        merged_into_id=guest.merged_into_id, display_name=guest_display_name(guest),
        family_name=guest.family_name, given_name=guest.given_name, latin_name=guest.latin_name,
        pinyin=guest.pinyin, gender=guest.gender, birth_date=guest.birth_date, nationality=guest.nationality,
        language=guest.language, marital_status=guest.marital_status, guest_type=guest.guest_type,
        vip_code=guest.vip_code, company_id=guest.company_id, company_name=company.name if company else None,
        position=guest.position,
        documents=tuple(document_info(d, today) for d in _rows(
            session, GuestDocument, gid, GuestDocument.is_primary.desc(), GuestDocument.id)),
        contacts=tuple(contact_info(c) for c in _rows(
            session, GuestContact, gid, GuestContact.kind, GuestContact.is_primary.desc(), GuestContact.id)),
        addresses=tuple(address_info(a) for a in _rows(session, GuestAddress, gid, GuestAddress.id)),
        stats=stay_stats(lines), stays=lines,
        character_notes=guest.character_notes, hobbies=guest.hobbies, habits=guest.habits,
        religion=guest.religion if sensitive_ok else None, taboos=guest.taboos,
        special_requests=guest.special_requests, notes=guest.notes,
        preferences=tuple(preference_info(p) for p in prefs),
        special_dates=tuple(special_date_info(d, today) for d in dates),
        consents=latest_consents(_rows(session, MarketingConsent, gid, MarketingConsent.created_at,
                                       MarketingConsent.id)),
        feedback=tuple(feedback_info(f) for f in _rows(session, Feedback, gid, Feedback.created_at.desc(),
                                                       Feedback.id.desc())),
        hidden_sensitive=hidden, can_reveal=actor.can(Permission.ID_REVEAL),
        can_edit=actor.can(Permission.GUEST_WRITE), warnings=warnings,
        created_at=guest.created_at, updated_at=guest.updated_at,
    )
