"""Shifts of the lobby manager's log (DESIGN.md §2.4): a lobby manager opens the shift; the
outgoing manager closes it with a handover listing every open follow-up and open complaint; the
incoming manager acknowledges it. Clerks read (LOG_READ); opening, closing and acknowledging
need SHIFT_MANAGE; the shift pattern is a setting the administrator changes."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotelcrm.db.models import Shift, utcnow
from hotelcrm.db.models.logbook import ShiftHandoverItem
from hotelcrm.domain import logbook_shifts as shifts
from hotelcrm.domain.errors import HotelCrmError, NotFound
from hotelcrm.domain.permissions import Permission
from hotelcrm.domain.text_rules import clean_text

from . import logbook_queries as q
from .base import Service, load_row
from .logbook_dto import HandoverInfo, HandoverItemInfo, ShiftInfo
from .settings_service import read_setting, write_setting

PATTERN_KEY = "logbook.shift_pattern"
OPEN_DAYS_BACK = 2  # a shift forgotten over a weekend can still be opened and logged


def read_pattern(s: Session) -> shifts.ShiftPattern:
    try:
        return shifts.parse_pattern(read_setting(s, PATTERN_KEY) or shifts.DEFAULT_PATTERN)
    except HotelCrmError:
        return shifts.DEFAULT


def local_now() -> datetime:
    return datetime.now().astimezone()


class LogbookShiftService(Service):
    def pattern(self) -> shifts.ShiftPattern:
        self._require(Permission.LOG_READ)
        with self._read() as s:
            return read_pattern(s)

    def set_pattern(self, value: dict[str, str]) -> shifts.ShiftPattern:
        self._require(Permission.SETTINGS_ADMIN)
        pattern = shifts.parse_pattern(value)
        with self._write("setting", PATTERN_KEY) as (s, audit):
            write_setting(s, audit, PATTERN_KEY, pattern.as_setting())
        return pattern

    def expected(self, moment: datetime | None = None) -> tuple[date, str]:
        """The shift the clock says it is (local time)."""
        with self._read() as s:
            return shifts.shift_for((moment or local_now()).replace(tzinfo=None), read_pattern(s))

    def current(self) -> ShiftInfo | None:
        """The open shift, if any (at most one is open at a time)."""
        self._require(Permission.LOG_READ)
        with self._read() as s:
            row = _open_shift(s)
            return q.shift_info(s, row) if row else None

    def get(self, shift_id: int) -> ShiftInfo:
        self._require(Permission.LOG_READ)
        with self._read() as s:
            row = s.get(Shift, shift_id)
            if row is None:
                raise NotFound("shift", shift_id)
            return q.shift_info(s, row)

    def between(self, first: date, last: date) -> list[ShiftInfo]:
        self._require(Permission.LOG_READ)
        with self._read() as s:
            return q.shift_infos(s, q.shifts_between(s, first, last))

    def open_shift(self, shift_date: date | None = None, kind: str | None = None) -> ShiftInfo:
        """Open the shift (default: the one the clock says, or the one after it when that one was
        already worked and closed early). Refused while another is open: the outgoing manager
        closes first, so every shift has its handover."""
        self._require(Permission.SHIFT_MANAGE)
        with self._write("shift") as (s, audit):
            expected = shifts.shift_for(local_now().replace(tzinfo=None), read_pattern(s))
            latest = expected
            if shift_date is None and kind is None:
                day, kind = expected
                if _exists(s, day, kind):  # the outgoing manager closed early: the next shift
                    day, kind = latest = shifts.next_shift(day, kind)
            else:
                day = shift_date or expected[0]
                kind = shifts.check_kind(kind or (expected[1] if day == expected[0] else None))
            if shifts.shift_sort_key(day, kind) > shifts.shift_sort_key(*latest):
                raise HotelCrmError("logbook_shift_in_future")
            if day < expected[0] - timedelta(days=OPEN_DAYS_BACK):
                raise HotelCrmError("logbook_shift_too_old", days=OPEN_DAYS_BACK)
            still_open = _open_shift(s)
            if still_open is not None:
                raise HotelCrmError("logbook_shift_still_open", date=still_open.shift_date.isoformat(),
                                    kind=still_open.kind)
            if _exists(s, day, kind):
                raise HotelCrmError("logbook_shift_exists", date=day.isoformat(), kind=kind)
            row = Shift(shift_date=day, kind=kind, status="open", opened_by=self.actor.user_id, opened_at=utcnow())
            s.add(row)
            s.flush()
            audit.created("shift", row.id, {"shift_date": day, "kind": kind, "status": "open",
                                            "opened_by": self.actor.user_id})
            return q.shift_info(s, row)

    def handover_preview(self) -> list[HandoverItemInfo]:
        """What the handover would list if the shift closed now."""
        self._require(Permission.LOG_READ)
        with self._read() as s:
            return q.handover_items_now(s)

    def close(self, shift_id: int, expected_version: int, handover_note: str | None = None) -> HandoverInfo:
        """Close the shift: its entries become read-only and the handover lists every open
        follow-up and open complaint as they stand now."""
        self._require(Permission.SHIFT_MANAGE)
        note = clean_text(handover_note, "logbook_handover_note", max_len=4000, multiline=True)
        with self._write("shift", shift_id) as (s, audit):
            row = load_row(s, Shift, shift_id, expected_version, "shift")
            if row.status != "open":
                raise HotelCrmError("logbook_shift_not_open", status=row.status)
            items = q.handover_items_now(s)
            for item in items:
                s.add(ShiftHandoverItem(shift_id=row.id, item_kind=item.kind, log_entry_id=item.log_entry_id,
                                        complaint_id=item.complaint_id, summary=item.summary, due_at=item.due_at))
            audit.changed("shift", row.id, row, {"status": "closed", "closed_by": self.actor.user_id,
                                                 "closed_at": utcnow(), "handover_note": note})
            audit.record("handover", "shift", row.id, note=f"{len(items)} open items handed over")
            s.flush()
            return q.handover_info(s, row)

    def acknowledge(self, shift_id: int, expected_version: int) -> HandoverInfo:
        """The incoming manager acknowledges a closed shift's handover (not the one who wrote it)."""
        self._require(Permission.SHIFT_MANAGE)
        with self._write("shift", shift_id) as (s, audit):
            row = load_row(s, Shift, shift_id, expected_version, "shift")
            if row.status != "closed":
                raise HotelCrmError("logbook_shift_not_closed", status=row.status)
            if self.actor.user_id is not None and row.closed_by == self.actor.user_id:
                raise HotelCrmError("logbook_ack_own_handover")
            audit.changed("shift", row.id, row, {"status": "acknowledged",
                                                 "acknowledged_by": self.actor.user_id,
                                                 "acknowledged_at": utcnow()})
            s.flush()
            return q.handover_info(s, row)

    def handover(self, shift_id: int) -> HandoverInfo:
        self._require(Permission.LOG_READ)
        with self._read() as s:
            row = s.get(Shift, shift_id)
            if row is None:
                raise NotFound("shift", shift_id)
            return q.handover_info(s, row)

    def awaiting_acknowledgement(self) -> list[HandoverInfo]:
        self._require(Permission.LOG_READ)
        with self._read() as s:
            rows = s.scalars(select(Shift).where(Shift.status == "closed")
                             .order_by(Shift.shift_date, Shift.closed_at))
            return [q.handover_info(s, r) for r in rows]


def _exists(s: Session, day: date, kind: str) -> bool:
    return s.scalar(select(Shift.id).where(Shift.shift_date == day, Shift.kind == kind)) is not None


def _open_shift(s: Session) -> Shift | None:
    return s.scalars(select(Shift).where(Shift.status == "open").order_by(Shift.opened_at.desc()).limit(1)).first()
