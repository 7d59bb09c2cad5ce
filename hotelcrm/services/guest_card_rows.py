"""Every list of a guest card (documents, contacts, addresses, preferences, special dates,
feedback, consents, stays, complaints) and the company's name in ONE statement: each list is a
scalar subquery aggregated into a JSON array of positional rows (``json_group_array`` on SQLite,
``json_agg`` on PostgreSQL), ordered inside the aggregate as the card shows it.

Why: the card used to be read with about ten ORM queries (~0.5 ms of SQLAlchemy work each), and
every save returns the whole card, so the save was mostly this read (DESIGN.md §7: save p95
≤ 10 ms). One text statement, built once per dialect, costs one round trip and no ORM loading.
Ordering inside an aggregate needs SQLite 3.44; sqlean.py ≥ 3.45 (pyproject) ships newer.

``read_guest_and_rows`` adds the guest's own columns to the same statement (the open and the
save of a card are then one SELECT with no ORM loading); for a save it locks the guest row on
PostgreSQL (``FOR UPDATE OF guests``; SQLite writes hold the database lock from ``BEGIN
IMMEDIATE``) and can look up the name of the company a draft names, so the save needs no company
query of its own."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import column, text
from sqlalchemy.orm import Session

from hotelcrm.db.models import Guest

from .complaint_reader import SLOT_COLUMNS

# (list name, table, columns in the order the rows arrive, ORDER BY inside the aggregate)
LISTS: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("documents", "guest_documents",
     ("id", "doc_type", "number", "issuing_country", "expiry_date", "is_primary", "version"),
     "is_primary DESC, id"),
    ("contacts", "guest_contacts", ("id", "kind", "value", "label", "is_primary", "version"),
     "kind, is_primary DESC, id"),
    ("addresses", "guest_addresses",
     ("id", "kind", "line1", "line2", "city", "region", "postal_code", "country", "version"), "id"),
    ("preferences", "guest_preferences",
     ("id", "pref_group", "pref_key", "value", "note", "sensitive", "source_observation_id", "version"),
     "pref_group, pref_key, id"),
    ("special_dates", "special_dates",
     ("id", "kind", "month", "day", "year", "label", "sensitive", "remind_days_before", "version"),
     "month, day, id"),
    ("feedback", "feedback", ("id", "kind", "text", "stay_id", "received_at", "created_at", "version"),
     "created_at DESC, id DESC"),
    ("consents", "marketing_consents", ("id", "channel", "granted", "given_on", "source", "created_at"),
     "created_at, id"),
    ("stays", "stays",
     ("id", "status", "arrival_date", "departure_date", "room_no", "room_type", "currency", "rate_cents",
      "channel", "segment", "spend_room_cents", "spend_fnb_cents", "spend_other_cents", "discount_cents",
      "unpaid_cents", "version"),
     "arrival_date DESC, id DESC"),
    ("complaints", "complaints",
     (*SLOT_COLUMNS, *(f"(SELECT {name} FROM complaint_categories k WHERE k.id = complaints.category_id)"
                       for name in ("name_en", "name_zh"))),
     "received_at DESC, id DESC"),
)

# How a JSON value becomes what the ORM column type would have returned.
DATES = {"expiry_date", "arrival_date", "departure_date", "given_on"}
DATETIMES = {"received_at", "created_at", "due_acknowledge_at", "due_remedy_at", "due_close_at", "acknowledged_at",
             "remedied_at", "closed_at"}  # UTCDateTime: stored naive UTC, returned aware
BOOLEANS = {"is_primary", "sensitive", "granted"}


@dataclass(frozen=True)
class CardRows:
    """The card's lists as plain tuples (columns as in ``LISTS``), in the card's order."""

    documents: list[tuple]
    contacts: list[tuple]
    addresses: list[tuple]
    preferences: list[tuple]
    special_dates: list[tuple]
    feedback: list[tuple]
    consents: list[tuple]
    stays: list[tuple]
    complaints: list[tuple]  # complaint_reader.SLOT_COLUMNS + the category's name_en, name_zh
    company_name: str | None


def _aggregate(dialect: str, table: str, columns: tuple[str, ...], order: str) -> str:
    cols = ", ".join(columns)
    if dialect == "postgresql":
        return f"(SELECT json_agg(json_build_array({cols}) ORDER BY {order}) FROM {table} WHERE guest_id = :g)"
    return f"(SELECT json_group_array(json_array({cols}) ORDER BY {order}) FROM {table} WHERE guest_id = :g)"


def _statement(dialect: str):
    lists = ",\n       ".join(f"{_aggregate(dialect, table, cols, order)} AS {name}"
                               for name, table, cols, order in LISTS)
    company = "(SELECT name FROM companies WHERE id = :company) AS company_name"
    return text(f"SELECT {lists},\n       {company}")


_STATEMENTS = {dialect: _statement(dialect) for dialect in ("sqlite", "postgresql")}

_GUEST_COLUMNS = tuple(Guest.__table__.c)


def _guest_statement(dialect: str, lock: bool, named_company: bool):
    """The guest's columns (typed as the ORM types them), the lists, and a company's name: the
    stored company's, or with ``named_company`` the one of the ``:company`` parameter."""
    lists = ",\n       ".join(f"{_aggregate(dialect, table, cols, order)} AS {name}"
                               for name, table, cols, order in LISTS)
    company = ":company" if named_company else "guests.company_id"
    guest = ", ".join(f"guests.{c.name}" for c in _GUEST_COLUMNS)
    sql = (f"SELECT {guest},\n       {lists},\n       (SELECT name FROM companies WHERE id = {company}) "
           f"AS company_name\nFROM guests WHERE guests.id = :g")
    if lock and dialect == "postgresql":
        sql += " FOR UPDATE OF guests"
    # Positional: the guest's columns with their types, then the untyped lists and company name.
    return text(sql).columns(*_GUEST_COLUMNS, *(column(name) for name, *_ in LISTS), column("company_name"))


