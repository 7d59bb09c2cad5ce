"""Bulk building of the guest search index: the stored index format, and setting aside the
search-side triggers (SQLite: FTS5 and exact terms) or operator-class indexes (PostgreSQL) while
a full rebuild inserts every row, then putting them back exactly as the migrations made them;
and ``new_rows``, the same for one import batch's new rows (the insert triggers only, the FTS5
and term rows of those guests added once per batch; on PostgreSQL the term table's insert
trigger, which stands aside for the transaction, migration 0012)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import insert, select, text, update
from sqlalchemy.orm import Session

from hotelcrm.db.models import Setting
from hotelcrm.db.models.search import FTS_TABLE, PG_INDEXES, TERMS_TABLE

from . import search_sql_pg
from .search_sql import SQLITE_HAS_TERMS, SQLITE_NEW_FTS, SQLITE_NEW_TERMS, SQLITE_TERMS_FILL

# Bump when what ``search_index`` writes into a row changes: ``ensure_current`` then rebuilds.
FORMAT = 3  # 3: rank_key ascending
FORMAT_SETTING = "search.index_format"


def stored_format(session: Session) -> int | None:
    value = session.scalar(select(Setting.value).where(Setting.key == FORMAT_SETTING))
    return None if value is None else int(json.loads(value))


def write_format(session: Session) -> None:
    """Record ``FORMAT`` straight in the ``settings`` table (not a user setting: no audit)."""
    t = Setting.__table__
    found = session.execute(select(t.c.version).where(t.c.key == FORMAT_SETTING)).first()
    if found is None:
        session.execute(insert(t).values(key=FORMAT_SETTING, value=json.dumps(FORMAT), version=1))
    else:
        session.execute(update(t).where(t.c.key == FORMAT_SETTING)
                        .values(value=json.dumps(FORMAT), version=found.version + 1))


@contextmanager
def bulk_load(session: Session) -> Iterator[None]:
    """Around deleting and re-inserting every ``guest_search`` row in one transaction."""
    if session.get_bind().dialect.name == "sqlite":
        triggers = session.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'guest_search'")).all()
        for name, _ in triggers:
            session.execute(text(f'DROP TRIGGER "{name}"'))
        yield
        for _, sql in triggers:
            session.execute(text(sql))
        # One pass over the content table instead of one FTS update per row; the same for the terms.
        session.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"))
        if session.scalar(SQLITE_HAS_TERMS):
            session.execute(text(f"DELETE FROM {TERMS_TABLE}"))
            session.execute(SQLITE_TERMS_FILL)
        return
    indexes = session.execute(text(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
        "AND tablename = 'guest_search' AND indexname = ANY(:names)"), {"names": sorted(PG_INDEXES)}).all()
    for name, _ in indexes:
        session.execute(text(f'DROP INDEX "{name}"'))
    terms = search_sql_pg.set_aside_terms(session)
    yield
    for _, definition in indexes:
        session.execute(text(definition))
    search_sql_pg.restore_terms(session, terms)
    session.execute(text("ANALYZE guest_search"))


@contextmanager
def new_rows(session: Session, guest_ids: Sequence[int]) -> Iterator[None]:
    """Around inserting the ``guest_search`` rows of ``guest_ids``, guests that had none (new
    cards of an import batch), in the caller's transaction. SQLite: the AFTER INSERT triggers
    are set aside while the rows go in (each would add one row's FTS5 entry and terms at a
    time, FTS5 flushing a segment whenever a rowid comes out of order), then put back exactly
    as stored, and the FTS5 entries (in ``rank_key`` order) and the exact terms (split as the
    trigger splits them) of those rows are added with one ``INSERT … SELECT`` each. Dropping
    and creating a trigger is part of the transaction: other connections never see the index
    without them, and a kill rolls all of it back. PostgreSQL: ``_pg_terms_by_batch``."""
    if not guest_ids:
        yield
        return
    if session.get_bind().dialect.name == "postgresql":
        with _pg_terms_by_batch(session, guest_ids):
            yield
        return
    triggers = [(name, sql) for name, sql in session.execute(text(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'guest_search'")).all()
        if _fires_on_insert(sql)]
    for name, _ in triggers:
        session.execute(text(f'DROP TRIGGER "{name}"'))
    yield
    for _, sql in triggers:
        session.execute(text(sql))
    ids = json.dumps([int(i) for i in guest_ids])
    # What each trigger set aside would have added, for all the rows at once.
    if any(FTS_TABLE in sql for _, sql in triggers):
        session.execute(SQLITE_NEW_FTS, {"ids": ids})
    if any(TERMS_TABLE in sql for _, sql in triggers):
        session.execute(SQLITE_NEW_TERMS, {"ids": ids})


@contextmanager
def _pg_terms_by_batch(session: Session, guest_ids: Sequence[int]) -> Iterator[None]:
    """PostgreSQL: the term table's insert trigger stands aside while the rows go in (migration
    0012: it checks the transaction-local ``hotelcrm.terms_by_batch``), then their terms are added
    in one statement, in key order. Its other triggers and the other indexes work as always."""
    session.execute(text("SET LOCAL hotelcrm.terms_by_batch = 'on'"))
    yield
    session.execute(text("SET LOCAL hotelcrm.terms_by_batch = 'off'"))
    session.execute(search_sql_pg.NEW_TERMS, {"ids": [int(i) for i in guest_ids]})


def _fires_on_insert(sql: str) -> bool:
    return " AFTER INSERT ON " in " ".join(sql.upper().split())
