"""Guest import (DESIGN.md §2.8): the application's own guest CSV, or another layout through a
column mapping; CSV (UTF-8, GBK/GB18030) or XLSX (``import_source``).

Every data row ends imported (a new card), matched (an existing card with the same ID document,
phone or e-mail; it gains only what it lacks, nothing is overwritten; a name alone never
matches) or rejected (row number, column, reason; nothing of it stored). Rows are written in
batches, one transaction each (``import_job``), a row's card with its documents, contacts,
preferences and dates together, so a cancelled or failed import leaves whole rows only and the
next import of the same file resumes after the last committed batch. One audit summary row per
run; each new card gets one light ``create`` row.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotelcrm.db.models import PreferenceOption
from hotelcrm.domain import guest_csv
from hotelcrm.domain.guest_csv import GuestRow
from hotelcrm.domain.import_mapping import ColumnMapping
from hotelcrm.domain.permissions import Permission

from .audit_trail import AuditTrail
from .base import Service
from .guest_import_prep import GuestRowRules
from .guest_import_writer import BatchWriter, RunState
from .import_job import BatchResult, Cancel, ImportJob, ImportResult, Progress, write_errors_csv
from .settings_service import existing_id_hash_key, id_hash_key

__all__ = ["GuestImportService", "GuestPlan", "ImportResult", "write_errors_csv"]


def pick_lists(s: Session) -> dict[tuple[str, str, str], bool]:
    """The active preference options (value → sensitive): what an imported preference must be."""
    return {(o.pref_group, o.pref_key, o.value): o.sensitive
            for o in s.scalars(select(PreferenceOption).where(PreferenceOption.active.is_(True)))}


class GuestPlan:
    """The guest rows of an import: the own guest CSV's header and rules, and the batch writer."""

    kind = "guests"
    columns: Sequence[str] = guest_csv.COLUMNS

    def __init__(self, run_id: int = 0) -> None:
        self.state = RunState(run_id, b"", {})

    def parse_header(self, names: Sequence[str]) -> guest_csv.GuestCsvHeader:
        return guest_csv.parse_header(names)

    def prepare(self, s: Session, audit: AuditTrail, header: guest_csv.GuestCsvHeader) -> None:
        key = id_hash_key(s, audit) if "id_number" in header else existing_id_hash_key(s)
        self.state = RunState(0, key or b"", pick_lists(s))

    def row_rules(self) -> GuestRowRules:
        return GuestRowRules(self.state.hash_key, self.state.options)

    def write(self, s: Session, audit: AuditTrail, rows: list[GuestRow]) -> BatchResult:
        outcome = BatchWriter(s, audit, self.state).write(rows)
        return BatchResult(outcome.imported, outcome.matched, outcome.problems)


class GuestImportService(Service):
    """Needs IMPORT_EXPORT."""

    def import_guests(self, path: str | Path, errors_out: str | Path | None = None,
                      progress: Progress | None = None, cancel: Cancel | None = None,
                      mapping: ColumnMapping | None = None) -> ImportResult:
        """Import a guest file. A file that cannot be used (missing, neither UTF-8 nor GB18030,
        empty, header only, a header with unknown, empty or duplicate columns, a mapping whose
        columns are missing) raises ``ValidationError`` before anything is stored. ``errors_out``
        receives one line per refused cell (and per warning), translated. ``progress(done,
        total)`` is called after each batch; ``cancel()`` is asked before each batch."""
        self._require(Permission.IMPORT_EXPORT)
        plan = GuestPlan()
        job = ImportJob(self, plan, mapping)
        result = job.run(path, progress, cancel)
        if errors_out is not None:
            write_errors_csv(errors_out, result)
        return result

