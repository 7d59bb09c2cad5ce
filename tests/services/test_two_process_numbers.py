"""Complaint numbers and member numbers stay unique and gap-free when two desks in two separate
processes (as on two PCs) save at the same moment, on SQLite and PostgreSQL."""

from __future__ import annotations

import multiprocessing
from datetime import datetime

from hotelcrm.db.models import Guest
from hotelcrm.services.loyalty_config_service import LoyaltyConfigService

from .complaint_helpers import category_id
from .desk_process import run_desk

PER_DESK = 8


def at_two_processes(db, actors, kind: str, items: list[list[int]]) -> list[str]:
    spawn = multiprocessing.get_context("spawn")
    start, results = spawn.Barrier(2), spawn.Queue()
    url = db.engine.url.render_as_string(hide_password=False)
    desks = [spawn.Process(target=run_desk, args=(url, (a.user_id, a.username, a.role.value), kind, part,
                                                  start, results))
             for a, part in zip(actors, items, strict=True)]
    for p in desks:
        p.start()
    answers = [results.get(timeout=120) for _ in desks]
    for p in desks:
        p.join(timeout=60)
    assert [a for a in answers if a[0] != "ok"] == []
    assert all(p.exitcode == 0 for p in desks)
    return [n for _ok, numbers in answers for n in numbers]


def test_complaint_numbers_from_two_processes_are_unique(db, make_actor):
    actors = [make_actor("lobby_manager"), make_actor("clerk")]
    category = category_id(db, actors[0])
    numbers = at_two_processes(db, actors, "complaint", [[category] * PER_DESK] * 2)
    year = datetime.now().year
    assert sorted(numbers) == [f"TS-{year}-{i:06d}" for i in range(1, 2 * PER_DESK + 1)]


def test_member_numbers_from_two_processes_are_unique(db, make_actor):
    actors = [make_actor("clerk"), make_actor("clerk")]
    LoyaltyConfigService(db, actors[0]).tiers()
    with db.write() as s:
        rows = [Guest(family_name="测", given_name=f"试{i}") for i in range(2 * PER_DESK)]
        s.add_all(rows)
        s.flush()
        ids = [g.id for g in rows]
    numbers = at_two_processes(db, actors, "member", [ids[0::2], ids[1::2]])
    assert sorted(numbers) == [f"M{i:06d}" for i in range(1, 2 * PER_DESK + 1)]
