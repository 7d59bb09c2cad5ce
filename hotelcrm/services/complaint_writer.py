"""The changes ComplaintService makes, each inside the caller's unit of work and audited.

Every action loads the complaint locked at the version the caller read (``load_row``) and bumps
its version, so two desks acting on one complaint at once cannot both succeed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from hotelcrm.db.models import (
    Attachment,
    Complaint,
    ComplaintAddendum,
    ComplaintCategory,
    ComplaintDepartment,
    ComplaintEscalation,
    ComplaintStep,
    Department,
    Guest,
    NumberSequence,
    Stay,
    utcnow,
)
from hotelcrm.domain import complaint_escalation as esc
from hotelcrm.domain import complaint_rules as rules
from hotelcrm.domain import complaint_workflow as flow
from hotelcrm.domain.errors import HotelCrmError, ValidationError

from .actor import Actor
from .audit_trail import AuditTrail
from .base import load_row
from .complaint_config_service import read_complaint_settings
from .complaint_dto import (
    ApologyInput,
    FollowUpInput,
    NewComplaint,
    RemedyDoneInput,
    VerificationInput,
)

ENTITY = "complaint"
SEQUENCE = "complaint"


# ---------------------------------------------------------------- numbers


def next_serial(s: Session, year: int) -> int:
    """The next serial of ``year``, counted in ``number_sequences`` by one atomic upsert inside the
    saving transaction: PostgreSQL locks the row until commit, SQLite writes one at a time
    (BEGIN IMMEDIATE), so two desks saving at once never get the same number."""
    insert = postgresql_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = insert(NumberSequence).values(name=SEQUENCE, period=str(year), last_value=1)
    stmt = stmt.on_conflict_do_update(index_elements=["name", "period"],
                                      set_={"last_value": NumberSequence.last_value + 1})
    return int(s.execute(stmt.returning(NumberSequence.last_value)).scalar_one())


# ---------------------------------------------------------------- shared


def load_complaint(s: Session, complaint_id: int, version: int | None) -> Complaint:
    return load_row(s, Complaint, complaint_id, version, ENTITY)


def touch(c: Complaint, now: datetime) -> None:
    """Every action bumps the complaint's version (even one that only adds a row beside it)."""
    c.updated_at = now


def set_state(audit: AuditTrail, c: Complaint, state: str, **more) -> None:
    audit.changed(ENTITY, c.id, c, {"state": state, **more})


def add_step(s: Session, audit: AuditTrail, actor: Actor, c: Complaint, step: str, values: dict,
              done_at: datetime) -> ComplaintStep:
    row = ComplaintStep(complaint_id=c.id, step=step, done_by=actor.user_id, done_at=done_at, **values)
    s.add(row)
    audit.created("complaint_step", f"{c.number}/{step}", values)
    return row


def escalate(s: Session, audit: AuditTrail, actor: Actor | None, c: Complaint, to_level: str, reason: str,
              note: str | None = None) -> None:
    s.add(ComplaintEscalation(complaint_id=c.id, from_level=c.escalation_level, to_level=to_level, reason=reason,
                              note=note, escalated_by=actor.user_id if actor else None))
    audit.changed(ENTITY, c.id, c, {"escalation_level": to_level})
    audit.record("escalate", ENTITY, c.id, field="reason", new=reason, note=note)


def _check_category(s: Session, category_id: int) -> ComplaintCategory:
    row = s.get(ComplaintCategory, category_id) if isinstance(category_id, int) else None
    if row is None or not row.active:
        raise ValidationError("complaint_category", "unknown_code", value=category_id)
    return row


def _check_departments(s: Session, department_id: int | None, others: tuple[int, ...]) -> tuple[int, ...]:
    ids = ([department_id] if department_id is not None else []) + list(others)
    if len(set(ids)) != len(ids):
        raise ValidationError("complaint_departments", "complaint_department_twice")
    for did in ids:
        row = s.get(Department, did) if isinstance(did, int) else None
        if row is None or not row.active:
            raise ValidationError("complaint_department", "unknown_code", value=did)
    return tuple(others)


