"""The loyalty side of a merge. The points ledger is append-only (database triggers refuse
UPDATE and DELETE), so ledger rows are never edited: a membership of the merged card alone
moves whole; when both cards have one, the other's rows are copied onto the kept membership and
its balance is offset; undo appends reversals."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hotelcrm.db.models import Membership, PointsEntry
from hotelcrm.domain.errors import HotelCrmError

from .audit_trail import AuditTrail


def _balance(s: Session, membership_id: int) -> int:
    return s.scalar(select(func.coalesce(func.sum(PointsEntry.points), 0))
                    .where(PointsEntry.membership_id == membership_id)) or 0


def _entry(s: Session, audit: AuditTrail, membership_id: int, kind: str, points: int, reason: str, *,
           stay_id: int | None = None, effective_on: date | None = None,
           reverses_id: int | None = None) -> int:
    row = PointsEntry(membership_id=membership_id, kind=kind, points=points, reason=reason, stay_id=stay_id,
                      effective_on=effective_on or date.today(), reverses_id=reverses_id,
                      approved_by=audit.actor.user_id, created_by=audit.actor.user_id)
    s.add(row)
    s.flush()
    audit.created("points_entry", row.id, {"membership_id": membership_id, "kind": kind, "points": points,
                                           "reason": reason, "reverses_id": reverses_id})
    return row.id


def move_loyalty(s: Session, audit: AuditTrail, kept_id: int, merged_id: int) -> dict | None:
    """What was done, for ``undo_loyalty``; None when the merged card has no membership."""
    other = s.scalar(select(Membership).where(Membership.guest_id == merged_id))
    if other is None:
        return None
    mine = s.scalar(select(Membership).where(Membership.guest_id == kept_id))
    if mine is None:
        audit.changed("membership", other.id, other, {"guest_id": kept_id})
        s.flush()
        return {"mode": "moved", "membership_id": other.id}
    reason = f"merge: from membership {other.member_no}"
    copies = [
        _entry(s, audit, mine.id, e.kind, e.points, f"{reason}: {e.reason or e.kind}", stay_id=e.stay_id,
               effective_on=e.effective_on)
        for e in s.scalars(select(PointsEntry).where(PointsEntry.membership_id == other.id)
                           .order_by(PointsEntry.id))
    ]
    balance = _balance(s, other.id)
    offset = _entry(s, audit, other.id, "adjust", -balance, f"merge: moved to membership {mine.member_no}") \
        if balance else None
    old_status = other.status
    audit.changed("membership", other.id, other, {"status": "closed"})
    s.flush()
    return {"mode": "copied", "from": other.id, "to": mine.id, "copies": copies, "offset": offset,
            "status": old_status}


def undo_loyalty(s: Session, audit: AuditTrail, done: dict | None, kept_id: int, merged_id: int) -> None:
    if not done:
        return
    if done["mode"] == "moved":
        membership = s.get(Membership, done["membership_id"])
        audit.changed("membership", membership.id, membership, {"guest_id": merged_id})
        s.flush()
        return
    copies = [s.get(PointsEntry, i) for i in done["copies"]]
    taken_back = sum(c.points for c in copies)
    if _balance(s, done["to"]) - taken_back < 0:  # the moved points were spent meanwhile
        raise HotelCrmError("merge_points_spent", points=taken_back)
    for c in copies:
        _entry(s, audit, done["to"], "reversal", -c.points, "merge undone", reverses_id=c.id)
    if done["offset"]:
        offset = s.get(PointsEntry, done["offset"])
        _entry(s, audit, done["from"], "reversal", -offset.points, "merge undone", reverses_id=offset.id)
    other = s.get(Membership, done["from"])
    audit.changed("membership", other.id, other, {"status": done["status"]})
    s.flush()
