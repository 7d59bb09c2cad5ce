"""The application's own stays CSV (DESIGN.md §2.8): its columns, the header check, and one row
turned into the guest it belongs to plus the stay's values. Pure: no files, no database.

A row finds its guest by ``member_no``, ``id_type`` + ``id_number``, ``email`` or ``phone`` (the
same keys as the guest import: never by name). A row that also carries a name
(``family_name``, ``given_name`` or ``latin_name``) creates the guest card when none matches
(a PMS history export brings its guests along); without a name the guest must exist.

Stay columns: ``arrival`` and ``departure`` (YYYY-MM-DD, departure not before arrival),
``room_no``, ``room_type``, ``rate``, ``spend_room``, ``spend_fnb``, ``spend_other`` (amounts in
currency units, two decimals), ``currency`` (default: the hotel's), ``channel``, ``segment``,
``status`` (expected, in_house, checked_out, cancelled, no_show; default checked_out for a
departure in the past, else expected), ``adults``, ``children`` and ``external_ref`` (the
booking's number in the PMS: a second import of the same booking matches it instead of adding it
again; without it a stay of the same guest with the same dates is the same stay).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import codes, guest_csv, stay_rules
from .errors import ValidationError
from .guest_csv import CellProblem, GuestCsvHeader, GuestRow, column_name
from .text_rules import clean_text

GUEST_COLUMNS = ("family_name", "given_name", "latin_name", "gender", "birth_date", "nationality", "id_type",
                 "id_number", "phone", "email", "company", "language", "vip_code", "member_no")
STAY_COLUMNS = ("arrival", "departure", "room_no", "room_type", "rate", "currency", "channel", "segment",
                "spend_room", "spend_fnb", "spend_other", "status", "adults", "children", "external_ref")
COLUMNS = GUEST_COLUMNS + STAY_COLUMNS
FINDERS = ("member_no", "id_number", "email", "phone")
REQUIRED = ("arrival", "departure")
MONEY = {"rate": "rate_cents", "spend_room": "spend_room_cents", "spend_fnb": "spend_fnb_cents",
         "spend_other": "spend_other_cents"}
LABELS = {"room_type": "room_type", "channel": "channel", "segment": "segment"}


@dataclass(frozen=True)
class StayCsvHeader:
    positions: Mapping[str, int]
    width: int
    guest: GuestCsvHeader

    def __contains__(self, column: str) -> bool:
        return column in self.positions


@dataclass(frozen=True)
class StayCsvRow:
    """One valid row: its guest (``guest.general`` is empty for a row that only finds one),
    the member number it names, and the stay's column values (cents, dates, codes)."""

    row: int
    guest: GuestRow
    member_no: str | None
    stay: Mapping[str, Any]
    warnings: tuple[CellProblem, ...] = ()

    @property
    def creates_guest(self) -> bool:
        return bool(self.guest.general)


def parse_header(cells: Sequence[str]) -> StayCsvHeader:
    names = [column_name(c) for c in cells]
    while names and not names[-1]:
        names.pop()
    if not names:
        raise ValidationError("header", "header_empty")
    unknown = [cells[i].strip() or f"#{i + 1}" for i, n in enumerate(names) if n not in COLUMNS]
    if unknown:
        raise ValidationError("header", "unknown_columns", columns=", ".join(unknown), known=", ".join(COLUMNS))
    seen: set[str] = set()
    for n in names:
        if n in seen:
            raise ValidationError("header", "duplicate_column", column=n)
        seen.add(n)
    missing = [c for c in REQUIRED if c not in seen]
    if missing:
        raise ValidationError("header", "header_missing_columns", columns=", ".join(missing))
    if not seen & {*FINDERS, *guest_csv.NAME_COLUMNS}:
        raise ValidationError("header", "header_no_guest_key", columns=", ".join(FINDERS))
    positions = {n: i for i, n in enumerate(names)}
    guest = GuestCsvHeader({n: i for n, i in positions.items() if n in GUEST_COLUMNS}, len(names))
    return StayCsvHeader(positions, len(names), guest)


