"""The lobby manager's log (大堂副理日志): shifts, entries, incidents and witnesses."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from hotelcrm.domain import codes

from .base import MONEY_CURRENCY_DEFAULT, Base, CreatedMixin, UTCDateTime, VersionedMixin, choice

HANDOVER_ITEM_KIND = ("followup", "complaint")


class Shift(VersionedMixin, Base):
    __tablename__ = "shifts"
    __table_args__ = (
        choice("kind", codes.SHIFT_KIND),
        choice("status", codes.SHIFT_STATUS),
        UniqueConstraint("shift_date", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_date: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(12), default="open", server_default="open")
    opened_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handover_note: Mapped[str | None] = mapped_column(Text)
    acknowledged_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LogEntry(VersionedMixin, Base):
    __tablename__ = "log_entries"
    __table_args__ = (
        choice("entry_type", codes.LOG_ENTRY_TYPE),
        Index("ix_log_entries_shift_time", "shift_id", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shifts.id"))
    entry_type: Mapped[str] = mapped_column(String(16))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    room_no: Mapped[str | None] = mapped_column(String(10))
    guest_id: Mapped[int | None] = mapped_column(ForeignKey("guests.id"), index=True)
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    followup_required: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    followup_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    followup_done_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    followup_done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    amends_id: Mapped[int | None] = mapped_column(ForeignKey("log_entries.id"))


class Incident(VersionedMixin, Base):
    __tablename__ = "incidents"
    __table_args__ = (
        CheckConstraint("item_value_cents IS NULL OR item_value_cents >= 0", name="item_value_not_negative"),
        CheckConstraint("compensation_asked_cents IS NULL OR compensation_asked_cents >= 0",
                        name="comp_asked_not_negative"),
        CheckConstraint("compensation_agreed_cents IS NULL OR compensation_agreed_cents >= 0",
                        name="comp_agreed_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    log_entry_id: Mapped[int] = mapped_column(ForeignKey("log_entries.id"), unique=True)
    item: Mapped[str | None] = mapped_column(String(200))
    currency: Mapped[str] = mapped_column(String(3), default=MONEY_CURRENCY_DEFAULT, server_default="CNY")
    item_value_cents: Mapped[int | None] = mapped_column(Integer)
    guest_position: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[str | None] = mapped_column(Text)
    conclusion: Mapped[str | None] = mapped_column(Text)
    compensation_asked_cents: Mapped[int | None] = mapped_column(Integer)
    compensation_agreed_cents: Mapped[int | None] = mapped_column(Integer)
    compensation_waived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    outcome: Mapped[str | None] = mapped_column(Text)


class IncidentWitness(CreatedMixin, Base):
    __tablename__ = "incident_witnesses"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str | None] = mapped_column(String(100))
    statement: Mapped[str] = mapped_column(Text)
    order_no: Mapped[int] = mapped_column(Integer, default=0)


class ShiftHandoverItem(CreatedMixin, Base):
    """One open item listed in a shift's handover when it was closed: an open follow-up or an
    open complaint, with the words as they stood then. The incoming manager acknowledges them;
    the items themselves carry over until they are done."""

    __tablename__ = "shift_handover_items"
    __table_args__ = (
        choice("item_kind", HANDOVER_ITEM_KIND),
        CheckConstraint(
            "(item_kind = 'followup' AND log_entry_id IS NOT NULL AND complaint_id IS NULL)"
            " OR (item_kind = 'complaint' AND complaint_id IS NOT NULL AND log_entry_id IS NULL)",
            name="item_link",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shifts.id"), index=True)
    item_kind: Mapped[str] = mapped_column(String(10))
    log_entry_id: Mapped[int | None] = mapped_column(ForeignKey("log_entries.id"))
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"))
    summary: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
