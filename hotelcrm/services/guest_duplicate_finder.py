"""Finds the existing cards a draft is likely a duplicate of: indexed look-ups for the
candidates (document hash, contact key, exact name), then ``duplicate_rules`` decides."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotelcrm.db.models import Guest, GuestContact, GuestDocument
from hotelcrm.domain import guest_rules
from hotelcrm.domain.contact_rules import contact_key
from hotelcrm.domain.duplicate_rules import IdentityKeys, match_reasons, name_keys, rank
from hotelcrm.domain.errors import ValidationError
from hotelcrm.domain.id_numbers import document_hash
from hotelcrm.domain.text_rules import clean_text

from .guest_card_reader import guest_display_name
from .guest_dto import DuplicateHit, GuestDraft
from .settings_service import existing_id_hash_key

CLOSED = ("merged", "anonymized")


def _valid(fn, *args):
    try:
        return fn(*args)
    except ValidationError:
        return None


def draft_keys(draft: GuestDraft, hash_key: bytes | None) -> IdentityKeys:
    """The keys of what has been typed so far; invalid or half-typed values are left out."""
    hashes = set()
    if hash_key:
        for d in draft.documents:
            doc = _valid(guest_rules.clean_document, d.doc_type, d.number, d.issuing_country, None)
            if doc:
                hashes.add(document_hash(doc["doc_type"], doc["number"], hash_key))
    phones, emails = set(), set()
    for c in draft.contacts:
        if c.kind in ("phone", "email"):
            contact = _valid(guest_rules.clean_contact, c.kind, c.value)
            if contact:
                (phones if c.kind == "phone" else emails).add(contact_key(c.kind, contact["value"]))
    family = _valid(clean_text, draft.family_name, "family_name") or ""
    given = _valid(clean_text, draft.given_name, "given_name") or ""
    return IdentityKeys(frozenset(hashes), frozenset(phones), frozenset(emails),
                        name_keys(family, given, draft.latin_name), draft.birth_date)


def _card_keys(s: Session, guests: list[Guest]) -> dict[int, IdentityKeys]:
    ids = [g.id for g in guests]
    hashes: dict[int, set[str]] = defaultdict(set)
    phones: dict[int, set[str]] = defaultdict(set)
    emails: dict[int, set[str]] = defaultdict(set)
    for gid, h in s.execute(select(GuestDocument.guest_id, GuestDocument.number_hash)
                            .where(GuestDocument.guest_id.in_(ids))):
        hashes[gid].add(h)
    for gid, kind, key in s.execute(select(GuestContact.guest_id, GuestContact.kind, GuestContact.value_key)
                                    .where(GuestContact.guest_id.in_(ids),
                                           GuestContact.kind.in_(("phone", "email")))):
        (phones if kind == "phone" else emails)[gid].add(key)
    return {
        g.id: IdentityKeys(frozenset(hashes[g.id]), frozenset(phones[g.id]), frozenset(emails[g.id]),
                           name_keys(g.family_name, g.given_name, g.latin_name), g.birth_date)
        for g in guests
    }


def _candidate_ids(s: Session, keys: IdentityKeys, draft: GuestDraft) -> set[int]:
    ids: set[int] = set()
    if keys.document_hashes:
        ids |= set(s.scalars(select(GuestDocument.guest_id)
                             .where(GuestDocument.number_hash.in_(keys.document_hashes))))
    for kind, values in (("phone", keys.phone_keys), ("email", keys.email_keys)):
        if values:
            ids |= set(s.scalars(select(GuestContact.guest_id)
                                 .where(GuestContact.kind == kind, GuestContact.value_key.in_(values))))
    family = _valid(clean_text, draft.family_name, "family_name") or ""
    given = _valid(clean_text, draft.given_name, "given_name") or ""
    if draft.birth_date is not None and (family or given):
        # The name index finds the namesakes; the rules then require the same birth date.
        ids |= set(s.scalars(select(Guest.id).where(Guest.family_name == family, Guest.given_name == given,
                                                    Guest.birth_date == draft.birth_date)))
    return ids


def find_duplicates(s: Session, draft: GuestDraft, exclude_guest_id: int | None = None,
                    limit: int = 10) -> list[DuplicateHit]:
    keys = draft_keys(draft, existing_id_hash_key(s))
    if keys.empty:
        return []
    ids = _candidate_ids(s, keys, draft) - {exclude_guest_id}
    if not ids:
        return []
    guests = [g for g in s.scalars(select(Guest).where(Guest.id.in_(ids))) if g.status not in CLOSED]
    by_id = {g.id: g for g in guests}
    cards = _card_keys(s, guests)
    ranked = rank((gid, match_reasons(keys, card)) for gid, card in cards.items())
    return [DuplicateHit(gid, guest_display_name(by_id[gid]), by_id[gid].birth_date, reasons)
            for gid, reasons in ranked[:limit]]


def proposals_for(s: Session, guest_id: int, limit: int = 10) -> list[DuplicateHit]:
    """Existing cards likely the same guest as card ``guest_id`` (merge proposals)."""
    guest = s.get(Guest, guest_id)
    keys = _card_keys(s, [guest])[guest_id]
    if keys.empty:
        return []
    ids: set[int] = set()
    if keys.document_hashes:
        ids |= set(s.scalars(select(GuestDocument.guest_id)
                             .where(GuestDocument.number_hash.in_(keys.document_hashes))))
    for kind, values in (("phone", keys.phone_keys), ("email", keys.email_keys)):
        if values:
            ids |= set(s.scalars(select(GuestContact.guest_id)
                                 .where(GuestContact.kind == kind, GuestContact.value_key.in_(values))))
    if guest.birth_date is not None and (guest.family_name or guest.given_name):
        ids |= set(s.scalars(select(Guest.id).where(Guest.family_name == guest.family_name,
                                                    Guest.given_name == guest.given_name,
                                                    Guest.birth_date == guest.birth_date)))
    ids.discard(guest_id)
    guests = [g for g in s.scalars(select(Guest).where(Guest.id.in_(ids))) if g.status not in CLOSED]
    by_id = {g.id: g for g in guests}
    ranked = rank((gid, match_reasons(keys, card)) for gid, card in _card_keys(s, guests).items())
    return [DuplicateHit(gid, guest_display_name(by_id[gid]), by_id[gid].birth_date, reasons)
            for gid, reasons in ranked[:limit]]
