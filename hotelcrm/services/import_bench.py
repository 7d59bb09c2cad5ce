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
"""

from __future__ import annotations

import csv
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from hotelcrm.db.engine import Database
from hotelcrm.db.models import Guest

from . import demo_generators as gen
from .actor import Actor
from .guest_import_service import GuestImportService

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
    seconds: float
    rows_per_s: float
    cpu_seconds: float  # CPU time of the first pass, this process and its parse worker: steadier on a shared machine
    rows_per_cpu_s: float
    again_seconds: float  # the same file a second time: every row matched
    again_rows_per_s: float
    guests_in_db: int


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


def run(db: Database, rows: int, folder: Path, progress: Callable[[str], None] | None = None) -> ImportBenchResult:
    """Import the generated file into ``db`` (expected empty), then again."""
    say = progress or (lambda _step: None)
    path = folder / f"bench-import-{rows}.csv"
    if not path.exists():
        say("file")
        write_guest_file(path, rows)
    service = GuestImportService(db, Actor.system())
    say("import")
    started, cpu = time.perf_counter(), _cpu_seconds()
    first = service.import_guests(path)
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    say("again")
    started = time.perf_counter()
    service.import_guests(path)
    again = time.perf_counter() - started
    with db.read() as s:
        guests = int(s.scalar(select(func.count()).select_from(Guest)) or 0)
    return ImportBenchResult(db.engine.dialect.name, first.rows, first.imported, first.matched, first.rejected,
                             round(seconds, 3), round(first.rows / seconds, 1), round(cpu, 3),
                             round(first.rows / max(cpu, 1e-9), 1), round(again, 3),
                             round(first.rows / again, 1), guests)