def _check_guest_stay(s: Session, guest_id: int | None, stay_id: int | None) -> tuple[int | None, Stay | None]:
    stay = None
    if stay_id is not None:
        stay = s.get(Stay, stay_id)
        if stay is None:
            raise ValidationError("complaint_stay", "unknown_code", value=stay_id)
        if guest_id is None:
            guest_id = stay.guest_id
        elif stay.guest_id != guest_id:
            raise ValidationError("complaint_stay", "not_this_guests_stay")
    if guest_id is not None:
        guest = s.get(Guest, guest_id)
        if guest is None:
            raise ValidationError("complaint_guest", "unknown_code", value=guest_id)
        if guest.status == "merged":
            raise HotelCrmError("guest_merged", key=guest_id, into=guest.merged_into_id)
    return guest_id, stay


def _in_house_stay(s: Session, guest_id: int, room_no: str | None) -> Stay | None:
    """The guest's stay in the house now (in that room, when one was typed): a complaint taken at
    the desk belongs to it without the clerk looking it up."""
    query = select(Stay).where(Stay.guest_id == guest_id, Stay.status == "in_house")
    if room_no:
        query = query.where(Stay.room_no == room_no)
    return s.scalars(query.order_by(Stay.arrival_date.desc()).limit(1)).first()


def _departments_involved(s: Session, c: Complaint) -> int:
    others = s.scalar(select(func.count()).select_from(ComplaintDepartment)
                      .where(ComplaintDepartment.complaint_id == c.id)) or 0
    return others + (1 if c.department_id is not None else 0)


def _escalated_for(s: Session, c: Complaint, reason: str) -> int:
    return s.scalar(select(func.count()).select_from(ComplaintEscalation).where(
        ComplaintEscalation.complaint_id == c.id, ComplaintEscalation.reason == reason)) or 0


def _multi_department_rule(s: Session, audit: AuditTrail, actor: Actor, c: Complaint) -> None:
    target = esc.on_departments(c.escalation_level, _departments_involved(s, c),
                                already=_escalated_for(s, c, "multi_department") > 0)
    if target:
        escalate(s, audit, actor, c, target, "multi_department")


# ---------------------------------------------------------------- step 1


def receive(s: Session, audit: AuditTrail, actor: Actor, new: NewComplaint) -> int:
    now = utcnow()
    values = rules.clean_receipt(channel=new.channel, severity=new.severity, guest_words=new.guest_words,
                                 guest_account=new.guest_account, room_no=new.room_no,
                                 received_at=new.received_at, note=new.note, now=now)
    _check_category(s, new.category_id)
    others = _check_departments(s, new.department_id, tuple(new.other_department_ids))
    guest_id, stay = _check_guest_stay(s, new.guest_id, new.stay_id)
    if stay is None and guest_id is not None:
        stay = _in_house_stay(s, guest_id, values["room_no"])
    settings = read_complaint_settings(s)
    targets = {k: {"acknowledge": t.acknowledge_minutes, "remedy": t.remedy_minutes, "close": t.close_minutes}
               for k, t in settings.time_targets.items()}
    received_at = values["received_at"]
    due = esc.due_times(received_at, values["severity"], targets)
    number = rules.format_number(received_at.astimezone().year, next_serial(s, received_at.astimezone().year))
    c = Complaint(number=number, guest_id=guest_id, stay_id=stay.id if stay else None,
                  room_no=values["room_no"] or (stay.room_no if stay else None), channel=values["channel"],
                  category_id=new.category_id, severity=values["severity"], department_id=new.department_id,
                  received_by=actor.user_id, received_at=received_at, guest_words=values["guest_words"],
                  state="listened", escalation_level="handler", due_acknowledge_at=due[0], due_remedy_at=due[1],
                  due_close_at=due[2], currency=settings.currency, recovery_cost_cents=0)
    s.add(c)
    s.flush()
    audit.created(ENTITY, c.id, {"number": number, "guest_id": guest_id, "stay_id": c.stay_id,
                                 "room_no": c.room_no, "channel": c.channel, "category_id": c.category_id,
                                 "severity": c.severity, "department_id": c.department_id,
                                 "received_at": received_at, "guest_words": c.guest_words})
    for did in others:
        s.add(ComplaintDepartment(complaint_id=c.id, department_id=did))
        audit.record("create", "complaint_department", c.id, field="department_id", new=did)
    add_step(s, audit, actor, c, "listened", {"guest_account": values["guest_account"], "note": values["note"]},
              received_at)
    s.flush()
    _multi_department_rule(s, audit, actor, c)
    return c.id


