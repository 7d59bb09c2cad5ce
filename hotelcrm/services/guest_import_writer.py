"""One batch of valid import rows written inside the caller's transaction (part of
``guest_import_service``): matching, new cards in bulk, and filling the empty fields of matched
cards.

A row matches an existing card by ID document (keyed hash), phone (E.164 digits) or e-mail
(lower case) — never by name. A row whose keys point at two different cards is rejected (merge
them first). Rows of the same file that share a key are one guest: the first creates the card,
the later ones fill it. New cards are inserted with bulk statements (the import's speed target),
and so are their search rows, built from what was written (``search_rows.rows_of_new_guests``)
and added once per batch (``search_bulk.new_rows``); matched cards are changed through the ORM
with field-by-field audit, like the card service, and their search rows refreshed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from hotelcrm.db.models import (
    AuditEntry,
    Company,
    Guest,
    GuestContact,
    GuestDocument,
    GuestPreference,
    GuestSearch,
    SpecialDate,
    utcnow,
)
from hotelcrm.domain.contact_rules import contact_key
from hotelcrm.domain.guest_csv import CellProblem, GuestRow
from hotelcrm.domain.id_numbers import document_hash
from hotelcrm.domain.search_query import with_guest_id

from . import search_bulk
from .audit_trail import AuditTrail, render
from .bulk_rows import STAMPS, insert_rows, insert_tuples, new_ids, stored_value
from .guest_import_prep import (
    CONTACT_COLUMNS,
    DATE_COLUMNS,
    DOCUMENT_COLUMNS,
    GUEST_COLUMNS,
    GUEST_DEFAULTS,
    SEARCH_COLUMNS,
    Key,
    NewCardRows,
    PreparedGuestRow,
    card_pinyin,
    contact_rows,
    match_keys,
    search_parts,
    whole,
)
from .guest_parts_service import add_contact_row, add_document_row
from .guest_write_support import refresh_search
from .search_rows import NewGuest, rows_of_new_guests

_AUDIT_COLUMNS = ("at", "actor_id", "actor_name", "action", "entity", "entity_id", "new_value", "note")
OPEN_CARD = "AND g.status NOT IN ('merged', 'anonymized')"  # a closed card is never matched
Target = tuple[str, int]  # ("db", guest id) or ("new", index of the pending card)
# Columns of the card a row can fill (all the guest columns of the CSV).
FILLABLE = ("family_name", "given_name", "latin_name", "gender", "birth_date", "nationality", "language",
            "vip_code", "position", "taboos", "notes")

@dataclass
class RunState:
    """What lives for the whole run: the document hash key, the pick-lists (value → sensitive),
    the companies met so far by name."""

    run_id: int
    hash_key: bytes
    options: dict[tuple[str, str, str], bool]
    companies: dict[str, int] = field(default_factory=dict)


@dataclass
class BatchOutcome:
    imported: int = 0
    matched: int = 0
    problems: list[CellProblem] = field(default_factory=list)
    guest_of: dict[int, int] = field(default_factory=dict)  # row → the card it created or matched
    touched: list[int] = field(default_factory=list)  # cards created or changed


@dataclass
class _Card:
    """A new card being assembled from one or more rows of the batch. It shares its first row's
    values (they are not changed in place) until a later row of the same guest is absorbed."""

    row: int
    general: Mapping[str, Any]
    documents: Sequence[Mapping[str, Any]]
    contacts: Sequence[Mapping[str, Any]]
    company: str | None
    preferences: Sequence[tuple[str, str, str]]
    dates: Sequence[Mapping[str, Any]]
    prepared: PreparedGuestRow | None  # what the row's parser computed, while the card is that row alone

    @classmethod
    def of(cls, r: GuestRow) -> _Card:
        return cls(r.row, r.general, r.documents, r.contacts, r.company, r.preferences, r.special_dates,
                   r if isinstance(r, PreparedGuestRow) else None)

    def absorb(self, r: GuestRow) -> None:
        """A later row of the same guest fills what is still empty; it never overwrites."""
        if self.prepared is not None:  # the card's own parts, if its row came without them
            first = whole(self.prepared)
            self.documents, self.contacts, self.dates = first.documents, first.contacts, first.special_dates
        self.prepared = None
        self.general = {**r.general, **self.general}
        have = {(d["doc_type"], d["number"]) for d in self.documents}
        self.documents = [*self.documents, *(d for d in r.documents if (d["doc_type"], d["number"]) not in have)]
        have = {(c["kind"], contact_key(c["kind"], c["value"])) for c in self.contacts}
        self.contacts = [*self.contacts,
                         *(c for c in r.contacts if (c["kind"], contact_key(c["kind"], c["value"])) not in have)]
        self.company = self.company or r.company
        self.preferences = [*self.preferences, *(p for p in r.preferences if p not in self.preferences)]
        kinds = {d["kind"] for d in self.dates}
        self.dates = [*self.dates, *(d for d in r.special_dates if d["kind"] not in kinds)]


class BatchWriter:
    def __init__(self, session: Session, audit: AuditTrail, state: RunState) -> None:
        self.s = session
        self.audit = audit
        self.state = state

    def write(self, rows: list[GuestRow], find_only: frozenset[int] = frozenset(),
              refresh: bool = True) -> BatchOutcome:
        """Match or create the cards of ``rows``; a row in ``find_only`` (a stay row without a
        name) must match an existing card, or it is rejected. Without ``refresh`` the caller
        refreshes the search rows of ``touched`` itself (after adding what it adds)."""
        out = BatchOutcome()
        placed: dict[int, Target] = {}
        if self.s.get_bind().dialect.name == "postgresql":
            # The look-ups run with the same text batch after batch: psycopg prepares them and
            # PostgreSQL then switches to a generic plan that filters 500 keys row by row
            # (measured: 0.03 s per batch becoming 0.25 s and growing). A plan per batch keeps
            # the (kind, value_key) index in use.
            self.s.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
        keys = {r.row: self._keys(r) for r in rows}
        found = self._lookup(k for ks in keys.values() for k in ks)
        local: dict[Key, Target] = {}
        cards: list[_Card] = []
        updates: dict[int, list[GuestRow]] = defaultdict(list)
        for r in rows:
            targets: set[Target] = set()
            for k in keys[r.row]:
                if k in local:
                    targets.add(local[k])
                else:
                    targets.update(("db", g) for g in found.get(k, ()))
            if len(targets) > 1:
                ids = sorted(t[1] for t in targets if t[0] == "db")
                out.problems.append(CellProblem(r.row, _match_column(keys[r.row], found), "row",
                                                "matches_several_guests", (("guests", ", ".join(map(str, ids))),)))
                continue
            if not targets and r.row in find_only:
                out.problems.append(CellProblem(r.row, _match_column(keys[r.row], {}), "guest", "guest_not_found"))
                continue
            if targets:
                target = targets.pop()
                out.matched += 1
                if target[0] == "db":
                    updates[target[1]].append(whole(r))
                else:
                    cards[target[1]].absorb(whole(r))
            else:
                target = ("new", len(cards))
                cards.append(_Card.of(r))
                out.imported += 1
            placed[r.row] = target
            for k in keys[r.row]:
                local.setdefault(k, target)
        self._resolve_companies({c.company for c in cards} | {r.company for rs in updates.values() for r in rs})
        created = self._insert(cards)
        if refresh:
            self._index_new(created)
        out.guest_of = {row: created[t[1]] if t[0] == "new" else t[1] for row, t in placed.items()}
        changed = self._fill(updates)
        out.touched = [*created, *sorted(changed)]
        if refresh:  # the new cards' rows are in already (``_index_new``)
            refresh_search(self.s, sorted(changed))
        return out

    # ---------------------------------------------------------------- matching

    def _keys(self, r: GuestRow) -> list[Key]:
        return match_keys(r, self.state.hash_key)

    def _lookup(self, keys: Iterable[Key]) -> dict[Key, set[int]]:
        """The open cards each key points at: one statement per kind with the batch's keys as one
        parameter (a JSON array on SQLite, an array on PostgreSQL): an IN list of thousands of
        bound values costs more to build than the look-up itself."""
        wanted: dict[str, set[str]] = defaultdict(set)
        for kind, key in keys:
            wanted[kind].add(key)
        found: dict[Key, set[int]] = defaultdict(set)
        postgres = self.s.get_bind().dialect.name == "postgresql"
        among = "= ANY(:keys)" if postgres else "IN (SELECT value FROM json_each(:keys))"
        for kind, sql in (("document", f"SELECT d.number_hash, d.guest_id FROM guest_documents d "
                                       f"JOIN guests g ON g.id = d.guest_id WHERE d.number_hash {among} "),
                          ("phone", f"SELECT c.value_key, c.guest_id FROM guest_contacts c JOIN guests g "
                                    f"ON g.id = c.guest_id WHERE c.kind = 'phone' AND c.value_key {among} "),
                          ("email", f"SELECT c.value_key, c.guest_id FROM guest_contacts c JOIN guests g "
                                    f"ON g.id = c.guest_id WHERE c.kind = 'email' AND c.value_key {among} ")):
            if wanted[kind]:
                values = sorted(wanted[kind])
                for key, gid in self.s.execute(text(sql + OPEN_CARD),
                                               {"keys": values if postgres else json.dumps(values)}):
                    found[(kind, key)].add(gid)
        return found

    def _resolve_companies(self, names: set[str | None]) -> None:
        """Companies by exact name; one not known yet is created (kind "other")."""
        cache = self.state.companies
        missing = sorted(n for n in names if n and n not in cache)
        if not missing:
            return
        for cid, name in self.s.execute(select(Company.id, Company.name).where(Company.name.in_(missing))
                                        .order_by(Company.id)):
            cache.setdefault(name, cid)
        for name in missing:
            if name not in cache:
                company = Company(name=name, kind="other", status="active")
                self.s.add(company)
                self.s.flush()
                self.audit.created("company", company.id, {"name": name, "kind": "other"})
                cache[name] = company.id

    # ---------------------------------------------------------------- new cards

    def _insert(self, cards: list[_Card]) -> list[int]:
        """Insert the new cards with their parts (their search rows: ``_index_new``). A card made
        of one prepared row goes in as its row prepared it (``NewCardRows``), its ids and time
        stamps put in front; the others are built here."""
        self._written: tuple[list[dict[str, Any]], list[dict], list[tuple[int, NewCardRows]]] = ([], [], [])
        if not cards:
            return []
        user = self.audit.actor.user_id
        ids = new_ids(self.s, Guest.__table__, len(cards))
        made = [(gid, c.prepared.new_card) for gid, c in zip(ids, cards, strict=True)
                if c.prepared is not None and c.prepared.new_card is not None]
        if made:
            now = utcnow()
            stamps = (stored_value(self.s, Guest.created_at, now), stored_value(self.s, Guest.updated_at, now))
            insert_tuples(self.s, Guest.__table__, ("id", "created_by", *GUEST_COLUMNS, *STAMPS),
                          [(gid, user, *n.guest, *stamps) for gid, n in made])
            for table, columns, part in ((GuestDocument.__table__, DOCUMENT_COLUMNS, 1),
                                         (GuestContact.__table__, CONTACT_COLUMNS, 2),
                                         (SpecialDate.__table__, DATE_COLUMNS, 3)):
                insert_tuples(self.s, table, ("guest_id", *columns, *STAMPS),
                              [(gid, *row, *stamps) for gid, n in made for row in n[part]])
        ready = {gid for gid, _ in made}
        rows, docs, contacts, prefs, dates = [], [], [], [], []
        for gid, c in zip(ids, cards, strict=True):
            prefs += [{"guest_id": gid, "pref_group": g, "pref_key": k, "value": v, "note": None,
                       "sensitive": self.state.options[(g, k, v)], "created_by": user} for g, k, v in c.preferences]
            if gid in ready:
                continue
            values = {"id": gid, **GUEST_DEFAULTS, **c.general, "created_by": user,
                      "company_id": self.state.companies.get(c.company) if c.company else None}
            values["pinyin"] = c.prepared.pinyin if c.prepared else (
                card_pinyin(values["family_name"], values["given_name"]) or None)
            rows.append(values)
            hashes = [k for kind, k in c.prepared.keys if kind == "document"] if c.prepared else \
                [document_hash(d["doc_type"], d["number"], self.state.hash_key) for d in c.documents]
            docs += [{**d, "guest_id": gid, "is_primary": i == 0, "number_hash": h}
                     for i, (d, h) in enumerate(zip(c.documents, hashes, strict=True))]
            contacts += [{**contact, "guest_id": gid} for contact in contact_rows(c.contacts)]
            dates += [{**d, "guest_id": gid, "company_id": None} for d in c.dates]
        for model, values in ((Guest, rows), (GuestDocument, docs), (GuestContact, contacts),
                              (GuestPreference, prefs), (SpecialDate, dates)):
            insert_rows(self.s, model.__table__, values)
        self._audit_created(ids, cards)
        self._written = (rows, contacts, made)
        return ids

    def _index_new(self, ids: list[int]) -> None:
        """The search rows of the cards ``_insert`` just wrote, built from what it wrote (no
        read-back) and inserted at once, the SQLite FTS5 and term rows added once for the batch."""
        rows, contacts, made = self._written
        if not ids:
            return
        # A card made of one prepared row without a company: its row as prepared, given its id.
        prepared = [(gid, with_guest_id(n.rank_base, gid), *n.search) for gid, n in made if n.search is not None]
        company_ids = {r["company_id"] for r in rows if r["company_id"] is not None}
        companies = {cid: (name, latin) for cid, name, latin in self.s.execute(
            select(Company.id, Company.name, Company.name_latin).where(Company.id.in_(company_ids)))} \
            if company_ids else {}
        parts: dict[int, list[tuple[str, str, str, bool]]] = defaultdict(list)
        for c in contacts:  # in insertion (= id) order, as the index reads them
            parts[c["guest_id"]] += search_parts([c])
        built = rows_of_new_guests([NewGuest(r["id"], r["family_name"], r["given_name"], r["latin_name"], r["pinyin"],
                                             r["status"], r["vip_code"], *companies.get(r["company_id"], (None, None)))
                                    for r in rows], parts)
        with search_bulk.new_rows(self.s, [r[0] for r in prepared] + [r["guest_id"] for r in built]):
            insert_tuples(self.s, GuestSearch.__table__, ("guest_id", "rank_key", *SEARCH_COLUMNS), prepared)
            insert_rows(self.s, GuestSearch.__table__, built)

    def _audit_created(self, ids: list[int], cards: list[_Card]) -> None:
        """One light ``create`` row per new card (the run's summary row has the totals), written
        as the AuditTrail writes them but in one executemany: thousands of ORM objects would
        cost the import more than the cards themselves."""
        actor, at = self.audit.actor, stored_value(self.s, AuditEntry.at, utcnow())
        note = f"import run {self.state.run_id}"
        insert_tuples(self.s, AuditEntry.__table__, _AUDIT_COLUMNS, [
            (at, actor.user_id, actor.username, "create", "guest", str(gid),
             render(c.general.get("family_name", "") + c.general.get("given_name", "") or c.general.get("latin_name")),
             f"{note}, row {c.row}") for gid, c in zip(ids, cards, strict=True)])

    # ---------------------------------------------------------------- matched cards

    def _fill(self, updates: dict[int, list[GuestRow]]) -> set[int]:
        """Matched cards gain what they lack; returns the ids of the cards that changed. The
        cards are locked and read as plain rows first: a re-import that brings nothing new
        loads no ORM object and writes nothing."""
        if not updates:
            return set()
        ids = sorted(updates)
        current = {r.id: r._asdict() for r in self.s.execute(
            select(Guest.id, Guest.pinyin, Guest.company_id, *(getattr(Guest, c) for c in FILLABLE))
            .where(Guest.id.in_(ids)).with_for_update())}
        docs = _existing(self.s, GuestDocument.number_hash, ids)
        contacts = _existing(self.s, GuestContact.value_key, ids)
        kinds = _existing(self.s, GuestContact.kind, ids)
        prefs = {(r.guest_id, (r.pref_group, r.pref_key, r.value)) for r in self.s.execute(
            select(GuestPreference.guest_id, GuestPreference.pref_group, GuestPreference.pref_key,
                   GuestPreference.value).where(GuestPreference.guest_id.in_(ids)))}
        dates = _existing(self.s, SpecialDate.kind, ids)
        changed: set[int] = set()
        for gid in ids:
            for r in updates[gid]:
                values = self._empty_fields(current[gid], r)
                if values:
                    self.audit.changed("guest", gid, self.s.get(Guest, gid), values)
                    current[gid].update(values)
                    changed.add(gid)
                for d in r.documents:
                    h = document_hash(d["doc_type"], d["number"], self.state.hash_key)
                    if (gid, h) not in docs:
                        add_document_row(self.s, self.audit, gid, dict(d), self.state.hash_key,
                                         primary=not any(k == gid for k, _ in docs))
                        docs.add((gid, h))
                        changed.add(gid)
                for c in r.contacts:
                    key = contact_key(c["kind"], c["value"])
                    if (gid, key) not in contacts:
                        add_contact_row(self.s, self.audit, gid, dict(c), primary=(gid, c["kind"]) not in kinds)
                        contacts.add((gid, key))
                        kinds.add((gid, c["kind"]))
                        changed.add(gid)
                for p in r.preferences:
                    if (gid, p) not in prefs:
                        self._add(GuestPreference, "guest_preference", gid, pref_group=p[0], pref_key=p[1],
                                  value=p[2], sensitive=self.state.options[p], created_by=self.audit.actor.user_id)
                        prefs.add((gid, p))
                for d in r.special_dates:
                    if (gid, d["kind"]) not in dates:
                        self._add(SpecialDate, "special_date", gid, **d)
                        dates.add((gid, d["kind"]))
        return changed

    def _empty_fields(self, current: dict[str, Any], r: GuestRow) -> dict[str, Any]:
        values = {k: v for k, v in r.general.items() if current[k] in (None, "")}
        if r.company and current["company_id"] is None:
            values["company_id"] = self.state.companies[r.company]
        if not current["pinyin"] and ("family_name" in values or "given_name" in values):
            pinyin = card_pinyin(values.get("family_name", current["family_name"]),
                             values.get("given_name", current["given_name"]))
            if pinyin:
                values["pinyin"] = pinyin
        return values

    def _add(self, model, entity: str, guest_id: int, **values) -> None:
        row = model(guest_id=guest_id, **values)
        self.s.add(row)
        self.s.flush()
        self.audit.created(entity, row.id, {"guest_id": guest_id, **values})


def _existing(s: Session, column, ids: list[int]) -> set[tuple[int, Any]]:
    model = column.class_
    return {(gid, v) for gid, v in s.execute(select(model.guest_id, column).where(model.guest_id.in_(ids)))}


def _match_column(keys: list[Key], found: dict[Key, set[int]]) -> str:
    for kind, key in keys:
        if len(found.get((kind, key), ())) > 1:
            return "id_number" if kind == "document" else kind
    return "id_number" if keys and keys[0][0] == "document" else (keys[0][0] if keys else "")
