"""Bulk building of the guest search index: the stored index format, and setting aside the
search-side triggers (SQLite: FTS5 and exact terms) or operator-class indexes (PostgreSQL) while
a full rebuild inserts every row, then putting them back exactly as the migrations made them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import insert, select, text, update
from sqlalchemy.orm import Session

from hotelcrm.db.models import Setting
from hotelcrm.db.models.search import FTS_TABLE, PG_INDEXES, TERMS_TABLE

from .search_sql import SQLITE_HAS_TERMS, SQLITE_TERMS_FILL

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
    yield
    for _, definition in indexes:
        session.execute(text(definition))
    session.execute(text("ANALYZE guest_search"))
