"""The application's own guest CSV (DESIGN.md §2.8): its columns, the header check, and one row
turned into cleaned card values plus the problems of each cell. Pure: no files, no database.

The columns (any subset, any order, one header row) are ``COLUMNS``. A row needs a name
(``family_name``, ``given_name`` or ``latin_name``). ``phone`` and ``email`` may hold several
values separated by ``;``. ``preferences`` holds pick-list codes, ``group.key=value`` separated by
``;`` (e.g. ``room.pillow_height=low; dining.diet=vegetarian``); whether a code is on the
pick-lists is the service's check (it needs the database). ``birthday`` and ``anniversary`` are
yearly dates: ``MM-DD`` or ``YYYY-MM-DD``. ``member_no`` and ``tier`` are read but ignored until
loyalty exists (a warning, not an error).

Other sources (a saved column mapping, GBK files, XLSX) only have to produce the same column
names and cell texts: ``parse_header`` and ``parse_row`` do not care where the cells came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import phonenumbers

from . import codes, guest_rules
from .errors import ValidationError
from .text_rules import clean_text

COLUMNS = (
    "family_name", "given_name", "latin_name", "gender", "birth_date", "nationality", "id_type",
    "id_number", "phone", "email", "company", "position", "language", "vip_code", "member_no", "tier",
    "preferences", "taboos", "notes", "birthday", "anniversary",
)
NAME_COLUMNS = ("family_name", "given_name", "latin_name")
GENERAL_COLUMNS = ("family_name", "given_name", "latin_name", "gender", "birth_date", "nationality", "language",
                   "vip_code", "position", "taboos", "notes")
IGNORED_UNTIL_LOYALTY = ("member_no", "tier")
LIST_SEPARATOR = ";"
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEARLY = re.compile(r"^(?:(\d{4})-|--)?(\d{2})-(\d{2})$")
_PREFERENCE = re.compile(r"^\s*([A-Za-z_]+)\s*\.\s*([A-Za-z0-9_]+)\s*=\s*([A-Za-z0-9_]+)\s*$")


@dataclass(frozen=True)
class CellProblem:
    """Why a cell was refused (``level`` "error": the row is rejected) or only noted ("warning").
    ``field`` and ``reason`` are the codes of ``ValidationError``; the message is
    ``error.invalid.<reason>`` (errors) or ``import.warning.<reason>`` (warnings)."""

    row: int
    column: str
    field: str
    reason: str
    params: tuple[tuple[str, Any], ...] = ()
    level: str = "error"

    @classmethod
    def of(cls, row: int, column: str, error: ValidationError) -> CellProblem:
        params = tuple((k, v) for k, v in error.params.items() if k != "field")
        return cls(row, column, error.field, error.reason, params)

    def as_error(self) -> ValidationError:
        return ValidationError(self.field, self.reason, **dict(self.params))


@dataclass(frozen=True)
class GuestCsvHeader:
    """Where each known column is: ``positions[column] = cell index``."""

    positions: Mapping[str, int]
    width: int

    def __contains__(self, column: str) -> bool:
        return column in self.positions


@dataclass(frozen=True)
class GuestRow:
    """One valid row, cleaned. ``general`` holds only the guest columns the row fills (the service
    adds defaults for a new card, and fills only empty fields of a matched one)."""

    row: int
    general: Mapping[str, Any]
    documents: tuple[Mapping[str, Any], ...] = ()
    contacts: tuple[Mapping[str, Any], ...] = ()
    company: str | None = None
    preferences: tuple[tuple[str, str, str], ...] = ()
    special_dates: tuple[Mapping[str, Any], ...] = ()
    warnings: tuple[CellProblem, ...] = ()


@dataclass
class _Collector:
    row: int
    problems: list[CellProblem] = field(default_factory=list)

    def check(self, column: str, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ValidationError as exc:
            self.problems.append(CellProblem.of(self.row, column, exc))
            return None


# ---------------------------------------------------------------- header


def column_name(cell: str) -> str:
    """How a header cell is read: trimmed, case and spaces ignored (``Family Name`` works)."""
    return "_".join((cell or "").replace("\ufeff", "").strip().lower().split())


def parse_header(cells: Sequence[str]) -> GuestCsvHeader:
    """The header row, or one ``ValidationError(field="header")`` naming every unknown column:
    a file is refused before anything of it is imported."""
    names = [column_name(c) for c in cells]
    while names and not names[-1]:  # trailing empty cells (spreadsheets add them)
        names.pop()
    if not names:
        raise ValidationError("header", "header_empty")
    unknown = [cells[i].strip() or f"#{i + 1}" for i, n in enumerate(names) if n not in COLUMNS]
    if unknown:
        raise ValidationError("header", "unknown_columns", columns=", ".join(unknown),
                              known=", ".join(COLUMNS))
    seen: set[str] = set()
    for n in names:
        if n in seen:
            raise ValidationError("header", "duplicate_column", column=n)
        seen.add(n)
    if not seen & set(NAME_COLUMNS):
        raise ValidationError("header", "header_no_name", columns=", ".join(NAME_COLUMNS))
    return GuestCsvHeader({n: i for i, n in enumerate(names)}, len(names))


# ---------------------------------------------------------------- cells


def parse_iso_date(text: str, field_name: str) -> date:
    found = _ISO_DATE.match(text)
    if not found:
        raise ValidationError(field_name, "date_format")
    try:
        return date(*map(int, found.groups()))
    except ValueError:
        raise ValidationError(field_name, "no_such_date") from None


def parse_yearly_date(text: str, kind: str, today: date | None = None) -> dict:
    """``MM-DD``, ``--MM-DD`` or ``YYYY-MM-DD`` as a special date of ``kind``."""
    found = _YEARLY.match(text)
    if not found:
        raise ValidationError(kind, "yearly_date_format")
    year, month, day = found.groups()
    try:
        return guest_rules.clean_special_date(kind=kind, month=int(month), day=int(day),
                                              year=int(year) if year else None, label=None,
                                              remind_days_before=7, sensitive=False, today=today)
    except ValidationError as exc:  # month/day/year of the date: report it on the column
        raise ValidationError(kind, exc.reason, **{k: v for k, v in exc.params.items() if k != "field"}) from None


def parse_preferences(text: str) -> tuple[tuple[str, str, str], ...]:
    """``room.pillow_height=low; dining.diet=vegetarian`` as (group, key, value) codes."""
    out: dict[tuple[str, str, str], None] = {}
    for item in text.split(LIST_SEPARATOR):
        if not item.strip():
            continue
        found = _PREFERENCE.match(item)
        if not found:
            raise ValidationError("preferences", "preference_format", value=item.strip())
        group, key, value = (p.lower() for p in found.groups())
        guest_rules.check_code(group, codes.PREFERENCE_GROUP, "pref_group")
        out[(group, guest_rules.check_key(key, "pref_key"), guest_rules.check_key(value, "pref_value"))] = None
    return tuple(out)


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.split(LIST_SEPARATOR) if p.strip()]


# ---------------------------------------------------------------- a row


FORMULA_START = ("=", "+", "-", "@")


def neutralise_cell(text: str) -> str:
    """A cell a spreadsheet program would run as a formula (``=``, ``+``, ``-``, ``@`` first)
    gets a leading apostrophe; ``unneutralise_cell`` takes it off again on import."""
    return "'" + text if text.startswith(FORMULA_START) else text


def unneutralise_cell(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:2] in FORMULA_START and text[1:2] else text


def cells_of(header: GuestCsvHeader, cells: Sequence[str]) -> dict[str, str]:
    """The non-empty cells of a row by column name (an exported ``'+86…`` loses its
    apostrophe). A row may be shorter than the header (trailing empty cells left out); a longer
    one is refused by ``parse_row``."""
    out = {}
    for column, i in header.positions.items():
        if i < len(cells):
            text = unneutralise_cell(cells[i].strip())
            if text:
                out[column] = text
    return out


def format_yearly_date(month: int, day: int, year: int | None) -> str:
    """``MM-DD`` or ``YYYY-MM-DD``: what ``parse_yearly_date`` reads."""
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"


def parse_row(header: GuestCsvHeader, cells: Sequence[str], row: int, today: date | None = None,
              *, name_required: bool = True) -> tuple[GuestRow | None, list[CellProblem]]:
    """``(GuestRow, [])`` for a good row, ``(None, problems)`` for a bad one: every refused cell
    is listed with its column and reason, so one pass over the error file fixes the row. Without
    ``name_required`` (a stay row that only finds its guest) a row may carry no name."""
    got = _Collector(row)
    extra = [c for c in cells[header.width:] if c.strip()]
    if extra:
        got.problems.append(CellProblem(row, "", "row", "too_many_cells",
                                        (("cells", len(cells)), ("columns", header.width))))
    values = cells_of(header, cells)
    today = today or date.today()
    general = _general(got, values, today, name_required)
    documents = _documents(got, values, general.get("nationality"), today)
    contacts = [c for kind in ("phone", "email") for text in _split(values.get(kind, ""))
                if (c := got.check(kind, _contact, kind, text)) is not None]
    company = got.check("company", clean_text, values.get("company"), "company_name", max_len=200)
    preferences = got.check("preferences", parse_preferences, values.get("preferences", "")) or ()
    dates = [d for column in ("birthday", "anniversary") if column in values
             and (d := _check(got, column, values[column], today))]
    if got.problems:
        return None, got.problems
    warnings = [CellProblem(row, c, c, "ignored_until_loyalty", level="warning")
                for c in IGNORED_UNTIL_LOYALTY if c in values]
    if guest_rules.birth_date_disagrees(general.get("birth_date"),
                                        [(d["doc_type"], d["number"]) for d in documents]):
        warnings.append(CellProblem(row, "birth_date", "birth_date", "id_birth_date_mismatch", level="warning"))
    return GuestRow(row, general, tuple(documents), tuple(_unique(contacts)), company, preferences,
                    tuple(dates), tuple(warnings)), []


# The checks of the guest's own columns, each by the card's rules: (text, today) → value.
_CHECKS: dict[str, Callable[[str, date], Any]] = {
    "family_name": lambda v, _: clean_text(v, "family_name", max_len=100),
    "given_name": lambda v, _: clean_text(v, "given_name", max_len=100),
    "latin_name": lambda v, _: guest_rules.check_latin_name(v),
    "gender": lambda v, _: guest_rules.check_code(v.upper(), codes.GENDER, "gender"),
    "birth_date": lambda v, today: guest_rules.check_birth_date(parse_iso_date(v, "birth_date"), today),
    "nationality": lambda v, _: guest_rules.check_country(v),
    "language": lambda v, _: guest_rules.check_language(v),
    "vip_code": lambda v, _: guest_rules.check_vip_code(v),
    "position": lambda v, _: clean_text(v, "position", max_len=100),
    "taboos": lambda v, _: guest_rules.check_note(v, "taboos"),
    "notes": lambda v, _: guest_rules.check_note(v, "guest_notes"),
    "birthday": lambda v, today: parse_yearly_date(v, "birthday", today),
    "anniversary": lambda v, today: parse_yearly_date(v, "anniversary", today),
}
# Columns whose values repeat across a file (surnames, given names, codes, birth dates ...): each
# distinct text is checked once and its answer (value or error) remembered. Free texts are not.
_REMEMBERED = frozenset(_CHECKS) - {"taboos", "notes"}
_CACHE_MAX = 200_000
_answers: dict[tuple[str, str, date], Any] = {}


def _check(got: _Collector, column: str, text: str, today: date) -> Any:
    """``_CHECKS[column]`` of ``text``; a refusal is noted on the row and gives None."""
    key = (column, text, today)
    found = _answers.get(key, _answers) if column in _REMEMBERED else _answers
    if found is _answers:  # not remembered (the dict itself stands for "absent")
        try:
            found = _CHECKS[column](text, today)
        except ValidationError as exc:
            found = exc
        if column in _REMEMBERED:
            if len(_answers) >= _CACHE_MAX:
                _answers.clear()
            _answers[key] = found
    if isinstance(found, ValidationError):
        got.problems.append(CellProblem.of(got.row, column, found))
        return None
    return dict(found) if isinstance(found, dict) else found  # a special date: the row's own copy


def _general(got: _Collector, values: Mapping[str, str], today: date, name_required: bool = True) -> dict:
    """The guest's own columns, each checked by the card's rules; only filled ones are kept."""
    general = {}
    for column in GENERAL_COLUMNS:
        if column in values:
            value = _check(got, column, values[column], today)
            if value is not None:
                general[column] = value
    named = any(c in values for c in NAME_COLUMNS)
    if not named and name_required:
        got.problems.append(CellProblem(got.row, NAME_COLUMNS[0], "family_name", "name_required"))
    return general


def _documents(got: _Collector, values: Mapping[str, str], nationality: str | None,
               today: date | None) -> list[dict]:
    doc_type, number = values.get("id_type"), values.get("id_number")
    if not doc_type and not number:
        return []
    if not doc_type:
        got.problems.append(CellProblem(got.row, "id_type", "id_type", "required"))
        return []
    if not number:
        got.problems.append(CellProblem(got.row, "id_number", "id_number", "required"))
        return []
    doc_type = doc_type.lower()
    if doc_type not in codes.ID_TYPE:
        got.check("id_type", guest_rules.check_code, doc_type, codes.ID_TYPE, "id_type")
        return []
    # A passport is issued by the guest's country; a resident ID by China (the rules' default).
    country = nationality if doc_type == "passport" else None
    doc = got.check("id_number", guest_rules.clean_document, doc_type, number, country, None, today)
    return [doc] if doc else []


# A mainland mobile number, bare or with +86/0086, as phonenumbers' own CN mobile pattern reads
# it: the import's most common phone, checked here without a full parse (the same answer,
# ~15 times faster; anything else goes the full way).
_CN_MOBILE_SHAPE = re.compile(r"(?:\+86|0086)?(1\d{10})")
_CN_MOBILE = re.compile(phonenumbers.PhoneMetadata.metadata_for_region("CN").mobile.national_number_pattern)


def _contact(kind: str, text: str) -> dict:
    if kind == "phone":
        found = _CN_MOBILE_SHAPE.fullmatch(text.replace(" ", "").replace("-", ""))
        if found and _CN_MOBILE.fullmatch(found.group(1)):
            return {"kind": "phone", "value": "+86" + found.group(1), "label": None}
    return guest_rules.clean_contact(kind, text)


def _unique(contacts: list[dict]) -> list[dict]:
    out: dict[tuple[str, str], dict] = {}
    for c in contacts:
        out.setdefault((c["kind"], c["value"].lower() if c["kind"] == "email" else c["value"]), c)
    return list(out.values())
