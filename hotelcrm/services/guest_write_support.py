"""Shared steps of the guest card writes: loading rows with the version check, refusing
writes to merged or anonymized cards, the document hash key, and the search index refresh."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from hotelcrm.db.models import Guest
from hotelcrm.domain.errors import HotelCrmError

from .base import load_row

T = TypeVar("T")

# Entity names used in errors and the audit trail (``entity.<name>`` in the catalogues).
ENTITY = {
    "GuestDocument": "guest_document", "GuestContact": "guest_contact", "GuestAddress": "guest_address",
    "GuestPreference": "guest_preference", "SpecialDate": "special_date", "Feedback": "feedback",
    "PreferenceOption": "preference_option", "Company": "company", "Guest": "guest",
    "MarketingConsent": "marketing_consent",
}


def entity_of(model: type) -> str:
    return ENTITY[model.__name__]


def load(session: Session, model: type[T], row_id: int, expected_version: int | None = None) -> T:
    """The row with the version check (``base.load_row``), named for errors and the audit trail."""
    return load_row(session, model, row_id, expected_version, entity_of(model))


def writable_guest(session: Session, guest_id: int, expected_version: int | None = None) -> Guest:
    """A guest whose card may still change: merged and anonymized cards are closed."""
    guest = load(session, Guest, guest_id, expected_version)
    if guest.status == "merged":
        raise HotelCrmError("guest_merged", key=guest_id, into=guest.merged_into_id)
    if guest.status == "anonymized":
        raise HotelCrmError("guest_anonymized", key=guest_id)
    return guest


def refresh_search(session: Session, guest_ids: Iterable[int]) -> None:
    """Rebuild the search rows of these guests inside the caller's transaction (contract 1)."""
    from .search_index import refresh_guests

    refresh_guests(session, [g for g in dict.fromkeys(guest_ids) if g is not None])


def values_of(row: Any, fields: Iterable[str]) -> dict[str, Any]:
    return {f: getattr(row, f) for f in fields}
