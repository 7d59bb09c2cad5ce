"""The text statement of the guest search on PostgreSQL (``guest_search_service``).

One statement per search; rows ranked by (level, ``rank_key``), the levels disjoint, the whole
stopping as soon as a page is known. Exact and prefix (and the suffix of anchored queries) no
longer depend on the planner's guess of how common a pattern is — that guess walked the whole
rank index for a rare pattern or sorted a huge GIN bitmap for a common one:

- **exact**: the term B-tree ``guest_search_terms (term text_pattern_ops, rank_key)`` (migration
  0011): one term's keys in rank order, stopping at the page size.
- **prefix**: the terms from ``^q`` up to the next string are one key range (``~>=~``/``~<~``,
  the operators of the ``text_pattern_ops`` index). At most ``RANGE_CAP`` of them are read
  (CTE ``pr``): when the range ends before, it is grouped by row and sorted by rank whole (a row
  holding the exact term belongs to the level above); a longer range belongs to a common prefix
  (thousands of rows), and the rows are walked by rank instead (``document LIKE '%^q%'``).
- **suffix** (anchored queries: 2 characters, digits): the same over ``reverse(term)`` (CTE
  ``sr``); the rows of the levels above are then the keys in ``pr`` (a prefix range over the
  cap fills the page before the suffix level; if not, the suffix level walks too).
- **substring** (other queries): ``document LIKE '%q%'`` through the pg_trgm GIN or the rank
  index, as the planner finds cheaper for the pattern (as before).

The choice between a whole range and a walk is made while the statement runs: each such arm is
gated by a one-time condition on the count of its capped CTE, so the arm not chosen never runs.
The arms give rank keys; the columns are read for the final page only. The side arms (cards by
an ID number's keyed hashes, in-house rooms) join the same statement (``search_rows``): one
statement, one round trip per search.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from psycopg.rows import namedtuple_row
from sqlalchemy import text
from sqlalchemy.dialects.postgresql.psycopg import dialect as psycopg_dialect
from sqlalchemy.orm import Session

from hotelcrm.db.models import GuestSearch
from hotelcrm.db.models.search import TERMS_TABLE
from hotelcrm.domain.search_query import SearchQuery, after_prefix, like_levels

# A prefix or suffix range of at most this many terms is read and sorted whole; a longer one
# belongs to a common pattern (thousands of rows), found sooner by walking the rows by rank.
RANGE_CAP = 20_000

_TABLE = GuestSearch.__table__
_COLS = ", ".join(f"g.{c.name}" for c in _TABLE.columns)
T = TERMS_TABLE

_EXACT = f"SELECT 0 AS level, rank_key FROM {T} WHERE term = :ue ORDER BY rank_key LIMIT :n"
_PREFIX_RANGE = "term ~>=~ :plo AND term ~<~ :phi"
_SUFFIX_RANGE = "reverse(term) ~>=~ :slo AND reverse(term) ~<~ :shi"


def _walk(level: int, like: str, unless: str, gate: str = "") -> str:
    """Rows by rank whose document is LIKE ``:like`` and not LIKE ``:unless`` (the level above):
    the pg_trgm GIN or the rank index, as the planner finds cheaper for the pattern."""
    return (f"SELECT {level} AS level, rank_key FROM guest_search WHERE {gate}document LIKE :{like} "
            f"AND document NOT LIKE :{unless} ORDER BY rank_key LIMIT :n")


Parts = tuple[str, str]  # (the WITH list, the SELECT of the text rows)


@dataclass(frozen=True)
class Statements:
    anchored: Parts  # exact, prefix, suffix (2 characters, digits)
    anywhere: Parts  # exact, prefix, substring


@cache
def statements(range_cap: int = RANGE_CAP) -> Statements:
    """The two text statements with this cap (the tests use a small one to reach every arm)."""
    small, large = f"(SELECT count(*) FROM {{}}) <= {range_cap}", f"(SELECT count(*) FROM {{}}) > {range_cap} AND "
    pr = f"pr AS MATERIALIZED (SELECT term, rank_key FROM {T} WHERE {_PREFIX_RANGE} LIMIT {range_cap + 1})"
    sr = f"sr AS MATERIALIZED (SELECT rank_key FROM {T} WHERE {_SUFFIX_RANGE} LIMIT {range_cap + 1})"
    # A row of the prefix range is at the prefix level unless one of its terms is the exact one.
    prefix = (f"SELECT 1 AS level, rank_key FROM pr WHERE {small.format('pr')} GROUP BY rank_key "
              "HAVING bool_and(term <> :ue) ORDER BY rank_key LIMIT :n",
              _walk(1, "p", "e", large.format("pr")))
    # When both ranges were whole, the rows of the levels above are exactly the keys in ``pr``;
    # else (a prefix range over the cap fills the page first unless the cap is tiny) a walk.
    whole = f"{small.format('sr')} AND {small.format('pr')}"
    suffix = (f"SELECT 2 AS level, rank_key FROM sr WHERE {whole} AND rank_key NOT IN "
              "(SELECT rank_key FROM pr) GROUP BY rank_key ORDER BY rank_key LIMIT :n",
              _walk(2, "s", "p", f"NOT ({whole}) AND "))
    return Statements(anchored=_statement((pr, sr), (_EXACT, *prefix, *suffix)),
                      anywhere=_statement((pr,), (_EXACT, *prefix, _walk(2, "s", "p"))))


def _statement(ctes: tuple[str, ...], arms: tuple[str, ...]) -> Parts:
    """The arms in level order under one LIMIT (rank keys only), then the columns of those rows,
    one index probe each (LATERAL … OFFSET 0: never a join over the whole table)."""
    hits = " UNION ALL ".join(f"({arm})" for arm in arms) + " LIMIT :n"
    return (f"{', '.join(ctes)}, h AS MATERIALIZED ({hits})",
            "SELECT h.level, NULL::text AS source, g.* FROM h CROSS JOIN LATERAL "
            f"(SELECT {_COLS} FROM guest_search g WHERE g.rank_key = h.rank_key OFFSET 0) g")


# The side arms (as search_sql.side_statement): cards with a document of these keyed hashes, and
# in-house rooms through the partial index of the few in-house rows.
_DOCUMENT_SIDE = (f"SELECT 0 AS level, 'document' AS source, {_COLS} FROM guest_search g WHERE g.guest_id IN "
                  "(SELECT d.guest_id FROM guest_documents d WHERE d.number_hash = ANY(:hashes))")
_ROOM_SIDE = ("SELECT * FROM (SELECT CASE WHEN upper(g.in_house_room) = :room THEN 0 ELSE 1 END AS level, "
              f"'room' AS source, {_COLS} FROM guest_search g WHERE g.in_house_room IS NOT NULL "
              "AND upper(g.in_house_room) LIKE :room_like ORDER BY level, g.rank_key LIMIT :n) r")


@cache
def _driver_sql(parts: Parts | None, documents: bool, room: bool) -> str:
    """One statement: the text rows (``source`` NULL) and the side arms wanted, in the driver's
    parameter style."""
    arms = ([parts[1]] if parts else []) + ([_DOCUMENT_SIDE] if documents else []) + ([_ROOM_SIDE] if room else [])
    sql = (f"WITH {parts[0]} " if parts else "") + " UNION ALL ".join(f"({arm})" for arm in arms)
    return str(text(sql).compile(dialect=psycopg_dialect()))


def text_statement(q: SearchQuery, chosen: Statements | None = None) -> tuple[Parts, dict[str, str]]:
    """The text statement's parts and parameters (without ``n``) for a searchable query."""
    chosen = chosen or statements()
    exact, prefix, third = like_levels(q)
    params = {"e": exact, "p": prefix, "s": third, "ue": f"^{q.key}$", "plo": f"^{q.key}",
              "phi": after_prefix(f"^{q.key}")}
    if not q.anchored:
        return chosen.anywhere, params
    suffix = f"{q.key}$"[::-1]  # reverse() in PostgreSQL reverses characters too
    return chosen.anchored, {**params, "slo": suffix, "shi": after_prefix(suffix)}


