"""What every import shares (DESIGN.md §2.8, §8): the file and its header, an optional column
mapping, rows in batches of one transaction each, and the import run that makes a cancelled,
killed or crashed import resumable.

A run is keyed by kind, the file's SHA-256 and the mapping's name. Each batch's transaction
writes its rows, their problems (``import_problems``) and the run's counters together, so
``rows_done`` always counts committed rows: the next import of the same file with the same
mapping skips that many rows and goes on (a run that finished starts over, and matching makes
the second pass store nothing new). The result always covers the whole file: N = imported +
matched + rejected.

The kind-specific part is an ``ImportPlan``: its own header, a row's rules, and the batch writer.
"""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from hotelcrm.db.models import ImportProblem, ImportRun, utcnow
from hotelcrm.domain import import_mapping
from hotelcrm.domain.errors import ValidationError
from hotelcrm.domain.guest_csv import CellProblem
from hotelcrm.domain.import_mapping import ColumnMapping

from . import import_parse_pool
from .audit_trail import AuditTrail
from .base import Service
from .gc_pause import paused_gc
from .import_rows import RowRules, SourceRows
from .import_source import DataRows, ImportFile, data_rows

BATCH = 10_000  # rows per transaction (docs/import.md, "Speed": 1,000 → 5,000 → 10,000 rows per batch measured)
# The cyclic garbage collector is held back for a whole import run (``gc_pause``): a batch leaves
# only a few dozen objects in cycles (counted: 60), but each collection walks every parsed row
# still held (measured, 100,000 rows: 1.27 s of collection when held back per batch only, 0.10 s
# for the whole run). The young generations are collected every so many batches, so a file of
# millions of rows does not pile them up.
GC_EVERY = 20
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


@dataclass(frozen=True)
class ImportResult:
    rows: int  # data rows read (blank lines are not rows)
    imported: int
    matched: int
    rejected: int
    errors: tuple[CellProblem, ...]  # one per refused cell of the rejected rows
    warnings: tuple[CellProblem, ...] = ()  # noted, row imported anyway
    cancelled: bool = False
    run_id: int | None = None
    seconds: float = 0.0
    resumed_from: int = 0  # rows a previous, interrupted run had committed
    encoding: str = ""
    details: tuple[tuple[str, int], ...] = ()  # kind-specific counters (stays: guests_created ...)


@dataclass
class BatchResult:
    imported: int = 0
    matched: int = 0
    problems: list[CellProblem] = field(default_factory=list)  # rows refused while writing
    details: dict[str, int] = field(default_factory=dict)


class ImportPlan(Protocol):
    kind: str
    columns: Sequence[str]

    def parse_header(self, names: Sequence[str]) -> Any: ...

    def prepare(self, s: Session, audit: AuditTrail, header: Any) -> None: ...

    def row_rules(self) -> RowRules:
        """After ``prepare``: the rules of one row, picklable and light (the parse worker)."""
        ...

    def write(self, s: Session, audit: AuditTrail, rows: list[Any]) -> BatchResult: ...


@dataclass
class _Tally:
    rows: int = 0
    imported: int = 0
    matched: int = 0
    rejected: int = 0
    details: dict[str, int] = field(default_factory=dict)

    def add(self, other: _Tally) -> None:
        self.rows += other.rows
        self.imported += other.imported
        self.matched += other.matched
        self.rejected += other.rejected
        for k, v in other.details.items():
            self.details[k] = self.details.get(k, 0) + v


