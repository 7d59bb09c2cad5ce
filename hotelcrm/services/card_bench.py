"""``hotelcrm bench card``: opening and saving a heavy guest card (DESIGN.md §7: 100 stays,
20 complaints, 500 ledger rows; open p95 ≤ 30 ms, save p95 ≤ 10 ms), on a database that also
holds N demo guests. The heavy card is made once and reused by later runs.

Beside the save, ``commit_ms`` times the floor of any save in the same run: one write
transaction through the same session factory that sets the bench card's ``updated_at`` (nothing
else; SQLite skips a write whose bytes do not change) and commits: on SQLite the fsync of
``synchronous=FULL`` (DESIGN.md §8), on PostgreSQL the WAL flush. No save can be faster."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from hotelcrm.db.engine import Database
from hotelcrm.db.models import (
    Complaint,
    ComplaintCategory,
    Guest,
    LoyaltyTier,
    Membership,
    PointsEntry,
    Stay,
)

from . import search_index
from .actor import Actor
from .bench_stats import percentiles, timed_ms
from .demo_service import DemoService
from .guest_card_service import GuestCardService
from .guest_dto import ContactDraft, DocumentDraft, GuestDraft

BENCH_VIP_CODE = "BENCH"  # marks the heavy card so that a later run finds it again
STAYS, COMPLAINTS, LEDGER_ROWS = 100, 20, 500


@dataclass(frozen=True)
class CardBenchResult:
    guests: int
    backend: str
    runs: int
    guest_id: int
    stays: int
    complaints: int
    ledger_rows: int
    open_ms: dict[str, float]
    save_ms: dict[str, float]
    commit_ms: dict[str, float]  # baseline: a one-column write transaction, committed


def run(db: Database, guests: int, runs: int = 200, progress=None) -> CardBenchResult:
    actor = Actor.system()
    guest_id = prepare(db, guests, actor, progress)
    cards = GuestCardService(db, actor)
    card = cards.card(guest_id)
    draft = GuestDraft(family_name=card.family_name, given_name=card.given_name, latin_name=card.latin_name,
                       gender=card.gender, birth_date=card.birth_date, nationality=card.nationality,
                       vip_code=BENCH_VIP_CODE, position="Manager")
    open_samples, save_samples, commit_samples = [], [], []
    for i in range(runs):
        open_samples.append(timed_ms(lambda: cards.card(guest_id)))
        changed = replace(draft, position="Director" if i % 2 else "Manager")  # a real change every time
        started = time.perf_counter()
        card = cards.update(guest_id, card.version, changed)
        save_samples.append((time.perf_counter() - started) * 1000)
        commit_samples.append(timed_ms(lambda: _bare_commit(db, guest_id)))
    return CardBenchResult(guests, db.backend, runs, guest_id, STAYS, COMPLAINTS, LEDGER_ROWS,
                           percentiles(open_samples), percentiles(save_samples), percentiles(commit_samples))


def _bare_commit(db: Database, guest_id: int) -> None:
    with db.write() as s:
        s.execute(update(Guest.__table__).where(Guest.id == guest_id).values(updated_at=datetime.now(UTC)))


def prepare(db: Database, guests: int, actor: Actor, progress=None) -> int:
    """Demo guests (when the database is empty) plus the heavy card; returns its id."""
    with db.read() as s:
        count = s.scalar(select(func.count()).select_from(Guest))
        found = s.scalar(select(Guest.id).where(Guest.vip_code == BENCH_VIP_CODE))
    if found:
        return found
    if not count:
        if progress:
            progress("demo")
        DemoService(db, actor).load(guests=guests, seed=7)
    if progress:
        progress("card")
    card = GuestCardService(db, actor).create(GuestDraft(
        family_name="欧阳", given_name="明轩", latin_name="OUYANG MINGXUAN", gender="M",
        birth_date=date(1978, 6, 18), nationality="CHN", vip_code=BENCH_VIP_CODE,
        documents=(DocumentDraft("passport", "E12345678", "CHN"),),
        contacts=(ContactDraft("phone", "+8613911112222"), ContactDraft("email", "ouyang.bench@example.com"))))
    with db.write() as s:
        _history(s, card.id, random.Random(7))
        search_index.refresh_guests(s, [card.id])
    return card.id


def _history(s: Session, guest_id: int, rng: random.Random) -> None:
    """100 checked-out stays, 20 complaints and 500 ledger rows, written directly (the complaint
    and loyalty services come with later issues)."""
    start = date.today() - timedelta(days=STAYS * 30)
    s.execute(insert(Stay), [{
        "guest_id": guest_id, "status": "checked_out", "arrival_date": start + timedelta(days=30 * i),
        "departure_date": start + timedelta(days=30 * i + 2), "room_no": f"{rng.randint(3, 28):02d}{rng.randint(1, 30):02d}",
        "room_type": rng.choice(("Deluxe King", "Executive Twin", "Suite")), "rate_cents": 98_000,
        "spend_room_cents": 196_000, "spend_fnb_cents": rng.randint(0, 80_000), "source": "demo"}
        for i in range(STAYS)])
    category = s.scalar(select(ComplaintCategory.id).limit(1))
    if category is None:
        category = ComplaintCategory(code="bench", name_en="Bench", name_zh="测试")
        s.add(category)
        s.flush()
        category = category.id
    now = datetime.now(UTC)
    s.execute(insert(Complaint), [{
        "number": f"TS-BENCH-{guest_id}-{i:03d}", "guest_id": guest_id, "channel": "in_person",
        "category_id": category, "severity": "medium", "received_at": now - timedelta(days=40 * i),
        "guest_words": "房间空调噪音太大。", "state": "closed"} for i in range(COMPLAINTS)])
    tier = s.scalar(select(LoyaltyTier.id).order_by(LoyaltyTier.rank).limit(1))
    if tier is None:
        tier_row = LoyaltyTier(code="bench", name_en="Bench", name_zh="测试", rank=99)
        s.add(tier_row)
        s.flush()
        tier = tier_row.id
    membership = Membership(guest_id=guest_id, member_no=f"BENCH{guest_id}", tier_id=tier, enrolled_on=start)
    s.add(membership)
    s.flush()
    s.execute(insert(PointsEntry), [{
        "membership_id": membership.id, "kind": "earn", "points": rng.randint(100, 3000),
        "effective_on": start + timedelta(days=i * 6), "reason": "bench"} for i in range(LEDGER_ROWS)])
