"""Column mappings for imports of other layouts (DESIGN.md §2.8), and the checks every imported
cell and header passes whatever its layout. Pure: no files, no database.

A mapping is data (JSON): for each target column of the application's own guest or stay CSV, where
its text comes from and how it is converted. It turns a foreign row into the application's own
row, which then goes through the same rules as an own file (``guest_csv`` / ``stay_csv``).

``{"name": "...", "kind": "stays", "fields": {TARGET: RULE, ...}}`` where a RULE has one source:

- ``"column": "adr"`` — the text of one column;
- ``"columns": ["first", "last"]`` — several columns joined with ``"join"`` (default a space);
- ``"value": "EUR"`` — a constant;
- ``"date_parts": {"year": c, "month": c, "day": c}`` — a date from three columns, the month as a
  number or a month name (English, full or three letters, or Chinese 一月/1月);

and optional conversions, applied in this order: ``"values": {"Canceled": "cancelled"}`` (exact,
then case-insensitive; a text not listed is kept), ``"date_format": "%d-%m-%y"`` (the text read
with that format, written as YYYY-MM-DD), ``"add_days": [c, ...]`` (a date plus the whole numbers
of those columns: departure = arrival + nights), ``"prefix": "+1 "``; and ``"if_invalid":
"skip"``: a value the target's rules refuse is left out with a warning instead of rejecting the
row (for optional data such as a phone number of unknown quality).

Columns that hold payment-card numbers (``credit_card``, ``card_number`` ...) can never be a
source: a mapping naming one is refused, so card numbers are never read, let alone stored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from .errors import ValidationError
from .guest_csv import CellProblem, column_name

KINDS = ("guests", "stays")
NAME_MAX = 100
MAX_CELL_CHARS = 4000  # longer cells are refused (the longest card field, notes, takes 2000)
FORMULA_SIGNS = ("=",)
MAX_ADD_DAYS = 3660
_NAME = re.compile(r"^[\w][\w .\-]{0,99}$")
_CARD_COLUMN = re.compile(r"(credit|debit|cc_?num|card_?(number|num|no)$|^pan$|^cvv|^cvc)")
_SOURCES = ("column", "columns", "value", "date_parts")
_KEYS = {*_SOURCES, "join", "values", "date_format", "add_days", "prefix", "if_invalid"}
_STRFTIME = re.compile(r"%[dmyYbBjHMS%]")
MONTHS: dict[str, int] = {}
for _i, _n in enumerate(("january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"), start=1):
    MONTHS[_n] = MONTHS[_n[:3]] = _i
    MONTHS[f"{_i}月"] = MONTHS[f"{_i:02d}月"] = _i
for _i, _n in enumerate(("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"), start=1):
    MONTHS[f"{_n}月"] = _i
MONTHS["sept"] = 9


def is_card_column(name: str) -> bool:
    """A header that names a payment-card number (never read by any import)."""
    return bool(_CARD_COLUMN.search(column_name(name).replace("-", "_")))


# ---------------------------------------------------------------- headers and cells


def check_header_cells(cells: Sequence[str]) -> list[str]:
    """The header row's names as written (trimmed; trailing empty cells dropped), or a
    ``ValidationError(field="header")``: an empty header, an empty name between named columns,
    or a name that appears twice (``Email`` and ``email`` are the same column)."""
    names = [(c or "").replace("\ufeff", "").strip() for c in cells]
    while names and not names[-1]:
        names.pop()
    if not names:
        raise ValidationError("header", "header_empty")
    for i, n in enumerate(names):
        if not n:
            raise ValidationError("header", "header_empty_column", position=i + 1)
    seen: dict[str, str] = {}
    for n in names:
        key = column_name(n)
        if key in seen:
            raise ValidationError("header", "duplicate_column", column=n)
        seen[key] = n
    return names


def cell_problems(row: int, header: Sequence[str], cells: Sequence[str]) -> list[CellProblem]:
    """Cells refused whatever the layout: a formula (a text starting with ``=``; a spreadsheet
    cell holding a formula arrives that way too) and a text longer than ``MAX_CELL_CHARS``."""
    joined = "".join(cells)
    if not any(sign in joined for sign in FORMULA_SIGNS) and (
            len(joined) <= MAX_CELL_CHARS or max(map(len, cells)) <= MAX_CELL_CHARS):
        return []  # the common row, answered without a look at each cell
    problems = []
    for i, text in enumerate(cells):
        if not text:
            continue
        column = header[i] if i < len(header) else f"#{i + 1}"
        if len(text) > MAX_CELL_CHARS:
            problems.append(CellProblem(row, column, "row", "cell_too_long",
                                        (("length", len(text)), ("max", MAX_CELL_CHARS))))
        elif text.lstrip().startswith(FORMULA_SIGNS):
            problems.append(CellProblem(row, column, "row", "formula_cell"))
    return problems


# ---------------------------------------------------------------- the mapping


@dataclass(frozen=True)
class FieldRule:
    target: str
    column: str | None = None
    columns: tuple[str, ...] = ()
    join: str = " "
    value: str | None = None
    date_parts: tuple[str, str, str] | None = None  # year, month, day columns
    values: Mapping[str, str] = field(default_factory=dict)
    date_format: str | None = None
    add_days: tuple[str, ...] = ()
    prefix: str = ""
    skip_invalid: bool = False

    def sources(self) -> tuple[str, ...]:
        own = (self.column,) if self.column else ()
        return (*own, *self.columns, *(self.date_parts or ()), *self.add_days)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.column:
            out["column"] = self.column
        if self.columns:
            out["columns"] = list(self.columns)
            if self.join != " ":
                out["join"] = self.join
        if self.value is not None:
            out["value"] = self.value
        if self.date_parts:
            out["date_parts"] = dict(zip(("year", "month", "day"), self.date_parts, strict=True))
        if self.values:
            out["values"] = dict(self.values)
        if self.date_format:
            out["date_format"] = self.date_format
        if self.add_days:
            out["add_days"] = list(self.add_days)
        if self.prefix:
            out["prefix"] = self.prefix
        if self.skip_invalid:
            out["if_invalid"] = "skip"
        return out


@dataclass(frozen=True)
class ColumnMapping:
    name: str
    kind: str
    rules: tuple[FieldRule, ...]
    description: str = ""

    def source_columns(self) -> set[str]:
        return {column_name(c) for r in self.rules for c in r.sources()}

    def skipped_targets(self) -> set[str]:
        return {r.target for r in self.rules if r.skip_invalid}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "kind": self.kind}
        if self.description:
            out["description"] = self.description
        out["fields"] = {r.target: r.to_dict() for r in self.rules}
        return out


def check_mapping_name(name: object) -> str:
    text = " ".join(str(name or "").split())
    if not text:
        raise ValidationError("mapping_name", "required")
    if not _NAME.match(text):
        raise ValidationError("mapping_name", "mapping_name_chars", max=NAME_MAX)
    return text


def parse_mapping(data: object, targets_by_kind: Mapping[str, Sequence[str]]) -> ColumnMapping:
    """A mapping from its JSON form, or ``ValidationError(field="mapping", ...)`` naming the
    target and what is wrong."""
    if not isinstance(data, dict):
        raise ValidationError("mapping", "mapping_not_object")
    name = check_mapping_name(data.get("name"))
    kind = data.get("kind")
    if kind not in KINDS:
        raise ValidationError("mapping", "mapping_kind", value=str(kind), kinds=", ".join(KINDS))
    fields = data.get("fields")
    if not isinstance(fields, dict) or not fields:
        raise ValidationError("mapping", "mapping_no_fields")
    targets = targets_by_kind[kind]
    rules = tuple(_rule(str(t), spec, targets) for t, spec in fields.items())
    description = str(data.get("description") or "")[:500]
    return ColumnMapping(name, kind, rules, description)


def _rule(target: str, spec: object, targets: Sequence[str]) -> FieldRule:
    def bad(reason: str, **params) -> ValidationError:
        return ValidationError("mapping", reason, target=target, **params)

    if target not in targets:
        raise bad("mapping_unknown_target", known=", ".join(targets))
    if not isinstance(spec, dict):
        raise bad("mapping_rule_not_object")
    unknown = sorted(set(spec) - _KEYS)
    if unknown:
        raise bad("mapping_unknown_key", key=", ".join(unknown))
    given = [k for k in _SOURCES if spec.get(k) not in (None, "", [], {})]
    if len(given) != 1:
        raise bad("mapping_one_source")
    columns = spec.get("columns") or []
    parts = spec.get("date_parts")
    add_days = spec.get("add_days") or []
    if not isinstance(columns, list) or not isinstance(add_days, list) or not all(
            isinstance(c, str) and c.strip() for c in (*columns, *add_days)):
        raise bad("mapping_column_list")
    if parts is not None:
        if not isinstance(parts, dict) or sorted(parts) != ["day", "month", "year"] or not all(
                isinstance(v, str) and v.strip() for v in parts.values()):
            raise bad("mapping_date_parts")
        parts = (parts["year"], parts["month"], parts["day"])
    values = spec.get("values") or {}
    if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
        raise bad("mapping_values")
    date_format = spec.get("date_format") or None
    if date_format is not None and (not isinstance(date_format, str) or not _STRFTIME.search(date_format)):
        raise bad("mapping_date_format", value=str(date_format))
    if_invalid = spec.get("if_invalid", "reject")
    if if_invalid not in ("reject", "skip"):
        raise bad("mapping_if_invalid", value=str(if_invalid))
    rule = FieldRule(target=target, column=spec.get("column") or None, columns=tuple(columns),
                     join=str(spec.get("join", " ")), value=None if spec.get("value") is None else str(spec["value"]),
                     date_parts=parts, values={str(k): v for k, v in values.items()}, date_format=date_format,
                     add_days=tuple(add_days), prefix=str(spec.get("prefix") or ""), skip_invalid=if_invalid == "skip")
    for c in rule.sources():
        if is_card_column(c):
            raise bad("mapping_card_column", column=c)
    return rule


# ---------------------------------------------------------------- applying it


@dataclass(frozen=True)
class BoundMapping:
    """A mapping applied to one file's header: the cell index of every source column."""

    mapping: ColumnMapping
    positions: Mapping[str, int]
    header: tuple[str, ...]

    def apply(self, row: int, cells: Sequence[str]) -> tuple[dict[str, str], list[CellProblem]]:
        """The row as the application's own columns (target → text), and the problems of the
        conversions (a bad date, an unknown month name ...)."""
        out: dict[str, str] = {}
        problems: list[CellProblem] = []
        for rule in self.mapping.rules:
            try:
                text = self._convert(rule, cells)
            except ValidationError as exc:
                column = exc.params.get("column") or next(iter(rule.sources()), rule.target)
                problem = CellProblem.of(row, column, exc)
                if rule.skip_invalid:
                    problems.append(CellProblem(row, column, problem.field, problem.reason, problem.params,
                                                level="warning"))
                else:
                    problems.append(problem)
                continue
            if text:
                out[rule.target] = text
        return out, problems

    def _cell(self, cells: Sequence[str], column: str) -> str:
        i = self.positions[column_name(column)]
        return cells[i].strip() if i < len(cells) and cells[i] else ""

    def _convert(self, rule: FieldRule, cells: Sequence[str]) -> str:
        if rule.value is not None:
            text = rule.value
        elif rule.column:
            text = self._cell(cells, rule.column)
        elif rule.columns:
            text = rule.join.join(t for c in rule.columns if (t := self._cell(cells, c)))
        else:
            text = ""
        if rule.values and text:
            text = _look_up(rule.values, text)
        if rule.date_parts:
            text = _date_from_parts(rule.target, rule.date_parts,
                                    *(self._cell(cells, c) for c in rule.date_parts)).isoformat()
        elif rule.date_format and text:
            try:
                text = datetime.strptime(text, rule.date_format).date().isoformat()
            except ValueError:
                raise ValidationError(rule.target, "date_not_in_format", format=rule.date_format) from None
        if rule.add_days and text:
            try:
                start = date.fromisoformat(text)
            except ValueError:
                raise ValidationError(rule.target, "date_format") from None
            days = sum(_whole_number(self._cell(cells, c), rule.target, c) for c in rule.add_days)
            try:
                text = (start + timedelta(days=days)).isoformat()
            except OverflowError:  # past 9999-12-31
                raise ValidationError(rule.target, "no_such_date") from None
        return rule.prefix + text if text else text


