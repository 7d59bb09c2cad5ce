"""Guest import from the application's own CSV (DESIGN.md §2.8).

Every data row ends imported (a new card), matched (an existing card with the same ID document,
phone or e-mail; it gains only what it lacks, nothing is overwritten; a name alone never
matches) or rejected (row number, column, reason; nothing of it stored). Rows are written in
batches, one transaction each, a row's card with its documents, contacts, preferences and dates
together, so a cancelled or failed import leaves whole rows only. One audit summary row per
run; each new card gets one light ``create`` row.

The file side (``GuestCsvFile``) yields header and cells; a later issue adds other encodings,
XLSX and column mappings there, and resume through ``ImportRun.rows_done``.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import select, update

from hotelcrm.db.models import ImportRun, PreferenceOption, utcnow
from hotelcrm.domain import guest_csv
from hotelcrm.domain.errors import ValidationError
from hotelcrm.domain.guest_csv import CellProblem, GuestRow
from hotelcrm.domain.permissions import Permission

from .base import Service
from .guest_import_writer import BatchWriter, RunState
from .settings_service import existing_id_hash_key, id_hash_key

BATCH = 500
READ_CHUNK = 1 << 20
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


@dataclass(frozen=True)
class ImportResult:
    rows: int  # data rows read (blank lines are not rows)
    imported: int
    matched: int
    rejected: int
    errors: tuple[CellProblem, ...]  # one per refused cell of the rejected rows
    warnings: tuple[CellProblem, ...] = ()  # noted, row imported anyway (member_no, tier ...)
    cancelled: bool = False
    run_id: int | None = None
    seconds: float = 0.0


class GuestCsvFile:
    """A UTF-8 CSV file (with or without BOM), checked whole before any row is used: its SHA-256
    (the import run's identity, for resume), its encoding, and an estimate of its rows."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise ValidationError("file", "file_not_found", path=str(self.path))
        digest, decoder, lines, size = hashlib.sha256(), codecs.getincrementaldecoder("utf-8")(), 0, 0
        with self.path.open("rb") as f:
            while chunk := f.read(READ_CHUNK):
                digest.update(chunk)
                lines += chunk.count(b"\n")
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    raise ValidationError("file", "not_utf8", offset=size + exc.start) from None
                size += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise ValidationError("file", "not_utf8", offset=size) from None
        if size == 0:
            raise ValidationError("file", "file_empty")
        self.sha256 = digest.hexdigest()
        self.estimated_rows = max(lines, 1)

    def records(self) -> Iterator[tuple[int, list[str] | None]]:
        """(row number, cells) with the header as row 1, as a spreadsheet numbers them; cells
        are None for a record the CSV parser refused."""
        with self.path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            row = 0
            while True:
                row += 1
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error:
                    yield row, None
                    continue
                yield row, cells


class GuestImportService(Service):
    """Needs IMPORT_EXPORT."""

    def import_guests(self, path: str | Path, errors_out: str | Path | None = None,
                      progress: Progress | None = None, cancel: Cancel | None = None) -> ImportResult:
        """Import a guest CSV. A file that cannot be read (missing, not UTF-8, empty, a header with
        unknown columns) raises ``ValidationError`` before anything is stored. ``errors_out``
        receives one line per refused cell (and per warning), translated. ``progress(done,
        total)`` is called after each batch; ``cancel()`` is asked before each batch."""
        self._require(Permission.IMPORT_EXPORT)
        started = time.perf_counter()
        source = GuestCsvFile(path)
        records = source.records()
        try:
            first = next(records, None)
            if first is None or first[1] is None:
                raise ValidationError("header", "header_empty")
            header = guest_csv.parse_header(first[1])
            state = self._start(source, header)
            result = self._run(records, header, state, source.estimated_rows, progress, cancel)
        finally:
            records.close()  # closes the file now, not when the generator is collected
        result = replace(result, seconds=time.perf_counter() - started)
        if errors_out is not None:
            write_errors_csv(errors_out, result)
        return result

    # ---------------------------------------------------------------- steps

    def _start(self, source: GuestCsvFile, header: guest_csv.GuestCsvHeader) -> RunState:
        with self._write("import_run") as (s, audit):
            key = id_hash_key(s, audit) if "id_number" in header else existing_id_hash_key(s)
            run = s.scalar(select(ImportRun).where(ImportRun.kind == "guests", ImportRun.file_sha256 == source.sha256,
                                                   ImportRun.mapping_name == "").with_for_update())
            values = {"filename": str(source.path)[-500:], "status": "running", "rows_total": 0, "rows_done": 0,
                      "imported": 0, "matched": 0, "rejected": 0, "errors": "[]", "started_by": self.actor.user_id,
                      "finished_at": None}
            if run is None:  # a re-import of the same file reuses its run (resume comes with a later issue)
                run = ImportRun(kind="guests", file_sha256=source.sha256, mapping_name="", **values)
                s.add(run)
            else:
                for k, v in values.items():
                    setattr(run, k, v)
            s.flush()
            options = {(o.pref_group, o.pref_key, o.value): o.sensitive
                       for o in s.scalars(select(PreferenceOption).where(PreferenceOption.active.is_(True)))}
            return RunState(run.id, key or b"", options)

    def _run(self, records, header, state: RunState, estimate: int, progress: Progress | None,
             cancel: Cancel | None) -> ImportResult:
        done = _Tally()
        cancelled = False
        try:
            for batch in _batches(records, BATCH):
                if cancel is not None and cancel():
                    cancelled = True
                    break
                tally = self._batch(header, batch, state, done, estimate)
                done.add(tally)  # only once the batch is committed
                if progress is not None:
                    progress(done.rows, max(done.rows, estimate - 1))
        except BaseException:
            try:  # the committed batches stay; the run says where it stopped
                self._finish(state.run_id, "failed", done)
            except Exception:  # noqa: BLE001 - keep the original error, not this one
                pass
            raise
        self._finish(state.run_id, "cancelled" if cancelled else "done", done)
        if progress is not None and not cancelled:
            progress(done.rows, done.rows)
        errors = sorted(done.errors, key=lambda p: p.row)
        return ImportResult(done.rows, done.imported, done.matched, len(done.rejected), tuple(errors),
                            tuple(done.warnings), cancelled, state.run_id)

    def _batch(self, header, batch: list, state: RunState, before: _Tally, estimate: int) -> _Tally:
        """Parse and write one batch in one transaction; the run row is updated in the same one,
        so ``rows_done`` always counts committed rows (where a resume starts)."""
        tally = _Tally(rows=len(batch))
        good: list[GuestRow] = []
        for row, cells in batch:
            parsed, problems = self._parse(header, row, cells, state)
            if parsed is None:
                tally.errors += problems
                tally.rejected.add(row)
            else:
                good.append(parsed)
        with self._write("import_run", state.run_id) as (s, audit):
            outcome = BatchWriter(s, audit, state).write(good)
            tally.imported, tally.matched = outcome.imported, outcome.matched
            tally.rejected.update(p.row for p in outcome.problems)
            tally.errors += outcome.problems
            tally.warnings += [w for g in good if g.row not in tally.rejected for w in g.warnings]
            rows = before.rows + tally.rows
            s.execute(update(ImportRun).where(ImportRun.id == state.run_id).values(
                rows_done=rows, imported=before.imported + tally.imported, matched=before.matched + tally.matched,
                rejected=len(before.rejected) + len(tally.rejected), rows_total=max(rows, estimate - 1)))
        return tally

    @staticmethod
    def _parse(header, row: int, cells: list[str] | None,
               state: RunState) -> tuple[GuestRow | None, list[CellProblem]]:
        if cells is None:
            return None, [CellProblem(row, "", "row", "csv_malformed")]
        parsed, problems = guest_csv.parse_row(header, cells, row)
        if parsed is not None:  # the pick-lists are in the database: checked here
            unknown = [p for p in parsed.preferences if p not in state.options]
            if unknown:
                value = ", ".join(f"{g}.{k}={v}" for g, k, v in unknown)
                return None, [CellProblem(row, "preferences", "preferences", "preference_not_listed",
                                          (("value", value),))]
        return parsed, problems

    def _finish(self, run_id: int, status: str, done: _Tally) -> None:
        summary = {"rows": done.rows, "imported": done.imported, "matched": done.matched,
                   "rejected": len(done.rejected), "status": status}
        stored = [[p.row, p.column, p.reason] for p in done.errors]
        with self._write("import_run", run_id) as (s, audit):
            s.execute(update(ImportRun).where(ImportRun.id == run_id).values(
                status=status, rows_done=done.rows, rows_total=done.rows, imported=done.imported,
                matched=done.matched, rejected=len(done.rejected), errors=json.dumps(stored), finished_at=utcnow()))
            audit.record("import", "import_run", run_id, field="guests", new=summary)


@dataclass
class _Tally:
    rows: int = 0
    imported: int = 0
    matched: int = 0
    rejected: set[int] = field(default_factory=set)
    errors: list[CellProblem] = field(default_factory=list)
    warnings: list[CellProblem] = field(default_factory=list)

    def add(self, other: _Tally) -> None:
        self.rows += other.rows
        self.imported += other.imported
        self.matched += other.matched
        self.rejected |= other.rejected
        self.errors += other.errors
        self.warnings += other.warnings


def _batches(records: Iterator[tuple[int, list[str] | None]], size: int) -> Iterator[list]:
    """Non-blank records in lists of ``size``; a blank line is not a row (but keeps its number)."""
    batch = []
    for row, cells in records:
        if cells is not None and not any(c.strip() for c in cells):
            continue
        batch.append((row, cells))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_errors_csv(path: str | Path, result: ImportResult) -> None:
    """One line per refused cell and per warning: row, column, level, reason (translated).
    UTF-8 with BOM, so spreadsheet programs on Chinese Windows open it correctly."""
    from hotelcrm.i18n import error_text, tr

    problems = sorted((*result.errors, *result.warnings), key=lambda p: (p.row, p.level != "error"))
    with Path(path).open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow([tr("import.errors.row"), tr("import.errors.column"), tr("import.errors.level"),
                      tr("import.errors.reason")])
        for p in problems:
            if p.level == "error":
                reason = error_text(p.as_error())
            else:
                reason = tr(f"import.warning.{p.reason}", column=p.column, **dict(p.params))
            out.writerow([p.row, p.column, tr(f"import.level.{p.level}"), reason])
