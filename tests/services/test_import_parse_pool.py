"""Parsing an import in a worker process (``import_parse_pool``): what a large import stores is
what an in-process import stores, row for row; a worker that cannot start or dies leaves the
parsing in-process without losing a row; stopping early stops the worker."""

from __future__ import annotations

import logging
import multiprocessing
import time
from concurrent.futures.process import BrokenProcessPool

import pytest
from sqlalchemy import text

from hotelcrm.config import sqlite_url
from hotelcrm.db.engine import Database
from hotelcrm.services import import_bench, import_job, import_parse_pool
from hotelcrm.services.actor import Actor
from hotelcrm.services.guest_import_service import GuestImportService

TABLES = {
    "guests": "family_name, given_name, latin_name, pinyin, gender, birth_date, nationality, status, vip_code",
    "guest_documents": "guest_id, doc_type, number, is_primary",  # the hash key is per database
    "guest_contacts": "guest_id, kind, value, value_key, is_primary, label",
    "special_dates": "guest_id, kind, month, day, year",
    "guest_search": "guest_id, rank_key, document, term_kinds, display_name, latin_name, pinyin, phone, company",
    "import_problems": "row_no, column_name, field, reason, params, level",
}


@pytest.fixture
def guest_file(tmp_path):
    path = tmp_path / "guests.csv"
    import_bench.write_guest_file(path, 300, seed=5)
    return path


def stored(db) -> dict[str, list[tuple]]:
    with db.read() as s:
        return {table: [tuple(r) for r in s.execute(text(f"SELECT {cols} FROM {table} ORDER BY {cols}"))]
                for table, cols in TABLES.items()}


def import_file(db, admin, path):
    result = GuestImportService(db, admin).import_guests(path)
    return (result.rows, result.imported, result.matched, result.rejected,
            [(p.row, p.column, p.reason) for p in result.errors])


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(import_job, "BATCH", 40)  # several batches, several of them ahead


def test_a_worker_process_parses_what_the_import_would_parse_itself(sqlite_db, sqlite_template, tmp_path,
                                                                   guest_file, small_batches, monkeypatch):
    admin = Actor.system()
    other_path = tmp_path / "other.db"
    other_path.write_bytes(sqlite_template.read_bytes())
    other = Database.open(sqlite_url(other_path))
    monkeypatch.setenv("HOTELCRM_IMPORT_WORKER", "0")
    in_process = import_file(other, admin, guest_file)
    monkeypatch.delenv("HOTELCRM_IMPORT_WORKER")
    monkeypatch.setattr(import_parse_pool, "WORKER_FROM_ROWS", 0)
    started = []
    real_start = import_parse_pool._start
    monkeypatch.setattr(import_parse_pool, "_start", lambda *args: started.append(1) or real_start(*args))
    assert import_file(sqlite_db, admin, guest_file) == in_process
    assert started == [1]
    assert in_process[0] == 300 and in_process[1] > 250 and in_process[2] > 0 and in_process[3] > 0
    assert stored(sqlite_db) == stored(other)
    other.dispose()


class _NoProcesses:
    def __init__(self, *args, **kwargs):
        raise OSError("no processes here")


class _DiesAfterOne:
    """A pool whose worker answers the first batch it is asked for, then dies."""

    def __init__(self, *args, initializer=None, initargs=(), **kwargs):
        initializer(*initargs)
        self.calls = 0

    def submit(self, fn, *args):
        from concurrent.futures import Future

        self.calls += 1
        future = Future()
        if self.calls == 1:
            future.set_result(fn(*args))
        else:
            future.set_exception(BrokenProcessPool("worker died"))
        return future

    def shutdown(self, **kwargs):
        pass


@pytest.mark.parametrize("pool", [_NoProcesses, _DiesAfterOne])
def test_a_worker_that_cannot_start_or_dies_leaves_the_parsing_in_process(db, admin, guest_file, small_batches,
                                                                         monkeypatch, caplog, pool):
    monkeypatch.setattr(import_parse_pool, "WORKER_FROM_ROWS", 0)
    monkeypatch.setattr(import_parse_pool, "ProcessPoolExecutor", pool)
    with caplog.at_level(logging.WARNING, logger=import_parse_pool.__name__):
        rows, imported, matched, rejected, _ = import_file(db, admin, guest_file)
    assert rows == imported + matched + rejected == 300 and imported > 250
    assert "parsing in-process" in caplog.text


class _Upper:
    def parse(self, row, cells):
        return [c.upper() for c in cells], [], []


class _Listed:
    """Batches from a list (picklable, as the worker needs them)."""

    def __init__(self, batches):
        self.listed = batches

    def batches(self, start=0):
        yield from self.listed[start:]


def test_closing_the_batches_early_stops_the_worker(monkeypatch):
    monkeypatch.setattr(import_parse_pool, "WORKER_FROM_ROWS", 0)
    batches = _Listed([[(i * 10 + j, [f"r{i}c{j}"]) for j in range(10)] for i in range(50)])
    parsed = import_parse_pool.parsed_batches(_Upper(), batches, 500)
    first, second = next(parsed), next(parsed)
    assert first == (10, [(j, [f"R0C{j}"], [], []) for j in range(10)])
    assert second[1][0] == (10, ["R1C0"], [], [])
    parsed.close()
    deadline = time.monotonic() + 30
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert multiprocessing.active_children() == []


