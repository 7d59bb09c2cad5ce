"""Guest search as you type (DESIGN.md §5): one box over names, pinyin, Latin spelling, phone
suffixes, e-mail, member number, company, in-house room and exact ID document number.

The rule (what matches, and the order) is ``hotelcrm.domain.search_query``; the index answers
it in at most two statements (``search_sql``): the text levels in one (exact, prefix, then
substring or suffix, the levels disjoint, each stopping after ``limit`` rows by rank and the
whole stopping once ``limit`` rows are known), and — only when the query could be a room or a
document number — the in-house rooms (a small partial index) and the keyed document hash.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotelcrm.db.engine import Database
from hotelcrm.db.models import GuestSearch, Stay
from hotelcrm.domain.codes import ID_TYPE
from hotelcrm.domain.errors import ValidationError
from hotelcrm.domain.id_numbers import document_hash
from hotelcrm.domain.permissions import Permission
from hotelcrm.domain.search_query import (
    MATCHES,
    SearchQuery,
    best_match,
    fts_levels,
    fts_phrases,
    like_patterns,
    mask_phone,
    matched_term,
    parse_query,
    split_document,
)

from . import search_sql, search_sql_pg, search_sqlite
from .base import Service
from .settings_service import existing_id_hash_key

MAX_LIMIT = 500
_hash_keys: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # engine -> the hotel's ID hash key


@dataclass(frozen=True)
class GuestHit:
    id: int
    display_name: str
    latin_name: str | None
    pinyin: str | None
    status: str
    vip_code: str | None
    member_no: str | None
    tier_code: str | None
    phone_masked: str | None
    company: str | None
    last_stay: date | None
    in_house_room: str | None
    match: str  # "exact" | "prefix" | "substring"
    matched_on: str  # "name" | "pinyin" | "latin" | "phone" | "email" | "member" | "company" | "room" | "document"


class GuestSearchService(Service):
    """Finds guests. Clerks and above search every card; ``staff`` (observations only) find
    in-house guests alone, and see their name and room, nothing more."""

    def search(self, query: str, limit: int = 50) -> list[GuestHit]:
        staff_only = not self.actor.can(Permission.GUEST_READ)
        self._require(Permission.GUEST_OBSERVE if staff_only else Permission.GUEST_READ)
        if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
            raise ValidationError("limit", "out_of_range", min=1, max=MAX_LIMIT)
        q = parse_query(query)
        if not (q.searchable or q.room or q.document_number):
            return []
        if not staff_only and q.searchable and self.db.is_sqlite:
            hits = _sqlite_search(self.db, q, limit)
            if hits is not None:
                return hits
        with self._read() as s:
            if staff_only:
                return [_staff_view(h) for h in _in_house_hits(s, q, limit)]
            return _hits(s, q, limit)


Candidate = tuple[int, int, str, object]  # (level, rank_key, matched_on, row)


def _hits(s: Session, q: SearchQuery, limit: int) -> list[GuestHit]:
    found: dict[int, Candidate] = {}
    if s.get_bind().dialect.name == "postgresql":  # text, rooms and documents in one statement
        hashes = _document_hashes(s, q.document_number) if q.document_number else []
        for row in search_sql_pg.search_rows(s, q, limit, hashes):
            _offer(found, row, q, _text_match(row, q) if row.source is None else (row.level, row.source))
        ordered = sorted(found.values(), key=lambda c: (c[0], c[1]))[:limit]
        return [_hit(row, MATCHES[level], on) for level, _, on, row in ordered]
    if q.searchable:
        for row in _text_rows(s, q, limit):
            _offer(found, row, q, _text_match(row, q))
    hashes = _document_hashes(s, q.document_number) if q.document_number else []
    if hashes or q.room:
        for row in s.connection().execute(search_sql.side_statement(bool(hashes), bool(q.room)),
                             {"hashes": hashes, "room": q.room or "", "room_like": f"{q.room}%", "n": limit}):
            _offer(found, row, q, (row.level, row.source))
    ordered = sorted(found.values(), key=lambda c: (c[0], c[1]))[:limit]
    return [_hit(row, MATCHES[level], on) for level, _, on, row in ordered]


def _sqlite_search(db: Database, q: SearchQuery, limit: int) -> list[GuestHit] | None:
    """SQLite with the term table (migration 0009): the text levels, the in-house rooms and the
    document hashes as rank keys (``search_sqlite``), then the columns of the final page only —
    on a pooled connection through the driver, in one deferred read transaction (no session,
    no result processing: a search is a few short statements). None when the database has no
    term table, or when a row the FTS5 phrases gave does not match by the rule (the trigram
    folding differs from Python's): the caller then runs the one-statement search."""
    hashes = _sqlite_document_hashes(db, q.document_number) if q.document_number else []
    pooled = db.engine.raw_connection()  # the pool's connection, without a Connection around it
    try:
        conn = pooled.driver_connection
        if not _has_terms(db.engine, conn):
            return None
        conn.execute("BEGIN DEFERRED")
        try:
            return _sqlite_hits(conn, q, limit, hashes)
        finally:
            conn.execute("ROLLBACK")
    finally:
        pooled.close()


def _sqlite_hits(conn, q: SearchQuery, limit: int, hashes: list[str]) -> list[GuestHit] | None:
    best: dict[int, tuple[int, str | None]] = {key: (level, None) for level, key in
                                                search_sqlite.text_candidates(conn, q, limit)}
    for level, key, source in search_sqlite.side_candidates(conn, q.room, hashes, limit):
        previous = best.get(key)
        if previous is None or level < previous[0]:
            best[key] = (level, source)
    page = sorted(best.items(), key=lambda item: (item[1][0], item[0]))[:limit]
    rows = search_sqlite.page_rows(conn, [key for key, _ in page])
    hits = []
    for key, (level, source) in page:
        row = rows.get(key)
        # row: rank_key, document, term_kinds, … (search_sqlite.COLUMNS)
        kind = source or (None if row is None else matched_term(row[1], row[2], q, level))
        if kind is None or row is None:
            return None
        hits.append(_tuple_hit(row, MATCHES[level], kind))
    return hits


def _offer(found: dict[int, Candidate], row, q: SearchQuery, direct: tuple[int, str] | None) -> None:
    if direct is None:
        return
    previous = found.get(row.guest_id)
    if previous is None or direct[0] < previous[0]:
        found[row.guest_id] = (direct[0], row.rank_key, direct[1], row)


def _text_match(row, q: SearchQuery) -> tuple[int, str] | None:
    """(level, kind of term) of a text row: the level is the statement's, the term the first one
    of that level in the document; the rule itself decides if the index folded text differently."""
    kind = matched_term(row.document, row.term_kinds, q, row.level)
    if kind is not None:
        return row.level, kind
    match = best_match(split_document(row.document), row.term_kinds.split(" "), q)
    return None if match is None else (MATCHES.index(match[0]), match[1])


def _text_rows(s: Session, q: SearchQuery, limit: int) -> list:
    """The best ``limit`` rows by (level, rank), in one statement."""
    sqlite = s.get_bind().dialect.name == "sqlite"
    if sqlite:
        terms = _has_terms(s.get_bind(), s.connection().connection.driver_connection)
        stmt, params = (search_sql.SQLITE_TEXT if terms else search_sql.SQLITE_TEXT_FTS_ONLY), fts_levels(q)
    else:  # PostgreSQL: its own statement (search_sql_pg), run on the driver's connection
        return search_sql_pg.text_rows(s, q, limit)
    # Core execution on the session's connection: no ORM machinery for a plain text statement.
    return s.connection().execute(stmt, {**params, "n": limit}).all()


_terms_tables: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # engine -> has the term table


def _has_terms(engine, conn) -> bool:
    """Whether the SQLite exact-term table (migration 0009) exists, asked once per database
    (``conn``: a driver connection of ``engine``)."""
    found = _terms_tables.get(engine)
    if found is None:
        found = _terms_tables[engine] = search_sqlite.has_terms(conn)
    return found


def raw_index_query(s: Session, q: SearchQuery, limit: int = 50) -> list[int]:
    """The bare index lookup the service builds on (for the benchmark): the widest level."""
    sqlite = s.get_bind().dialect.name == "sqlite"
    pattern = fts_phrases(q)[2] if sqlite else like_patterns(q)[2]
    stmt = search_sql.SQLITE_RAW if sqlite else search_sql.PG_RAW
    return list(s.scalars(stmt, {"q": pattern, "n": limit}))


def _document_hashes(s: Session, number: str) -> list[str]:
    engine = s.get_bind()
    key = _hash_keys.get(engine)
    if key is None:
        key = existing_id_hash_key(s)
        if key is None:
            return []
        _hash_keys[engine] = key  # made once per database, never changed afterwards
    return [document_hash(t, number, key) for t in ID_TYPE]


def _sqlite_document_hashes(db: Database, number: str) -> list[str]:
    key = _hash_keys.get(db.engine)
    if key is None:  # read once per database, in a session of its own
        with db.read() as s:
            return _document_hashes(s, number)
    return [document_hash(t, number, key) for t in ID_TYPE]


def _in_house_hits(s: Session, q: SearchQuery, limit: int) -> list[GuestHit]:
    in_house = select(Stay.guest_id).where(Stay.status == "in_house")
    t = GuestSearch.__table__
    found: dict[int, Candidate] = {}
    for row in s.execute(select(t).where(t.c.guest_id.in_(in_house))):
        if q.searchable:
            match = best_match(split_document(row.document), row.term_kinds.split(" "), q)
            _offer(found, row, q, None if match is None else (MATCHES.index(match[0]), match[1]))
        if q.room and row.in_house_room and row.in_house_room.upper().startswith(q.room):
            _offer(found, row, q, (0 if row.in_house_room.upper() == q.room else 1, "room"))
    ordered = sorted(found.values(), key=lambda c: (c[0], c[1]))[:limit]
    return [_hit(row, MATCHES[level], on) for level, _, on, row in ordered]


def _hit(row, match: str, matched_on: str) -> GuestHit:
    return GuestHit(
        id=row.guest_id, display_name=row.display_name, latin_name=row.latin_name, pinyin=row.pinyin,
        status=row.status, vip_code=row.vip_code, member_no=row.member_no, tier_code=row.tier_code,
        phone_masked=mask_phone(row.phone), company=row.company, last_stay=row.last_stay,
        in_house_room=row.in_house_room, match=match, matched_on=matched_on)


def _tuple_hit(row: tuple, match: str, matched_on: str) -> GuestHit:
    """A hit from a driver row of ``search_sqlite.page_rows`` (``COLUMNS`` order; the date still
    ISO text)."""
    (_, _, _, guest_id, display_name, latin_name, pinyin, status, vip_code, member_no, tier_code, phone, company,
     last_stay, in_house_room) = row
    hit = _new_hit(GuestHit)
    # The frozen dataclass's __init__ sets each field through object.__setattr__ (~2 µs a hit);
    # filling the instance dict once gives the same object.
    hit.__dict__.update(
        id=guest_id, display_name=display_name, latin_name=latin_name, pinyin=pinyin, status=status,
        vip_code=vip_code, member_no=member_no, tier_code=tier_code, phone_masked=mask_phone(phone),
        company=company, last_stay=None if last_stay is None else date.fromisoformat(last_stay),
        in_house_room=in_house_room, match=match, matched_on=matched_on)
    return hit


_new_hit = object.__new__


def _staff_view(hit: GuestHit) -> GuestHit:
    return GuestHit(id=hit.id, display_name=hit.display_name, latin_name=None, pinyin=None, status=hit.status,
                    vip_code=None, member_no=None, tier_code=None, phone_masked=None, company=None,
                    last_stay=None, in_house_room=hit.in_house_room, match=hit.match,
                    matched_on=hit.matched_on)
