"""The guest history card (客史档案): read, create, update, blacklist, reveal an ID number, and
find likely duplicates. Documents, contacts and addresses are in ``guest_parts_service``,
preferences, special dates, feedback and consents in ``guest_personal_service``, the pick-lists
in ``preference_option_service``; ``GuestCardService`` offers them all."""

from __future__ import annotations

from datetime import date

from hotelcrm.db.models import Company, Guest, GuestDocument, utcnow
from hotelcrm.domain import guest_rules
from hotelcrm.domain.errors import NotFound
from hotelcrm.domain.name_keys import display_pinyin
from hotelcrm.domain.permissions import Permission
from hotelcrm.domain.text_rules import clean_text

from .audit_trail import apply_changes
from .base import Service
from .guest_card_reader import read_card
from .guest_card_rows import read_guest_and_rows
from .guest_dto import CardWarning, DuplicateHit, GuestCard, GuestDraft, PersonalDraft
from .guest_duplicate_finder import find_duplicates
from .guest_parts_service import (
    GuestPartsMixin,
    add_contact_row,
    add_document_row,
    clean_contacts,
    clean_documents,
)
from .guest_personal_service import GuestPersonalMixin
from .guest_write_support import check_writable_row, load, refresh_search, update_guest_row
from .preference_option_service import PreferenceOptionMixin
from .settings_service import id_hash_key

PERSONAL_FIELDS = ("character_notes", "hobbies", "habits", "religion", "taboos", "special_requests", "notes")
PERSONAL_LABELS = {"notes": "guest_notes"}  # field codes of the error messages
SEARCHED = {"family_name", "given_name", "latin_name", "company_id", "status", "vip_code"}


def clean_draft(draft: GuestDraft, today: date | None = None) -> dict:
    values = guest_rules.clean_general(
        family_name=draft.family_name, given_name=draft.given_name, latin_name=draft.latin_name,
        gender=draft.gender, birth_date=draft.birth_date, nationality=draft.nationality,
        language=draft.language, marital_status=draft.marital_status, guest_type=draft.guest_type,
        vip_code=draft.vip_code, position=draft.position, today=today)
    values["company_id"] = draft.company_id
    values["pinyin"] = display_pinyin(values["family_name"], values["given_name"]) or None
    return values


def birth_warnings(birth: date | None, documents: list[tuple[str, str]]) -> tuple[CardWarning, ...]:
    if guest_rules.birth_date_disagrees(birth, documents):
        return (CardWarning("id_birth_date_mismatch", "birth_date"),)
    return ()


