"""What the guest import computes from one row alone (part of ``guest_import_service``), done
where the row is parsed, which for a large file is the import's worker process
(``import_parse_pool``), without the database layer: the row's rules (``GuestRowRules``), its
matching keys (the keyed hash of its ID documents, its phone and e-mail keys), its card's pinyin,
and the rows its card gets if the row becomes a new card by itself (``NewCardRows``: the card,
its documents, contacts, dates and search row as tuples of stored values). The writing process
then only matches, puts the ids in front and writes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from hotelcrm.domain import guest_csv
from hotelcrm.domain.contact_rules import contact_key
from hotelcrm.domain.guest_csv import CellProblem, GuestRow
from hotelcrm.domain.id_numbers import document_hash

from .search_names import keys_and_spelling
from .search_rows import NewGuest, template_of_new_guest

Key = tuple[str, str]  # ("document" | "phone" | "email", key)

GUEST_DEFAULTS: dict[str, Any] = {
    "family_name": "", "given_name": "", "latin_name": None, "pinyin": None, "gender": None, "birth_date": None,
    "nationality": None, "language": None, "marital_status": None, "guest_type": "individual", "vip_code": None,
    "company_id": None, "position": None, "status": "active", "taboos": None, "notes": None,
}

# The columns of ``NewCardRows``' tuples, in order (the writer adds the ids and time stamps).
GUEST_COLUMNS = tuple(c for c in GUEST_DEFAULTS if c != "company_id")
DOCUMENT_COLUMNS = ("doc_type", "number", "number_hash", "issuing_country", "expiry_date", "is_primary")
CONTACT_COLUMNS = ("kind", "value", "value_key", "label", "is_primary")
DATE_COLUMNS = ("kind", "month", "day", "year", "label", "remind_days_before", "sensitive")
SEARCH_COLUMNS = ("document", "term_kinds", "last_stay", "display_name", "latin_name", "pinyin", "status", "vip_code",
                  "member_no", "tier_code", "phone", "company", "in_house_room")
_GUEST, _DOCUMENT, _CONTACT, _DATE, _SEARCH = (itemgetter(*c) for c in (
    GUEST_COLUMNS, DOCUMENT_COLUMNS, CONTACT_COLUMNS, DATE_COLUMNS, SEARCH_COLUMNS))
_DOCUMENT_KEYS = frozenset(DOCUMENT_COLUMNS) - {"number_hash", "is_primary"}  # the parsed parts' fields
_EXPIRY = DOCUMENT_COLUMNS.index("expiry_date")
_RAW_CONTACT_KEYS = frozenset(("kind", "value", "label"))  # a parsed contact, before ``contact_rows``
_DATE_KEYS = frozenset(DATE_COLUMNS)


class NewCardRows(NamedTuple):
    """The rows of a card made of one row alone, as tuples of stored values (dates as ISO text) in
    the order of the ``*_COLUMNS`` above: the card (without ``id`` and ``created_by``), its
    documents, contacts and dates (without ``guest_id``), and its search row (without
    ``guest_id`` and ``rank_key``; None if the card is not searchable), whose rank key is
    ``search_query.with_guest_id(rank_base, id)``."""

    guest: tuple
    documents: tuple[tuple, ...]
    contacts: tuple[tuple, ...]
    dates: tuple[tuple, ...]
    search: tuple | None
    rank_base: int


@dataclass(frozen=True)
class PreparedGuestRow(GuestRow):
    """A parsed row with what ``prepare`` computed. ``new_card`` is only for a row without a
    company (a company adds search terms and may have no id before the write)."""

    keys: tuple[Key, ...] = ()
    pinyin: str | None = None
    new_card: NewCardRows | None = None

    def __reduce__(self):
        """Pickled as its values in field order (sent from the worker by the thousand): a fifth
        less to pickle and unpickle than the default's dictionary of field names. A row with
        ``new_card`` leaves out its documents, contacts and dates, which ``new_card`` holds as
        well (a third less to pickle): they are None until ``whole`` puts them back, which the
        writer does only for a row that matches a card or joins another row's card."""
        values = _values_of(self)
        if self.new_card is not None:
            values = tuple(None if i in _LEFT_OUT else v for i, v in enumerate(values))
        return _rebuilt, values


def _rebuilt(*values) -> PreparedGuestRow:
    return PreparedGuestRow(*values)


_NAMES = tuple(f.name for f in fields(PreparedGuestRow))
_values_of = attrgetter(*_NAMES)
_LEFT_OUT = frozenset(_NAMES.index(n) for n in ("documents", "contacts", "special_dates"))


def whole(r: GuestRow) -> GuestRow:
    """``r`` with its documents, contacts and dates: put back from its ``new_card`` if it came
    from the parse worker without them (the same dicts, tested)."""
    if r.documents is not None:
        return r
    n = r.new_card
    return replace(
        r, documents=tuple({**_named(DOCUMENT_COLUMNS, d, _DOCUMENT_KEYS), "expiry_date": _date(d[_EXPIRY])}
                           for d in n.documents),
        contacts=tuple(_named(CONTACT_COLUMNS, c, _RAW_CONTACT_KEYS) for c in n.contacts),
        special_dates=tuple(dict(zip(DATE_COLUMNS, d, strict=True)) for d in n.dates))


