"""Merging two cards of the same guest, and undoing a merge (managers: GUEST_MERGE).

Everything attached to the merged card moves to the kept card; every moved row id is written to
``GuestMerge.moves`` (JSON) and to the audit trail, so ``undo`` puts back exactly those rows.
The merged card stays (cards are never deleted) with status "merged" and ``merged_into_id``.

The points ledger is append-only: when only the merged card has a membership, the membership
itself moves (its ledger with it); when both have one, the kept card's membership stays, each
ledger row of the other is copied onto it (same kind, points, stay and date) and the other's
balance is offset by one adjustment, after which it is closed. Undo posts reversals.
"""

from __future__ import annotations

import json

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hotelcrm.db.models import Guest, GuestMerge, utcnow
from hotelcrm.domain.errors import HotelCrmError, NotFound
from hotelcrm.domain.permissions import Permission

from .audit_trail import AuditTrail
from .base import Service
from .guest_dto import DuplicateHit, MergeInfo, MergeResult
from .guest_merge_ledger import move_loyalty, undo_loyalty
from .guest_write_support import load, refresh_search, writable_guest

# (table, owner column) of every row that belongs to a guest card.
MOVED = (
    ("stays", "guest_id"), ("guest_documents", "guest_id"), ("guest_contacts", "guest_id"),
    ("guest_addresses", "guest_id"), ("guest_preferences", "guest_id"), ("special_dates", "guest_id"),
    ("feedback", "guest_id"), ("observations", "guest_id"), ("complaints", "guest_id"),
    ("marketing_consents", "guest_id"), ("log_entries", "guest_id"),
)
PRIMARY = ("guest_documents", "guest_contacts")


def _table(name: str):
    return Guest.metadata.tables[name]


def _move(s: Session, name: str, ids: list[int], to_guest: int) -> None:
    if not ids:
        return
    t = _table(name)
    values = {"guest_id": to_guest}
    if "version" in t.c:  # a screen holding the old version must reload before it saves
        values["version"] = t.c.version + 1
    for start in range(0, len(ids), 500):
        s.execute(update(t).where(t.c.id.in_(ids[start:start + 500])).values(**values))


def _demote_primaries(s: Session, name: str, ids: list[int], kept_id: int) -> list[int]:
    """Moved rows stop being primary where the kept card already has a primary of that kind."""
    t = _table(name)
    kind = t.c.doc_type if name == "guest_documents" else t.c.kind
    kept_kinds = set(s.scalars(select(kind).where(t.c.guest_id == kept_id, t.c.is_primary)))
    demote = [rid for rid, k in s.execute(select(t.c.id, kind).where(t.c.id.in_(ids), t.c.is_primary))
              if k in kept_kinds]
    if demote:
        s.execute(update(t).where(t.c.id.in_(demote)).values(is_primary=False))
    return demote


def merge_info(m: GuestMerge) -> MergeInfo:
    moves = json.loads(m.moves)
    return MergeInfo(id=m.id, kept_guest_id=m.kept_guest_id, merged_guest_id=m.merged_guest_id,
                     merged_at=m.created_at, merged_by=m.merged_by, undone_at=m.undone_at,
                     moved=tuple((t, len(ids)) for t, ids in moves["rows"].items() if ids))