class ImportJob:
    """One import of one file through one plan, run by ``service`` (permission already checked)."""

    def __init__(self, service: Service, plan: ImportPlan, mapping: ColumnMapping | None = None) -> None:
        self.service = service
        self.plan = plan
        self.mapping = mapping

    def run(self, path: str | Path, progress: Progress | None = None, cancel: Cancel | None = None) -> ImportResult:
        started = time.perf_counter()
        source = ImportFile(path)
        records = source.records()
        try:
            first = next(records, None)
            if first is None or first[1] is None:
                raise ValidationError("header", "header_empty")
            names = import_mapping.check_header_cells(first[1])
            if self.mapping is not None:
                if self.mapping.kind != self.plan.kind:
                    raise ValidationError("mapping", "mapping_wrong_kind", mapping=self.mapping.name,
                                          kind=self.mapping.kind)
                bound = import_mapping.bind(self.mapping, names)
                header = self.plan.parse_header([r.target for r in self.mapping.rules])
            else:
                bound, header = None, self.plan.parse_header(names)
            if next(data_rows(records), None) is None:
                raise ValidationError("file", "no_data_rows")
        finally:
            records.close()  # closes the file now, not when the generator is collected
        run_id, before = self._start(source, header)
        state = getattr(self.plan, "state", None)
        if state is not None:  # the writers' audit rows name the run
            state.run_id = run_id
        rows = DataRows(source.path, source.sha256, before.rows, BATCH)  # after the rows a previous run committed
        parser = SourceRows(names, bound, self.plan.row_rules(), header)
        result = self._run(parser, rows, run_id, before, source, progress, cancel)
        return replace(result, seconds=time.perf_counter() - started, encoding=source.encoding)

    # ---------------------------------------------------------------- steps

    def _start(self, source: ImportFile, header: Any) -> tuple[int, _Tally]:
        name = self.mapping.name if self.mapping else ""
        with self.service._write("import_run") as (s, audit):
            self.plan.prepare(s, audit, header)
            run = s.scalar(select(ImportRun).where(ImportRun.kind == self.plan.kind,
                                                   ImportRun.file_sha256 == source.sha256,
                                                   ImportRun.mapping_name == name).with_for_update())
            if run is not None and run.status != "done":  # cancelled, failed or killed: go on
                before = _Tally(run.rows_done, run.imported, run.matched, run.rejected,
                                json.loads(run.details or "{}").get("counters", {}))
                run.status, run.finished_at = "running", None
                return run.id, before
            values = {"filename": str(source.path)[-500:], "status": "running", "rows_total": 0, "rows_done": 0,
                      "imported": 0, "matched": 0, "rejected": 0, "errors": "[]", "started_by": self.service.actor.user_id,
                      "finished_at": None, "details": json.dumps({"encoding": source.encoding, "counters": {}})}
            if run is None:
                run = ImportRun(kind=self.plan.kind, file_sha256=source.sha256, mapping_name=name, **values)
                s.add(run)
            else:  # the same file again: a new pass (matching stores nothing twice)
                s.execute(delete(ImportProblem).where(ImportProblem.run_id == run.id))
                for k, v in values.items():
                    setattr(run, k, v)
            s.flush()
            return run.id, _Tally()

    def _run(self, parser: SourceRows, rows: DataRows, run_id: int, before: _Tally, source: ImportFile,
             progress: Progress | None, cancel: Cancel | None) -> ImportResult:
        done = _Tally()
        done.add(before)
        cancelled = False
        estimate = max(source.estimated_rows - 1, 1)
        batches = import_parse_pool.parsed_batches(parser, rows, estimate - before.rows)
        try:
            with paused_gc():  # reading, parsing and writing (see ``GC_EVERY``)
                for number, (size, parsed) in enumerate(batches, start=1):
                    if cancel is not None and cancel():
                        cancelled = True
                        break
                    done.add(self._batch(size, parsed, run_id, done, estimate))  # only once committed
                    if number % GC_EVERY == 0:
                        gc.collect(1)
                    if progress is not None:
                        progress(done.rows, max(done.rows, estimate))
        except BaseException:
            try:  # the committed batches stay; the run says where it stopped
                self._finish(run_id, "failed", done)
            except Exception:  # noqa: BLE001 - keep the original error, not this one
                pass
            raise
        finally:
            batches.close()  # stops the parsing worker
        self._finish(run_id, "cancelled" if cancelled else "done", done)
        if progress is not None and not cancelled:
            progress(done.rows, done.rows)
        errors, warnings = self._problems(run_id)
        return ImportResult(done.rows, done.imported, done.matched, done.rejected, errors, warnings, cancelled,
                            run_id, resumed_from=before.rows, details=tuple(sorted(done.details.items())))

    def _batch(self, size: int, rows: import_parse_pool.Parsed, run_id: int, before: _Tally,
               estimate: int) -> _Tally:
        tally = _Tally(rows=size)
        good, problems, warnings = [], [], {}
        for row, parsed, refused, noted in rows:
            if parsed is None:
                problems += refused
            else:
                good.append(parsed)
                warnings[row] = noted
        with self.service._write("import_run", run_id) as (s, audit):
            outcome = self.plan.write(s, audit, good)
            problems += outcome.problems
            rejected = {p.row for p in problems}
            kept = [w for row, ws in warnings.items() if row not in rejected for w in ws]
            tally.imported, tally.matched, tally.rejected = outcome.imported, outcome.matched, len(rejected)
            tally.details = dict(outcome.details)
            _store_problems(s, run_id, [*problems, *kept])
            total = _Tally()
            total.add(before)
            total.add(tally)
            s.execute(update(ImportRun).where(ImportRun.id == run_id).values(
                rows_done=total.rows, imported=total.imported, matched=total.matched, rejected=total.rejected,
                rows_total=max(total.rows, estimate), details=_details(s, run_id, total.details)))
        return tally

    def _finish(self, run_id: int, status: str, done: _Tally) -> None:
        summary = {"rows": done.rows, "imported": done.imported, "matched": done.matched,
                   "rejected": done.rejected, "status": status, **done.details}
        with self.service._write("import_run", run_id) as (s, audit):
            s.execute(update(ImportRun).where(ImportRun.id == run_id).values(
                status=status, rows_done=done.rows, rows_total=done.rows, imported=done.imported,
                matched=done.matched, rejected=done.rejected, finished_at=utcnow(),
                details=_details(s, run_id, done.details)))
            audit.record("import", "import_run", run_id, field=self.plan.kind, new=summary)

    def _problems(self, run_id: int) -> tuple[tuple[CellProblem, ...], tuple[CellProblem, ...]]:
        with self.service._read() as s:
            found = [CellProblem(p.row_no, p.column_name, p.field, p.reason, tuple(json.loads(p.params).items()),
                                 p.level)
                     for p in s.scalars(select(ImportProblem).where(ImportProblem.run_id == run_id)
                                        .order_by(ImportProblem.row_no, ImportProblem.id))]
        return (tuple(p for p in found if p.level == "error"), tuple(p for p in found if p.level == "warning"))