@dataclass(frozen=True)
class StayRowRules:
    """``parse_row`` with the hotel's currency and today's date, as the import applies it to each
    row (picklable: the import's parse worker gets it)."""

    currency: str
    today: date

    def parse(self, header: StayCsvHeader, row: int, cells: Sequence[str]) -> tuple[StayCsvRow | None,
                                                                                 list[CellProblem]]:
        return parse_row(header, cells, row, self.currency, self.today)


def parse_row(header: StayCsvHeader, cells: Sequence[str], row: int, currency: str,
              today: date) -> tuple[StayCsvRow | None, list[CellProblem]]:
    """``(StayCsvRow, [])`` or ``(None, problems)`` with every refused cell."""
    values = {c: t for c, i in header.positions.items() if i < len(cells)
              and (t := guest_csv.unneutralise_cell(cells[i].strip()))}
    named = any(c in values for c in guest_csv.NAME_COLUMNS)
    guest, problems = guest_csv.parse_row(header.guest, cells, row, today, name_required=False)
    problems = list(problems)
    if not named and not any(c in values for c in FINDERS):
        problems.append(CellProblem(row, FINDERS[0], "guest", "guest_key_required",
                                    (("columns", ", ".join(FINDERS)),)))
    member_no = None
    if "member_no" in values:
        try:
            member_no = clean_text(values["member_no"], "member_no", max_len=20)
        except ValidationError as exc:
            problems.append(CellProblem.of(row, "member_no", exc))
    stay = _stay(row, values, currency, today, problems)
    if problems or guest is None:
        return None, problems
    warnings = tuple(w for w in guest.warnings if w.column != "member_no")
    return StayCsvRow(row, guest, member_no, stay, warnings), []


def _stay(row: int, values: Mapping[str, str], currency: str, today: date, problems: list[CellProblem]) -> dict:
    out: dict[str, Any] = {}

    def check(column: str, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ValidationError as exc:
            problems.append(CellProblem.of(row, column, exc))
            return None

    arrival = departure = None
    for column, key in (("arrival", "arrival_date"), ("departure", "departure_date")):
        if column not in values:
            problems.append(CellProblem(row, column, key, "required"))
        else:
            parsed = check(column, guest_csv.parse_iso_date, values[column], key)
            out[key] = parsed
            arrival, departure = (parsed, departure) if column == "arrival" else (arrival, parsed)
    if arrival and departure:
        check("departure", stay_rules.check_stay_dates, arrival, departure, same_day=True)
    code = values.get("currency", currency).strip().upper()
    if len(code) != 3 or not code.isalpha():
        problems.append(CellProblem(row, "currency", "currency", "currency_code"))
        code = currency
    out["currency"] = code
    for column, key in MONEY.items():
        out[key] = check(column, stay_rules.parse_money, values.get(column), key, code) or 0
    for column, key in LABELS.items():
        out[key] = check(column, stay_rules.check_label, values.get(column), key)
    out["room_no"] = check("room_no", stay_rules.check_room_no, values.get("room_no"))
    adults = check("adults", _count, values.get("adults"), "adults", 1)
    children = check("children", _count, values.get("children"), "children", 0)
    if adults is not None and children is not None:
        check("adults", stay_rules.check_persons, adults, children)
    out["adults"], out["children"] = adults or 1, children or 0
    out["external_ref"] = check("external_ref", _external_ref, values.get("external_ref"))
    out["status"] = check("status", _status, values.get("status"), departure, today)
    return out


def _external_ref(text: str | None) -> str | None:
    return clean_text(text, "external_ref", max_len=100)


def _count(text: str | None, field: str, default: int) -> int:
    if not text:
        return default
    if not text.isdecimal():  # not isdigit(): "²" is a digit int() refuses
        raise ValidationError(field, "not_a_number")
    if len(text) > 4:  # int() of thousands of digits is refused, and no room holds that many
        raise ValidationError(field, "out_of_range", min=0, max=stay_rules.MAX_PERSONS)
    return int(text)


def _status(text: str | None, departure: date | None, today: date) -> str:
    if not text:
        return "checked_out" if departure is not None and departure < today else "expected"
    code = "_".join(text.strip().lower().replace("-", " ").split())
    if code not in codes.STAY_STATUS:
        raise ValidationError("stay_status", "stay_status_code", value=text, codes=", ".join(codes.STAY_STATUS))
    return code
