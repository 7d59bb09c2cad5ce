"""Realistic, bilingual demo data for training, demonstrations and measurements."""

from __future__ import annotations

import random
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from hotelcrm.db.models import Company, Guest, GuestAddress, GuestContact, GuestDocument, SpecialDate
from hotelcrm.domain.errors import HotelCrmError, ValidationError
from hotelcrm.domain.id_numbers import document_hash
from hotelcrm.domain.permissions import Permission

from . import demo_complaints, demo_logbook, demo_loyalty, demo_reports, demo_stays, search_index
from . import demo_generators as gen
from .base import Service
from .settings_service import id_hash_key

BATCH = 1000
MAX_GUESTS = 2_000_000
VIP_SHARE = 0.03
BLACKLIST_SHARE = 0.006

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoResult:
    """What one load inserted (``seed`` reproduces it)."""

    seed: int
    guests: int
    chinese_guests: int
    foreign_guests: int
    companies: int
    documents: int
    contacts: int
    addresses: int
    special_dates: int
    vip_guests: int
    blacklisted_guests: int
    seconds: float
    stays: int = 0
    in_house_stays: int = 0
    arriving_today: int = 0
    preferences: int = 0
    observations: int = 0
    feedback: int = 0
    complaints: int = 0


class _Counts:
    def __init__(self) -> None:
        self.values = dict.fromkeys(("guests", "chinese_guests", "foreign_guests", "companies", "documents",
                                     "contacts", "addresses", "special_dates", "vip_guests",
                                     "blacklisted_guests", "stays", "in_house_stays", "arriving_today",
                                     "preferences", "observations", "feedback",
                                     "complaints"), 0)

    def add(self, key: str, n: int = 1) -> None:
        self.values[key] += n


class DemoService(Service):
    """Loads demo guests into an empty database (administrators only). The same seed gives the
    same guests, documents and contacts (within a calendar year).

    One generator function per entity (``demo_generators``), bulk inserts per batch, one audit
    row per load. Stays, complaints, loyalty and the log are added by later generators."""
    not_retried = {  # a Busy refusal is not run again (base.Service; docs/hardening.md)
        "load": "one long transaction that reports progress to the caller; a refusal is shown, "
                "the user loads again",
    }

    def load(self, guests: int = 500, seed: int | None = None, progress: Progress | None = None) -> DemoResult:
        self._require(Permission.DEMO_LOAD)
        if not isinstance(guests, int) or not 1 <= guests <= MAX_GUESTS:
            raise ValidationError("guests", "out_of_range", min=1, max=MAX_GUESTS)
        seed = secrets.randbelow(2**31) if seed is None else seed
        rng = random.Random(seed)
        # Ages and expiry dates count from 1 January: the same seed gives the same data all year.
        today = date(date.today().year, 1, 1)
        started = time.perf_counter()
        counts = _Counts()
        with self._write("demo") as (s, audit):
            existing = s.scalar(select(func.count()).select_from(Guest))
            if existing:
                raise HotelCrmError("demo_not_empty", guests=existing)
            key = id_hash_key(s, audit)
            uniques = gen.Uniques()
            company_ids, company_kinds = _insert_companies(s, rng, today, uniques, max(1, round(guests / 20)),
                                                           counts)
            vip, blacklisted = _special_guests(rng, guests)
            # Stays draw from their own generator: the guests stay the same for a seed.
            stays = demo_stays.StayMaker(s, random.Random(f"stays:{seed}"), date.today(), guests)
            for start in range(0, guests, BATCH):
                indexes = range(start, min(start + BATCH, guests))
                drafts = [_draft(rng, today, uniques, company_kinds, i in vip, i in blacklisted) for i in indexes]
                ids = _insert_guests(s, drafts, company_ids, key, counts)
                stays.add(s, [(i, d.guest) for i, d in zip(ids, drafts, strict=True)], counts)
                if progress is not None:
                    progress(indexes.stop, guests)
            demo_complaints.add(s, audit, random.Random(f"complaints:{seed}"), guests, counts)
            demo_logbook.add(s, random.Random(f"logbook:{seed}"))
            demo_loyalty.add(s, audit, random.Random(f"loyalty:{seed}"))
            demo_reports.add(s, random.Random(f"reports:{seed}"))
            search_index.rebuild_all(s)
            result = DemoResult(seed=seed, seconds=round(time.perf_counter() - started, 3), **counts.values)
            audit.record("demo_load", "demo", None, new=dict(counts.values), note=f"seed={seed}")
        return result


