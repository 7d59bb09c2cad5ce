"""Search oracle (issue 9 item 3, DESIGN.md §8): after random sequences of inserts, updates of
names, phones, e-mails and documents, merges, merge undos and anonymizations, the index rows equal
rows rebuilt from the card tables, and ``GuestSearchService.search`` answers exactly what the
search rule applied to every rebuilt row (``bench_search_oracle.scan``, a full scan) answers.

Both backends. Few examples by default (CI); ``HOTELCRM_ORACLE_EXAMPLES=200`` for a long run.
"""

from __future__ import annotations

import itertools
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from hotelcrm.db.models import Guest
from hotelcrm.domain.errors import HotelCrmError
from hotelcrm.domain.search_query import MATCHES, parse_query, split_document
from hotelcrm.services.actor import Actor
from hotelcrm.services.bench_search_oracle import scan
from hotelcrm.services.guest_card_service import GuestCardService
from hotelcrm.services.guest_dto import ContactDraft, DocumentDraft, GuestDraft
from hotelcrm.services.guest_merge_service import GuestMergeService
from hotelcrm.services.guest_search_service import GuestSearchService
from hotelcrm.services.privacy_service import PrivacyService

from .index_check import assert_index_agrees

EXAMPLES = int(os.environ.get("HOTELCRM_ORACLE_EXAMPLES", "12"))

FAMILIES = ("张", "李", "王", "欧阳", "Smith", "Li", "Müller", "O'Brien")
GIVENS = ("明", "娜", "小红", "建国", "Anna", "John Paul", "Zoë", "")
LATIN = (None, "ZHANG MING", "LI NA", "WANG XIAOHONG", "SMITH JOHN")
DOMAINS = ("example.com", "hotel.cn", "mail.org")

guest_pick = st.integers(min_value=0, max_value=40)
name = st.tuples(st.sampled_from(FAMILIES), st.sampled_from(GIVENS), st.sampled_from(LATIN))
phone = st.integers(min_value=0, max_value=999).map(lambda n: f"13{n % 7}0012{n:04d}")
email = st.tuples(st.sampled_from(("ming", "anna.li", "wang_x", "js")), st.integers(0, 99),
                  st.sampled_from(DOMAINS)).map(lambda t: f"{t[0]}{t[1]}@{t[2]}")
contact = st.one_of(phone.map(lambda v: ("phone", v)), email.map(lambda v: ("email", v)))
insert = st.tuples(st.just("insert"), name, st.lists(contact, max_size=2))
operation = st.one_of(
    insert,
    st.tuples(st.just("rename"), guest_pick, name),
    st.tuples(st.just("add_contact"), guest_pick, contact),
    st.tuples(st.just("change_contact"), guest_pick, contact),
    st.tuples(st.just("remove_contact"), guest_pick),
    st.tuples(st.just("add_document"), guest_pick),
    st.tuples(st.just("change_document"), guest_pick),
    st.tuples(st.just("merge"), guest_pick, guest_pick),
    st.tuples(st.just("undo"), st.integers(min_value=0, max_value=10)),
    st.tuples(st.just("anonymize"), guest_pick),
)


