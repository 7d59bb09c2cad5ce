"""The guest search index (DESIGN.md §5): one row per searchable guest, rebuilt in Python by
``hotelcrm.services.search_index``. Never holds a clear ID document number.

``document`` is a run of anchored terms (``^王伟$ ^wangwei$ ^ww$ ^8613812345678$ …``) and
``term_kinds`` says, term by term, what each one is (name, pinyin, latin, phone …).
``rank_key`` orders hits (most recent stay, then name, then id) so that the indexes can return
the best hits first. On SQLite an FTS5 trigram table (``guest_search_fts``, outside these models,
created by migration 0002) mirrors ``document`` through triggers, its rowid being ``rank_key``, and
``guest_search_terms`` (migration 0009) holds each anchored term with its ``rank_key`` for the
exact level;
on PostgreSQL ``document`` carries a pg_trgm GIN index and a prefix B-tree, and
``guest_search_terms`` (migration 0011) the terms for the exact, prefix and suffix levels.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

FTS_TABLE = "guest_search_fts"
# Every anchored term with its row's rank key (SQLite: migration 0009; PostgreSQL: 0011, with a
# B-tree on ``reverse(term)`` too), kept in step with ``document`` by triggers.
TERMS_TABLE = "guest_search_terms"
# SQLite objects of the index that Alembic's autogenerate must not see as drift.
FTS_OBJECTS = frozenset({
    FTS_TABLE, f"{FTS_TABLE}_data", f"{FTS_TABLE}_idx", f"{FTS_TABLE}_docsize", f"{FTS_TABLE}_config",
    f"{FTS_TABLE}_content", TERMS_TABLE,
})
# PostgreSQL indexes on ``document`` made by the migration (operator classes the models don't express).
PG_INDEXES = frozenset({"ix_guest_search_document_trgm", "ix_guest_search_document_prefix"})


def is_search_index_object(name: str | None, type_: str) -> bool:
    """True for the index objects that live outside the models (for Alembic's ``include_object``)."""
    return (type_ == "table" and name in FTS_OBJECTS) or (type_ == "index" and name in PG_INDEXES)


class GuestSearch(Base):
    __tablename__ = "guest_search"
    __table_args__ = (
        Index("ix_guest_search_rank_key", "rank_key", unique=True),
        # Few rows (guests in house): the room search reads this partial index only.
        Index("ix_guest_search_in_house_room", "in_house_room", sqlite_where=text("in_house_room IS NOT NULL"),
              postgresql_where=text("in_house_room IS NOT NULL")),
    )

    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id"), primary_key=True, autoincrement=False)
    rank_key: Mapped[int] = mapped_column(BigInteger)
    document: Mapped[str] = mapped_column(Text)
    term_kinds: Mapped[str] = mapped_column(Text)
    last_stay: Mapped[date | None] = mapped_column(Date)
    # What a hit shows, copied so that a search is one indexed query plus one fetch.
    display_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    latin_name: Mapped[str | None] = mapped_column(String(200))
    pinyin: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(12))
    vip_code: Mapped[str | None] = mapped_column(String(20))
    member_no: Mapped[str | None] = mapped_column(String(20))
    tier_code: Mapped[str | None] = mapped_column(String(20))
    phone: Mapped[str | None] = mapped_column(String(32))
    company: Mapped[str | None] = mapped_column(String(200))
    in_house_room: Mapped[str | None] = mapped_column(String(10))