def _named(columns: tuple[str, ...], values: tuple, keys: frozenset[str]) -> dict[str, Any]:
    return {c: v for c, v in zip(columns, values, strict=True) if c in keys}


def _date(iso: str | None) -> date | None:
    return None if iso is None else date.fromisoformat(iso)


@dataclass(frozen=True)
class GuestRowRules:
    """The rules of one guest row (``import_rows.RowRules``): the file's (``guest_csv``), the
    database's pick-lists (value → sensitive), then ``prepare`` with the ID hash key."""

    hash_key: bytes
    options: Mapping[tuple[str, str, str], bool]

    def parse(self, header: guest_csv.GuestCsvHeader, row: int,
              cells: list[str]) -> tuple[GuestRow | None, list[CellProblem]]:
        parsed, problems = guest_csv.parse_row(header, cells, row)
        if parsed is None:
            return None, problems
        unknown = [p for p in parsed.preferences if p not in self.options]
        if unknown:
            value = ", ".join(f"{g}.{k}={v}" for g, k, v in unknown)
            return None, [CellProblem(row, "preferences", "preferences", "preference_not_listed", (("value", value),))]
        return prepare(parsed, self.hash_key), problems


def prepare(r: GuestRow, hash_key: bytes) -> PreparedGuestRow:
    general = {**GUEST_DEFAULTS, **r.general}
    pinyin = card_pinyin(general["family_name"], general["given_name"]) or None
    contacts = contact_rows(r.contacts)
    hashes = _document_keys(r, hash_key)
    keys = (*hashes, *((c["kind"], c["value_key"]) for c in contacts))
    new_card = None if r.company is not None else _new_card(r, general, pinyin, contacts, [h for _, h in hashes])
    return PreparedGuestRow(**vars(r), keys=keys, pinyin=pinyin, new_card=new_card)


def _new_card(r: GuestRow, general: dict[str, Any], pinyin: str | None, contacts: list[dict[str, Any]],
              hashes: list[str]) -> NewCardRows | None:
    """What ``guest_import_writer`` stores for a new card of ``r`` alone (the same rows, tested);
    None, and the writer builds the card itself, if a part holds a field this does not know."""
    if general.keys() != GUEST_DEFAULTS.keys() or any(d.keys() != _DOCUMENT_KEYS for d in r.documents) \
            or any(c.keys() != _RAW_CONTACT_KEYS for c in r.contacts) \
            or any(d.keys() != _DATE_KEYS for d in r.special_dates):
        return None
    guest = NewGuest(None, general["family_name"], general["given_name"], general["latin_name"], pinyin,
                     general["status"], general["vip_code"], None, None)
    search = template_of_new_guest(guest, search_parts(contacts))
    general["pinyin"], general["birth_date"] = pinyin, _iso(general["birth_date"])
    documents = tuple(_DOCUMENT({**d, "number_hash": h, "is_primary": i == 0, "expiry_date": _iso(d["expiry_date"])})
                      for i, (d, h) in enumerate(zip(r.documents, hashes, strict=True)))
    dates = tuple(_DATE(d) for d in r.special_dates)
    return NewCardRows(_GUEST(general), documents, tuple(_CONTACT(c) for c in contacts), dates,
                       None if search is None else _SEARCH(search), 0 if search is None else search["rank_key"])


def _iso(value: date | None) -> str | None:
    """A date as SQLAlchemy's SQLite ``Date`` stores it and PostgreSQL's ``COPY`` reads it."""
    return None if value is None else value.isoformat()


def match_keys(r: GuestRow, hash_key: bytes) -> list[Key]:
    if isinstance(r, PreparedGuestRow):
        return list(r.keys)
    return [*_document_keys(r, hash_key), *((c["kind"], contact_key(c["kind"], c["value"])) for c in r.contacts)]


def _document_keys(r: GuestRow, hash_key: bytes) -> list[Key]:
    return [("document", document_hash(d["doc_type"], d["number"], hash_key)) for d in r.documents]


def card_pinyin(family: str, given: str) -> str:
    """``name_keys.display_pinyin`` from the readings of the surname and of the given name
    remembered apart (``search_names``: a few hundred surnames, some thousands of given names;
    the same spelling, unit-tested), where a cache of whole names would rarely hit."""
    return keys_and_spelling(family, given)[1]


def contact_rows(contacts) -> list[dict[str, Any]]:
    """A new card's contacts as stored (without ``guest_id``): the first of each kind primary."""
    seen: set[str] = set()
    out = []
    for c in contacts:
        out.append({**c, "is_primary": c["kind"] not in seen, "value_key": contact_key(c["kind"], c["value"])})
        seen.add(c["kind"])
    return out


def search_parts(contacts: list[dict[str, Any]]) -> list[tuple[str, str, str, bool]]:
    """Stored contacts as ``search_index`` reads them: (kind, value, value_key, is_primary)."""
    return [(c["kind"], c["value"], c["value_key"], c["is_primary"]) for c in contacts]