class World:
    """The services under test plus what the oracle needs to know about ID numbers: which card
    each number was put on (merges and anonymizations are read back from the guests table)."""

    def __init__(self, db):
        self.db = db
        admin = Actor.system()
        self.cards = GuestCardService(db, admin)
        self.merges = GuestMergeService(db, admin)
        self.privacy = PrivacyService(db, admin)
        self.search = GuestSearchService(db, admin)
        self.merge_ids: list[int] = []
        self.documents: dict[str, int] = {}  # passport number -> the card it was saved on

    def guest_ids(self) -> list[int]:
        with self.db.read() as s:
            return list(s.scalars(select(Guest.id).order_by(Guest.id)))

    def next_number(self) -> str:
        return f"E{next(_serial):08d}"

    def apply(self, op: tuple) -> None:
        """One operation; refusals of the services (a merged or anonymized card, a bad pair) are
        part of the game, anything else fails the test."""
        try:
            self._apply(op)
        except HotelCrmError:
            pass

    def _apply(self, op: tuple) -> None:
        kind, ids = op[0], self.guest_ids()
        if kind == "insert":
            (family, given, latin), contacts = op[1], op[2]
            number = self.next_number()
            card = self.cards.create(GuestDraft(family_name=family, given_name=given, latin_name=latin,
                                                documents=(DocumentDraft("passport", number, "CHN"),),
                                                contacts=tuple(ContactDraft(k, v) for k, v in contacts)))
            self.documents[number] = card.id
            return
        if kind == "undo":
            if self.merge_ids:
                merge_id = self.merge_ids[op[1] % len(self.merge_ids)]
                self.merges.undo(merge_id)
            return
        if not ids:
            return
        gid = ids[op[1] % len(ids)]
        if kind == "merge":
            other = ids[op[2] % len(ids)]
            self.merge_ids.append(self.merges.merge(gid, other).merge_id)
        elif kind == "anonymize":
            self.privacy.anonymize(gid)
        else:
            self._edit(kind, gid, op)

    def _edit(self, kind: str, gid: int, op: tuple) -> None:
        card = self.cards.card(gid)
        if kind == "rename":
            family, given, latin = op[2]
            self.cards.update(gid, card.version, GuestDraft(family_name=family, given_name=given, latin_name=latin))
        elif kind == "add_contact":
            self.cards.add_contact(gid, ContactDraft(*op[2]))
        elif kind == "change_contact" and card.contacts:
            c = card.contacts[0]
            self.cards.update_contact(c.id, c.version, ContactDraft(*op[2]))
        elif kind == "remove_contact" and card.contacts:
            c = card.contacts[-1]
            self.cards.remove_contact(c.id, c.version)
        elif kind == "add_document":
            number = self.next_number()
            self.cards.add_document(gid, DocumentDraft("passport", number, "CHN"))
            self.documents[number] = gid
        elif kind == "change_document" and card.documents:
            d = card.documents[0]
            number = self.next_number()
            old = [n for n, owner in self.documents.items() if owner == gid]
            self.cards.update_document(d.id, d.version, DocumentDraft("passport", number, "CHN"))
            self.documents[number] = gid
            for n in old:  # which one changed is read back below; the others stay
                if n not in self.reveal_numbers(gid):
                    del self.documents[n]

    def reveal_numbers(self, gid: int) -> set[str]:
        card = self.cards.card(gid)
        return {self.cards.reveal_document(d.id) for d in card.documents}


def queries_for(rows: dict[int, dict], numbers: list[str]) -> list[str]:
    """Whole terms, prefixes and inner pieces of the terms of up to ten cards, ID numbers, and a
    few queries that should find nothing."""
    out = ["zz", "13", "@", "张", "li"]
    for row in list(rows.values())[:10]:
        for term in split_document(row["document"])[:6]:
            out += [term, term[:2], term[1:4], term[-4:]]
    out += numbers[-5:]
    return [q for q in dict.fromkeys(out) if q.strip()]


def owner_now(db, original: int) -> int | None:
    """Where a document put on ``original`` is now: followed through merges; None when anonymized."""
    with db.read() as s:
        gid = original
        for _ in range(100):
            g = s.get(Guest, gid)
            if g.anonymized_at is not None:
                return None
            if g.merged_into_id is None:
                return gid
            gid = g.merged_into_id
    raise AssertionError("merge chain does not end")


def expected_hits(world: World, rows: dict[int, dict], query: str, limit: int = 50) -> list[tuple[int, str, str]]:
    """The full scan, plus the owner of an exactly typed ID number (never scanned: hashed)."""
    q = parse_query(query)
    text_hits = scan(rows.values(), q, len(rows) + 1)
    found = {gid: (MATCHES.index(match), rows[gid]["rank_key"], on) for gid, match, on in text_hits}
    if q.document_number and q.document_number in world.documents:
        owner = owner_now(world.db, world.documents[q.document_number])
        if owner in rows and (owner not in found or found[owner][0] > 0):
            found[owner] = (0, rows[owner]["rank_key"], "document")
    ordered = sorted(found.items(), key=lambda item: (item[1][0], item[1][1]))[:limit]
    return [(gid, MATCHES[level], on) for gid, (level, _, on) in ordered]


@settings(max_examples=EXAMPLES, deadline=None, derandomize=os.environ.get("CI") == "true",
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=st.tuples(st.lists(insert, min_size=2, max_size=5), st.lists(operation, min_size=5, max_size=20))
       .map(lambda t: t[0] + t[1]))
def test_search_equals_a_full_scan_after_random_edits(db, ops):
    world = World(db)
    world.documents = _documents.setdefault(id(db), {})
    world.merge_ids = _merges.setdefault(id(db), [])
    for op in ops:
        world.apply(op)
    rows = assert_index_agrees(db)
    for query in queries_for(rows, list(world.documents)):
        got = [(h.id, h.match, h.matched_on) for h in world.search.search(query)]
        assert got == expected_hits(world, rows, query), query


_documents: dict[int, dict[str, int]] = {}  # per database (examples share it): number -> first card
_merges: dict[int, list[int]] = {}
_serial = itertools.count(1)  # ID numbers never repeat within a run


@pytest.fixture(autouse=True)
def _forget_between_databases():
    _documents.clear()
    _merges.clear()
    yield
