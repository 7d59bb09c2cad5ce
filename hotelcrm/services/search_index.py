"""Keeps the guest search index (``guest_search``) in step with the cards (DESIGN.md §5).

Whoever changes a guest's names, documents, contacts, company, membership, status or stays calls
``refresh_guests(session, [guest_id, …])`` before the unit of work ends. The rows are rebuilt
from the tables in Python (pinyin needs pypinyin); on SQLite, triggers on ``guest_search`` keep
the FTS5 trigram table in step. Anonymized and merged guests have no row. The clear ID number
never enters the index: document search goes through the keyed hash in ``guest_documents``.

Migration 0002 creates the schema only; ``ensure_current`` (run by ``maintenance_service.upgrade``
after migrating, and by the benchmark) fills the index when its format changed or rows are
missing. ``rebuild_all`` is a bulk build: id-range batches, one executemany per batch, the
search-side indexes and triggers set aside while the rows go in (see ``search_bulk``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from hotelcrm.db.models import Company, Guest, GuestContact, GuestSearch, LoyaltyTier, Membership, Stay

from . import search_bulk
from .search_rows import SEARCHABLE_STATUS, search_row

CHUNK = 500
BUILD_BATCH = 5000
STAYED = ("in_house", "checked_out")
_FIELDS = ("rank_key", "document", "term_kinds", "last_stay", "display_name", "latin_name", "pinyin", "status",
           "vip_code", "member_no", "tier_code", "phone", "company", "in_house_room")

Progress = Callable[[int, int], None]


def refresh_guests(session: Session, guest_ids: Iterable[int]) -> None:
    """Rebuild the search rows of these guests inside the caller's transaction."""
    ids = sorted({int(i) for i in guest_ids if i is not None})
    for start in range(0, len(ids), CHUNK):
        _refresh_chunk(session, ids[start:start + CHUNK])


def rebuild_all(session: Session, progress: Progress | None = None) -> int:
    """Rebuild every row (after a bulk load, a restore or a new index format); returns the number
    of indexed guests and records the index format."""
    low, high, total = session.execute(select(func.min(Guest.id), func.max(Guest.id), func.count(Guest.id))).one()
    with search_bulk.bulk_load(session):
        session.execute(delete(GuestSearch))
        done = 0
        for start in range(low or 0, (high or -1) + 1, BUILD_BATCH):
            rows = _build_rows(session, id_range=(start, start + BUILD_BATCH))
            if rows:
                session.execute(insert(GuestSearch.__table__), list(rows.values()))
            done = min(total, done + BUILD_BATCH)
            if progress is not None:
                progress(done, total)
    search_bulk.write_format(session)
    return int(session.scalar(select(func.count()).select_from(GuestSearch)) or 0)


def ensure_current(session: Session, progress: Progress | None = None) -> bool:
    """Build the index when its format is not the current one or searchable guests lack a row
    (a database upgraded from before the index, or filled by bulk inserts); True if rebuilt."""
    searchable = (Guest.status.in_(SEARCHABLE_STATUS) & Guest.merged_into_id.is_(None)
                  & Guest.anonymized_at.is_(None))
    guests = session.scalar(select(func.count()).select_from(Guest).where(searchable)) or 0
    rows = session.scalar(select(func.count()).select_from(GuestSearch)) or 0
    if search_bulk.stored_format(session) == search_bulk.FORMAT and rows == guests:
        return False
    rebuild_all(session, progress)
    return True


def _refresh_chunk(session: Session, ids: list[int]) -> None:
    wanted = _build_rows(session, ids)
    current = {row.guest_id: tuple(row[1:]) for row in session.execute(
        select(GuestSearch.guest_id, *(getattr(GuestSearch, f) for f in _FIELDS))
        .where(GuestSearch.guest_id.in_(ids)))}
    gone = [gid for gid in current if gid not in wanted]
    if gone:
        session.execute(delete(GuestSearch).where(GuestSearch.guest_id.in_(gone)))
    new = [row for gid, row in wanted.items() if gid not in current]
    if new:
        session.execute(insert(GuestSearch.__table__), new)  # Core: one executemany
    # Only the columns that differ are SET: on SQLite the FTS and term triggers fire on
    # ``UPDATE OF rank_key, document`` whenever those columns are in the SET list, changed or not,
    # and rewriting a guest's terms costs more than the rest of a save.
    by_columns: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for gid, row in wanted.items():
        if gid in current:
            columns = tuple(f for f, old in zip(_FIELDS, current[gid], strict=True) if old != row[f])
            if columns:
                by_columns[columns].append({"gid": gid, **{f"v_{f}": row[f] for f in columns}})
    for columns, rows in by_columns.items():
        stmt = (update(GuestSearch).where(GuestSearch.guest_id == bindparam("gid"))
                .values({f: bindparam(f"v_{f}") for f in columns}))
        session.connection().execute(stmt, rows)


def _build_rows(session: Session, ids: list[int] | None = None,
                id_range: tuple[int, int] | None = None) -> dict[int, dict]:
    """The wanted rows of these guests (a list of ids, or ``low <= id < high``)."""
    def which(column):
        return column.in_(ids) if id_range is None else (column >= id_range[0]) & (column < id_range[1])

    guests = session.execute(
        select(Guest.id, Guest.family_name, Guest.given_name, Guest.latin_name, Guest.pinyin, Guest.status,
               Guest.vip_code, Company.name, Company.name_latin)
        .outerjoin(Company, Company.id == Guest.company_id)
        .where(which(Guest.id), Guest.status.in_(SEARCHABLE_STATUS), Guest.merged_into_id.is_(None),
               Guest.anonymized_at.is_(None))).all()
    if not guests:
        return {}
    contacts: dict[int, list[tuple[str, str, str, bool]]] = defaultdict(list)
    for c in session.execute(select(GuestContact.guest_id, GuestContact.kind, GuestContact.value,
                                    GuestContact.value_key, GuestContact.is_primary)
                             .where(which(GuestContact.guest_id)).order_by(GuestContact.id)):
        contacts[c.guest_id].append((c.kind, c.value, c.value_key, c.is_primary))
    members = {m.guest_id: (m.member_no, m.code) for m in session.execute(
        select(Membership.guest_id, Membership.member_no, LoyaltyTier.code)
        .join(LoyaltyTier, LoyaltyTier.id == Membership.tier_id).where(which(Membership.guest_id)))}
    stays = {s.guest_id: (s.last_stay, s.room) for s in session.execute(
        select(Stay.guest_id,
               func.max(Stay.arrival_date).filter(Stay.status.in_(STAYED)).label("last_stay"),
               func.min(Stay.room_no).filter(Stay.status == "in_house").label("room"))
        .where(which(Stay.guest_id)).group_by(Stay.guest_id))}
    rows = {}
    for g in guests:
        last_stay, room = stays.get(g.id, (None, None))
        rows[g.id] = search_row(g, contacts.get(g.id, []), members.get(g.id), last_stay, room)
    return rows
