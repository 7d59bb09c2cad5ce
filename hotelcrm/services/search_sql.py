"""The statements of the guest search (``guest_search_service``), written out once.

Text: three arms, one per match level (exact, prefix, then substring or suffix), made disjoint
(each arm leaves out the rows of the arms before it), each ordered by ``rank_key`` and stopping
after ``:n`` rows, under one outer ``LIMIT :n``: the database runs the arms in order and stops
as soon as ``:n`` rows are known, so a query whose exact level fills the page never reads the
others. SQLite asks its FTS5 trigram table (rowid = ``rank_key``, so FTS5 walks the best rows
first, forwards); PostgreSQL the pg_trgm GIN over ``document``, or the ``rank_key`` index when the planner
finds that cheaper.

On SQLite the exact level reads the term B-tree ``guest_search_terms`` instead of a trigram
phrase: common trigrams have long doclists, one term's rank keys are a short ordered range.

Side: the in-house rooms (a partial index of a few hundred rows) and the keyed ID document hash,
each only when the query could be one.
"""

from __future__ import annotations

from sqlalchemy import Integer, String, bindparam, column, text

from hotelcrm.db.models import GuestSearch
from hotelcrm.db.models.search import FTS_TABLE, TERMS_TABLE

_TABLE = GuestSearch.__table__
_COLS = ", ".join(f"g.{c.name}" for c in _TABLE.columns)
_LEVEL = column("level", Integer)
_SOURCE = column("source", String)


def _typed(sql: str, *extra):
    return text(sql).columns(*extra, *_TABLE.columns)


def _fts_arm(level: int, param: str, higher: str | None) -> str:
    # The rows of the level above are left out on the joined row (instr), not by a second FTS phrase.
    unless = f" AND instr(g.document, :{higher}) = 0" if higher else ""
    return (f"SELECT * FROM (SELECT {level} AS level, {_COLS} FROM guest_search_fts f "
            f"JOIN guest_search g ON g.rank_key = f.rowid WHERE guest_search_fts MATCH :{param}{unless} "
            "ORDER BY f.rowid LIMIT :n)")


def _like_arm(level: int, param: str, higher: str | None) -> str:
    unless = f" AND g.document NOT LIKE :{higher}" if higher else ""
    return (f"(SELECT {level} AS level, {_COLS} FROM guest_search g WHERE g.document LIKE :{param}{unless} "
            "ORDER BY g.rank_key LIMIT :n)")


# The exact level from the term B-tree (migration 0009): one term's rank keys in order, no doclists.
_EXACT_ARM = (f"SELECT * FROM (SELECT 0 AS level, {_COLS} FROM {TERMS_TABLE} t "
              "JOIN guest_search g ON g.rank_key = t.rank_key WHERE t.term = :ue ORDER BY t.rank_key LIMIT :n)")
# The prefix level leaves out the exact rows by the same table (a primary-key probe per row).
_PREFIX_ARM = (f"SELECT * FROM (SELECT 1 AS level, {_COLS} FROM guest_search_fts f "
               "JOIN guest_search g ON g.rank_key = f.rowid WHERE guest_search_fts MATCH :p "
               f"AND NOT EXISTS (SELECT 1 FROM {TERMS_TABLE} t WHERE t.term = :ue AND t.rank_key = f.rowid) "
               "ORDER BY f.rowid LIMIT :n)")
# :e, :p, :s from search_query.fts_levels; :ue, :up the anchored text of the exact and prefix level.
SQLITE_TEXT = _typed(" UNION ALL ".join((_EXACT_ARM, _PREFIX_ARM, _fts_arm(2, "s", "up"))) + " LIMIT :n", _LEVEL)
# A database stamped at revision 0009 before it made the term table (development copies only).
SQLITE_TEXT_FTS_ONLY = _typed(" UNION ALL ".join((_fts_arm(0, "e", None), _fts_arm(1, "p", "ue"),
                                                  _fts_arm(2, "s", "up"))) + " LIMIT :n", _LEVEL)
SQLITE_HAS_TERMS = text(f"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{TERMS_TABLE}'")

# After a bulk load (triggers set aside): every term of every row again, split as the triggers of
# migration 0009 split them (terms hold no white space, ^, $ or "; a backslash is escaped).
_AS_JSON = """'["' || replace(replace(g.document, '\\', '\\\\'), ' ', '","') || '"]'"""
SQLITE_TERMS_FILL = text(
    f"INSERT OR IGNORE INTO {TERMS_TABLE}(term, rank_key) SELECT j.value, g.rank_key FROM guest_search g, "
    f"json_each(CASE WHEN json_valid({_AS_JSON}) THEN {_AS_JSON} ELSE '[]' END) j WHERE j.value <> ''")
# The rows of one import batch's new guests (``search_bulk.new_rows``; :ids a JSON array): the
# FTS5 entries in rowid order (FTS5 flushes its pending terms whenever a rowid goes backwards),
# and the terms exactly as the insert trigger of migration 0009 splits them, in key order.
_NEW = "g.guest_id IN (SELECT value FROM json_each(:ids))"
SQLITE_NEW_FTS = text(f"INSERT INTO {FTS_TABLE}(rowid, document) SELECT g.rank_key, g.document FROM guest_search g "
                      f"WHERE {_NEW} ORDER BY g.rank_key")
SQLITE_NEW_TERMS = text(
    f"INSERT OR IGNORE INTO {TERMS_TABLE}(term, rank_key) SELECT j.value, g.rank_key FROM guest_search g, "
    f"json_each(CASE WHEN json_valid({_AS_JSON}) THEN {_AS_JSON} ELSE '[]' END) j WHERE j.value <> '' AND {_NEW} "
    "ORDER BY 1, 2")
# :e, :p, :s from search_query.like_levels.
PG_TEXT = _typed(" UNION ALL ".join((_like_arm(0, "e", None), _like_arm(1, "p", "e"), _like_arm(2, "s", "p")))
                 + " LIMIT :n", _LEVEL)

SQLITE_RAW = text("SELECT rowid FROM guest_search_fts WHERE guest_search_fts MATCH :q ORDER BY rowid LIMIT :n")
PG_RAW = text("SELECT guest_id FROM guest_search WHERE document LIKE :q ORDER BY rank_key LIMIT :n")

_DOCUMENT_ARM = (f"SELECT 0 AS level, 'document' AS source, {_COLS} FROM guest_search g WHERE g.guest_id IN "
                 "(SELECT d.guest_id FROM guest_documents d WHERE d.number_hash IN :hashes)")
_ROOM_ARM = ("SELECT * FROM (SELECT CASE WHEN upper(g.in_house_room) = :room THEN 0 ELSE 1 END AS level, "
             f"'room' AS source, {_COLS} FROM guest_search g "
             "WHERE g.in_house_room IS NOT NULL AND upper(g.in_house_room) LIKE :room_like "
             "ORDER BY level, g.rank_key LIMIT :n) r")
_side: dict[tuple[bool, bool], object] = {}


def side_statement(documents: bool, room: bool):
    """Rows found by an ID number's hashes (``:hashes``) and/or an in-house room (``:room``,
    ``:room_like``), with their ``level`` and ``source``."""
    found = _side.get((documents, room))
    if found is None:
        arms = ([_DOCUMENT_ARM] if documents else []) + ([_ROOM_ARM] if room else [])
        stmt = _typed(" UNION ALL ".join(arms), _LEVEL, _SOURCE)
        if documents:
            stmt = stmt.bindparams(bindparam("hashes", expanding=True))
        found = _side[(documents, room)] = stmt
    return found
