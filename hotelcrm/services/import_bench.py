"""``hotelcrm bench import``: rows per second of the guest import (DESIGN.md §7: ≥ 10,000 rows/s
with validation and matching) on N generated guests.

The file is the application's own guest CSV written from the demo generators (Chinese and
foreign names, resident IDs with valid check digits, passports, phones, e-mails, birthdays);
about 5 % of its rows repeat an earlier guest's ID document, phone or e-mail (matched, not
created again) and about 1 % carry a bad value (rejected with the reason). It is imported into
an empty database through ``GuestImportService`` exactly as ``hotelcrm import guests`` does it:
every row parsed and checked, matched against the database and the rest of the file, written in
batches with the search index kept in step. A second pass of the same file (every row matched,
nothing written) is measured beside it.

The first pass runs ``runs`` times, each into a fresh database, and its median is reported. The
baseline, measured in the same run on the same database, is the floor of this machine and
backend for the same file: its rows read and stored as they are (one text column per cell, no
checks, no matching, no index) in the same batches through the same bulk insert
(``bulk_rows``). ``vs_baseline`` is how many times longer the import takes.
"""

from __future__ import annotations

import csv
import random
import statistics
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, Table, Text, func, select

from hotelcrm.db.engine import Database
from hotelcrm.db.models import Guest

from . import demo_generators as gen
from .actor import Actor
from .bulk_rows import insert_rows
from .guest_import_service import GuestImportService
from .import_job import BATCH
from .import_source import DataRows, ImportFile

COLUMNS = ("family_name", "given_name", "latin_name", "gender", "birth_date", "nationality", "id_type", "id_number",
           "phone", "email", "birthday")
REPEAT_SHARE = 0.05
BAD_SHARE = 0.01


@dataclass(frozen=True)
class ImportBenchResult:
    backend: str
    rows: int
    imported: int
    matched: int
    rejected: int
    seconds: float  # the median first pass
    rows_per_s: float
    cpu_seconds: float  # CPU time of that pass, this process and its parse worker: steadier on a shared machine
    rows_per_cpu_s: float
    again_seconds: float  # the same file a second time (last run): every row matched
    again_rows_per_s: float
    guests_in_db: int
    runs: int
    run_seconds: tuple[float, ...]  # each run's first pass, in order
    baseline_seconds: float  # median: the file's rows stored as they are (module docstring)
    baseline_rows_per_s: float
    vs_baseline: float  # seconds / baseline_seconds


def _cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (the import's parse worker,
    waited for at the end of an import); on Windows, of this process only."""
    try:
        import resource
    except ImportError:
        return time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def write_guest_file(path: Path, rows: int, seed: int = 8) -> int:
    """The bench's CSV of ``rows`` data rows; returns how many rows are new guests."""
    rng = random.Random(seed)
    today = date(2026, 11, 23)
    uniques = gen.Uniques()
    written: list[list[str]] = []
    new = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(COLUMNS)
        for _ in range(rows):
            roll = rng.random()
            if written and roll < REPEAT_SHARE:  # an earlier guest again, found by one key
                earlier = list(rng.choice(written))
                keep = rng.choice((7, 8))
                for i in (6, 7, 8, 9):
                    if i != keep and not (keep == 7 and i == 6):
                        earlier[i] = ""
                out.writerow(earlier)
                continue
            cells = _cells(gen.guest(rng, today, uniques))
            if roll < REPEAT_SHARE + BAD_SHARE:
                cells[4] = "1980-02-30"  # no such date: rejected
            else:
                new += 1
                written.append(cells)
            out.writerow(cells)
    return new


def _cells(draft: gen.GuestDraft) -> list[str]:
    g = draft.guest
    doc = draft.documents[0]
    phone = next((c["value"] for c in draft.contacts if c["kind"] == "phone"), "")
    email = next((c["value"] for c in draft.contacts if c["kind"] == "email"), "")
    birthday = next((f"{d['month']:02d}-{d['day']:02d}" for d in draft.special_dates if d["kind"] == "birthday"), "")
    return [g["family_name"], g["given_name"], g["latin_name"] or "", g["gender"] or "",
            g["birth_date"].isoformat() if g["birth_date"] else "", g["nationality"] or "", doc["doc_type"],
            doc["number"], phone, email, birthday]


def run(fresh_db: Callable[[], AbstractContextManager[Database]], rows: int, folder: Path, runs: int = 1,
        progress: Callable[[str], None] | None = None) -> ImportBenchResult:
    """Import the generated file ``runs`` times, each into a database that ``fresh_db`` opens
    empty (and closes), then, in the last one, again; the baseline in each."""
    say = progress or (lambda _step: None)
    path = folder / f"bench-import-{rows}.csv"
    if not path.exists():
        say("file")
        write_guest_file(path, rows)
    passes, baselines = [], []
    for number in range(1, runs + 1):
        with fresh_db() as db:
            service = GuestImportService(db, Actor.system())
            say(f"import {number}/{runs}")
            started, cpu = time.perf_counter(), _cpu_seconds()
            first = service.import_guests(path)
            passes.append((time.perf_counter() - started, _cpu_seconds() - cpu, first))
            if number == runs:
                say("again")
                started = time.perf_counter()
                service.import_guests(path)
                again = time.perf_counter() - started
                with db.read() as s:
                    guests = int(s.scalar(select(func.count()).select_from(Guest)) or 0)
            say(f"baseline {number}/{runs}")
            baselines.append(bare_copy_seconds(db, path))
    seconds, cpu, first = sorted(passes, key=lambda p: p[0])[(len(passes) - 1) // 2]  # the median run (lower middle)
    baseline = statistics.median(baselines)
    return ImportBenchResult(db.engine.dialect.name, first.rows, first.imported, first.matched, first.rejected,
                             round(seconds, 3), round(first.rows / seconds, 1), round(cpu, 3),
                             round(first.rows / max(cpu, 1e-9), 1), round(again, 3),
                             round(first.rows / again, 1), guests, runs, tuple(round(p[0], 3) for p in passes),
                             round(baseline, 3), round(first.rows / baseline, 1), round(seconds / baseline, 2))


def bare_copy_seconds(db: Database, path: Path) -> float:
    """Seconds to read ``path`` and store each data row's cells as they are in a scratch table
    (dropped afterwards), ``BATCH`` rows per transaction, through ``bulk_rows.insert_rows``."""
    table = Table("bench_bare_rows", MetaData(), Column("id", Integer, primary_key=True),
                  *(Column(f"c{i}", Text) for i in range(len(COLUMNS))))
    table.create(db.engine)
    try:
        started = time.perf_counter()
        ids = iter(range(1, 1 << 62))
        source = ImportFile(path)
        for batch in DataRows(source.path, source.sha256, 0, BATCH).batches():
            with db.write() as s:
                insert_rows(s, table, [{"id": next(ids), **{f"c{i}": cell for i, cell in enumerate(cells)}}
                                       for _, cells in batch if cells is not None])
        return time.perf_counter() - started
    finally:
        table.drop(db.engine)
