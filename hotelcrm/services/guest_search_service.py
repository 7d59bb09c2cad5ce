"""Guest search as you type (DESIGN.md §5): one box over names, pinyin, Latin spelling, phone
suffixes, e-mail, member number, company, in-house room and exact ID document number.

The rule (what matches, and the order) is ``hotelcrm.domain.search_query``; this service asks
the index for it: at most three indexed queries for the text (exact, prefix, then substring or
suffix, each stopping as soon as ``limit`` hits are known), one for a document number's keyed
hash and one for an in-house room.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from hotelcrm.db.models import GuestDocument, GuestSearch, Stay
from hotelcrm.domain.codes import ID_TYPE
from hotelcrm.domain.errors import ValidationError
from hotelcrm.domain.id_numbers import document_hash
from hotelcrm.domain.permissions import Permission
from hotelcrm.domain.search_query import (
    MATCHES,
    SearchQuery,
    best_match,
    fts_phrases,
    like_patterns,
    mask_phone,
    parse_query,
    split_document,
)

from .base import Service
from .settings_service import existing_id_hash_key

MAX_LIMIT = 500
_COLUMNS = ", ".join(f"g.{c.name}" for c in GuestSearch.__table__.columns)
_SQLITE_LEVEL = text(
    f"SELECT {_COLUMNS} FROM guest_search_fts f JOIN guest_search g ON g.rank_key = f.rowid "
    "WHERE guest_search_fts MATCH :q ORDER BY f.rowid DESC LIMIT :n").columns(*GuestSearch.__table__.columns)
_PG_LEVEL = text(
    f"SELECT {_COLUMNS} FROM guest_search g WHERE g.document LIKE :q ORDER BY g.rank_key DESC LIMIT :n"
).columns(*GuestSearch.__table__.columns)


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
        with self._read() as s:
            if staff_only:
                return [_staff_view(h) for h in _in_house_hits(s, q, limit)]
            return _hits(s, q, limit)


Candidate = tuple[int, int, str, object]  # (level, -rank_key, matched_on, row)


def _hits(s: Session, q: SearchQuery, limit: int) -> list[GuestHit]:
    found: dict[int, Candidate] = {}
    if q.searchable:
        for row in _text_rows(s, q, limit):
            _offer(found, row, q)
    if q.document_number:
        for row in _document_rows(s, q.document_number):
            _offer(found, row, q, (0, "document"))
    if q.room:
        for row, level in _room_rows(s, q.room):
            _offer(found, row, q, (level, "room"))
    ordered = sorted(found.values(), key=lambda c: (c[0], c[1]))[:limit]
    return [_hit(row, MATCHES[level], on) for level, _, on, row in ordered]


def _offer(found: dict[int, Candidate], row, q: SearchQuery, direct: tuple[int, str] | None = None) -> None:
    if direct is None:
        match = best_match(split_document(row.document), row.term_kinds.split(" "), q)
        if match is None:
            return
        direct = (MATCHES.index(match[0]), match[1])
    previous = found.get(row.guest_id)
    if previous is None or direct[0] < previous[0]:
        found[row.guest_id] = (direct[0], -row.rank_key, direct[1], row)


def _text_rows(s: Session, q: SearchQuery, limit: int) -> list:
    """The best ``limit`` rows by (level, rank), fetched level by level."""
    sqlite = s.get_bind().dialect.name == "sqlite"
    stmt = _SQLITE_LEVEL if sqlite else _PG_LEVEL
    levels = fts_phrases(q) if sqlite else like_patterns(q)
    rows: dict[int, object] = {}
    for pattern in levels:
        for row in s.execute(stmt, {"q": pattern, "n": limit + len(rows)}):
            rows.setdefault(row.guest_id, row)
        if len(rows) >= limit:
            break
    return list(rows.values())


def raw_index_query(s: Session, q: SearchQuery, limit: int = 50) -> list[int]:
    """The bare index lookup the service builds on (for the benchmark): the widest level."""
    if s.get_bind().dialect.name == "sqlite":
        sql = ("SELECT rowid FROM guest_search_fts WHERE guest_search_fts MATCH :q "
               "ORDER BY rowid DESC LIMIT :n")
        return list(s.scalars(text(sql), {"q": fts_phrases(q)[2], "n": limit}))
    sql = "SELECT guest_id FROM guest_search WHERE document LIKE :q ORDER BY rank_key DESC LIMIT :n"
    return list(s.scalars(text(sql), {"q": like_patterns(q)[2], "n": limit}))


def _document_rows(s: Session, number: str) -> list:
    key = existing_id_hash_key(s)
    if key is None:
        return []
    hashes = [document_hash(t, number, key) for t in ID_TYPE]
    ids = select(GuestDocument.guest_id).where(GuestDocument.number_hash.in_(hashes))
    return list(s.execute(select(GuestSearch).where(GuestSearch.guest_id.in_(ids))).scalars())


def _room_rows(s: Session, room: str) -> list[tuple[object, int]]:
    stmt = (select(GuestSearch, Stay.room_no).join(Stay, Stay.guest_id == GuestSearch.guest_id)
            .where(Stay.status == "in_house", Stay.room_no >= room, Stay.room_no < room + "\uffff"))
    return [(row, 0 if no == room else 1) for row, no in s.execute(stmt)]


def _in_house_hits(s: Session, q: SearchQuery, limit: int) -> list[GuestHit]:
    in_house = select(Stay.guest_id).where(Stay.status == "in_house")
    found: dict[int, Candidate] = {}
    for row in s.scalars(select(GuestSearch).where(GuestSearch.guest_id.in_(in_house))):
        _offer(found, row, q)
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


def _staff_view(hit: GuestHit) -> GuestHit:
    return GuestHit(id=hit.id, display_name=hit.display_name, latin_name=None, pinyin=None, status=hit.status,
                    vip_code=None, member_no=None, tier_code=None, phone_masked=None, company=None,
                    last_stay=None, in_house_room=hit.in_house_room, match=hit.match,
                    matched_on=hit.matched_on)
