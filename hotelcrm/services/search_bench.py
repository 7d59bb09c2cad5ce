"""``hotelcrm bench search`` (DESIGN.md §6–7): the guest search on a database of N demo guests,
timed next to the raw index query and a ``LIKE '%q%'`` scan in the same run, and checked
against a full scan of the same rule."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from hotelcrm.db.engine import Database
from hotelcrm.db.models import Guest, GuestSearch, Stay
from hotelcrm.domain.errors import HotelCrmError
from hotelcrm.domain.search_query import like_patterns, parse_query, split_document

from . import search_index
from .actor import Actor
from .bench_search_oracle import scan
from .bench_stats import percentiles, timed_ms
from .demo_service import DemoService
from .guest_search_service import GuestSearchService, raw_index_query

BENCH_SEED = 20261123
KINDS = ("han2", "han3", "pinyin", "initials", "latin", "phone", "email", "room")
IN_HOUSE_SHARE = 0.02
MAX_IN_HOUSE = 400
ORACLE_QUERIES_LARGE = 40  # above 100k guests, the full scan checks this many queries

Progress = Callable[[str], None]


@dataclass(frozen=True)
class SearchBenchResult:
    guests: int
    backend: str
    queries: int
    service_ms: dict[str, float]
    raw_index_ms: dict[str, float]
    like_scan_ms: dict[str, float]
    results_match_full_scan: bool
    checked_queries: int
    query_kinds: dict[str, int]
    mismatches: tuple[str, ...] = ()


def prepare(db: Database, guests: int, progress: Progress | None = None) -> None:
    """Fill an empty database with ``guests`` demo guests (and a few in-house stays for room
    search); reuse one that already has exactly that many."""
    with db.read() as s:
        existing = s.scalar(select(func.count()).select_from(Guest)) or 0
    if existing == 0:
        if progress:
            progress("demo")
        DemoService(db, Actor.system()).load(guests, seed=BENCH_SEED)
    elif existing != guests:
        raise HotelCrmError("bench_database_mismatch", guests=existing, wanted=guests)
    with db.write() as s:  # a database filled before the index (or by an older format)
        search_index.ensure_current(s, progress and (lambda done, total: progress(f"index {done}/{total}")))
    with db.write() as s:
        if not s.scalar(select(func.count()).select_from(Stay).where(Stay.status == "in_house")):
            _add_in_house_stays(s, guests)
        if db.backend == "postgresql":
            s.execute(text("ANALYZE guest_search"))  # fresh statistics, as autovacuum would give later


def _add_in_house_stays(s: Session, guests: int) -> None:
    rng = random.Random(BENCH_SEED)
    ids = list(s.scalars(select(GuestSearch.guest_id).limit(min(MAX_IN_HOUSE, max(1, int(guests * IN_HOUSE_SHARE))))
                         .order_by(GuestSearch.guest_id)))
    rooms = rng.sample([f"{floor}{n:02d}" for floor in range(2, 30) for n in range(1, 41)], len(ids))
    today = date.today()
    for gid, room in zip(ids, rooms, strict=True):
        s.add(Stay(guest_id=gid, status="in_house", arrival_date=today - timedelta(days=1),
                   departure_date=today + timedelta(days=2), room_no=room, source="demo"))
    s.flush()
    search_index.refresh_guests(s, ids)


def make_queries(db: Database, n: int, rng: random.Random) -> list[tuple[str, str]]:
    """(kind, query) pairs drawn from the data, the kinds in turn."""
    t = GuestSearch.__table__
    with db.read() as s:
        low, high = s.execute(select(func.min(t.c.guest_id), func.max(t.c.guest_id))).one()
        sample = []
        for _ in range(n * 2 if low is not None else 0):
            pick = rng.randint(low, high)
            sample.append(s.execute(select(t.c.document, t.c.term_kinds, t.c.in_house_room)
                                    .where(t.c.guest_id >= pick).order_by(t.c.guest_id).limit(1)).one())
        rooms = list(s.scalars(select(t.c.in_house_room).where(t.c.in_house_room.is_not(None)).limit(500)))
    queries: list[tuple[str, str]] = []
    i = 0
    while len(queries) < n and i < len(sample) * len(KINDS):
        kind = KINDS[len(queries) % len(KINDS)]
        row = sample[i % len(sample)]
        i += 1
        q = _query_from(kind, row, rooms, rng)
        if q:
            queries.append((kind, q))
    return queries


def _query_from(kind: str, row, rooms: list[str], rng: random.Random) -> str | None:
    terms = dict(zip(split_document(row.document), row.term_kinds.split(" "), strict=False))
    by_kind: dict[str, list[str]] = {}
    for term, k in terms.items():
        by_kind.setdefault(k, []).append(term)
    names = [t for t in by_kind.get("name", []) + by_kind.get("company", []) if not t.isascii()]
    if kind == "han2":
        return next((t[:2] for t in names if len(t) >= 2), None)
    if kind == "han3":
        long = [t for t in names if len(t) >= 3]
        if not long:
            return None
        t = rng.choice(long)
        start = rng.randrange(len(t) - 2)
        return t[start:start + 3]
    if kind in ("pinyin", "initials"):
        keys = by_kind.get("pinyin", [])
        full = [k for k in keys if len(k) > 4] if kind == "pinyin" else [k for k in keys if len(k) <= 4]
        return None if not full else full[0][: rng.randint(3, 6)] if kind == "pinyin" else full[0]
    if kind == "latin":
        words = [t for t in by_kind.get("latin", []) + by_kind.get("name", []) if t.isascii() and len(t) >= 5]
        if not words:
            return None
        t = rng.choice(words)
        start = rng.randrange(len(t) - 3)
        return t[start:start + rng.randint(3, 4)]
    if kind == "phone":
        phones = by_kind.get("phone", [])
        return phones[0][-rng.randint(4, 6):] if phones else None
    if kind == "email":
        emails = by_kind.get("email", [])
        return emails[0][: rng.randint(4, 8)] if emails else None
    return rng.choice(rooms) if rooms else None


def run(db: Database, guests: int, queries: int = 240, progress: Progress | None = None) -> SearchBenchResult:
    prepare(db, guests, progress)
    rng = random.Random(BENCH_SEED)
    pairs = make_queries(db, queries, rng)
    service = GuestSearchService(db, Actor.system())
    # "|| ''" keeps PostgreSQL from answering the baseline with the trigram index.
    like = text("SELECT guest_id FROM guest_search WHERE (document || '') LIKE :p ORDER BY rank_key LIMIT 50")
    for _, q in pairs[:20]:  # warm the caches the way a desk that has been open a while has them
        service.search(q)
    timings: dict[str, list[float]] = {"service": [], "raw": [], "like": []}
    with db.read() as s:
        for n, (_, q) in enumerate(pairs):
            parsed = parse_query(q)
            timings["service"].append(timed_ms(lambda q=q: service.search(q)))
            timings["raw"].append(timed_ms(lambda p=parsed: raw_index_query(s, p)))
            timings["like"].append(timed_ms(lambda p=parsed: s.execute(like, {"p": like_patterns(p)[2]}).all()))
            if progress and n % 20 == 0:
                progress(f"query {n}/{len(pairs)}")
    checked = pairs if guests <= 100_000 else pairs[:ORACLE_QUERIES_LARGE]
    mismatches = _compare_with_full_scan(db, service, checked)
    kinds: dict[str, int] = {}
    for kind, _ in pairs:
        kinds[kind] = kinds.get(kind, 0) + 1
    return SearchBenchResult(
        guests=guests, backend=db.backend, queries=len(pairs), service_ms=percentiles(timings["service"]),
        raw_index_ms=percentiles(timings["raw"]), like_scan_ms=percentiles(timings["like"]),
        results_match_full_scan=not mismatches, checked_queries=len(checked), query_kinds=kinds,
        mismatches=tuple(mismatches[:5]))


def _compare_with_full_scan(db: Database, service: GuestSearchService, pairs: list[tuple[str, str]]) -> list[str]:
    """The service's hits against the rule applied to every row a plain scan can find."""
    t = GuestSearch.__table__
    cols = (t.c.guest_id, t.c.rank_key, t.c.document, t.c.term_kinds, t.c.in_house_room)
    bad = []
    with db.read() as s:
        for _, q in pairs:
            parsed = parse_query(q)
            key = like_patterns(parsed)[2].replace("$%", "%")
            rows = s.execute(select(*cols).where(t.c.document.like(key, escape="\\")
                                                 | t.c.in_house_room.is_not(None))).all()
            expected = scan(rows, parsed, 50)
            got = [(h.id, h.match, h.matched_on) for h in service.search(q)]
            if got != expected:
                bad.append(q)
    return bad
