"""PostgreSQL guest search (``search_sql_pg``, migration 0011): the term table follows
``guest_search`` through its triggers and through a full rebuild, and every arm of the text
statement — a prefix or suffix range read whole, the walk by rank taken when a range is longer than
its cap, the substring level — answers what the rule applied to every row answers."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text

from hotelcrm.db.models import Guest, GuestSearch, Stay
from hotelcrm.domain.search_query import MATCHES, parse_query, split_document
from hotelcrm.services import search_index, search_sql_pg
from hotelcrm.services.bench_search_oracle import scan
from tests.services.test_search_index import add_guest, set_status

pytestmark = pytest.mark.pg


def _terms_and_expected(db) -> tuple[set, set]:
    with db.read() as s:
        terms = set(s.execute(text("SELECT term, rank_key FROM guest_search_terms")).all())
        expected = {(f"^{t}$", rank) for doc, rank in s.execute(select(GuestSearch.document, GuestSearch.rank_key))
                    for t in split_document(doc)}
    return terms, expected


def _rank(db, guest_id: int) -> int:
    with db.read() as s:
        return s.scalar(select(GuestSearch.rank_key).where(GuestSearch.guest_id == guest_id))


def test_the_terms_follow_inserts_updates_and_deletes(pg_db):
    gid = add_guest(pg_db, "王", "伟", phones=("13812345678",))
    other = add_guest(pg_db, "O'Brien", "Back\\slash")
    terms, expected = _terms_and_expected(pg_db)
    assert terms == expected and ("^王伟$", _rank(pg_db, gid)) in terms and ("^13812345678$", _rank(pg_db, gid)) in terms
    with pg_db.write() as s:  # a new name (document) and a stay (rank key)
        s.get(Guest, gid).given_name = "维"
        s.add(Stay(guest_id=gid, status="checked_out", arrival_date=date(2026, 3, 1), departure_date=date(2026, 3, 3)))
        s.flush()
        search_index.refresh_guests(s, [gid])
    set_status(pg_db, other, "anonymized")  # the row goes
    terms, expected = _terms_and_expected(pg_db)
    assert terms == expected
    assert not any(t == "^王伟$" for t, _ in terms) and ("^王维$", _rank(pg_db, gid)) in terms
    assert not any("brien" in t for t, _ in terms)


def test_a_full_rebuild_refills_the_terms_and_puts_indexes_and_triggers_back(pg_db):
    ids = [add_guest(pg_db, "王", f"伟{i}") for i in range(5)]
    with pg_db.read() as s:
        indexes = set(s.scalars(text("SELECT indexdef FROM pg_indexes WHERE tablename = 'guest_search_terms'")))
    with pg_db.write() as s:
        assert search_index.rebuild_all(s) == 5
    later = add_guest(pg_db, "王", "伟新")  # the triggers work again after the rebuild
    terms, expected = _terms_and_expected(pg_db)
    assert terms == expected and ("^王伟新$", _rank(pg_db, later)) in terms
    assert {("^王伟0$", _rank(pg_db, ids[0]))} <= terms
    with pg_db.read() as s:
        assert set(s.scalars(text("SELECT indexdef FROM pg_indexes WHERE tablename = 'guest_search_terms'"))) == indexes
        assert len(indexes) == 2
        assert s.scalar(text("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'guest_search'::regclass "
                             "AND tgname LIKE 'guest_search_terms%' AND tgenabled = 'O'")) == 3


QUERIES = ("wang", "wangw", "wangwei", "wa", "ww", "王伟", "王小", "伟明", "小红", "5678", "45678", "12345678", "138",
           "ang", "ngw", "ei", "ming", "smith", "mit", "example", "zzz", "0000", "李娜", "na", "lina")


@pytest.fixture
def crowd(pg_db):
    """Guests sharing prefixes, suffixes and substrings at every level, with stays spread out."""
    families = ("王", "王", "王", "李", "张", "欧阳", "Smith")
    givens = ("伟", "伟明", "小红", "娜", "明", "John")
    for i in range(42):
        family, given = families[i % len(families)], givens[i % len(givens)]
        stays = ((date(2024, 1 + i % 12, 1 + i % 27), "checked_out", None),) if i % 3 else ()
        add_guest(pg_db, family, given, phones=(f"139{i:04d}5678" if i % 2 else f"1380000{i:04d}",),
                  emails=(f"ming{i}@example.com",) if i % 4 == 0 else (), stays=stays)
    return pg_db


@pytest.mark.parametrize("range_cap", [1, 3, 25, search_sql_pg.RANGE_CAP])
@pytest.mark.parametrize("limit", [3, 50])
def test_every_arm_answers_the_full_scan(crowd, range_cap, limit):
    statements = search_sql_pg.statements(range_cap)
    with crowd.read() as s:
        rows = [r._mapping for r in s.execute(select(GuestSearch.__table__))]
        every = [{**r, "in_house_room": None} for r in rows]  # text levels only
        for query in QUERIES:
            q = parse_query(query)
            found = sorted((r.level, r.rank_key, r.guest_id) for r in search_sql_pg.text_rows(s, q, limit, statements))
            assert [(gid, MATCHES[level]) for level, _, gid in found][:limit] == \
                [(gid, match) for gid, match, _ in scan(every, q, limit)], (query, range_cap, limit)