_GUEST_STATEMENTS = {(dialect, lock, named): _guest_statement(dialect, lock, named)
                     for dialect in ("sqlite", "postgresql") for lock in (False, True) for named in (False, True)}
STORED = object()  # ``read_guest_and_rows``: the company stored on the card


def _converter(column: str):
    if column in DATES:
        return lambda v: None if v is None else date.fromisoformat(v)
    if column in DATETIMES:
        return lambda v: None if v is None else datetime.fromisoformat(v).replace(tzinfo=UTC)
    if column in BOOLEANS:
        return lambda v: None if v is None else bool(v)
    return None


# Per list: (position, converter) of the columns that need one.
_CONVERTERS = {name: tuple((i, conv) for i, c in enumerate(cols) if (conv := _converter(c)) is not None)
               for name, _, cols, _ in LISTS}


def _rows(name: str, value: Any) -> list[tuple]:
    if value is None:  # json_agg over no rows
        return []
    rows = json.loads(value) if isinstance(value, str) else value
    converters = _CONVERTERS[name]
    if not converters:
        return [tuple(r) for r in rows]
    out = []
    for r in rows:
        for i, conv in converters:
            r[i] = conv(r[i])
        out.append(tuple(r))
    return out


def read_card_rows(session: Session, guest_id: int, company_id: int | None) -> CardRows:
    """The lists of one card in one statement, inside the caller's transaction."""
    dialect = session.get_bind().dialect.name
    row = session.connection().execute(_STATEMENTS[dialect], {"g": guest_id, "company": company_id}).one()
    values = {name: _rows(name, row[i]) for i, (name, _, _, _) in enumerate(LISTS)}
    return CardRows(**values, company_name=row[-1])


def read_guest_and_rows(session: Session, guest_id: int, *, lock: bool = False,
                        company_id: Any = STORED) -> tuple[SimpleNamespace | None, CardRows | None]:
    """The guest's columns (attributes named and typed as ``Guest``'s) and the card's lists in
    one statement, inside the caller's transaction; ``(None, None)`` when there is no such guest.
    ``lock`` locks the guest row on PostgreSQL (SQLite writes already hold the database lock);
    ``company_id`` names the company whose name comes back (None when it does not exist) instead
    of the stored one: a save that changes the company checks it with the same statement."""
    dialect = session.get_bind().dialect.name
    named = company_id is not STORED
    params = {"g": guest_id, "company": company_id if named else None}
    row = session.connection().execute(_GUEST_STATEMENTS[dialect, lock, named], params).first()
    if row is None:
        return None, None
    n = len(_GUEST_COLUMNS)
    guest = SimpleNamespace(**{c.key: row[i] for i, c in enumerate(_GUEST_COLUMNS)})
    values = {name: _rows(name, row[n + i]) for i, (name, _, _, _) in enumerate(LISTS)}
    return guest, CardRows(**values, company_name=row[-1])