def search_rows(session: Session, q: SearchQuery, limit: int, hashes: list[str] | None = None,
                chosen: Statements | None = None) -> list:
    """In one statement: the best ``limit`` text rows by (level, rank) when the query is
    searchable (``source`` None), the cards with a document of these keyed ``hashes`` and the
    in-house rooms when the query could be one (``source`` "document" / "room"); each row with
    ``level``, ``source`` and the ``guest_search`` columns as attributes.

    Run on the driver's connection (inside the session's transaction) and never as a prepared
    statement: psycopg prepares a statement from its fifth run on a connection, after which the
    server may settle on one generic plan for all patterns — the walk and substring arms must
    see each pattern (GIN for a rare one, the rank index for a common one)."""
    parts, params = text_statement(q, chosen) if q.searchable else (None, {})
    if hashes:
        params["hashes"] = hashes
    if q.room:
        params.update(room=q.room, room_like=f"{q.room}%")
    if parts is None and not hashes and not q.room:
        return []
    return _run(session, _driver_sql(parts, bool(hashes), bool(q.room)), {**params, "n": limit})


def text_rows(session: Session, q: SearchQuery, limit: int, chosen: Statements | None = None) -> list:
    """The text rows alone (``search_rows`` without rooms or documents), for a searchable query."""
    parts, params = text_statement(q, chosen)
    return _run(session, _driver_sql(parts, False, False), {**params, "n": limit})


