"""Finding everything held on one person: the cards (the one asked for plus every card merged
into it), the rows hanging on them, and the audit entries about them. Used by the privacy export
(everything, in clear, for the data subject) and by anonymization (what to remove)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, Text, or_, select
from sqlalchemy.orm import Session

from hotelcrm.db.models import (
    Attachment,
    AuditEntry,
    Base,
    Company,
    Complaint,
    Feedback,
    Guest,
    GuestAddress,
    GuestContact,
    GuestDocument,
    GuestMerge,
    GuestPreference,
    Incident,
    IncidentWitness,
    LogEntry,
    MarketingConsent,
    Membership,
    Observation,
    PointsEntry,
    SpecialDate,
    Stay,
    TierChange,
)
from hotelcrm.domain.errors import NotFound

# Rows owned by a guest through ``guest_id``: export key -> model.
GUEST_ROWS: dict[str, type] = {
    "documents": GuestDocument, "contacts": GuestContact, "addresses": GuestAddress,
    "preferences": GuestPreference, "special_dates": SpecialDate, "consents": MarketingConsent,
    "stays": Stay, "observations": Observation, "feedback": Feedback, "log_entries": LogEntry,
}


def plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return None
    return value


def row_dict(row: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {c.key: plain(getattr(row, c.key)) for c in row.__table__.columns if c.key not in skip}


def text_columns(model: Any) -> list[str]:
    """The free-text columns of a model or table (``Text``): what anonymization redacts."""
    return [c.key for c in getattr(model, "__table__", model).columns if isinstance(c.type, Text)]


def complaint_children() -> list[Table]:
    """Every table hanging on a complaint through ``complaint_id`` (steps, escalations, addenda,
    remedy offers …), found from the metadata so that a table added later is covered too."""
    return [t for t in Base.metadata.sorted_tables
            if "complaint_id" in t.c and any(fk.column.table.name == "complaints" for fk in t.c.complaint_id.foreign_keys)
            and t.name != "log_entries"]


def guest_tables() -> list[Table]:
    """Every table that hangs on a card through ``guest_id`` (the search index aside), found from
    the metadata so that a table added later is exported and anonymized too."""
    return [t for t in Base.metadata.sorted_tables
            if "guest_id" in t.c and t.name != "guest_search"
            and any(fk.column.table.name == "guests" for fk in t.c.guest_id.foreign_keys)]


def person_ids(s: Session, guest_id: int) -> list[int]:
    """The card and every card merged into it (directly or through another merged card)."""
    if s.get(Guest, guest_id) is None:
        raise NotFound("guest", guest_id)
    ids, frontier = [guest_id], [guest_id]
    while frontier:
        frontier = [g for g in s.scalars(select(Guest.id).where(Guest.merged_into_id.in_(frontier)))
                    if g not in ids]
        ids += frontier
    return ids


def complaint_ids(s: Session, ids: list[int]) -> list[int]:
    return list(s.scalars(select(Complaint.id).where(Complaint.guest_id.in_(ids)).order_by(Complaint.id)))


def log_entry_ids(s: Session, ids: list[int]) -> list[int]:
    return list(s.scalars(select(LogEntry.id).where(LogEntry.guest_id.in_(ids)).order_by(LogEntry.id)))


def audited_parts(s: Session, ids: list[int]) -> dict[str, set[str]]:
    """Entity -> ids of every row the audit trail says ever belonged to these guests (rows
    deleted since, and rows moved by merges, included)."""
    keys = [str(i) for i in ids]
    found: dict[str, set[str]] = defaultdict(set)
    found["guest"].update(keys)
    for column in (AuditEntry.new_value, AuditEntry.old_value):  # two look-ups in the partial indexes (0008)
        query = select(AuditEntry.entity, AuditEntry.entity_id).where(
            AuditEntry.field == "guest_id", AuditEntry.entity_id.is_not(None), column.in_(keys))
        for entity, entity_id in s.execute(query):
            found[entity].add(entity_id)
    for name, model in GUEST_ROWS.items():
        entity = _ENTITY.get(name)
        if entity:
            found[entity].update(str(i) for i in s.scalars(select(model.id).where(model.guest_id.in_(ids))))
    return found


_ENTITY = {"documents": "guest_document", "contacts": "guest_contact", "addresses": "guest_address",
           "preferences": "guest_preference", "special_dates": "special_date", "consents": "marketing_consent",
           "observations": "observation", "feedback": "feedback", "stays": "stay", "log_entries": "log_entry"}


def audit_rows_about(s: Session, ids: list[int]) -> list[AuditEntry]:
    """Audit entries about the person: their cards, the rows on them, their complaints."""
    parts = audited_parts(s, ids)
    parts["complaint"].update(str(c) for c in complaint_ids(s, ids))
    rows: dict[int, AuditEntry] = {}
    for entity, keys in parts.items():
        ordered = sorted(keys)
        for start in range(0, len(ordered), 500):
            for e in s.scalars(select(AuditEntry).where(AuditEntry.entity == entity,
                                                        AuditEntry.entity_id.in_(ordered[start:start + 500]))):
                rows[e.id] = e
    return [rows[k] for k in sorted(rows)]


def collect(s: Session, guest_id: int) -> dict[str, Any]:
    """Everything held on the person, in clear (documents unmasked): the privacy export."""
    ids = person_ids(s, guest_id)
    out: dict[str, Any] = {"guest_id": guest_id}
    cards = []
    for g in s.scalars(select(Guest).where(Guest.id.in_(ids)).order_by(Guest.id)):
        card = row_dict(g)
        card["company"] = s.scalar(select(Company.name).where(Company.id == g.company_id)) if g.company_id else None
        cards.append(card)
    out["card"] = next(c for c in cards if c["id"] == guest_id)
    out["merged_cards"] = [c for c in cards if c["id"] != guest_id]
    for name, model in GUEST_ROWS.items():
        skip = ("number_hash",) if model is GuestDocument else ()
        out[name] = [row_dict(r, skip) for r in s.scalars(select(model).where(model.guest_id.in_(ids))
                                                          .order_by(model.id))]
    known = {m.__tablename__ for m in GUEST_ROWS.values()} | {"complaints", "memberships"}
    for table in guest_tables():  # tables added after this module was written
        if table.name not in known:
            query = select(table).where(table.c.guest_id.in_(ids))
            out[table.name] = [{k: plain(v) for k, v in r._mapping.items()} for r in s.execute(query)]
    out["complaints"] = _complaints(s, ids)
    out["incidents"] = _incidents(s, [e["id"] for e in out["log_entries"]])
    out["loyalty"] = _loyalty(s, ids)
    out["merges"] = [row_dict(m) for m in s.scalars(
        select(GuestMerge).where(or_(GuestMerge.kept_guest_id.in_(ids), GuestMerge.merged_guest_id.in_(ids)))
        .order_by(GuestMerge.id))]
    out["attachments"] = [row_dict(a, ("data",)) for a in s.scalars(
        select(Attachment).where(Attachment.owner_type == "guest", Attachment.owner_id.in_(ids)))]
    out["audit"] = [row_dict(e) for e in audit_rows_about(s, ids)]
    return out


def _complaints(s: Session, ids: list[int]) -> list[dict[str, Any]]:
    out = []
    for c in s.scalars(select(Complaint).where(Complaint.guest_id.in_(ids)).order_by(Complaint.id)):
        item = row_dict(c)
        for table in complaint_children():
            query = select(table).where(table.c.complaint_id == c.id)
            item[table.name] = [{k: plain(v) for k, v in r._mapping.items()} for r in s.execute(query)]
        out.append(item)
    return out


def _incidents(s: Session, entry_ids: list[int]) -> list[dict[str, Any]]:
    out = []
    for i in s.scalars(select(Incident).where(Incident.log_entry_id.in_(entry_ids)).order_by(Incident.id)):
        item = row_dict(i)
        item["witnesses"] = [row_dict(w) for w in s.scalars(
            select(IncidentWitness).where(IncidentWitness.incident_id == i.id).order_by(IncidentWitness.order_no))]
        out.append(item)
    return out


def _loyalty(s: Session, ids: list[int]) -> list[dict[str, Any]]:
    out = []
    for m in s.scalars(select(Membership).where(Membership.guest_id.in_(ids)).order_by(Membership.id)):
        item = row_dict(m)
        item["tier_changes"] = [row_dict(t) for t in s.scalars(
            select(TierChange).where(TierChange.membership_id == m.id).order_by(TierChange.id))]
        item["ledger"] = [row_dict(p) for p in s.scalars(
            select(PointsEntry).where(PointsEntry.membership_id == m.id).order_by(PointsEntry.id))]
        item["balance"] = sum(p["points"] for p in item["ledger"])
        out.append(item)
    return out
