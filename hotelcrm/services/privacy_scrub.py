"""Anonymizing one person inside the caller's transaction (``privacy_rules`` says what goes and
what stays). Rows are changed with plain UPDATE/DELETE statements: the ORM's version checks are
not wanted here (the whole person is rewritten at once), and secure_delete (SQLite) zeroes what
the statements free."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, text, update
from sqlalchemy.orm import Session

from hotelcrm.db.models import (
    Attachment,
    AuditEntry,
    Complaint,
    ComplaintStep,
    Guest,
    GuestAddress,
    GuestContact,
    GuestDocument,
    GuestPreference,
    ImportProblem,
    Incident,
    IncidentWitness,
    LogEntry,
    MarketingConsent,
    Membership,
    SpecialDate,
    Stay,
    utcnow,
)
from hotelcrm.db.models.search import FTS_TABLE
from hotelcrm.domain.codes import COMPLAINT_STEPS
from hotelcrm.domain.privacy_rules import (
    CLEARED_GUEST_FIELDS,
    EMPTIED_GUEST_FIELDS,
    IDENTITY_ENTITIES,
    KEPT_AUDIT_FIELDS,
    REDACTED,
)

from .privacy_collect import (
    audited_parts,
    complaint_children,
    complaint_ids,
    guest_tables,
    log_entry_ids,
    person_ids,
    text_columns,
)
from .search_index import refresh_guests

# Deleted outright: they are the person's identity or preferences, not statistics.
DELETED = (GuestDocument, GuestContact, GuestAddress, GuestPreference, SpecialDate, MarketingConsent)
CHUNK = 500


@dataclass(frozen=True)
class ScrubCounts:
    cards: int
    rows_deleted: int
    texts_redacted: int
    audit_redacted: int


def _redact_texts(s: Session, model: Any, where) -> int:
    """Every free-text column of the matching rows becomes ``REDACTED`` (NULL stays NULL)."""
    table = getattr(model, "__table__", model)
    done = 0
    for column in text_columns(table):
        col = table.c[column]
        result = s.execute(update(table).where(where, col.is_not(None), col != REDACTED).values({column: REDACTED}))
        done += result.rowcount or 0
    return done


def _redact_audit(s: Session, entity: str, keys: list[str], fields: tuple[str, ...] | None) -> int:
    """Audit values of these entity rows become ``REDACTED``: every field but the kept ones for
    identity entities, only the free-text fields (``fields``) for the others."""
    e = AuditEntry
    done = 0
    for start in range(0, len(keys), CHUNK):
        where = [e.entity == entity, e.entity_id.in_(keys[start:start + CHUNK])]
        if fields is None:
            where.append(or_(e.field.is_(None), e.field.not_in(KEPT_AUDIT_FIELDS)))
        else:
            where.append(e.field.in_(fields))
        dirty = or_(*[and_(c.is_not(None), c != REDACTED) for c in (e.old_value, e.new_value, e.note)])
        done += s.scalar(select(func.count()).select_from(e).where(*where, dirty)) or 0
        for column in ("old_value", "new_value", "note"):
            col = getattr(e, column)
            s.execute(update(e).where(*where, col.is_not(None), col != REDACTED).values({column: REDACTED})
                      .execution_options(synchronize_session=False))
    return done


def scrub(s: Session, guest_ids: list[int]) -> ScrubCounts:
    """Anonymize these people (each card and every card merged into it), all in one pass: a
    retention run hands over a batch of cards."""
    ids = sorted({i for g in guest_ids for i in person_ids(s, g)})
    parts = audited_parts(s, ids)  # before the deletes: the rows' own ids are part of it
    identifiers = _identifiers(s, ids)  # likewise: the documents and contacts go next
    deleted = 0
    for model in DELETED:
        deleted += s.execute(delete(model).where(model.guest_id.in_(ids))
                             .execution_options(synchronize_session=False)).rowcount or 0
    complaints = complaint_ids(s, ids)
    entries = log_entry_ids(s, ids)
    owned = or_(and_(Attachment.owner_type == "guest", Attachment.owner_id.in_(ids)),
                and_(Attachment.owner_type == "complaint", Attachment.owner_id.in_(complaints or [-1])),
                and_(Attachment.owner_type == "log_entry", Attachment.owner_id.in_(entries or [-1])))
    attachments = [str(a) for a in s.scalars(select(Attachment.id).where(owned))]
    deleted += s.execute(delete(Attachment).where(owned).execution_options(synchronize_session=False)).rowcount or 0
    texts = _redact_guest_texts(s, ids, complaints, entries) + _redact_import_problems(s, identifiers)
    values = {f: None for f in CLEARED_GUEST_FIELDS} | {f: "" for f in EMPTIED_GUEST_FIELDS}
    now = utcnow()
    for gid, status in s.execute(select(Guest.id, Guest.status).where(Guest.id.in_(ids))).all():
        kept_status = "merged" if status == "merged" else "anonymized"
        s.execute(update(Guest).where(Guest.id == gid).values(
            **values, status=kept_status, anonymized_at=now, version=Guest.version + 1)
            .execution_options(synchronize_session=False))
    parts["log_entry"].update(str(e) for e in entries)
    parts["attachment"].update(attachments)
    audit = _redact_audit_parts(s, parts) + _redact_related_audit(s, complaints, entries)
    s.flush()
    if s.get_bind().dialect.name == "sqlite":
        # Deleted search rows must not leave their tokens in the FTS5 segments (also set by 0008).
        s.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('secure-delete', 1)"))
    refresh_guests(s, ids)
    s.expire_all()
    return ScrubCounts(len(ids), deleted, texts, audit)


def _redact_guest_texts(s: Session, ids: list[int], complaints: list[int], entries: list[int]) -> int:
    done = 0
    deleted = {m.__tablename__ for m in DELETED}
    for table in guest_tables():  # stays, observations, feedback, log entries … (complaints below)
        if table.name not in deleted and table.name != "complaints":
            done += _redact_texts(s, table, table.c.guest_id.in_(ids))
    if complaints:
        done += _redact_texts(s, Complaint, Complaint.__table__.c.id.in_(complaints))
        for table in complaint_children():
            done += _redact_texts(s, table, table.c.complaint_id.in_(complaints))
    if entries:
        incidents = list(s.scalars(select(Incident.id).where(Incident.log_entry_id.in_(entries))))
        done += _redact_texts(s, Incident, Incident.__table__.c.id.in_(incidents or [-1]))
        done += _redact_texts(s, IncidentWitness, IncidentWitness.__table__.c.incident_id.in_(incidents or [-1]))
    return done


def _identifiers(s: Session, ids: list[int]) -> set[str]:
    """What identifies these people in text they did not write themselves: the names, the
    document numbers, the contacts (as stored and as matched) and the membership numbers."""
    found: set[str] = set()
    for family, given, latin, pinyin in s.execute(select(Guest.family_name, Guest.given_name, Guest.latin_name,
                                                         Guest.pinyin).where(Guest.id.in_(ids))):
        found.update((family + given, f"{family} {given}", latin, pinyin))
    found.update(s.scalars(select(GuestDocument.number).where(GuestDocument.guest_id.in_(ids))))
    for value, key in s.execute(select(GuestContact.value, GuestContact.value_key)
                                .where(GuestContact.guest_id.in_(ids))):
        found.update((value, key))
    found.update(s.scalars(select(Membership.member_no).where(Membership.guest_id.in_(ids))))
    return {t.strip().lower() for t in found if t and len(t.strip()) >= 2}


def _redact_import_problems(s: Session, identifiers: set[str]) -> int:
    """Import error reports (``import_problems``) keep the refused value of a cell (a member
    number, a preference code, a name in the wrong column ...), whether or not its row became a
    card: every such value that holds one of the person's identifiers becomes ``REDACTED``."""
    t = ImportProblem.__table__
    wanted = sorted(identifiers)
    done = 0
    for start in range(0, len(wanted), 20):
        terms = wanted[start:start + 20]
        # As stored: JSON with non-ASCII kept, so a value's text appears as json.dumps writes it.
        where = or_(*[t.c.params.icontains(json.dumps(term, ensure_ascii=False)[1:-1], autoescape=True)
                      for term in terms])
        for pid, params in s.execute(select(t.c.id, t.c.params).where(where)).all():
            values = json.loads(params or "{}")
            cleaned = {k: REDACTED if any(term in str(v).lower() for term in identifiers) else v
                       for k, v in values.items()}
            if cleaned != values:
                s.execute(update(t).where(t.c.id == pid).values(params=json.dumps(cleaned, ensure_ascii=False)))
                done += 1
    return done