def test_a_small_file_is_parsed_in_process(monkeypatch):
    monkeypatch.setattr(import_parse_pool, "_start", lambda *args: pytest.fail("no worker for a small file"))
    batches = _Listed([[(1, ["a"])], [(2, ["b"])]])
    assert list(import_parse_pool.parsed_batches(_Upper(), batches, 2)) == [(1, [(1, ["A"], [], [])]),
                                                                           (1, [(2, ["B"], [], [])])]


def test_stays_through_a_mapping_parse_in_the_worker_as_in_process(sqlite_db, sqlite_template, tmp_path,
                                                                    small_batches, monkeypatch):
    """The PMS export with the shipped mapping: the mapping, its conversions and the stay rules
    travel to the worker; both imports account for every row alike and store the same stays."""
    import itertools

    from hotelcrm.services.import_mapping_service import ImportMappingService
    from hotelcrm.services.stay_import_service import StayImportService

    source = tmp_path / "bookings.csv"
    with open("/work/shared/data/hotel_booking_10k.csv", encoding="utf-8") as f:
        source.write_text("".join(itertools.islice(f, 201)), encoding="utf-8")
    other_path = tmp_path / "other.db"
    other_path.write_bytes(sqlite_template.read_bytes())
    other = Database.open(sqlite_url(other_path))
    admin = Actor.system()

    def run(db):
        mapping = ImportMappingService(db, admin).get("booking-demand")
        r = StayImportService(db, admin).import_stays(source, mapping=mapping)
        with db.read() as s:
            stays = s.execute(text("SELECT guest_id, arrival_date, departure_date, status, rate_cents, channel "
                                   "FROM stays ORDER BY id")).all()
        return (r.rows, r.imported, r.matched, r.rejected, r.details,
                [(p.row, p.column, p.reason) for p in (*r.errors, *r.warnings)]), stays

    monkeypatch.setenv("HOTELCRM_IMPORT_WORKER", "0")
    in_process = run(other)
    monkeypatch.delenv("HOTELCRM_IMPORT_WORKER")
    monkeypatch.setattr(import_parse_pool, "WORKER_FROM_ROWS", 0)
    assert run(sqlite_db) == in_process
    assert in_process[0][0] == 200 and in_process[0][1] > 150 and len(in_process[1]) == in_process[0][1]
    other.dispose()


def test_the_garbage_collector_waits_for_the_whole_run_and_resumes_after_it(db, admin, guest_file, small_batches,
                                                                           monkeypatch):
    """Held back while rows are read, parsed and written (young objects collected every
    ``GC_EVERY`` batches), and back on after the run, also after a run that failed."""
    import gc

    from hotelcrm.services.guest_import_service import GuestPlan

    monkeypatch.setattr(import_job, "GC_EVERY", 3)
    collected: list[int] = []
    real_collect = gc.collect
    monkeypatch.setattr(import_job.gc, "collect", lambda generation=2: collected.append(generation)
                        or real_collect(generation))
    during: list[bool] = []
    service = GuestImportService(db, admin)
    assert gc.isenabled()
    result = service.import_guests(guest_file, progress=lambda done, total: during.append(gc.isenabled()))
    assert result.rows == 300 and len(during) == 300 // 40 + 2  # after each of the 8 batches, and at the end
    assert during[:-1] == [False] * 8 and gc.isenabled()
    assert collected == [1, 1]  # after batches 3 and 6

    real_write = GuestPlan.write
    calls = []

    def fails_second(plan, s, audit, rows):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk gone")
        return real_write(plan, s, audit, rows)

    monkeypatch.setattr(GuestPlan, "write", fails_second)
    other = guest_file.with_name("other.csv")
    import_bench.write_guest_file(other, 200, seed=9)
    with pytest.raises(RuntimeError):
        service.import_guests(other)
    assert gc.isenabled()


_IMPORTED_BY_UNPICKLING = (
    "import pickle, sys; pickle.loads(sys.stdin.buffer.read()); "
    "print(sorted({m.split('.')[0] if m.startswith('sqlalchemy') else m for m in sys.modules "
    "if m.startswith(('sqlalchemy', 'hotelcrm.db', 'PySide6'))}))")


def test_what_the_worker_unpickles_at_its_start_imports_no_database_layer(db, admin, guest_file, tmp_path,
                                                                         monkeypatch):
    """The parser and the file's batches handed to a worker, for guests and for stays through the
    shipped mapping: unpickled in a fresh interpreter, they import neither SQLAlchemy nor the
    data layer (a few tenths of a second of the worker's start)."""
    import itertools
    import pickle
    import subprocess
    import sys

    from hotelcrm.services.import_mapping_service import ImportMappingService
    from hotelcrm.services.stay_import_service import StayImportService

    handed: list[bytes] = []
    monkeypatch.setattr(import_parse_pool, "WORKER_FROM_ROWS", 0)
    monkeypatch.setattr(import_parse_pool, "_start", lambda *args: handed.append(pickle.dumps(args)))
    import_file(db, admin, guest_file)  # with no pool (None), it parses in-process
    bookings = tmp_path / "bookings.csv"
    with open("/work/shared/data/hotel_booking_10k.csv", encoding="utf-8") as f:
        bookings.write_text("".join(itertools.islice(f, 21)), encoding="utf-8")
    StayImportService(db, admin).import_stays(bookings, mapping=ImportMappingService(db, admin).get("booking-demand"))
    assert len(handed) == 2
    for payload in handed:
        found = subprocess.run([sys.executable, "-c", _IMPORTED_BY_UNPICKLING], input=payload, capture_output=True,
                               check=True)
        assert found.stdout.strip() == b"[]", found.stdout
