"""The SQLite search path that finds rank keys first (``search_sqlite``): the same hits as the
rule applied to every row, whether the prefix range is read whole or (a dense range) the levels
come from FTS5, at every page size; and a row the index and the rule disagree on sends the
search back to the one-statement path instead of showing a wrong level."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from hotelcrm.db.models import GuestSearch
from hotelcrm.services import guest_search_service, search_sqlite
from hotelcrm.services.actor import Actor
from hotelcrm.services.bench_search_oracle import scan_table
from hotelcrm.services.guest_search_service import GuestSearchService
from tests.services.test_search_index import add_guest

QUERIES = ("王伟", "wangwei", "wang", "ww", "wangw", "伟明", "zhang", "zhangmin", "zm", "5678", "1234",
           "0958", "139", "li", "lina", "min", "ming", "wei", "ang", "smith", "mit", "amy", "wang.wei@",
           "example", "m2024", "1208", "80", "acme", "A12", "a12b", "b7",
           "12")


@pytest.fixture
def crowd(sqlite_db):
    """Guests sharing names, prefixes and phone endings, with stays spread over the years."""
    families = ("王", "张", "李", "王", "张")
    givens = ("伟", "伟明", "敏", "娜", "明")
    for i in range(60):
        family, given = families[i % 5], givens[(i // 5) % 5]
        add_guest(sqlite_db, family, given, phones=(f"139{i:04d}5678" if i % 3 else f"13800{i:02d}1234",),
                  emails=(f"wang.wei{i}@example.com",) if i % 4 == 0 else (),
                  member_no=f"M2024{i:04d}" if i % 7 == 0 else None,
                  stays=((date(2020 + i % 6, 1 + i % 12, 1), "checked_out", None),) if i % 2 else ())
    add_guest(sqlite_db, "Smith", "Amy", latin="SMITH/AMY", company="Acme", phones=("+44 20 7946 0958",),
              stays=((date(2026, 1, 10), "in_house", "1208"),))
    add_guest(sqlite_db, "Adams", "Amy", stays=((date(2026, 1, 11), "in_house", "808"),))
    add_guest(sqlite_db, "Brown", "Amy", stays=((date(2026, 1, 12), "in_house", "a12b"),))
    add_guest(sqlite_db, "Black", "Ann", stays=((date(2026, 1, 13), "in_house", "B7"),))
    return sqlite_db


def _both(db, query: str, limit: int):
    got = [(h.id, h.match, h.matched_on) for h in GuestSearchService(db, Actor.system()).search(query, limit)]
    with db.read() as s:
        return got, scan_table(s, query, limit)


@pytest.mark.parametrize("cap", [search_sqlite.RANGE_CAP, 3, 0])
@pytest.mark.parametrize("limit", [1, 4, 50])
def test_hits_equal_a_full_scan_with_the_range_read_whole_or_not(crowd, monkeypatch, cap, limit):
    monkeypatch.setattr(search_sqlite, "RANGE_CAP", cap)
    old_path = []
    monkeypatch.setattr(guest_search_service, "_text_rows", lambda *a: old_path.append(a) or [])
    for query in QUERIES:
        got, expected = _both(crowd, query, limit)
        assert got == expected, query
    assert old_path == []  # every query was answered by rank keys first


def test_a_card_with_several_prefix_terms_takes_one_place(crowd, monkeypatch):
    # Exact on "wang" (a word of the Latin name), and three more terms starting with it: the
    # range's first keys are all this card's, skipped as exact; the rest of the page comes after.
    card = add_guest(crowd, "王", "伟", latin="WANG/WEI", emails=("wang.wei@example.org", "wangwei@mail.cn"),
                     stays=((date(2026, 3, 1), "checked_out", None),))
    monkeypatch.setattr(search_sqlite, "RANGE_CAP", 10_000)
    for limit in (1, 2, 3, 50):
        got, expected = _both(crowd, "wang", limit)
        assert got == expected and got[0] == (card, "exact", "latin"), limit
        assert len({gid for gid, _, _ in got}) == len(got) == min(limit, len(expected))


def test_a_row_the_rule_does_not_match_falls_back_to_one_statement(crowd, monkeypatch):
    with crowd.read() as s:
        smith = s.scalar(select(GuestSearch.rank_key).where(GuestSearch.display_name == "Smith Amy"))
    found = search_sqlite.text_candidates

    def with_a_stranger(conn, q, limit):  # as if FTS5 had folded a term differently from Python
        return [(1, smith), *found(conn, q, limit)][:limit]

    monkeypatch.setattr(search_sqlite, "text_candidates", with_a_stranger)
    got, expected = _both(crowd, "王伟", 50)
    assert got == expected and len(got) > 1 and got[0][1] == "exact"


def test_hits_are_the_same_objects_as_the_one_statement_path_gives(crowd, monkeypatch):
    service = GuestSearchService(crowd, Actor.system())
    new = {q: service.search(q) for q in QUERIES}
    monkeypatch.setattr(guest_search_service, "_sqlite_search", lambda db, q, limit: None)
    for query in QUERIES:
        assert new[query] == service.search(query), query
    assert sum(len(hits) for hits in new.values()) > 100
    assert any(h.last_stay for hits in new.values() for h in hits)
    assert any(h.phone_masked for hits in new.values() for h in hits)
