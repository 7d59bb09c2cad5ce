"""The search row of a guest (``guest_search``, DESIGN.md §5) from the card's values: pure, so that
the import's parse worker builds the rows of new cards without the database layer
(``guest_import_prep``); ``search_index`` reads the values from the tables and keeps the rows in
step."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from hotelcrm.domain.name_keys import has_han, latin_key
from hotelcrm.domain.search_query import (
    build_document,
    latin_words,
    national_number,
    rank_base,
    with_guest_id,
)

from .search_names import keys_and_spelling

SEARCHABLE_STATUS = ("active", "blacklisted")


class NewGuest(NamedTuple):
    """A card just inserted (active, no membership, no stay), as ``search_index`` reads one back:
    the bulk import builds its search row from what it wrote instead of reading it again."""

    id: int | None  # None: not written yet (``template_of_new_guest``)
    family_name: str
    given_name: str
    latin_name: str | None
    pinyin: str | None
    status: str
    vip_code: str | None
    name: str | None  # the company's name and Latin name
    name_latin: str | None


def rows_of_new_guests(guests: Sequence[NewGuest],
                       contacts: dict[int, list[tuple[str, str, str, bool]]]) -> list[dict]:
    """The search rows of new cards; ``contacts[guest id]`` = (kind, value, value_key, is_primary)
    in insertion (id) order. The same rows ``search_index.refresh_guests`` would build (tested)."""
    return [search_row(g, contacts.get(g.id, []), None, None, None) for g in guests
            if g.status in SEARCHABLE_STATUS]


def template_of_new_guest(guest: NewGuest, contacts: list[tuple[str, str, str, bool]]) -> dict | None:
    """The search row of a new card before it has an id (``guest.id`` is not read): its
    ``guest_id`` is None and its ``rank_key`` the base that ``search_query.with_guest_id`` turns
    into the key; None if the card is not searchable. Lets the import build rows where it parses."""
    return search_row(guest._replace(id=None), contacts, None, None, None) if guest.status in SEARCHABLE_STATUS else None


def search_row(g, contacts: list[tuple[str, str, str, bool]], member: tuple[str, str] | None,
               last_stay: date | None, room: str | None) -> dict:
    """The ``guest_search`` row of ``g`` (a ``NewGuest`` or a row read with the same fields) with
    its contacts (kind, value, value_key, is_primary) in id order, its membership (number, tier
    code), its last stay and its in-house room."""
    family, given = g.family_name or "", g.given_name or ""
    chinese = has_han(family) or has_han(given)
    display = family + given if chinese else " ".join(p for p in (family, given) if p) or (g.latin_name or "")
    keys, spelled = keys_and_spelling(family, given) if chinese else ((), "")
    terms: list[tuple[str, str]] = [("name", family + given if chinese else latin_key(display))]
    if not chinese:
        terms += [("name", w) for w in latin_words(display)]
    terms += [("pinyin", k) for k in keys]
    terms += [("latin", w) for w in latin_words(g.latin_name)]
    phones = [c for c in contacts if c[0] == "phone"]
    for _, value, value_key, _ in phones:
        terms.append(("phone", value_key))
        terms.append(("phone", national_number(value)))
    terms += [("email", value_key) for kind, _, value_key, _ in contacts if kind == "email"]
    if member:
        terms.append(("member", member[0]))
    if g.name:
        terms.append(("company", g.name))
        terms += [("company", w) for w in latin_words(g.name_latin)]
    document, kinds = build_document(terms)
    primary = next((c[1] for c in phones if c[3]), phones[0][1] if phones else None)
    sort_name = keys[0] if keys else latin_key(display or g.latin_name)
    base = rank_base(last_stay, sort_name)
    return {
        "guest_id": g.id, "rank_key": base if g.id is None else with_guest_id(base, g.id), "document": document,
        "term_kinds": kinds, "last_stay": last_stay, "display_name": display[:200],
        "latin_name": g.latin_name, "pinyin": g.pinyin or spelled or None,
        "status": g.status, "vip_code": g.vip_code, "member_no": member[0] if member else None,
        "tier_code": member[1] if member else None, "phone": primary, "company": g.name, "in_house_room": room,
    }
