"""The daily log of the lobby manager (for the report): the shifts of one date with their
entries, incident records, addenda, handover signatures and the open items carried over."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from hotelcrm.db.models import Incident, LogEntry
from hotelcrm.domain import logbook_shifts as shifts
from hotelcrm.domain.permissions import Permission

from . import logbook_queries as q
from .base import Service
from .logbook_dto import DailyEntry, DailyLog, DailyShift
from .logbook_incident_service import incident_info
from .logbook_shift_service import read_pattern


class LogbookDailyService(Service):
    def daily(self, day: date) -> DailyLog:
        self._require(Permission.LOG_READ)
        with self._read() as s:
            pattern = read_pattern(s)
            out = []
            for shift in q.shifts_between(s, day, day):
                rows = list(s.scalars(select(LogEntry).where(LogEntry.shift_id == shift.id)
                                      .order_by(LogEntry.occurred_at, LogEntry.id)))
                infos = q.entry_infos(s, rows)
                incidents = {i.log_entry_id: incident_info(s, i) for i in s.scalars(
                    select(Incident).where(Incident.log_entry_id.in_([r.id for r in rows])))} if rows else {}
                addenda: dict[int, list] = {}
                for info in infos:
                    if info.amends_id is not None:
                        addenda.setdefault(info.amends_id, []).append(info)
                # addenda to entries of earlier shifts are listed here too (under no original of this shift)
                entries = [DailyEntry(i, incidents.get(i.id), tuple(addenda.get(i.id, ())))
                           for i in infos if i.amends_id is None or i.amends_id not in {r.id for r in rows}]
                start, end = shifts.shift_window(shift.shift_date, shift.kind, pattern)
                handed = q.handover_info(s, shift).items if shift.status != "open" else ()
                out.append(DailyShift(q.shift_info(s, shift), start.strftime("%H:%M"), end.strftime("%H:%M"),
                                      tuple(entries), tuple(handed)))
            return DailyLog(day, tuple(out))
