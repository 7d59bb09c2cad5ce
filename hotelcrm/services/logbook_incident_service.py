"""Incident records of incident entries: item and value, the guest's position, witnesses and
what each said, evidence, conclusion, compensation asked / agreed / waived, outcome. Written
while the entry's shift is open; afterwards corrections are addenda."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hotelcrm.db.models import Incident, IncidentWitness, LogEntry, Shift
from hotelcrm.domain import logbook_entries as entry_rules
from hotelcrm.domain import logbook_incidents as rules
from hotelcrm.domain.errors import Conflict, NotFound, ValidationError
from hotelcrm.domain.permissions import Permission

from .audit_trail import AuditTrail
from .base import Service
from .logbook_dto import IncidentDraft, IncidentInfo, WitnessInfo
from .settings_service import read_setting


class LogbookIncidentService(Service):
    def get(self, entry_id: int) -> IncidentInfo | None:
        self._require(Permission.LOG_READ)
        with self._read() as s:
            row = s.scalar(select(Incident).where(Incident.log_entry_id == entry_id))
            return incident_info(s, row) if row else None

    def save(self, entry_id: int, draft: IncidentDraft, expected_version: int | None = None) -> IncidentInfo:
        """Record or replace the incident of an incident entry whose shift is still open."""
        self._require(Permission.LOG_WRITE)
        with self._write("logbook_incident", entry_id) as (s, audit):
            entry = s.get(LogEntry, entry_id)
            if entry is None:
                raise NotFound("log_entry", entry_id)
            current = s.scalar(select(Incident).where(Incident.log_entry_id == entry_id))
            if current is not None and expected_version is not None and current.version != expected_version:
                raise Conflict("logbook_incident", current.id, mine=expected_version, theirs=current.version)
            return save_incident(s, audit, entry, draft)


def save_incident(s: Session, audit: AuditTrail, entry: LogEntry, draft: IncidentDraft) -> IncidentInfo:
    if entry.entry_type != "incident":
        raise ValidationError("logbook_entry_type", "logbook_incident_needs_type")
    entry_rules.check_editable(s.get(Shift, entry.shift_id).status)
    texts = rules.check_incident_texts(draft.item, draft.guest_position, draft.evidence, draft.conclusion,
                                       draft.outcome)
    value = rules.check_optional_amount(draft.item_value_cents, "logbook_item_value")
    asked, agreed = rules.check_compensation(draft.compensation_asked_cents, draft.compensation_agreed_cents,
                                             bool(draft.compensation_waived))
    rules.check_witness_count(len(draft.witnesses))
    witnesses = [rules.check_witness(w.name, w.role, w.statement, i) for i, w in enumerate(draft.witnesses)]
    currency = (draft.currency or read_setting(s, "hotel.currency") or "CNY").upper()
    values = {**texts, "item_value_cents": value, "compensation_asked_cents": asked,
              "compensation_agreed_cents": agreed, "compensation_waived": bool(draft.compensation_waived),
              "currency": currency}
    row = s.scalar(select(Incident).where(Incident.log_entry_id == entry.id))
    if row is None:
        row = Incident(log_entry_id=entry.id, **values)
        s.add(row)
        s.flush()
        audit.created("incident", row.id, {"log_entry_id": entry.id, **values})
        if witnesses:
            audit.record("create", "incident", row.id, field="witnesses",
                         new=[(w.name, w.role, w.statement) for w in witnesses])
    else:
        audit.changed("incident", row.id, row, values)
        old = [(w.name, w.role, w.statement) for w in s.scalars(
            select(IncidentWitness).where(IncidentWitness.incident_id == row.id).order_by(IncidentWitness.order_no))]
        new = [(w.name, w.role, w.statement) for w in witnesses]
        if old == new:
            s.flush()
            return incident_info(s, row)
        s.execute(delete(IncidentWitness).where(IncidentWitness.incident_id == row.id))
        audit.record("update", "incident", row.id, field="witnesses", old=old, new=new)
    for order, w in enumerate(witnesses):
        s.add(IncidentWitness(incident_id=row.id, name=w.name, role=w.role, statement=w.statement, order_no=order))
    s.flush()
    return incident_info(s, row)


def incident_info(s: Session, row: Incident) -> IncidentInfo:
    witnesses = s.scalars(select(IncidentWitness).where(IncidentWitness.incident_id == row.id)
                          .order_by(IncidentWitness.order_no, IncidentWitness.id))
    return IncidentInfo(
        id=row.id, log_entry_id=row.log_entry_id, item=row.item, currency=row.currency,
        item_value_cents=row.item_value_cents, guest_position=row.guest_position, evidence=row.evidence,
        conclusion=row.conclusion, compensation_asked_cents=row.compensation_asked_cents,
        compensation_agreed_cents=row.compensation_agreed_cents, compensation_waived=row.compensation_waived,
        outcome=row.outcome, witnesses=tuple(WitnessInfo(w.name, w.role, w.statement) for w in witnesses),
        version=row.version,
    )
