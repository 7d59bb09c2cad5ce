"""Complaints (投诉) with their six step records, escalations, addenda; categories, departments."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from hotelcrm.domain import codes

from .base import MONEY_CURRENCY_DEFAULT, Base, CreatedMixin, UTCDateTime, VersionedMixin, choice


class Department(VersionedMixin, Base):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name_en: Mapped[str] = mapped_column(String(100))
    name_zh: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class ComplaintCategory(VersionedMixin, Base):
    __tablename__ = "complaint_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name_en: Mapped[str] = mapped_column(String(100))
    name_zh: Mapped[str] = mapped_column(String(100))
    guideline_en: Mapped[str] = mapped_column(Text, default="")
    guideline_zh: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class Complaint(VersionedMixin, Base):
    __tablename__ = "complaints"
    __table_args__ = (
        choice("state", codes.COMPLAINT_STATE),
        choice("channel", codes.COMPLAINT_CHANNEL),
        choice("severity", codes.SEVERITY),
        choice("escalation_level", codes.ESCALATION_LEVEL),
        CheckConstraint("satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5", name="satisfaction_range"),
        Index("ix_complaints_state_received", "state", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    guest_id: Mapped[int | None] = mapped_column(ForeignKey("guests.id"), index=True)
    stay_id: Mapped[int | None] = mapped_column(ForeignKey("stays.id"))
    room_no: Mapped[str | None] = mapped_column(String(10))
    channel: Mapped[str] = mapped_column(String(16))
    category_id: Mapped[int] = mapped_column(ForeignKey("complaint_categories.id"))
    severity: Mapped[str] = mapped_column(String(10))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    received_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    guest_words: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default="listened", server_default="listened")
    escalation_level: Mapped[str] = mapped_column(String(20), default="handler", server_default="handler")
    due_acknowledge_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    due_remedy_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    due_close_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    remedied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    currency: Mapped[str] = mapped_column(String(3), default=MONEY_CURRENCY_DEFAULT, server_default="CNY")
    recovery_cost_cents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ComplaintDepartment(Base):
    """Further departments involved (several departments → escalation)."""

    __tablename__ = "complaint_departments"

    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), primary_key=True)


class ComplaintStep(CreatedMixin, Base):
    """One of the six steps, recorded once, with who and when and what that step requires."""

    __tablename__ = "complaint_steps"
    __table_args__ = (
        choice("step", codes.COMPLAINT_STEPS),
        choice("remedy_type", codes.REMEDY_TYPE),
        CheckConstraint("satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5", name="satisfaction_range"),
        CheckConstraint(
            "(remedy_discount_pct IS NULL OR remedy_discount_pct BETWEEN 0 AND 100)"
            " AND (compensation_cents IS NULL OR compensation_cents >= 0)"
            " AND (actual_cost_cents IS NULL OR actual_cost_cents >= 0)",
            name="amounts",
        ),
        UniqueConstraint("complaint_id", "step"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    step: Mapped[str] = mapped_column(String(16))
    done_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    done_at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)
    # 1 listened
    guest_account: Mapped[str | None] = mapped_column(Text)
    # 2 apologized
    apology_manner: Mapped[str | None] = mapped_column(Text)
    # 3 verified
    verified_what: Mapped[str | None] = mapped_column(Text)
    verified_with: Mapped[str | None] = mapped_column(Text)
    findings: Mapped[str | None] = mapped_column(Text)
    # 4 remedy agreed
    remedy_type: Mapped[str | None] = mapped_column(String(24))
    remedy_detail: Mapped[str | None] = mapped_column(Text)
    remedy_discount_pct: Mapped[int | None] = mapped_column(Integer)
    compensation_cents: Mapped[int | None] = mapped_column(Integer)
    guest_accepted: Mapped[bool | None] = mapped_column(Boolean)
    # 5 remedy done
    action_done: Mapped[str | None] = mapped_column(Text)
    action_done_by: Mapped[str | None] = mapped_column(String(100))
    actual_cost_cents: Mapped[int | None] = mapped_column(Integer)
    # 6 followed up and archived
    followup_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    followup_method: Mapped[str | None] = mapped_column(String(40))
    followup_result: Mapped[str | None] = mapped_column(Text)
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    root_cause: Mapped[str | None] = mapped_column(Text)
    improvement_action: Mapped[str | None] = mapped_column(Text)


class ComplaintEscalation(CreatedMixin, Base):
    __tablename__ = "complaint_escalations"
    __table_args__ = (
        choice("from_level", codes.ESCALATION_LEVEL),
        choice("to_level", codes.ESCALATION_LEVEL),
        choice("reason", codes.ESCALATION_REASON),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    from_level: Mapped[str] = mapped_column(String(20))
    to_level: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    escalated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class ComplaintAddendum(CreatedMixin, Base):
    """Text added to a closed complaint; the record itself stays as it was."""

    __tablename__ = "complaint_addenda"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class ComplaintRemedyOffer(CreatedMixin, Base):
    """A remedy proposed in step 4 (migration 0004). Kept whatever happens to it: an offer beyond
    the proposer's authority waits for approval; the guest accepts it (it becomes the step-4
    record) or rejects it (the complaint escalates and another remedy is proposed)."""

    __tablename__ = "complaint_remedy_offers"
    __table_args__ = (
        choice("remedy_type", codes.REMEDY_TYPE),
        choice("status", codes.REMEDY_OFFER_STATUS),
        choice("required_level", codes.ESCALATION_LEVEL),
        CheckConstraint(
            "(discount_pct IS NULL OR discount_pct BETWEEN 0 AND 100)"
            " AND (compensation_cents IS NULL OR compensation_cents >= 0)",
            name="amounts",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    remedy_type: Mapped[str] = mapped_column(String(24))
    remedy_detail: Mapped[str] = mapped_column(Text)
    discount_pct: Mapped[int | None] = mapped_column(Integer)
    compensation_cents: Mapped[int | None] = mapped_column(Integer)
    required_level: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    offered_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    offered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    response_note: Mapped[str | None] = mapped_column(Text)