def _store_problems(s: Session, run_id: int, problems: list[CellProblem]) -> None:
    if problems:
        s.execute(insert(ImportProblem), [
            {"run_id": run_id, "row_no": p.row, "column_name": p.column[:100], "field": p.field[:64],
             "reason": p.reason[:64], "params": json.dumps(dict(p.params), ensure_ascii=False, default=str),
             "level": p.level} for p in problems])


def _details(s: Session, run_id: int, counters: dict[str, int]) -> str:
    current = json.loads(s.scalar(select(ImportRun.details).where(ImportRun.id == run_id)) or "{}")
    current["counters"] = counters
    return json.dumps(current)


def write_errors_csv(path: str | Path, result: ImportResult) -> None:
    """One line per refused cell and per warning: row, column, level, reason (translated).
    UTF-8 with BOM, so spreadsheet programs on Chinese Windows open it correctly."""
    import csv

    from hotelcrm.domain.guest_csv import neutralise_cell

    problems = sorted((*result.errors, *result.warnings), key=lambda p: (p.row, p.level != "error"))
    with Path(path).open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(error_header())
        for p in problems:
            out.writerow([p.row, neutralise_cell(p.column), problem_level(p), neutralise_cell(problem_text(p))])


def error_header() -> list[str]:
    from hotelcrm.i18n import tr

    return [tr("import.errors.row"), tr("import.errors.column"), tr("import.errors.level"), tr("import.errors.reason")]


def problem_level(p: CellProblem) -> str:
    from hotelcrm.i18n import tr

    return tr(f"import.level.{p.level}")


def problem_text(p: CellProblem) -> str:
    """The translated reason of one problem (a refused cell, or a warning)."""
    from hotelcrm.i18n import catalogue, current_language, error_text, tr

    if p.level == "error":
        return error_text(p.as_error())
    if f"import.warning.{p.reason}" in catalogue(current_language()):
        return tr(f"import.warning.{p.reason}", column=p.column, **dict(p.params))
    return tr("import.warning.left_out", reason=error_text(p.as_error()))