def bind(mapping: ColumnMapping, header: Sequence[str]) -> BoundMapping:
    """The mapping on a file whose header is ``header`` (already checked by
    ``check_header_cells``): every source column must be there (case and spaces ignored)."""
    positions = {column_name(n): i for i, n in enumerate(header)}
    missing = sorted({c for r in mapping.rules for c in r.sources() if column_name(c) not in positions})
    if missing:
        raise ValidationError("header", "mapping_columns_missing", mapping=mapping.name, columns=", ".join(missing))
    return BoundMapping(mapping, positions, tuple(header))


def _look_up(values: Mapping[str, str], text: str) -> str:
    if text in values:
        return values[text]
    folded = text.casefold()
    for k, v in values.items():
        if k.casefold() == folded:
            return v
    return text


def month_number(text: str) -> int:
    t = text.strip().casefold().rstrip(".")
    if t.isdecimal() and len(t) <= 4:  # not isdigit(): "²" is a digit int() refuses
        return int(t)
    if t in MONTHS:
        return MONTHS[t]
    raise ValidationError("month", "month_name", value=text)


def _date_from_parts(target: str, columns: tuple[str, str, str], year: str, month: str, day: str) -> date:
    if not (year or month or day):
        raise ValidationError(target, "required")
    try:
        m = month_number(month)
    except ValidationError:
        raise ValidationError(target, "month_name", value=month, column=columns[1]) from None
    if not (year.isdecimal() and day.isdecimal()):
        raise ValidationError(target, "date_parts_numbers")
    try:
        return date(int(year), m, int(day))
    except ValueError:
        raise ValidationError(target, "no_such_date") from None


def _whole_number(text: str, target: str, column: str) -> int:
    if not text:
        return 0
    if not text.isdecimal() or len(text) > 5 or int(text) > MAX_ADD_DAYS:
        raise ValidationError(target, "nights_number", value=text, column=column)
    return int(text)
