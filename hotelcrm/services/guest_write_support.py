"""Shared steps of the guest card writes: loading rows with the version check, refusing
writes to merged or anonymized cards, the guest row's Core update, and the search index refresh."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from types import SimpleNamespace
from typing import Any, TypeVar

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hotelcrm.db.models import Guest
from hotelcrm.domain.errors import Conflict, HotelCrmError, NotFound

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
    refuse_closed(guest)
    return guest


def refuse_closed(guest: Guest | SimpleNamespace) -> None:
    if guest.status == "merged":
        raise HotelCrmError("guest_merged", key=guest.id, into=guest.merged_into_id)
    if guest.status == "anonymized":
        raise HotelCrmError("guest_anonymized", key=guest.id)


def check_writable_row(guest: SimpleNamespace | None, guest_id: int, expected_version: int) -> SimpleNamespace:
    """``writable_guest``'s checks on the columns read by ``guest_card_rows.read_guest_and_rows``."""
    if guest is None:
        raise NotFound("guest", guest_id)
    if guest.version != expected_version:
        raise Conflict("guest", guest_id, mine=expected_version, theirs=guest.version)
    refuse_closed(guest)
    return guest


def update_guest_row(session: Session, guest: SimpleNamespace, expected_version: int,
                     done: dict[str, tuple[Any, Any]], now: datetime) -> None:
    """Write the changed columns with one Core ``UPDATE … WHERE id AND version`` (no ORM unit of
    work) and bring ``guest``'s version and ``updated_at`` up to date. No row updated means
    someone saved in between: ``Conflict`` with both versions, as the ORM's version check gives."""
    t = Guest.__table__
    values = {field: new for field, (_, new) in done.items()}
    result = session.connection().execute(
        update(t).where(t.c.id == guest.id, t.c.version == expected_version)
        .values(**values, version=expected_version + 1, updated_at=now))
    if result.rowcount != 1:
        theirs = session.connection().execute(select(t.c.version).where(t.c.id == guest.id)).scalar()
        if theirs is None:
            raise NotFound("guest", guest.id)
        raise Conflict("guest", guest.id, mine=expected_version, theirs=theirs)
    guest.version = expected_version + 1
    guest.updated_at = now


def refresh_search(session: Session, guest_ids: Iterable[int]) -> None:
    """Rebuild the search rows of these guests inside the caller's transaction (contract 1)."""
    from .search_index import refresh_guests

    refresh_guests(session, [g for g in dict.fromkeys(guest_ids) if g is not None])


def values_of(row: Any, fields: Iterable[str]) -> dict[str, Any]:
    return {f: getattr(row, f) for f in fields}