# ---------------------------------------------------------------- steps 2, 3, 5, 6


def _advance(s: Session, audit: AuditTrail, actor: Actor, complaint_id: int, version: int | None, step: str,
             values: dict, **complaint_changes) -> Complaint:
    c = load_complaint(s, complaint_id, version)
    flow.require_transition(c.state, step)
    now = utcnow()
    add_step(s, audit, actor, c, step, values, now)
    set_state(audit, c, step, **{k: (now if v is _NOW else v) for k, v in complaint_changes.items()})
    touch(c, now)
    return c


_NOW = object()


def apologize(s, audit, actor, complaint_id, version, data: ApologyInput) -> None:
    values = rules.clean_apology(data.apology_manner, data.note)
    _advance(s, audit, actor, complaint_id, version, "apologized", values, acknowledged_at=_NOW)


def verify(s, audit, actor, complaint_id, version, data: VerificationInput) -> None:
    values = rules.clean_verification(data.verified_what, data.verified_with, data.findings, data.note)
    _advance(s, audit, actor, complaint_id, version, "verified", values)


def remedy_done(s, audit, actor, complaint_id, version, data: RemedyDoneInput) -> None:
    values = rules.clean_remedy_done(data.action_done, data.action_done_by, data.actual_cost_cents, data.note)
    _advance(s, audit, actor, complaint_id, version, "remedy_done", values, remedied_at=_NOW,
             recovery_cost_cents=values["actual_cost_cents"])


def close(s, audit, actor, complaint_id, version, data: FollowUpInput) -> None:
    c = load_complaint(s, complaint_id, version)
    flow.require_transition(c.state, "closed")
    done_at = s.scalar(select(ComplaintStep.done_at).where(ComplaintStep.complaint_id == c.id,
                                                           ComplaintStep.step == "remedy_done"))
    values = rules.clean_follow_up(
        followup_at=data.followup_at, followup_method=data.followup_method, followup_result=data.followup_result,
        satisfaction=data.satisfaction, root_cause=data.root_cause, improvement_action=data.improvement_action,
        note=data.note, remedy_done_at=done_at, now=utcnow())
    _advance(s, audit, actor, complaint_id, None, "closed", values, closed_at=_NOW,
             satisfaction=values["satisfaction"])


# ---------------------------------------------------------------- escalation, withdrawal


def escalate_manually(s, audit, actor: Actor, complaint_id, version, note: str, to_level: str | None) -> None:
    c = load_complaint(s, complaint_id, version)
    flow.require_open(c.state)
    text = rules.clean_reason(note, "complaint_escalation_note")
    escalate(s, audit, actor, c, esc.manual_target(c.escalation_level, to_level), "manual", text)
    touch(c, utcnow())


