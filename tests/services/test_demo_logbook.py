"""The demo log: weeks of shifts with signatures, entries, incidents with witnesses, the last
handover waiting for acknowledgement, and the current shift left to open."""

from __future__ import annotations

from sqlalchemy import func, select

from hotelcrm.db.models import Incident, IncidentWitness, LogEntry, Shift
from hotelcrm.services.demo_service import DemoService
from hotelcrm.services.logbook_glance_service import LogbookGlanceService
from hotelcrm.services.logbook_shift_service import LogbookShiftService


def test_demo_fills_weeks_of_shifts_and_the_next_manager_can_take_over(db, admin, make_actor):
    DemoService(db, admin).load(guests=300, seed=7)
    with db.read() as s:
        shifts = s.scalar(select(func.count()).select_from(Shift))
        entries = s.scalar(select(func.count()).select_from(LogEntry))
        types = set(s.scalars(select(LogEntry.entry_type).distinct()))
        ashtray = s.scalar(select(Incident.id).where(Incident.item.in_(("水晶烟灰缸", "Crystal ashtray"))))
        witnesses = s.scalar(select(func.count()).select_from(IncidentWitness).where(
            IncidentWitness.incident_id == ashtray))
        statuses = dict(s.execute(select(Shift.status, func.count()).group_by(Shift.status)).all())
        addenda = s.scalar(select(func.count()).select_from(LogEntry).where(LogEntry.amends_id.is_not(None)))
    assert shifts >= 28 * 3 and entries >= shifts * 2
    assert {"vip_reception", "guest_opinion", "incident", "inspection", "handover"} <= types
    assert ashtray is not None and witnesses == 2
    assert statuses.get("closed") == 1 and "open" not in statuses
    assert addenda >= 1
    lobby = make_actor("lobby_manager")
    glance = LogbookGlanceService(db, lobby).glance()
    assert len(glance.awaiting_ack) == 1 and glance.shift is None
    waiting = glance.awaiting_ack[0].shift
    LogbookShiftService(db, lobby).acknowledge(waiting.id, waiting.version)
    opened = LogbookShiftService(db, lobby).open_shift()
    assert opened.status == "open"
