"""The text levels of the guest search on SQLite, ids first (``guest_search_service``).

The best ``limit`` rows by (level, rank) are found as rank keys only, and the columns a hit shows
are read for the final page alone:

- **exact and prefix** from the term B-tree (``guest_search_terms``, migration 0009): the terms
  starting with ``^q`` are one key range (``term >= '^q' AND term < '^r'``), ``^q$`` the exact one
  among them; but a range is in term order, not rank order. Its size is counted first, up to
  ``RANGE_CAP`` (index entries only, cheap); a range at most that big (a rare prefix:
  ``^zhangwei``, an e-mail, a member number) gives its entries by (exact first, rank) through a
  bounded sort. A bigger one (``^zh``, ``^wang``) has rows everywhere: then the exact term's keys
  are walked in rank order and the FTS5 phrase ``"^q"`` walked by rowid (= ``rank_key``) fills
  the page after a few rows — on a rare prefix it would read long trigram doclists for nothing;
- **the third level** (suffix when anchored, else anywhere) only when the first two leave the
  page short: the FTS5 phrase by rowid, ids only — the raw index query — skipping the rows
  already found.

A term in the B-tree is byte-equal to a term of the document, so these levels are the rule's
(``search_query.match_term``); the rows the FTS5 phrases give are checked against the rule on
the page (``GuestSearchService`` falls back to the one-statement search if the trigram folding
ever disagrees with Python).

Statements run on the driver's connection (the sqlite3 module's statement cache; no result
processing for a few integers).
"""

from __future__ import annotations

import json

from hotelcrm.db.models.search import FTS_TABLE, TERMS_TABLE
from hotelcrm.domain.search_query import SearchQuery, after_prefix, fts_phrases, guest_of_rank

# Up to this many prefix terms the range is sorted by rank; above, the prefix is common enough
# for FTS5 to fill a page after a short walk (measured: docs/performance.md).
RANGE_CAP = 1000

_RANGE_SIZE = f"SELECT count(*) FROM (SELECT 1 FROM {TERMS_TABLE} WHERE term >= ?1 AND term < ?2 LIMIT ?3)"
# The entries of a small prefix range with their level (0: the exact term), best first (a row may
# hold several).
_RANGE_KEYS = (f"SELECT rank_key, term <> ?3 AS level FROM {TERMS_TABLE} WHERE term >= ?1 AND term < ?2 "
               "ORDER BY level, rank_key LIMIT ?4")
_EXACT = f"SELECT rank_key FROM {TERMS_TABLE} WHERE term = ? ORDER BY rank_key LIMIT ?"
_PHRASE = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? ORDER BY rowid LIMIT ?"
# What a page row holds, in this order (the service unpacks it).
COLUMNS = ("rank_key", "document", "term_kinds", "guest_id", "display_name", "latin_name", "pinyin", "status",
           "vip_code", "member_no", "tier_code", "phone", "company", "last_stay", "in_house_room")
_PAGE = (f"SELECT {', '.join(f'g.{c}' for c in COLUMNS)} FROM json_each(?) j "
         "JOIN guest_search g ON g.guest_id = j.value")

# The side look-ups as rank keys: in-house rooms (partial index of the few in-house rows) and
# the keyed hashes of an ID number (``guest_documents.number_hash``).
# The rule compares upper(room); the two key ranges (the query's digits up to its first letter, in
# upper and in lower case) let the partial index skip the rooms that cannot match.
_ROOMS = ("SELECT CASE WHEN upper(in_house_room) = ?1 THEN 0 ELSE 1 END AS level, rank_key FROM guest_search "
          "WHERE in_house_room IS NOT NULL AND (in_house_room >= ?4 AND in_house_room < ?5 "
          "OR in_house_room >= ?6 AND in_house_room < ?7) AND upper(in_house_room) LIKE ?2 "
          "ORDER BY level, rank_key LIMIT ?3")
_DOCUMENTS = ("SELECT rank_key FROM guest_search WHERE guest_id IN (SELECT guest_id FROM guest_documents "
              "WHERE number_hash IN (SELECT value FROM json_each(?)))")
_HAS_TERMS = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"

