"""The search rule applied row by row, without any index: what the index must agree with (the
benchmark's ``results_match_full_scan`` and the tests' oracle)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotelcrm.db.models import GuestSearch
from hotelcrm.domain.search_query import MATCHES, SearchQuery, best_match, parse_query, split_document

Hit = tuple[int, str, str]  # (guest id, match, matched_on)


def scan(rows: Iterable, query: str | SearchQuery, limit: int = 50) -> list[Hit]:
    """Rows with ``guest_id, rank_key, document, term_kinds, in_house_room`` (attributes or keys):
    the hits by the rule of ``hotelcrm.domain.search_query`` (text and in-house room; an ID number
    is looked up by hash, never scanned)."""
    q = parse_query(query) if isinstance(query, str) else query
    found: list[tuple[int, int, int, str]] = []
    for row in rows:
        get = row.get if isinstance(row, dict) else lambda k, r=row: getattr(r, k)
        best = None
        if q.searchable:
            match = best_match(split_document(get("document")), get("term_kinds").split(" "), q)
            if match is not None:
                best = (MATCHES.index(match[0]), match[1])
        room = get("in_house_room")
        if q.room and room and room.upper().startswith(q.room):
            level = 0 if room.upper() == q.room else 1
            if best is None or level < best[0]:
                best = (level, "room")
        if best is not None:
            found.append((best[0], get("rank_key"), get("guest_id"), best[1]))
    found.sort()
    return [(gid, MATCHES[level], on) for level, _, gid, on in found[:limit]]


def scan_table(session: Session, query: str | SearchQuery, limit: int = 50) -> list[Hit]:
    """``scan`` over every row of ``guest_search``."""
    t = GuestSearch.__table__
    rows = session.execute(select(t.c.guest_id, t.c.rank_key, t.c.document, t.c.term_kinds, t.c.in_house_room))
    return scan(rows, query, limit)
