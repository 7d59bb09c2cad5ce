"""What the guest import computes from one row alone (part of ``guest_import_service``), done
where the row is parsed, which for a large file is the import's worker process
(``import_parse_pool``), without the database layer: the row's rules (``GuestRowRules``), its
matching keys (the keyed hash of its ID documents, its phone and e-mail keys), its card's pinyin,
its contacts as stored, and the search row that its card gets if the row becomes a new card by
itself. The writing process then only matches and writes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

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


@dataclass(frozen=True)
class PreparedGuestRow(GuestRow):
    """A parsed row with what ``prepare`` computed. ``search`` (a row of ``template_of_new_guest``)
    is only for a card made of this row alone without a company: a company adds search terms
    and has no id before the write."""

    keys: tuple[Key, ...] = ()
    pinyin: str | None = None
    contact_rows: tuple[dict[str, Any], ...] = ()
    search: dict[str, Any] | None = None

    def __reduce__(self):
        """Pickled as its values in field order (sent from the worker by the thousand): a fifth
        less to pickle and unpickle than the default's dictionary of field names."""
        return _rebuilt, tuple(getattr(self, f.name) for f in fields(self))


def _rebuilt(*values) -> PreparedGuestRow:
    return PreparedGuestRow(*values)


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
    search = None
    if r.company is None:
        guest = NewGuest(None, general["family_name"], general["given_name"], general["latin_name"], pinyin,
                         general["status"], general["vip_code"], None, None)
        search = template_of_new_guest(guest, search_parts(contacts))
    keys = (*_document_keys(r, hash_key), *((c["kind"], c["value_key"]) for c in contacts))
    return PreparedGuestRow(**vars(r), keys=keys, pinyin=pinyin, contact_rows=tuple(contacts), search=search)


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