_TEXT_FIELDS = {
    "stay": tuple(text_columns(Stay)),
    "log_entry": tuple(text_columns(LogEntry)),
}
# Audit entity names of the rows hanging on a complaint (as the complaint services write them).
CHILD_ENTITY = {"complaint_addenda": "complaint_addendum", "complaint_remedy_offers": "complaint_remedy_offer",
                "complaint_escalations": "complaint_escalation", "complaint_steps": "complaint_step"}


def _redact_audit_parts(s: Session, parts: dict[str, set[str]]) -> int:
    done = 0
    for entity, keys in parts.items():
        if entity in IDENTITY_ENTITIES or entity == "attachment":
            done += _redact_audit(s, entity, sorted(keys), None)
        elif entity in _TEXT_FIELDS:
            done += _redact_audit(s, entity, sorted(keys), _TEXT_FIELDS[entity])
    return done


def _redact_related_audit(s: Session, complaints: list[int], entries: list[int]) -> int:
    """The free text that the audit trail copied from the person's complaints (and the rows on
    them: steps are audited as ``<number>/<step>``) and from the incidents of their log entries."""
    done = 0
    if complaints:
        done += _redact_audit(s, "complaint", [str(c) for c in complaints], tuple(text_columns(Complaint)))
        numbers = list(s.scalars(select(Complaint.number).where(Complaint.id.in_(complaints))))
        steps = [f"{n}/{step}" for n in numbers for step in COMPLAINT_STEPS]
        done += _redact_audit(s, "complaint_step", steps, tuple(text_columns(ComplaintStep)))
        for table in complaint_children():
            entity = CHILD_ENTITY.get(table.name)
            if entity and entity != "complaint_step" and "id" in table.c:
                keys = [str(i) for i in s.scalars(select(table.c.id).where(table.c.complaint_id.in_(complaints)))]
                done += _redact_audit(s, entity, keys, tuple(text_columns(table)))
    if entries:
        incidents = [str(i) for i in s.scalars(select(Incident.id).where(Incident.log_entry_id.in_(entries)))]
        done += _redact_audit(s, "incident", incidents, (*text_columns(Incident), "witnesses", "item"))
    return done
