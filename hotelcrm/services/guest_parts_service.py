"""ID documents, contacts and addresses of a card: add, update, remove (part of
``GuestCardService``). Document numbers are stored with their keyed hash and audited masked;
phones are stored E.164, e-mails in lower case, each with its matching key."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hotelcrm.db.models import GuestAddress, GuestContact, GuestDocument
from hotelcrm.domain import guest_rules
from hotelcrm.domain.contact_rules import contact_key
from hotelcrm.domain.errors import HotelCrmError
from hotelcrm.domain.id_numbers import document_hash, mask_document_number
from hotelcrm.domain.permissions import Permission

from .audit_trail import AuditTrail
from .guest_card_reader import read_card
from .guest_dto import AddressDraft, ContactDraft, DocumentDraft, GuestCard
from .guest_write_support import load, refresh_search, values_of, writable_guest
from .settings_service import id_hash_key

# Contact fields the search rows are built from (phones and e-mails by kind, value and primary).
SEARCHED_CONTACT_FIELDS = {"kind", "value", "value_key", "is_primary"}
ADDRESS_FIELDS = ("kind", "line1", "line2", "city", "region", "postal_code", "country")


def clean_documents(drafts: Iterable[DocumentDraft]) -> list[dict]:
    out: dict[tuple[str, str], dict] = {}
    for d in drafts:
        doc = guest_rules.clean_document(d.doc_type, d.number, d.issuing_country, d.expiry_date)
        out.setdefault((doc["doc_type"], doc["number"]), doc)
    return list(out.values())


def clean_contacts(drafts: Iterable[ContactDraft]) -> list[dict]:
    out: dict[tuple[str, str], dict] = {}
    for d in drafts:
        c = guest_rules.clean_contact(d.kind, d.value, d.label)
        out.setdefault((c["kind"], c["value"]), c)
    return list(out.values())


def _audited_document(doc: dict[str, Any]) -> dict[str, Any]:
    return {**doc, "number": mask_document_number(doc["number"])}


def add_document_row(s: Session, audit: AuditTrail, guest_id: int, doc: dict, key: bytes,
                     primary: bool) -> GuestDocument:
    row = GuestDocument(guest_id=guest_id, **doc, number_hash=document_hash(doc["doc_type"], doc["number"], key),
                        is_primary=primary)
    s.add(row)
    s.flush()
    audit.created("guest_document", row.id, {"guest_id": guest_id, **_audited_document(doc)})
    return row


def add_contact_row(s: Session, audit: AuditTrail, guest_id: int, contact: dict, primary: bool) -> GuestContact:
    row = GuestContact(guest_id=guest_id, **contact, value_key=contact_key(contact["kind"], contact["value"]),
                       is_primary=primary)
    s.add(row)
    s.flush()
    audit.created("guest_contact", row.id, {"guest_id": guest_id, **contact})
    return row


def _has(s: Session, model, guest_id: int, *where) -> bool:
    return bool(s.scalar(select(func.count()).select_from(model).where(model.guest_id == guest_id, *where)))


def _promote_next_contact(s: Session, audit: AuditTrail, guest_id: int, kind: str) -> None:
    """The oldest remaining contact of ``kind`` becomes the primary one (if there is any)."""
    nxt = s.scalar(select(GuestContact).where(GuestContact.guest_id == guest_id, GuestContact.kind == kind)
                   .order_by(GuestContact.id))
    if nxt is not None and not nxt.is_primary:
        audit.changed("guest_contact", nxt.id, nxt, {"is_primary": True})


def delete_row(s: Session, audit: AuditTrail, entity: str, row: Any, fields: Iterable[str],
               masked: Iterable[str] = ()) -> None:
    """Remove a part of a card; the audit keeps what it was (ID numbers masked)."""
    hidden = set(masked)
    for field in fields:
        old = getattr(row, field)
        if old is not None:
            shown = mask_document_number(old) if field in hidden else old
            audit.record("delete", entity, row.id, field=field, old=shown)
    s.delete(row)
    s.flush()


class GuestPartsMixin:
    """Documents, contacts, addresses. Each call returns the whole card as it is now."""

    # ---------------------------------------------------------------- documents

    def add_document(self, guest_id: int, draft: DocumentDraft) -> GuestCard:
        self._require(Permission.GUEST_WRITE)
        doc = clean_documents([draft])[0]
        with self._write("guest_document") as (s, audit):
            guest = writable_guest(s, guest_id)
            if _has(s, GuestDocument, guest_id, GuestDocument.doc_type == doc["doc_type"],
                    GuestDocument.number == doc["number"]):
                raise HotelCrmError("duplicate", entity="guest_document")
            primary = not _has(s, GuestDocument, guest_id)
            add_document_row(s, audit, guest_id, doc, id_hash_key(s, audit), primary)
            refresh_search(s, [guest_id])
            return read_card(s, guest, self.actor, check_birth_date=True)

    def update_document(self, document_id: int, expected_version: int, draft: DocumentDraft) -> GuestCard:
        """Change a document in place with the same rules as ``add_document``. An empty
        ``draft.number`` keeps the stored number (the card shows it masked); the type, country and
        expiry are still checked against it. The clear number is audited masked."""
        self._require(Permission.GUEST_WRITE)
        keep_number = not (draft.number or "").strip()
        if not keep_number:
            clean_documents([draft])  # refuse bad input before the transaction
        with self._write("guest_document", document_id) as (s, audit):
            row = load(s, GuestDocument, document_id, expected_version)
            guest = writable_guest(s, row.guest_id)
            doc = clean_documents([replace(draft, number=row.number) if keep_number else draft])[0]
            if _has(s, GuestDocument, guest.id, GuestDocument.id != row.id,
                    GuestDocument.doc_type == doc["doc_type"], GuestDocument.number == doc["number"]):
                raise HotelCrmError("duplicate", entity="guest_document")
            key = id_hash_key(s, audit)  # read before the changes: a query would flush them early
            number = doc.pop("number")
            audit.changed("guest_document", row.id, row, doc)
            if number != row.number:  # audited masked, never in clear
                audit.record("update", "guest_document", row.id, field="number",
                             old=mask_document_number(row.number), new=mask_document_number(number))
                row.number = number
            # The number is found through this hash on the document row itself (not the
            # search rows), so no index refresh is needed.
            row.number_hash = document_hash(row.doc_type, number, key)
            s.flush()
            return read_card(s, guest, self.actor, check_birth_date=True)

    def remove_document(self, document_id: int, expected_version: int) -> GuestCard:
        self._require(Permission.GUEST_WRITE)
        with self._write("guest_document", document_id) as (s, audit):
            row = load(s, GuestDocument, document_id, expected_version)
            guest = writable_guest(s, row.guest_id)
            delete_row(s, audit, "guest_document", row, ("guest_id", "doc_type", "number", "issuing_country",
                                                          "expiry_date"), masked=("number",))
            refresh_search(s, [guest.id])
            return read_card(s, guest, self.actor, check_birth_date=True)

    # ---------------------------------------------------------------- contacts

    def add_contact(self, guest_id: int, draft: ContactDraft) -> GuestCard:
        self._require(Permission.GUEST_WRITE)
        contact = clean_contacts([draft])[0]
        with self._write("guest_contact") as (s, audit):
            guest = writable_guest(s, guest_id)
            key = contact_key(contact["kind"], contact["value"])
            if _has(s, GuestContact, guest_id, GuestContact.kind == contact["kind"], GuestContact.value_key == key):
                raise HotelCrmError("duplicate", entity="guest_contact")
            primary = not _has(s, GuestContact, guest_id, GuestContact.kind == contact["kind"])
            add_contact_row(s, audit, guest_id, contact, primary)
            refresh_search(s, [guest_id])
            return read_card(s, guest, self.actor)

    def update_contact(self, contact_id: int, expected_version: int, draft: ContactDraft) -> GuestCard:
        """Change a contact in place with the same rules as ``add_contact`` (no second equal
        contact on the card). A contact moved to another kind hands its primary mark to the next
        one of its old kind and is primary in the new kind when it is the first there. The search
        row is refreshed when the kind or the value changed."""
        self._require(Permission.GUEST_WRITE)
        contact = clean_contacts([draft])[0]
        contact["value_key"] = contact_key(contact["kind"], contact["value"])
        with self._write("guest_contact", contact_id) as (s, audit):
            row = load(s, GuestContact, contact_id, expected_version)
            guest = writable_guest(s, row.guest_id)
            if _has(s, GuestContact, guest.id, GuestContact.id != row.id, GuestContact.kind == contact["kind"],
                    GuestContact.value_key == contact["value_key"]):
                raise HotelCrmError("duplicate", entity="guest_contact")
            old_kind, was_primary = row.kind, row.is_primary
            if contact["kind"] != old_kind:
                contact["is_primary"] = not _has(s, GuestContact, guest.id, GuestContact.id != row.id,
                                                 GuestContact.kind == contact["kind"])
            changed = audit.changed("guest_contact", row.id, row, contact)
            s.flush()
            if "kind" in changed and was_primary:
                _promote_next_contact(s, audit, guest.id, old_kind)
            if changed.keys() & SEARCHED_CONTACT_FIELDS:
                refresh_search(s, [guest.id])
            return read_card(s, guest, self.actor)

    def remove_contact(self, contact_id: int, expected_version: int) -> GuestCard:
        self._require(Permission.GUEST_WRITE)
        with self._write("guest_contact", contact_id) as (s, audit):
            row = load(s, GuestContact, contact_id, expected_version)
            guest = writable_guest(s, row.guest_id)
            kind, was_primary = row.kind, row.is_primary
            delete_row(s, audit, "guest_contact", row, ("guest_id", "kind", "value", "label"))
            if was_primary:
                _promote_next_contact(s, audit, guest.id, kind)
            refresh_search(s, [guest.id])
            return read_card(s, guest, self.actor)

    # ---------------------------------------------------------------- addresses

    def add_address(self, guest_id: int, draft: AddressDraft) -> GuestCard:
        self._require(Permission.GUEST_WRITE)
        values = guest_rules.clean_address(**values_of(draft, ADDRESS_FIELDS))
        with self._write("guest_address") as (s, audit):
            guest = writable_guest(s, guest_id)
            row = GuestAddress(guest_id=guest_id, **values)
            s.add(row)
            s.flush()
            audit.created("guest_address", row.id, {"guest_id": guest_id, **values})
            return read_card(s, guest, self.actor)

    def update_address(self, address_id: int, expected_version: int, draft: AddressDraft) -> GuestCard:
        """Change an address in place with the same rules as ``add_address`` (addresses are not
        searched: no index refresh)."""
        self._require(Permission.GUEST_WRITE)
        values = guest_rules.clean_address(**values_of(draft, ADDRESS_FIELDS))
        with self._write("guest_address", address_id) as (s, audit):
            row = load(s, GuestAddress, address_id, expected_version)
            guest = writable_guest(s, row.guest_id)
            audit.changed("guest_address", row.id, row, values)
            s.flush()
            return read_card(s, guest, self.actor)

    def remove_address(self, address_id: int, expected_version: int) -> GuestCard:
        self._require(Permission.GUEST_WRITE)
        with self._write("guest_address", address_id) as (s, audit):
            row = load(s, GuestAddress, address_id, expected_version)
            guest = writable_guest(s, row.guest_id)
            delete_row(s, audit, "guest_address", row, ("guest_id", *ADDRESS_FIELDS))
            return read_card(s, guest, self.actor)
