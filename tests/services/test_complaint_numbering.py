"""Complaint numbers TS-YYYY-NNNNNN stay unique when two desks save at once (two threads, each
with its own engine and sessions), on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from hotelcrm.db.engine import Database
from hotelcrm.services.complaint_dto import NewComplaint
from hotelcrm.services.complaint_service import ComplaintService

from .complaint_helpers import category_id, receive

PER_DESK = 12


def test_two_desks_saving_at_once_get_unique_consecutive_numbers(db, make_actor):
    actors = [make_actor("lobby_manager"), make_actor("clerk")]
    category = category_id(db, actors[0])
    url = db.engine.url.render_as_string(hide_password=False)
    start = threading.Barrier(len(actors))
    numbers: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def desk(actor):
        own = Database.open(url)  # a second PC: its own engine, pool and sessions
        try:
            svc = ComplaintService(own, actor)
            start.wait()
            for i in range(PER_DESK):
                d = svc.receive(NewComplaint("phone", category, "low", f"{actor.username} complaint {i}"))
                with lock:
                    numbers.append(d.number)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            own.dispose()

    threads = [threading.Thread(target=desk, args=(a,)) for a in actors]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    year = datetime.now().year
    assert sorted(numbers) == [f"TS-{year}-{i:06d}" for i in range(1, 2 * PER_DESK + 1)]


def test_numbers_restart_each_year(db, make_actor):
    lobby = make_actor("lobby_manager")
    this_year = receive(db, lobby)
    last_year = receive(db, lobby, received_at=datetime(2025, 6, 1, 12, tzinfo=UTC))
    assert last_year.number == "TS-2025-000001"
    assert this_year.number.endswith("-000001") and receive(db, lobby).number.endswith("-000002")
