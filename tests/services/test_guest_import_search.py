"""The search index after a bulk guest import (both backends): the new cards' rows are built from
what the import wrote and inserted per batch (on SQLite with the insert triggers set aside and the
FTS5 and term rows added once per batch), and must equal what a rebuild from the tables gives;
search finds the imported guests; a batch that fails leaves the triggers and the index whole."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from hotelcrm.db.models import Company, Guest
from hotelcrm.domain.search_query import split_document
from hotelcrm.services import guest_import_writer, import_bench, import_job
from hotelcrm.services.guest_import_service import GuestImportService
from hotelcrm.services.guest_search_service import GuestSearchService
from tests.hardening.index_check import assert_index_agrees


def sqlite_index_is_whole(db) -> None:
    """FTS5 agrees with its content table, the term table holds exactly the documents' terms,
    and the three triggers of each index are in place."""
    with db.read() as s:
        s.execute(text("INSERT INTO guest_search_fts(guest_search_fts, rank) VALUES ('integrity-check', 1)"))
        terms = set(s.execute(text("SELECT term, rank_key FROM guest_search_terms")).all())
        expected = {(f"^{t}$", rank) for doc, rank in s.execute(text("SELECT document, rank_key FROM guest_search"))
                    for t in split_document(doc)}
        assert terms == expected
        triggers = set(s.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                      "AND tbl_name = 'guest_search'")))
    assert triggers == {f"guest_search_{index}_{op}" for index in ("fts", "terms") for op in ("ai", "ad", "au")}


def pg_terms_are_whole(db) -> None:
    """The term table holds each document's terms once: an import batch adds its rows' terms
    itself while the insert trigger stands aside (migration 0012), not twice, not never."""
    with db.read() as s:
        terms = s.execute(text("SELECT term, rank_key FROM guest_search_terms")).all()
        expected = {(f"^{t}$", rank) for doc, rank in s.execute(text("SELECT document, rank_key FROM guest_search"))
                    for t in split_document(doc)}
    assert len(terms) == len(set(terms)) and set(terms) == expected


def check_index(db) -> None:
    assert_index_agrees(db)
    if db.engine.dialect.name == "sqlite":
        sqlite_index_is_whole(db)
    else:
        pg_terms_are_whole(db)


@pytest.fixture
def bench_file(tmp_path):
    path = tmp_path / "guests.csv"
    import_bench.write_guest_file(path, 240, seed=3)
    return path


def test_a_bulk_import_is_searchable_and_its_index_equals_a_rebuild(db, admin, bench_file, monkeypatch,
                                                                     tmp_path):
    monkeypatch.setattr(import_job, "BATCH", 50)  # several batches, each adding its rows at once
    result = GuestImportService(db, admin).import_guests(bench_file)
    assert result.rows == result.imported + result.matched + result.rejected == 240
    assert result.imported > 200 and result.matched > 0
    check_index(db)
    search = GuestSearchService(db, admin)
    with db.read() as s:
        guests = s.execute(select(Guest.id, Guest.family_name, Guest.given_name).order_by(Guest.id)).all()
    for gid, family, given in guests[::37]:  # spread over the batches
        assert gid in {h.id for h in search.search(family + given, limit=50)}
    with db.write() as s:  # a company with a Latin name: its words are search terms of its guests
        s.add(Company(name="华夏科技", name_latin="Huaxia Tech", kind="agreement", status="active"))
    companies = tmp_path / "companies.csv"
    companies.write_text("family_name,given_name,phone,company\n张,三丰,13912345678,华夏科技\n"
                         "欧阳,娜娜,13912345679,新公司\n", encoding="utf-8")
    assert GuestImportService(db, admin).import_guests(companies).imported == 2
    check_index(db)
    assert [h.display_name for h in search.search("张三丰")] == ["张三丰"]
    assert [h.display_name for h in search.search("zhangsanfeng")] == ["张三丰"]
    assert [h.display_name for h in search.search("13912345678")] == ["张三丰"]
    assert [h.display_name for h in search.search("huaxia")] == ["张三丰"]
    assert [h.display_name for h in search.search("新公司")] == ["欧阳娜娜"]
    again = GuestImportService(db, admin).import_guests(bench_file)  # every row matched, nothing new
    assert (again.imported, again.matched) == (0, result.imported + result.matched)
    check_index(db)


def test_a_batch_failing_after_its_index_rows_leaves_the_index_whole_and_resumes(db, admin, bench_file,
                                                                                   monkeypatch):
    monkeypatch.setattr(import_job, "BATCH", 60)
    real = guest_import_writer.BatchWriter._index_new
    calls = {"n": 0}

    def fail_in_third_batch(self, ids):
        calls["n"] += 1
        real(self, ids)  # the rows, FTS5 entries and terms are written, the triggers back ...
        if calls["n"] == 3:
            raise RuntimeError("killed")  # ... and then the batch's transaction is lost

    monkeypatch.setattr(guest_import_writer.BatchWriter, "_index_new", fail_in_third_batch)
    with pytest.raises(RuntimeError):
        GuestImportService(db, admin).import_guests(bench_file)
    check_index(db)  # two whole batches, with their search rows and nothing of the third
    monkeypatch.setattr(guest_import_writer.BatchWriter, "_index_new", real)
    resumed = GuestImportService(db, admin).import_guests(bench_file)
    assert resumed.resumed_from == 120 and resumed.rows == 240
    assert resumed.rows == resumed.imported + resumed.matched + resumed.rejected
    check_index(db)
