"""A source row of an import to the plan's parsed row (part of ``import_job``), where the row is
parsed: for a large file that is the import's worker process (``import_parse_pool``), which
unpickles this object. It and the plans' row rules (``guest_import_prep.GuestRowRules``,
``stay_csv.StayRowRules``) need no database layer, so the worker starts without importing it
(an import-linter contract in pyproject.toml, and a test)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Protocol

from hotelcrm.domain import import_mapping
from hotelcrm.domain.guest_csv import CellProblem
from hotelcrm.domain.import_mapping import BoundMapping


class RowRules(Protocol):
    """A plan's rules for one row of its own columns."""

    def parse(self, header: Any, row: int, cells: list[str]) -> tuple[Any | None, list[CellProblem]]: ...


class SourceRows:
    """A source row to the plan's parsed row: the cells every layout refuses (formulas, very
    long texts), then the mapping's conversions, then the plan's rules. A mapping target marked
    ``if_invalid: skip`` that the rules refuse is left out with a warning and the row parsed again."""

    def __init__(self, names: list[str], bound: BoundMapping | None, rules: RowRules, header: Any) -> None:
        self.names = names
        self.bound = bound
        self.rules = rules
        self.header = header
        if bound is not None:
            self.targets = [r.target for r in bound.mapping.rules]
            self.sources = {r.target: (r.sources() or (r.target,))[0] for r in bound.mapping.rules}
            self.skip = bound.mapping.skipped_targets()

    def parse(self, row: int, cells: list[str] | None) -> tuple[Any | None, list[CellProblem], list[CellProblem]]:
        if cells is None:
            return None, [CellProblem(row, "", "row", "csv_malformed")], []
        refused = import_mapping.cell_problems(row, self.names, cells)
        if refused:
            return None, refused, []
        if self.bound is None:
            parsed, problems = self.rules.parse(self.header, row, cells)
            return parsed, problems, list(getattr(parsed, "warnings", ()) or ())
        values, converted = self.bound.apply(row, cells)
        errors = [p for p in converted if p.level == "error"]
        if errors:
            return None, errors, []
        noted = [p for p in converted if p.level == "warning"]
        parsed, problems = self.rules.parse(self.header, row, [values.get(t, "") for t in self.targets])
        if problems and all(p.column in self.skip for p in problems):
            for p in problems:
                values.pop(p.column, None)
            noted += [replace(p, level="warning") for p in problems]
            parsed, problems = self.rules.parse(self.header, row, [values.get(t, "") for t in self.targets])
        noted += list(getattr(parsed, "warnings", ()) or ())
        return parsed, [self._source(p) for p in problems], [self._source(p) for p in noted]

    def _source(self, p: CellProblem) -> CellProblem:
        """A problem on a target column named by the file's column it came from."""
        source = self.sources.get(p.column)
        return replace(p, column=f"{source} ({p.column})") if source and source != p.column else p
