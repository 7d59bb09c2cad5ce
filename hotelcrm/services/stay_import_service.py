"""Stay import (DESIGN.md §2.5, §2.8): the application's own stays CSV (``stay_csv``), or a PMS
export through a column mapping such as the shipped ``booking-demand``.

Each row ends imported (a new stay; its guest found or created), matched (the same stay is
already there: nothing stored) or rejected with its row number and reason. The guests a file
brings along are counted apart (``guests_created``, ``guests_matched``). Batches, resume and the
error report are ``import_job``'s; guest matching is the guest import's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from hotelcrm.domain import stay_csv
from hotelcrm.domain.import_mapping import ColumnMapping
from hotelcrm.domain.permissions import Permission

from .audit_trail import AuditTrail
from .base import Service
from .guest_import_service import pick_lists
from .import_job import BatchResult, Cancel, ImportJob, ImportResult, Progress, write_errors_csv
from .settings_service import existing_id_hash_key, id_hash_key, read_setting
from .stay_import_writer import StayBatchWriter, StayRunState


class StayPlan:
    kind = "stays"
    columns: Sequence[str] = stay_csv.COLUMNS

    def __init__(self, today: date | None = None) -> None:
        self.today = today or date.today()
        self.state = StayRunState(0, b"", {}, today=self.today)

    def parse_header(self, names: Sequence[str]) -> stay_csv.StayCsvHeader:
        return stay_csv.parse_header(names)

    def prepare(self, s: Session, audit: AuditTrail, header: stay_csv.StayCsvHeader) -> None:
        key = id_hash_key(s, audit) if "id_number" in header else existing_id_hash_key(s)
        self.state = StayRunState(0, key or b"", pick_lists(s), currency=read_setting(s, "hotel.currency"),
                                  today=self.today)

    def row_rules(self) -> stay_csv.StayRowRules:
        return stay_csv.StayRowRules(self.state.currency, self.today)

    def write(self, s: Session, audit: AuditTrail, rows: list[stay_csv.StayCsvRow]) -> BatchResult:
        return StayBatchWriter(s, audit, self.state).write(rows)


class StayImportService(Service):
    """Needs IMPORT_EXPORT."""

    def import_stays(self, path: str | Path, errors_out: str | Path | None = None,
                     progress: Progress | None = None, cancel: Cancel | None = None,
                     mapping: ColumnMapping | None = None, today: date | None = None) -> ImportResult:
        """Import a stays file (see ``GuestImportService.import_guests`` for what is refused before
        anything is stored, progress and cancel)."""
        self._require(Permission.IMPORT_EXPORT)
        plan = StayPlan(today)
        result = ImportJob(self, plan, mapping).run(path, progress, cancel)
        if errors_out is not None:
            write_errors_csv(errors_out, result)
        return result

