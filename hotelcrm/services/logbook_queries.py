"""Reading the lobby manager's log: rows to frozen infos, the open items, people's names.
Shared by the logbook services, the glance, the daily report and the guest card."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hotelcrm.db.models import Attachment, Complaint, Guest, Incident, LogEntry, Shift, User, utcnow
from hotelcrm.db.models.logbook import ShiftHandoverItem
from hotelcrm.domain import logbook_entries as rules
from hotelcrm.domain.guest_rules import display_name

from .logbook_dto import EntryFilter, EntryInfo, HandoverInfo, HandoverItemInfo, ShiftInfo

CLOSED_COMPLAINT_STATES = ("closed", "withdrawn")
SUMMARY_MAX = 300


def user_names(s: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = s.execute(select(User.id, User.display_name, User.username).where(User.id.in_(wanted)))
    return {uid: (shown or name) for uid, shown, name in rows}


def shift_infos(s: Session, shifts: Sequence[Shift]) -> list[ShiftInfo]:
    if not shifts:
        return []
    names = user_names(s, [i for sh in shifts for i in (sh.opened_by, sh.closed_by, sh.acknowledged_by)])
    counts = dict(s.execute(select(LogEntry.shift_id, func.count()).where(
        LogEntry.shift_id.in_([sh.id for sh in shifts])).group_by(LogEntry.shift_id)).all())
    return [ShiftInfo(
        id=sh.id, shift_date=sh.shift_date, kind=sh.kind, status=sh.status,
        opened_by=names.get(sh.opened_by), opened_at=sh.opened_at, closed_by=names.get(sh.closed_by),
        closed_at=sh.closed_at, handover_note=sh.handover_note, acknowledged_by=names.get(sh.acknowledged_by),
        acknowledged_at=sh.acknowledged_at, entry_count=counts.get(sh.id, 0), version=sh.version,
        closed_by_id=sh.closed_by,
    ) for sh in shifts]


def shift_info(s: Session, shift: Shift) -> ShiftInfo:
    return shift_infos(s, [shift])[0]


def entry_infos(s: Session, entries: Sequence[LogEntry], now: datetime | None = None) -> list[EntryInfo]:
    if not entries:
        return []
    now = now or utcnow()
    ids = [e.id for e in entries]
    shifts = {sh.id: sh for sh in s.scalars(select(Shift).where(Shift.id.in_({e.shift_id for e in entries})))}
    names = user_names(s, [i for e in entries for i in (e.author_id, e.followup_done_by)])
    guest_ids = {e.guest_id for e in entries if e.guest_id}
    guests = {g.id: display_name(g.family_name, g.given_name, g.latin_name)
              for g in s.scalars(select(Guest).where(Guest.id.in_(guest_ids)))} if guest_ids else {}
    complaint_ids = {e.complaint_id for e in entries if e.complaint_id}
    numbers = dict(s.execute(select(Complaint.id, Complaint.number).where(
        Complaint.id.in_(complaint_ids))).all()) if complaint_ids else {}
    addenda = dict(s.execute(select(LogEntry.amends_id, func.count()).where(
        LogEntry.amends_id.in_(ids)).group_by(LogEntry.amends_id)).all())
    incidents = set(s.scalars(select(Incident.log_entry_id).where(Incident.log_entry_id.in_(ids))))
    files = dict(s.execute(select(Attachment.owner_id, func.count()).where(
        Attachment.owner_type == "log_entry", Attachment.owner_id.in_(ids)).group_by(Attachment.owner_id)).all())
    out = []
    for e in entries:
        shift = shifts[e.shift_id]
        out.append(EntryInfo(
            id=e.id, shift_id=e.shift_id, shift_date=shift.shift_date, shift_kind=shift.kind,
            shift_status=shift.status, entry_type=e.entry_type, occurred_at=e.occurred_at,
            author=names.get(e.author_id), author_id=e.author_id, room_no=e.room_no, guest_id=e.guest_id,
            guest_name=guests.get(e.guest_id), complaint_id=e.complaint_id,
            complaint_number=numbers.get(e.complaint_id), text=e.text, followup_required=e.followup_required,
            followup_due_at=e.followup_due_at, followup_done_by=names.get(e.followup_done_by),
            followup_done_at=e.followup_done_at, amends_id=e.amends_id, addendum_count=addenda.get(e.id, 0),
            has_incident=e.id in incidents, attachment_count=files.get(e.id, 0), version=e.version,
            overdue=rules.followup_overdue(e.followup_required, e.followup_due_at, e.followup_done_at, now),
        ))
    return out


def entry_query(f: EntryFilter):
    query = select(LogEntry).join(Shift, Shift.id == LogEntry.shift_id)
    if f.date_from:
        query = query.where(Shift.shift_date >= f.date_from)
    if f.date_to:
        query = query.where(Shift.shift_date <= f.date_to)
    if f.shift_kind:
        query = query.where(Shift.kind == f.shift_kind)
    if f.shift_id:
        query = query.where(LogEntry.shift_id == f.shift_id)
    if f.entry_type:
        query = query.where(LogEntry.entry_type == f.entry_type)
    if f.author_id:
        query = query.where(LogEntry.author_id == f.author_id)
    if f.guest_id:
        query = query.where(LogEntry.guest_id == f.guest_id)
    if f.open_only:
        query = query.where(LogEntry.followup_required.is_(True), LogEntry.followup_done_at.is_(None))
    if f.text:
        pattern = "%" + f.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(LogEntry.text.ilike(pattern, escape="\\"))
    return query.order_by(Shift.shift_date.desc(), LogEntry.occurred_at.desc(), LogEntry.id.desc()).limit(f.limit)


def open_followups(s: Session) -> list[LogEntry]:
    """Every follow-up not done yet, whichever shift logged it, oldest first."""
    return list(s.scalars(select(LogEntry).where(
        LogEntry.followup_required.is_(True), LogEntry.followup_done_at.is_(None))
        .order_by(LogEntry.occurred_at, LogEntry.id)))


def open_complaint_items(s: Session) -> list[HandoverItemInfo]:
    """Open complaints (the complaints table, read directly: not withdrawn, not closed)."""
    rows = s.execute(select(Complaint.id, Complaint.number, Complaint.guest_words, Complaint.room_no,
                            Complaint.due_close_at)
                     .where(Complaint.state.not_in(CLOSED_COMPLAINT_STATES))
                     .order_by(Complaint.received_at, Complaint.id))
    return [HandoverItemInfo("complaint", None, cid, _clip(words), due, True, complaint_number=number,
                             room_no=room) for cid, number, words, room, due in rows]


def handover_items_now(s: Session) -> list[HandoverItemInfo]:
    """What a handover lists if the shift closed now: open follow-ups, then open complaints."""
    entries = open_followups(s)
    shifts = {sh.id: sh for sh in s.scalars(select(Shift).where(Shift.id.in_({e.shift_id for e in entries})))}
    items = [HandoverItemInfo("followup", e.id, None, _clip(e.text), e.followup_due_at, True,
                              shifts[e.shift_id].shift_date, shifts[e.shift_id].kind, None, e.entry_type, e.room_no)
             for e in entries]
    return items + open_complaint_items(s)


def handover_info(s: Session, shift: Shift) -> HandoverInfo:
    """The items the shift handed over when it closed, each marked still open or not now."""
    rows = list(s.scalars(select(ShiftHandoverItem).where(ShiftHandoverItem.shift_id == shift.id)
                          .order_by(ShiftHandoverItem.id)))
    entry_ids = [r.log_entry_id for r in rows if r.log_entry_id]
    entries = {e.id: e for e in s.scalars(select(LogEntry).where(LogEntry.id.in_(entry_ids)))} if entry_ids else {}
    origin_shifts = {sh.id: sh for sh in s.scalars(select(Shift).where(
        Shift.id.in_({e.shift_id for e in entries.values()})))} if entries else {}
    complaint_ids = [r.complaint_id for r in rows if r.complaint_id]
    complaints = {c.id: c for c in s.scalars(select(Complaint).where(
        Complaint.id.in_(complaint_ids)))} if complaint_ids else {}
    items = []
    for r in rows:
        if r.item_kind == "followup":
            e = entries[r.log_entry_id]
            origin = origin_shifts[e.shift_id]
            items.append(HandoverItemInfo("followup", r.log_entry_id, None, r.summary, r.due_at,
                                          e.followup_done_at is None, origin.shift_date, origin.kind, None,
                                          e.entry_type, e.room_no))
        else:
            c = complaints[r.complaint_id]
            items.append(HandoverItemInfo("complaint", None, r.complaint_id, r.summary, r.due_at,
                                          c.state not in CLOSED_COMPLAINT_STATES, complaint_number=c.number,
                                          room_no=c.room_no))
    return HandoverInfo(shift_info(s, shift), tuple(items))


def shifts_between(s: Session, first: date, last: date) -> list[Shift]:
    from hotelcrm.domain.logbook_shifts import shift_sort_key

    rows = list(s.scalars(select(Shift).where(Shift.shift_date >= first, Shift.shift_date <= last)))
    return sorted(rows, key=lambda sh: shift_sort_key(sh.shift_date, sh.kind))


def _clip(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SUMMARY_MAX else text[:SUMMARY_MAX - 1] + "…"
