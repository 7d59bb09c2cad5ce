"""Guest export as the application's own guest CSV (DESIGN.md §2.8): what ``import guests``
reads back. One row per active or blacklisted card (merged and anonymized cards are left out):
the primary ID document in clear (the export needs IMPORT_EXPORT, a manager's right, and is
audited), every phone and e-mail, the pick-list preferences, birthday and anniversary. Cells a
spreadsheet program would run as formulas are neutralised."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotelcrm.db.models import (
    Company,
    Guest,
    GuestContact,
    GuestDocument,
    GuestPreference,
    LoyaltyTier,
    Membership,
    SpecialDate,
)
from hotelcrm.domain.guest_csv import COLUMNS, LIST_SEPARATOR, format_yearly_date, neutralise_cell
from hotelcrm.domain.permissions import Permission

from .base import Service

CHUNK = 2000
EXPORTED_STATUS = ("active", "blacklisted")
Progress = Callable[[int, int], None]


class GuestExportService(Service):
    """Needs IMPORT_EXPORT."""

    def export_guests(self, path: str | Path, progress: Progress | None = None) -> int:
        """Write the guest CSV (UTF-8 with BOM) and return the number of guests written."""
        self._require(Permission.IMPORT_EXPORT)
        written = 0
        with self._read() as s, Path(path).open("w", encoding="utf-8-sig", newline="") as f:
            out = csv.writer(f)
            out.writerow(COLUMNS)
            ids = list(s.scalars(select(Guest.id).where(Guest.status.in_(EXPORTED_STATUS)).order_by(Guest.id)))
            for start in range(0, len(ids), CHUNK):
                for row in _rows(s, ids[start:start + CHUNK]):
                    out.writerow([neutralise_cell(row.get(c) or "") for c in COLUMNS])
                    written += 1
                if progress is not None:
                    progress(written, len(ids))
        with self._write("guest") as (_s, audit):
            audit.record("export", "guest", None, field="csv", new={"guests": written}, note=Path(path).name)
        return written


def _rows(s: Session, ids: list[int]) -> list[dict[str, str]]:
    rows: dict[int, dict[str, str]] = {}
    for g, company in s.execute(select(Guest, Company.name).outerjoin(Company, Company.id == Guest.company_id)
                                .where(Guest.id.in_(ids)).order_by(Guest.id)):
        rows[g.id] = {
            "family_name": g.family_name, "given_name": g.given_name, "latin_name": g.latin_name,
            "gender": g.gender, "birth_date": g.birth_date.isoformat() if g.birth_date else None,
            "nationality": g.nationality, "company": company, "position": g.position, "language": g.language,
            "vip_code": g.vip_code, "taboos": g.taboos, "notes": g.notes,
        }
    for d in s.scalars(select(GuestDocument).where(GuestDocument.guest_id.in_(ids))
                       .order_by(GuestDocument.guest_id, GuestDocument.is_primary.desc(), GuestDocument.id)):
        rows[d.guest_id].setdefault("id_number", d.number)
        rows[d.guest_id].setdefault("id_type", d.doc_type)
    lists: dict[tuple[int, str], list[str]] = defaultdict(list)
    for gid, kind, value in s.execute(
            select(GuestContact.guest_id, GuestContact.kind, GuestContact.value)
            .where(GuestContact.guest_id.in_(ids), GuestContact.kind.in_(("phone", "email")))
            .order_by(GuestContact.guest_id, GuestContact.is_primary.desc(), GuestContact.id)):
        lists[(gid, kind)].append(value)
    for gid, group, key, value in s.execute(
            select(GuestPreference.guest_id, GuestPreference.pref_group, GuestPreference.pref_key,
                   GuestPreference.value).where(GuestPreference.guest_id.in_(ids)).order_by(GuestPreference.id)):
        lists[(gid, "preferences")].append(f"{group}.{key}={value}")
    for (gid, column), values in lists.items():
        rows[gid][column] = (LIST_SEPARATOR + " ").join(values)
    for d in s.scalars(select(SpecialDate).where(SpecialDate.guest_id.in_(ids),
                                                 SpecialDate.kind.in_(("birthday", "anniversary")))
                       .order_by(SpecialDate.id)):
        rows[d.guest_id].setdefault(d.kind, format_yearly_date(d.month, d.day, d.year))
    for gid, member_no, tier in s.execute(
            select(Membership.guest_id, Membership.member_no, LoyaltyTier.code)
            .join(LoyaltyTier, LoyaltyTier.id == Membership.tier_id).where(Membership.guest_id.in_(ids))):
        rows[gid].update(member_no=member_no, tier=tier)
    return [rows[gid] for gid in sorted(rows)]