def _draft(rng: random.Random, today: date, uniques: gen.Uniques, company_kinds: list[str], vip: bool,
           blacklisted: bool) -> gen.GuestDraft:
    draft = gen.guest(rng, today, uniques)
    gen.attach_company(rng, draft, company_kinds)
    if vip:
        gen.mark_vip(rng, draft)
    if blacklisted:
        gen.mark_blacklisted(rng, draft)
    return draft


def _special_guests(rng: random.Random, guests: int) -> tuple[set[int], set[int]]:
    """A few VIPs and blacklisted cards, at least one of each in any demo of 20 guests or more."""
    n_vip = max(1, round(guests * VIP_SHARE))
    n_black = max(1 if guests >= 20 else 0, round(guests * BLACKLIST_SHARE))
    chosen = rng.sample(range(guests), min(guests, n_vip + n_black))
    return set(chosen[:n_vip]), set(chosen[n_vip:])


def _returning_ids(model):
    # Core inserts on the table, not ORM bulk inserts: the ORM falls back to one statement per
    # row for these versioned models, Core sends a few multi-row INSERT ... RETURNING.
    table = model.__table__
    return insert(table).returning(table.c.id, sort_by_parameter_order=True)


def _insert_rows(s: Session, model, rows: list[dict]) -> None:
    # Plain executemany: psycopg pipelines it, SQLite batches it; measured faster on both than
    # multi-row INSERT ... RETURNING, which only the rows whose ids we need pay for.
    s.execute(insert(model.__table__), rows)


def _insert_companies(s: Session, rng: random.Random, today: date, uniques: gen.Uniques, n: int,
                      counts: _Counts) -> tuple[list[int], list[str]]:
    made = [gen.company(rng, today, uniques) for _ in range(n)]
    ids = list(s.scalars(_returning_ids(Company), [row for row, _ in made]))
    _insert_rows(s, SpecialDate, [{**day, "company_id": cid, "guest_id": None}
                                    for cid, (_, day) in zip(ids, made, strict=True)])
    counts.add("companies", n)
    counts.add("special_dates", n)
    return ids, [row["kind"] for row, _ in made]


def _insert_guests(s: Session, drafts: list[gen.GuestDraft], company_ids: list[int], key: bytes,
                   counts: _Counts) -> list[int]:
    rows = []
    for draft in drafts:
        if draft.company is not None:
            draft.guest["company_id"] = company_ids[draft.company]
        rows.append(draft.guest)
    ids = list(s.scalars(_returning_ids(Guest), rows))
    documents, contacts, addresses, dates = [], [], [], []
    for guest_id, draft in zip(ids, drafts, strict=True):
        documents += [{**d, "guest_id": guest_id, "number_hash": document_hash(d["doc_type"], d["number"], key)}
                      for d in draft.documents]
        contacts += [{**c, "guest_id": guest_id} for c in draft.contacts]
        addresses += [{**a, "guest_id": guest_id} for a in draft.addresses]
        dates += [{**d, "guest_id": guest_id, "company_id": None} for d in draft.special_dates]
        chinese = draft.guest["nationality"] == "CHN"
        counts.add("chinese_guests" if chinese else "foreign_guests")
        counts.add("vip_guests", draft.guest["vip_code"] is not None)
        counts.add("blacklisted_guests", draft.guest["status"] == "blacklisted")
    for model, batch in ((GuestDocument, documents), (GuestContact, contacts), (GuestAddress, addresses),
                         (SpecialDate, dates)):
        if batch:
            _insert_rows(s, model, batch)
    counts.add("guests", len(ids))
    counts.add("documents", len(documents))
    counts.add("contacts", len(contacts))
    counts.add("addresses", len(addresses))
    counts.add("special_dates", len(dates))
    return ids