class GuestCardService(GuestPartsMixin, GuestPersonalMixin, PreferenceOptionMixin, Service):
    """Read needs GUEST_READ, changes GUEST_WRITE; sensitive content SENSITIVE_READ; clear ID
    numbers ID_REVEAL (each reveal is audited). Every change is audited field by field."""

    def card(self, guest_id: int) -> GuestCard:
        self._require(Permission.GUEST_READ)
        with self._read() as s:
            guest, rows = read_guest_and_rows(s, guest_id)
            if guest is None:
                raise NotFound("guest", guest_id)
            return read_card(s, guest, self.actor, check_birth_date=True, rows=rows)

    def create(self, draft: GuestDraft) -> GuestCard:
        """A new card with its first documents and contacts; the result carries warnings (e.g.
        the resident ID's birth date differs from the birth date typed)."""
        self._require(Permission.GUEST_WRITE)
        values = clean_draft(draft)
        documents = clean_documents(draft.documents)
        contacts = clean_contacts(draft.contacts)
        with self._write("guest") as (s, audit):
            self._check_company(s, values["company_id"])
            guest = Guest(**values, status="active", created_by=self.actor.user_id)
            s.add(guest)
            s.flush()
            audit.created("guest", guest.id, values)
            key = id_hash_key(s, audit) if documents else b""
            for i, doc in enumerate(documents):
                add_document_row(s, audit, guest.id, doc, key, primary=i == 0)
            seen: set[str] = set()
            for c in contacts:
                add_contact_row(s, audit, guest.id, c, primary=c["kind"] not in seen)
                seen.add(c["kind"])
            s.flush()
            refresh_search(s, [guest.id])
            warnings = birth_warnings(guest.birth_date, [(d["doc_type"], d["number"]) for d in documents])
            return read_card(s, guest, self.actor, warnings=warnings)

    def update(self, guest_id: int, expected_version: int, draft: GuestDraft) -> GuestCard:
        """The general group; ``draft.documents`` / ``contacts`` are ignored here."""
        self._require(Permission.GUEST_WRITE)
        return self._save(guest_id, expected_version, clean_draft(draft), check_birth_date=True)

    def update_personal(self, guest_id: int, expected_version: int, draft: PersonalDraft) -> GuestCard:
        """Character, hobbies, habits, religion, taboos, special requests, notes. Religion is
        kept as it was when the actor may not see it."""
        self._require(Permission.GUEST_WRITE)
        values = {f: guest_rules.check_note(getattr(draft, f), PERSONAL_LABELS.get(f, f)) for f in PERSONAL_FIELDS}
        values["religion"] = clean_text(draft.religion, "religion", max_len=100)
        if not self.actor.can(Permission.SENSITIVE_READ):
            del values["religion"]
        return self._save(guest_id, expected_version, values)

    def set_blacklist(self, guest_id: int, expected_version: int, blacklisted: bool,
                      reason: str | None = None) -> GuestCard:
        """Blacklist (a reason is required; it is shown at check-in) or lift the blacklist."""
        self._require(Permission.GUEST_WRITE)
        text = guest_rules.clean_blacklist_reason(blacklisted, reason)
        status = "blacklisted" if blacklisted else "active"
        return self._save(guest_id, expected_version, {"status": status, "blacklist_reason": text})

    def _save(self, guest_id: int, expected_version: int, values: dict, *,
              check_birth_date: bool = False) -> GuestCard:
        """Columns of the guest row, without the ORM (a card save is the hot write, DESIGN.md §7):
        the row, the card's lists and the company's name in one SELECT (the row locked), a Core
        UPDATE of the changed columns with the version check, their audit rows in one INSERT, the
        search row when a searched column changed, and the card from what was read."""
        company = {"company_id": values["company_id"]} if "company_id" in values else {}
        with self._write("guest", guest_id) as (s, audit):
            guest, rows = read_guest_and_rows(s, guest_id, lock=True, **company)
            check_writable_row(guest, guest_id, expected_version)
            if company.get("company_id") is not None and rows.company_name is None:
                raise NotFound("company", company["company_id"])
            done = apply_changes(guest, values)
            if done:
                now = utcnow()
                update_guest_row(s, guest, expected_version, done, now)
                audit.write_changes("guest", guest_id, done, now)
                if done.keys() & SEARCHED:
                    refresh_search(s, [guest_id])
            return read_card(s, guest, self.actor, check_birth_date=check_birth_date, rows=rows)

    def reveal_document(self, document_id: int) -> str:
        """The clear number of one ID document; the reveal is written to the audit trail."""
        self._require(Permission.ID_REVEAL)
        with self._write("guest_document", document_id) as (s, audit):
            doc = load(s, GuestDocument, document_id)
            audit.record("reveal", "guest_document", doc.id, field="number",
                         note=f"guest {doc.guest_id}")
            return doc.number

    def likely_duplicates(self, draft: GuestDraft, exclude_guest_id: int | None = None,
                          limit: int = 10) -> list[DuplicateHit]:
        """Existing cards that are likely the guest of ``draft`` (same document, phone, e-mail,
        or same name and birth date; never a name alone). Half-typed values are skipped, not
        refused: this runs while the clerk types."""
        self._require(Permission.GUEST_READ)
        with self._read() as s:
            return find_duplicates(s, draft, exclude_guest_id, limit)

    @staticmethod
    def _check_company(s, company_id: int | None) -> None:
        if company_id is not None and s.get(Company, company_id) is None:
            raise NotFound("company", company_id)