def escalate_overdue(s: Session, audit: AuditTrail, now: datetime | None = None) -> int:
    """One level per missed target not yet escalated for; rows locked (PostgreSQL) so two desks
    running this at once do not escalate twice."""
    from .complaint_reader import overdue_clause

    now = now or utcnow()
    rows = list(s.scalars(select(Complaint).where(overdue_clause(now)).order_by(Complaint.id).with_for_update()))
    escalated = 0
    for c in rows:
        due = (c.due_acknowledge_at, c.due_remedy_at, c.due_close_at)
        done = (c.acknowledged_at, c.remedied_at, c.closed_at)
        missed = sum(esc.overdue_flags(now, c.state, due, done))
        already = _escalated_for(s, c, "overdue")
        changed = False
        while (target := esc.on_overdue(c.escalation_level, missed, already)) is not None:
            escalate(s, audit, None, c, target, "overdue")
            already += 1
            changed = True
        if changed:
            touch(c, now)
            escalated += 1
    return escalated


def withdraw(s, audit, actor, complaint_id, version, reason: str) -> None:
    text = rules.clean_reason(reason)
    c = load_complaint(s, complaint_id, version)
    flow.require_transition(c.state, "withdrawn")
    now = utcnow()
    set_state(audit, c, "withdrawn", withdrawn_reason=text, withdrawn_at=now)
    touch(c, now)


def set_departments(s, audit, actor, complaint_id, version, department_id: int | None,
                    others: tuple[int, ...]) -> None:
    c = load_complaint(s, complaint_id, version)
    flow.require_open(c.state)
    others = _check_departments(s, department_id, tuple(others))
    audit.changed(ENTITY, c.id, c, {"department_id": department_id})
    rows = list(s.scalars(select(ComplaintDepartment).where(ComplaintDepartment.complaint_id == c.id)))
    old = sorted(r.department_id for r in rows)
    if old != sorted(others):
        for r in rows:  # a link row, not a record: the audit trail keeps old → new
            s.delete(r)
        s.flush()
        for did in others:
            s.add(ComplaintDepartment(complaint_id=c.id, department_id=did))
        audit.record("update", ENTITY, c.id, field="other_departments", old=old, new=sorted(others))
    s.flush()
    _multi_department_rule(s, audit, actor, c)
    touch(c, utcnow())


# ---------------------------------------------------------------- additions


def link_guest(s, audit, actor, complaint_id, version, guest_id: int, stay_id: int | None) -> None:
    c = load_complaint(s, complaint_id, version)
    if c.guest_id is not None:
        raise HotelCrmError("complaint_guest_linked", number=c.number)
    if not isinstance(guest_id, int):
        raise ValidationError("complaint_guest", "required")
    guest_id, stay = _check_guest_stay(s, guest_id, stay_id)
    changes = {"guest_id": guest_id, "stay_id": stay.id if stay else None}
    if stay is not None and not c.room_no:
        changes["room_no"] = stay.room_no
    audit.changed(ENTITY, c.id, c, changes)
    touch(c, utcnow())


def add_addendum(s, audit, actor: Actor, complaint_id, version, text: str) -> None:
    body = rules.clean_addendum(text)
    c = load_complaint(s, complaint_id, version)
    if flow.is_open(c.state):
        raise HotelCrmError("complaint_addendum_open", number=c.number)
    row = ComplaintAddendum(complaint_id=c.id, text=body, created_by=actor.user_id)
    s.add(row)
    s.flush()
    audit.created("complaint_addendum", row.id, {"complaint": c.number, "text": body})


def add_attachment(s: Session, audit: AuditTrail, actor: Actor, complaint_id: int, filename: str, data: bytes,
                   mime_type: str | None) -> int:
    c = load_complaint(s, complaint_id, None)
    existing = s.scalar(select(func.count()).select_from(Attachment).where(
        Attachment.owner_type == "complaint", Attachment.owner_id == c.id)) or 0
    values = rules.clean_attachment(filename, data, mime_type, existing)
    row = Attachment(owner_type="complaint", owner_id=c.id, created_by=actor.user_id, **values)
    s.add(row)
    s.flush()
    audit.created("attachment", row.id, {"complaint": c.number, "filename": values["filename"],
                                         "mime_type": values["mime_type"], "size_bytes": values["size_bytes"]})
    return row.id