Candidate = tuple[int, int]  # (level, rank_key)


def has_terms(conn) -> bool:
    """Whether the exact-term table of migration 0009 exists."""
    return bool(conn.execute(_HAS_TERMS, (TERMS_TABLE,)).fetchone()[0])


def text_candidates(conn, q: SearchQuery, limit: int) -> list[Candidate]:
    """The best ``limit`` text rows as (level, rank_key), in that order. ``conn`` is the sqlite3
    connection of the caller's transaction."""
    exact_term, prefix_term = f"^{q.key}$", f"^{q.key}"
    bound = after_prefix(prefix_term)
    (size,) = conn.execute(_RANGE_SIZE, (prefix_term, bound, RANGE_CAP + 1)).fetchone()
    if size <= RANGE_CAP:
        found = _range(conn, (prefix_term, bound, exact_term), limit) if size else []
    else:
        found = [(0, key) for (key,) in conn.execute(_EXACT, (exact_term, limit))]
        if len(found) < limit:
            found += _more(conn, fts_phrases(q)[1], 1, {key for _, key in found}, limit - len(found), limit)
    if len(found) < limit:
        found += _more(conn, fts_phrases(q)[2], 2, {key for _, key in found}, limit - len(found), limit)
    return found


def _range(conn, bounds: tuple[str, str, str], limit: int) -> list[Candidate]:
    """The best ``limit`` rows of a small prefix range: its entries by (exact first, rank), each
    card once (its first entry is its best), asked again for more when cards with several
    entries left the page short."""
    ask = limit
    while True:
        rows = conn.execute(_RANGE_KEYS, (*bounds, ask)).fetchall()
        out: dict[int, int] = {}
        for key, level in rows:
            if key not in out:
                out[key] = level
        if len(out) >= limit or len(rows) < ask:
            return [(level, key) for key, level in out.items()][:limit]
        ask *= 2


def _more(conn, phrase: str, level: int, skip: set[int], wanted: int, limit: int) -> list[Candidate]:
    """Up to ``wanted`` (= ``limit`` - ``len(skip)``) rows of an FTS5 phrase by rank that are not
    in ``skip``: ``limit`` rows of the phrase hold at most ``len(skip)`` skipped ones."""
    rows = conn.execute(_PHRASE, (phrase, limit)).fetchall()
    return [(level, key) for (key,) in rows if key not in skip][:wanted]


def side_candidates(conn, room: str | None, hashes: list[str], limit: int) -> list[tuple[int, int, str]]:
    """(level, rank_key, "document" | "room"): the cards holding one of these ID number hashes
    (exact), then the in-house rooms equal to (exact) or starting with ``room`` (prefix)."""
    found = []
    if hashes:
        found += [(0, key, "document") for (key,) in conn.execute(_DOCUMENTS, (json.dumps(hashes),))]
    if room:
        ranges = tuple(bound for start in _room_starts(room) for bound in (start, after_prefix(start)))
        found += [(level, key, "room") for level, key in conn.execute(_ROOMS, (room, f"{room}%", limit, *ranges))]
    return found


def _room_starts(room: str) -> tuple[str, str]:
    """What a room matching ``room`` (upper case ASCII letters and digits) starts with, in the two
    cases of its first letter: ``12`` → (``12``, ``12``), ``12A3`` → (``12A``, ``12a``)."""
    letter = next((i for i, ch in enumerate(room) if ch.isalpha()), None)
    if letter is None:
        return room, room
    return room[:letter + 1], room[:letter] + room[letter].lower()


def page_rows(conn, rank_keys: list[int]) -> dict[int, tuple]:
    """The ``guest_search`` rows of these rank keys (columns in ``COLUMNS`` order), by rank key.
    Read by guest id, the table's own key (one B-tree descent a row instead of two through the
    ``rank_key`` index; the page's rows are scattered over the table): the id is packed into the
    rank key, and a row whose stored key differs is simply not returned."""
    if not rank_keys:
        return {}
    ids = "[" + ",".join(str(guest_of_rank(key)) for key in rank_keys) + "]"
    return {row[0]: row for row in conn.execute(_PAGE, (ids,))}