def _run(session: Session, sql: str, params: dict) -> list:
    conn = session.connection().connection.driver_connection
    with conn.cursor(row_factory=namedtuple_row) as cursor:
        cursor.execute(sql, params, prepare=False)
        return cursor.fetchall()


# --- a full rebuild (search_bulk) ---------------------------------------------------------------

# Every term of every row, as migration 0011 fills the table (a document's terms are distinct).
TERMS_FILL = text(
    f"INSERT INTO {T} (term, rank_key) SELECT t.term, g.rank_key FROM guest_search g CROSS JOIN LATERAL "
    "(SELECT DISTINCT u.term FROM unnest(string_to_array(g.document, ' ')) AS u(term) WHERE u.term <> '') t")
# The terms of the rows of :ids (an import batch's new rows, ``search_bulk.new_rows``), in key order.
NEW_TERMS = text(
    f"INSERT INTO {T} (term, rank_key) SELECT t.term, g.rank_key FROM guest_search g CROSS JOIN LATERAL "
    "(SELECT DISTINCT u.term FROM unnest(string_to_array(g.document, ' ')) AS u(term) WHERE u.term <> '') t "
    "WHERE g.guest_id = ANY(:ids) ORDER BY 1, 2")
_TERMS_INDEXES = text("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                      f"AND tablename = '{T}'")
_TERMS_TRIGGERS = text("SELECT tgname FROM pg_trigger WHERE tgrelid = 'guest_search'::regclass "
                       f"AND NOT tgisinternal AND tgname LIKE '{T}%'")

SetAside = tuple[list[tuple[str, str]], list[str]]


def set_aside_terms(session: Session) -> SetAside | None:
    """Before every ``guest_search`` row is deleted and inserted again: the term table's triggers
    disabled, its indexes dropped and the table emptied (all inside the caller's transaction).
    None on a database without the table."""
    if not session.scalar(text(f"SELECT to_regclass('{T}') IS NOT NULL")):
        return None
    indexes = [(name, definition) for name, definition in session.execute(_TERMS_INDEXES)]
    triggers = list(session.scalars(_TERMS_TRIGGERS))
    for name in triggers:
        session.execute(text(f'ALTER TABLE guest_search DISABLE TRIGGER "{name}"'))
    for name, _ in indexes:
        session.execute(text(f'DROP INDEX "{name}"'))
    session.execute(text(f"TRUNCATE {T}"))
    return indexes, triggers


def restore_terms(session: Session, aside: SetAside | None) -> None:
    """After the rows are in: the terms in one ``INSERT … SELECT``, then the indexes (one sort
    each) and the triggers back."""
    if aside is None:
        return
    indexes, triggers = aside
    session.execute(TERMS_FILL)
    for _, definition in indexes:
        session.execute(text(definition))
    for name in triggers:
        session.execute(text(f'ALTER TABLE guest_search ENABLE TRIGGER "{name}"'))
    session.execute(text(f"ANALYZE {T}"))
