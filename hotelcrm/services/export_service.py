"""Export of guests, stays and complaints to CSV or XLSX (DESIGN.md §2.8), the format taken from
the file name. Needs IMPORT_EXPORT; ID numbers are in clear only for users who may reveal them
(ID_REVEAL), masked otherwise; every export is audited (kind, format, rows, file name)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hotelcrm.domain.errors import ValidationError
from hotelcrm.domain.export_cells import export_format
from hotelcrm.domain.guest_csv import COLUMNS as GUEST_HEADER
from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import current_language

from . import complaint_export_rows, stay_export_rows
from .base import Service
from .guest_export_service import guest_batches
from .table_writer import table_writer

KINDS = ("guests", "stays", "complaints")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExportResult:
    kind: str
    format: str
    rows: int
    path: Path
    ids_masked: bool
    seconds: float


class ExportService(Service):
    not_retried = {  # a Busy refusal is not run again (base.Service; docs/hardening.md)
        "export": "writes the export file before its audit transaction",
    }

    def export(self, kind: str, path: str | Path, progress: Progress | None = None,
               language: str | None = None) -> ExportResult:
        """Write every row of ``kind`` to ``path`` (``.csv`` or ``.xlsx``)."""
        self._require(Permission.IMPORT_EXPORT)
        if kind not in KINDS:
            raise ValidationError("export_kind", "export_kind", kind=kind)
        fmt = export_format(path)
        reveal = self.actor.can(Permission.ID_REVEAL)
        started = time.perf_counter()
        written = 0
        with self._read() as s, table_writer(path, self._header(kind), kind) as write:
            if kind == "guests":
                batches = guest_batches(s, reveal)
            elif kind == "stays":
                batches = stay_export_rows.stay_batches(s, reveal)
            else:
                batches = complaint_export_rows.complaint_batches(s, language or current_language())
            for rows, total in batches:
                write(rows)
                written += len(rows)
                if progress is not None:
                    progress(written, total)
        with self._write("record") as (_s, audit):
            audit.record("export", kind, None, field=fmt, new={"rows": written, "ids_masked": not reveal},
                         note=Path(path).name)
        return ExportResult(kind, fmt, written, Path(path), not reveal, time.perf_counter() - started)

    @staticmethod
    def _header(kind: str) -> tuple[str, ...]:
        return {"guests": tuple(GUEST_HEADER), "stays": stay_export_rows.HEADER,
                "complaints": complaint_export_rows.HEADER}[kind]
