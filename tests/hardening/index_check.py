"""The search index as it should be (rebuilt from the card tables) next to the index as stored:
shared by the search oracle and the crash harness."""

from __future__ import annotations

from sqlalchemy import select

from hotelcrm.db.models import Guest, GuestSearch
from hotelcrm.services import search_index

INDEX_COLUMNS = ("guest_id", "rank_key", "document", "term_kinds", "in_house_room", "display_name", "phone",
                 "member_no", "status")


def rebuilt_rows(db) -> dict[int, dict]:
    """Every guest's wanted row, built from the card tables."""
    with db.read() as s:
        ids = list(s.scalars(select(Guest.id)))
        return search_index._build_rows(s, ids) if ids else {}


def index_rows(db) -> dict[int, dict]:
    t = GuestSearch.__table__
    with db.read() as s:
        return {r.guest_id: dict(r._mapping) for r in s.execute(select(*(t.c[c] for c in INDEX_COLUMNS)))}


def assert_index_agrees(db, rows: dict[int, dict] | None = None) -> dict[int, dict]:
    """Fails unless the stored index equals the rebuilt one; returns the rebuilt rows."""
    rows = rebuilt_rows(db) if rows is None else rows
    stored = index_rows(db)
    assert stored.keys() == rows.keys()
    for gid, row in rows.items():
        assert {c: stored[gid][c] for c in INDEX_COLUMNS} == {c: row[c] for c in INDEX_COLUMNS}, gid
    return rows
