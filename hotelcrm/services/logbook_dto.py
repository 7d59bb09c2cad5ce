"""What the logbook services take and return (frozen data, never ORM objects).

Money is integer minor units (cents, 分) plus a currency code. Codes are stored codes; their
labels are ``code.shift_kind.<value>``, ``code.log_entry_type.<value>`` ... in the catalogues.
People are shown by display name (or user name when it is empty)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

# ---------------------------------------------------------------- inputs


@dataclass(frozen=True)
class EntryDraft:
    entry_type: str  # codes.LOG_ENTRY_TYPE
    text: str
    occurred_at: datetime | None = None  # None: now
    room_no: str | None = None
    guest_id: int | None = None
    complaint_id: int | None = None  # complaint entries only (and required there)
    followup_required: bool = False
    followup_due_at: datetime | None = None


@dataclass(frozen=True)
class WitnessDraft:
    name: str
    statement: str
    role: str | None = None  # "room attendant", "floor supervisor" ...


@dataclass(frozen=True)
class IncidentDraft:
    item: str | None = None
    item_value_cents: int | None = None
    guest_position: str | None = None
    evidence: str | None = None
    conclusion: str | None = None
    compensation_asked_cents: int | None = None
    compensation_agreed_cents: int | None = None
    compensation_waived: bool = False
    outcome: str | None = None
    witnesses: tuple[WitnessDraft, ...] = ()
    currency: str | None = None  # None: the hotel's currency


@dataclass(frozen=True)
class EntryFilter:
    date_from: date | None = None  # shift dates, inclusive
    date_to: date | None = None
    shift_kind: str | None = None
    entry_type: str | None = None
    author_id: int | None = None
    open_only: bool = False  # follow-ups not done yet
    shift_id: int | None = None
    guest_id: int | None = None
    text: str | None = None
    limit: int = 500


# ---------------------------------------------------------------- outputs


@dataclass(frozen=True)
class ShiftInfo:
    id: int
    shift_date: date
    kind: str  # codes.SHIFT_KIND
    status: str  # open, closed, acknowledged
    opened_by: str | None
    opened_at: datetime
    closed_by: str | None
    closed_at: datetime | None
    handover_note: str | None
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    entry_count: int
    version: int
    closed_by_id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class EntryInfo:
    id: int
    shift_id: int
    shift_date: date
    shift_kind: str
    shift_status: str
    entry_type: str
    occurred_at: datetime
    author: str | None
    author_id: int | None
    room_no: str | None
    guest_id: int | None
    guest_name: str | None
    complaint_id: int | None
    complaint_number: str | None
    text: str
    followup_required: bool
    followup_due_at: datetime | None
    followup_done_by: str | None
    followup_done_at: datetime | None
    amends_id: int | None
    addendum_count: int
    has_incident: bool
    attachment_count: int
    version: int
    overdue: bool = False

    @property
    def followup_open(self) -> bool:
        return self.followup_required and self.followup_done_at is None

    @property
    def editable(self) -> bool:
        return self.shift_status == "open"


@dataclass(frozen=True)
class WitnessInfo:
    name: str
    role: str | None
    statement: str


@dataclass(frozen=True)
class IncidentInfo:
    id: int
    log_entry_id: int
    item: str | None
    currency: str
    item_value_cents: int | None
    guest_position: str | None
    evidence: str | None
    conclusion: str | None
    compensation_asked_cents: int | None
    compensation_agreed_cents: int | None
    compensation_waived: bool
    outcome: str | None
    witnesses: tuple[WitnessInfo, ...]
    version: int


@dataclass(frozen=True)
class HandoverItemInfo:
    kind: str  # "followup" or "complaint"
    log_entry_id: int | None
    complaint_id: int | None
    summary: str  # the entry's text or the complaint's number and words when the shift closed
    due_at: datetime | None
    still_open: bool = True
    origin_date: date | None = None  # the shift that logged the follow-up
    origin_kind: str | None = None
    complaint_number: str | None = None
    entry_type: str | None = None
    room_no: str | None = None


@dataclass(frozen=True)
class HandoverInfo:
    shift: ShiftInfo
    items: tuple[HandoverItemInfo, ...]


@dataclass(frozen=True)
class VipInHouse:
    guest_id: int
    guest_name: str
    vip_code: str
    room_no: str | None
    departure_date: date


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    log_entry_id: int
    filename: str
    mime_type: str
    size_bytes: int
    created_at: datetime
    created_by: str | None


@dataclass(frozen=True)
class Glance:
    """Today's shift at a glance."""

    now: datetime
    expected_date: date  # the shift the clock says it is
    expected_kind: str
    shift: ShiftInfo | None  # the open shift, if any
    awaiting_ack: tuple[HandoverInfo, ...]  # closed handovers nobody acknowledged yet
    open_followups: tuple[EntryInfo, ...]
    open_complaints: tuple[HandoverItemInfo, ...]
    vips_in_house: tuple[VipInHouse, ...]
    carried_over: tuple[HandoverItemInfo, ...] = field(default=())  # from the last acknowledged handover

    @property
    def overdue_count(self) -> int:
        return sum(1 for e in self.open_followups if e.overdue)


@dataclass(frozen=True)
class DailyEntry:
    entry: EntryInfo
    incident: IncidentInfo | None
    addenda: tuple[EntryInfo, ...]


@dataclass(frozen=True)
class DailyShift:
    shift: ShiftInfo
    starts: str  # "07:00", from the shift pattern
    ends: str
    entries: tuple[DailyEntry, ...]  # in time order; addenda under their original
    handed_over: tuple[HandoverItemInfo, ...]  # what the shift handed over when it closed


@dataclass(frozen=True)
class DailyLog:
    """The lobby manager's daily log of one date: its shifts in order (DESIGN.md §2.4, §2.6)."""

    day: date
    shifts: tuple[DailyShift, ...]
