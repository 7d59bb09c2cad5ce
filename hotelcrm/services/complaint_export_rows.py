"""Complaint rows of the export: number, state, category, guest and dates (read straight from the
tables). Category names in the language asked for; codes (state, severity, channel) as stored."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotelcrm.db.models import Complaint, ComplaintCategory, Department, Guest
from hotelcrm.domain.export_cells import amount

HEADER = ("number", "state", "category", "category_name", "severity", "channel", "department", "guest_id",
          "guest", "room_no", "received_at", "acknowledged_at", "remedied_at", "closed_at", "withdrawn_at",
          "recovery_cost", "currency", "satisfaction")
CHUNK = 5000


def complaint_batches(s: Session, language: str) -> Iterator[tuple[list[list], int]]:
    zh = language.startswith("zh")
    categories = {c.id: (c.code, c.name_zh if zh else c.name_en) for c in s.scalars(select(ComplaintCategory))}
    departments = {d.id: d.name_zh if zh else d.name_en for d in s.scalars(select(Department))}
    ids = list(s.scalars(select(Complaint.id).order_by(Complaint.received_at, Complaint.id)))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        query = (select(Complaint, Guest.family_name, Guest.given_name, Guest.latin_name)
                 .outerjoin(Guest, Guest.id == Complaint.guest_id).where(Complaint.id.in_(chunk))
                 .order_by(Complaint.received_at, Complaint.id))
        rows = []
        for c, family, given, latin in s.execute(query):
            code, name = categories.get(c.category_id, ("", ""))
            guest = f"{family or ''}{given or ''}" or (latin or "")
            rows.append([c.number, c.state, code, name, c.severity, c.channel, departments.get(c.department_id),
                         c.guest_id, guest, c.room_no, c.received_at, c.acknowledged_at, c.remedied_at,
                         c.closed_at, c.withdrawn_at, amount(c.recovery_cost_cents), c.currency, c.satisfaction])
        yield rows, len(ids)