class GuestMergeService(Service):
    def merge(self, kept_id: int, merged_id: int, *, kept_version: int | None = None,
              merged_version: int | None = None) -> MergeResult:
        """Move everything of ``merged_id`` to ``kept_id``; returns what moved."""
        self._require(Permission.GUEST_MERGE)
        if kept_id == merged_id:
            raise HotelCrmError("merge_same_card", key=kept_id)
        with self._write("guest", merged_id) as (s, audit):
            kept = writable_guest(s, kept_id, kept_version)
            merged = writable_guest(s, merged_id, merged_version)
            rows: dict[str, list[int]] = {}
            for name, owner in MOVED:
                t = _table(name)
                rows[name] = list(s.scalars(select(t.c.id).where(t.c[owner] == merged.id).order_by(t.c.id)))
            demoted = {name: _demote_primaries(s, name, rows[name], kept.id) for name in PRIMARY}
            for name, ids in rows.items():
                _move(s, name, ids, kept.id)
            loyalty = move_loyalty(s, audit, kept.id, merged.id)
            guest_before = {"status": merged.status, "merged_into_id": merged.merged_into_id}
            moves = {"rows": rows, "demoted": demoted, "loyalty": loyalty, "guest": guest_before}
            record = GuestMerge(kept_guest_id=kept.id, merged_guest_id=merged.id, merged_by=self.actor.user_id,
                                moves=json.dumps(moves))
            s.add(record)
            s.flush()
            self._audit_moves(audit, record.id, rows, merged.id, kept.id)
            audit.changed("guest", merged.id, merged, {"status": "merged", "merged_into_id": kept.id})
            audit.record("merge", "guest", kept.id, field="merged_guest_id", new=merged.id,
                         note=f"merge {record.id}")
            s.flush()
            refresh_search(s, [kept.id, merged.id])
            moved = tuple((t, len(ids)) for t, ids in rows.items() if ids)
            if loyalty:
                moved += (("points_ledger", len(loyalty.get("copies", ()))),) if loyalty["mode"] == "copied" \
                    else (("memberships", 1),)
            return MergeResult(record.id, kept.id, merged.id, moved)

    def undo(self, merge_id: int) -> MergeInfo:
        """Put back exactly the rows the merge moved and reopen the merged card."""
        self._require(Permission.GUEST_MERGE)
        with self._write("guest_merge", merge_id) as (s, audit):
            record = s.get(GuestMerge, merge_id, with_for_update=True)
            if record is None:
                raise NotFound("guest_merge", merge_id)
            if record.undone_at is not None:
                raise HotelCrmError("merge_already_undone", key=merge_id)
            self._check_undoable(s, record)
            kept = load(s, Guest, record.kept_guest_id)
            merged = load(s, Guest, record.merged_guest_id)
            moves = json.loads(record.moves)
            for name, ids in moves["rows"].items():
                t = _table(name)
                still = list(s.scalars(select(t.c.id).where(t.c.id.in_(ids), t.c.guest_id == kept.id))) if ids else []
                _move(s, name, still, merged.id)
                for rid in still:
                    audit.record("merge_undo", name, rid, field="guest_id", old=kept.id, new=merged.id,
                                 note=f"merge {record.id}")
            for name, ids in moves["demoted"].items():
                if ids:
                    t = _table(name)
                    s.execute(update(t).where(t.c.id.in_(ids)).values(is_primary=True))
            undo_loyalty(s, audit, moves.get("loyalty"), kept.id, merged.id)
            audit.changed("guest", merged.id, merged, moves["guest"])
            audit.changed("guest_merge", record.id, record, {"undone_at": utcnow(), "undone_by": self.actor.user_id})
            s.flush()
            refresh_search(s, [kept.id, merged.id])
            return merge_info(record)

    def merges(self, guest_id: int) -> list[MergeInfo]:
        """Merges the card took part in, newest first."""
        self._require(Permission.GUEST_READ)
        with self._read() as s:
            q = (select(GuestMerge).where((GuestMerge.kept_guest_id == guest_id)
                                          | (GuestMerge.merged_guest_id == guest_id))
                 .order_by(GuestMerge.created_at.desc(), GuestMerge.id.desc()))
            return [merge_info(m) for m in s.scalars(q)]

    def proposals(self, guest_id: int, limit: int = 10) -> list[DuplicateHit]:
        """Cards that are likely the same guest as ``guest_id`` (same document, phone, e-mail,
        or same name and birth date; a name alone never)."""
        self._require(Permission.GUEST_READ)
        from .guest_duplicate_finder import proposals_for

        with self._read() as s:
            load(s, Guest, guest_id)
            return proposals_for(s, guest_id, limit)

    @staticmethod
    def _check_undoable(s: Session, record: GuestMerge) -> None:
        later = s.scalar(select(GuestMerge.id).where(
            GuestMerge.id > record.id, GuestMerge.undone_at.is_(None),
            GuestMerge.kept_guest_id.in_((record.kept_guest_id, record.merged_guest_id))
            | GuestMerge.merged_guest_id.in_((record.kept_guest_id, record.merged_guest_id))))
        if later is not None:  # undo the later merge first, or rows would land on the wrong card
            raise HotelCrmError("merge_undo_later_first", key=record.id, later=later)
        merged = s.get(Guest, record.merged_guest_id)
        if merged.status != "merged" or merged.merged_into_id != record.kept_guest_id:
            raise HotelCrmError("merge_undo_changed", key=record.id)

    @staticmethod
    def _audit_moves(audit: AuditTrail, merge_id: int, rows: dict[str, list[int]], old: int, new: int) -> None:
        for name, ids in rows.items():
            for rid in ids:
                audit.record("merge_move", name, rid, field="guest_id", old=old, new=new, note=f"merge {merge_id}")
