"""One batch of valid stay rows written inside the caller's transaction (part of
``stay_import_service``): each row's guest found (member number, then the guest import's
matching: ID document, phone, e-mail, never a name) or created, then its stay added unless the
same stay is already there.

The same stay: the same ``external_ref`` among imported stays (a PMS booking number), or, without
one, a stay of the same guest with the same arrival and departure. Such a row is "matched": it
stores nothing, which is why importing a file twice duplicates nothing. New stays go in with bulk
statements and one light audit row each, like new cards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotelcrm.db.models import AuditEntry, Membership, Stay, utcnow
from hotelcrm.domain.guest_csv import CellProblem
from hotelcrm.domain.stay_csv import StayCsvRow

from .audit_trail import AuditTrail, render
from .bulk_rows import insert_rows, new_ids
from .guest_import_writer import BatchWriter, RunState
from .guest_write_support import refresh_search
from .import_job import BatchResult

IMPORT_SOURCE = "import"
STAYED = ("in_house", "checked_out")  # the stays a guest's search row shows
STAY_DEFAULTS = {"discount_cents": 0, "unpaid_cents": 0, "checked_in_at": None, "checked_out_at": None,
                 "notes": None, "source": IMPORT_SOURCE}


@dataclass
class StayRunState(RunState):
    currency: str = "CNY"
    today: date = field(default_factory=date.today)


class StayBatchWriter:
    def __init__(self, session: Session, audit: AuditTrail, state: StayRunState) -> None:
        self.s = session
        self.audit = audit
        self.state = state
        self.cards = BatchWriter(session, audit, state)

    def write(self, rows: list[StayCsvRow]) -> BatchResult:
        out = BatchResult(details={"guests_created": 0, "guests_matched": 0})
        # A booking imported before is matched first, before its guest is looked for: a guest
        # that nothing identifies (no valid e-mail or phone) must not be created a second time.
        known = self._known_refs({r.stay["external_ref"] for r in rows if r.stay["external_ref"]})
        out.matched = sum(1 for r in rows if r.stay["external_ref"] in known)
        rows = [r for r in rows if r.stay["external_ref"] not in known]
        members = self._members({r.member_no for r in rows if r.member_no})
        direct: dict[int, int] = {}
        to_match: list[StayCsvRow] = []
        for r in rows:
            gid = members.get(r.member_no) if r.member_no else None
            if gid is not None:
                direct[r.row] = gid
            elif r.member_no and not r.creates_guest and not (r.guest.documents or r.guest.contacts):
                out.problems.append(CellProblem(r.row, "member_no", "member_no", "member_not_found",
                                                (("value", r.member_no),)))
            else:
                to_match.append(r)
        guests = self.cards.write([r.guest for r in to_match],
                                  find_only=frozenset(r.row for r in to_match if not r.creates_guest), refresh=False)
        out.problems += guests.problems
        out.details["guests_created"] = guests.imported
        out.details["guests_matched"] = guests.matched + len(direct)
        guest_of = {**guests.guest_of, **direct}
        placed = [(r, guest_of[r.row]) for r in rows if r.row in guest_of]
        new = self._new_stays(placed)
        out.imported, out.matched = len(new), out.matched + len(placed) - len(new)
        self._insert(new)
        # Once, after the stays: a guest's search row shows the last stay and an in-house room.
        refresh_search(self.s, {*guests.touched, *(gid for r, gid in new if r.stay["status"] in STAYED)})
        return out

    def _members(self, numbers: set[str]) -> dict[str, int]:
        if not numbers:
            return {}
        return dict(self.s.execute(select(Membership.member_no, Membership.guest_id)
                                   .where(Membership.member_no.in_(sorted(numbers)))).all())

    def _known_refs(self, refs: set[str]) -> set[str]:
        if not refs:
            return set()
        return set(self.s.scalars(select(Stay.external_ref).where(Stay.source == IMPORT_SOURCE,
                                                                  Stay.external_ref.in_(sorted(refs)))))

    def _new_stays(self, placed: list[tuple[StayCsvRow, int]]) -> list[tuple[StayCsvRow, int]]:
        """The rows whose stay is not there yet (earlier in this batch, or, without a booking
        number, in the database with the same guest and dates)."""
        known_refs: set[str] = set()
        guests = sorted({g for r, g in placed if not r.stay["external_ref"]})
        known_dates = {tuple(t) for t in self.s.execute(select(Stay.guest_id, Stay.arrival_date, Stay.departure_date)
                                                         .where(Stay.guest_id.in_(guests)))} if guests else set()
        new = []
        for r, gid in placed:
            ref = r.stay["external_ref"]
            if ref:
                if ref in known_refs:
                    continue
                known_refs.add(ref)
            else:
                key = (gid, r.stay["arrival_date"], r.stay["departure_date"])
                if key in known_dates:
                    continue
                known_dates.add(key)
            new.append((r, gid))
        return new

    def _insert(self, new: list[tuple[StayCsvRow, int]]) -> None:
        if not new:
            return
        user = self.audit.actor.user_id
        ids = new_ids(self.s, Stay.__table__, len(new))
        insert_rows(self.s, Stay.__table__, [
            {**STAY_DEFAULTS, **r.stay, "id": sid, "guest_id": gid, "created_by": user}
            for sid, (r, gid) in zip(ids, new, strict=True)])
        actor, at = self.audit.actor, utcnow()
        note = f"import run {self.state.run_id}"
        insert_rows(self.s, AuditEntry.__table__, [
            {"at": at, "actor_id": actor.user_id, "actor_name": actor.username, "action": "create", "entity": "stay",
             "entity_id": str(sid), "field": None, "old_value": None,
             "new_value": render(f"{gid} {r.stay['arrival_date']}–{r.stay['departure_date']} {r.stay['status']}"),
             "note": f"{note}, row {r.row}"} for sid, (r, gid) in zip(ids, new, strict=True)])
