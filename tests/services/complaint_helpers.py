"""Shared helpers of the complaint service tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from hotelcrm.db.models import AuditEntry
from hotelcrm.services.complaint_config_service import ComplaintConfigService
from hotelcrm.services.complaint_dto import (
    ApologyInput,
    FollowUpInput,
    NewComplaint,
    RemedyDoneInput,
    RemedyInput,
    VerificationInput,
)
from hotelcrm.services.complaint_service import ComplaintService


def category_id(db, actor, code: str = "noise") -> int:
    return next(c.id for c in ComplaintConfigService(db, actor).categories() if c.code == code)


def department_id(db, actor, code: str = "housekeeping") -> int:
    return next(d.id for d in ComplaintConfigService(db, actor).departments() if d.code == code)


def receive(db, actor, *, severity: str = "medium", words: str = "The air conditioning is too loud.", **kw):
    return ComplaintService(db, actor).receive(
        NewComplaint(channel=kw.pop("channel", "in_person"), category_id=kw.pop("category_id", None)
                     or category_id(db, actor), severity=severity, guest_words=words, **kw))


def to_verified(db, actor, detail):
    svc = ComplaintService(db, actor)
    detail = svc.apologize(detail.id, detail.version, ApologyInput("Apologised in person at the desk"))
    return svc.verify(detail.id, detail.version,
                      VerificationInput("The fan coil unit", "engineering (Li Wei)", "Loose bearing, very noisy"))


def to_remedy_agreed(db, actor, detail, remedy: RemedyInput | None = None):
    svc = ComplaintService(db, actor)
    return svc.propose_remedy(detail.id, detail.version, remedy or RemedyInput("room_move", "Moved to 1203"),
                              guest_accepted=True)


def to_remedy_done(db, actor, detail, cost: int = 0):
    svc = ComplaintService(db, actor)
    return svc.record_remedy_done(detail.id, detail.version, RemedyDoneInput("Room move done", "Bellman Wang", cost))


def follow_up(**kw) -> FollowUpInput:
    values = dict(followup_at=datetime.now(UTC) + timedelta(seconds=1), followup_method="phone",
                  followup_result="Guest satisfied", satisfaction=5, root_cause="Old fan coil unit",
                  improvement_action="Quarterly fan coil inspection")
    values.update(kw)
    return FollowUpInput(**values)


def audit_rows(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry))
