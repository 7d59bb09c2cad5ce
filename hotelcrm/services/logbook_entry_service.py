"""Entries of the lobby manager's log: typed by the five duties (plus handover notes and other),
written into the open shift, linked to guests and complaints, with follow-ups. A closed shift's
entries are read-only; corrections are addenda that keep the original. Clerks read."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotelcrm.db.models import Complaint, Guest, LogEntry, Shift, Stay, utcnow
from hotelcrm.domain import logbook_entries as rules
from hotelcrm.domain.errors import HotelCrmError, NotFound, ValidationError
from hotelcrm.domain.permissions import Permission
from hotelcrm.domain.stay_rules import check_room_no

from . import logbook_queries as q
from .base import Service, load_row
from .logbook_dto import EntryDraft, EntryFilter, EntryInfo, IncidentDraft
from .logbook_incident_service import save_incident

BACKDATE_HOURS = 24  # an entry may be logged up to a day after it happened


class LogbookEntryService(Service):
    def add(self, draft: EntryDraft, incident: IncidentDraft | None = None) -> EntryInfo:
        """A new entry in the open shift (with its incident record for incident entries)."""
        self._require(Permission.LOG_WRITE)
        with self._write("log_entry") as (s, audit):
            shift = s.scalars(select(Shift).where(Shift.status == "open").limit(1)).first()
            if shift is None:
                raise HotelCrmError("logbook_no_open_shift")
            values = self._values(s, draft)
            row = LogEntry(shift_id=shift.id, author_id=self.actor.user_id, **values)
            s.add(row)
            s.flush()
            audit.created("log_entry", row.id, {"shift_id": shift.id, **values})
            if incident is not None:
                if row.entry_type != "incident":
                    raise ValidationError("logbook_entry_type", "logbook_incident_needs_type")
                save_incident(s, audit, row, incident)
            return q.entry_infos(s, [row])[0]

    def update(self, entry_id: int, expected_version: int, draft: EntryDraft) -> EntryInfo:
        """Correct an entry while its shift is open (after closing: ``add_addendum``)."""
        self._require(Permission.LOG_WRITE)
        with self._write("log_entry", entry_id) as (s, audit):
            row = load_row(s, LogEntry, entry_id, expected_version, "log_entry")
            rules.check_editable(s.get(Shift, row.shift_id).status)
            values = self._values(s, draft, keep_time=row.occurred_at)
            if row.amends_id is not None and values["entry_type"] != row.entry_type:
                raise ValidationError("logbook_entry_type", "logbook_addendum_type")
            audit.changed("log_entry", row.id, row, values)
            s.flush()
            return q.entry_infos(s, [row])[0]

    def add_addendum(self, entry_id: int, text: str) -> EntryInfo:
        """An addendum to an entry (of a closed shift, typically): a new entry of the same type
        and shift that points to the original; the original stays as it was written."""
        self._require(Permission.LOG_WRITE)
        body = rules.check_text(text)
        with self._write("log_entry", entry_id) as (s, audit):
            original = s.get(LogEntry, entry_id)
            if original is None:
                raise NotFound("log_entry", entry_id)
            if original.amends_id is not None:  # an addendum to an addendum amends the original
                original = s.get(LogEntry, original.amends_id)
            row = LogEntry(shift_id=original.shift_id, entry_type=original.entry_type, occurred_at=utcnow(),
                           author_id=self.actor.user_id, room_no=original.room_no, guest_id=original.guest_id,
                           complaint_id=original.complaint_id, text=body, followup_required=False,
                           amends_id=original.id)
            s.add(row)
            s.flush()
            audit.created("log_entry", row.id, {"amends_id": original.id, "shift_id": row.shift_id, "text": body})
            return q.entry_infos(s, [row])[0]

    def followup_done(self, entry_id: int, expected_version: int) -> EntryInfo:
        """Mark a follow-up done. Allowed after the shift closed: open items carry over and the
        next shifts finish them; only who and when are written, the entry's words stay."""
        self._require(Permission.LOG_WRITE)
        with self._write("log_entry", entry_id) as (s, audit):
            row = load_row(s, LogEntry, entry_id, expected_version, "log_entry")
            if not row.followup_required:
                raise HotelCrmError("logbook_no_followup")
            if row.followup_done_at is not None:
                raise HotelCrmError("logbook_followup_already_done")
            audit.changed("log_entry", row.id, row, {"followup_done_by": self.actor.user_id,
                                                     "followup_done_at": utcnow()})
            s.flush()
            return q.entry_infos(s, [row])[0]

    def get(self, entry_id: int) -> EntryInfo:
        self._require(Permission.LOG_READ)
        with self._read() as s:
            row = s.get(LogEntry, entry_id)
            if row is None:
                raise NotFound("log_entry", entry_id)
            return q.entry_infos(s, [row])[0]

    def addenda(self, entry_id: int) -> list[EntryInfo]:
        self._require(Permission.LOG_READ)
        with self._read() as s:
            rows = list(s.scalars(select(LogEntry).where(LogEntry.amends_id == entry_id)
                                  .order_by(LogEntry.occurred_at, LogEntry.id)))
            return q.entry_infos(s, rows)

    def find(self, f: EntryFilter | None = None) -> list[EntryInfo]:
        """Entries by shift date, shift, type, author, guest, open follow-ups; newest first."""
        self._require(Permission.LOG_READ)
        with self._read() as s:
            return q.entry_infos(s, list(s.scalars(q.entry_query(f or EntryFilter()))))

    def for_guest(self, guest_id: int, limit: int = 200) -> list[EntryInfo]:
        """The entries linked to a guest, for the guest's card."""
        return self.find(EntryFilter(guest_id=guest_id, limit=limit))

    def open_followups(self) -> list[EntryInfo]:
        self._require(Permission.LOG_READ)
        with self._read() as s:
            return q.entry_infos(s, q.open_followups(s))

    # ------------------------------------------------------------ helpers

    def _values(self, s: Session, draft: EntryDraft, keep_time=None) -> dict:
        now = utcnow()
        entry_type = rules.check_entry_type(draft.entry_type)
        text = rules.check_text(draft.text)
        occurred = draft.occurred_at or keep_time or now
        if occurred.tzinfo is None:
            raise ValidationError("logbook_occurred_at", "logbook_due_naive")
        if occurred > now + timedelta(minutes=5):
            raise ValidationError("logbook_occurred_at", "logbook_time_in_future")
        if occurred < now - timedelta(hours=BACKDATE_HOURS) and occurred != keep_time:
            raise ValidationError("logbook_occurred_at", "logbook_time_too_old", hours=BACKDATE_HOURS)
        rules.check_complaint_link(entry_type, draft.complaint_id)
        guest_id = draft.guest_id
        room = check_room_no(draft.room_no)
        if draft.complaint_id is not None:
            complaint = s.get(Complaint, draft.complaint_id)
            if complaint is None:
                raise ValidationError("logbook_complaint", "logbook_no_such_complaint")
            guest_id = guest_id or complaint.guest_id
            room = room or complaint.room_no
        if guest_id is not None:
            guest = s.get(Guest, guest_id)
            if guest is None:
                raise ValidationError("logbook_guest", "logbook_no_such_guest")
            if guest.status in ("merged", "anonymized"):
                raise HotelCrmError(f"guest_{guest.status}", key=guest.id, into=guest.merged_into_id)
            if room is None:
                room = s.scalar(select(Stay.room_no).where(Stay.guest_id == guest_id, Stay.status == "in_house")
                                .order_by(Stay.arrival_date.desc()).limit(1))
        due = rules.check_followup(bool(draft.followup_required), draft.followup_due_at, now)
        return {"entry_type": entry_type, "occurred_at": occurred, "room_no": room, "guest_id": guest_id,
                "complaint_id": draft.complaint_id, "text": text,
                "followup_required": bool(draft.followup_required), "followup_due_at": due}


