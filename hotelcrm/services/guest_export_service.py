"""Guest rows of the export in the application's own guest columns (DESIGN.md §2.8): what
``import guests`` reads back. One row per active or blacklisted card (merged and anonymized cards
are left out): the primary ID document (in clear only for users who may reveal ID numbers, else
masked), every phone and e-mail, the pick-list preferences, birthday and anniversary. Written by
``export_service`` (CSV or XLSX, cells neutralised, audited)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

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
from hotelcrm.domain.guest_csv import COLUMNS, LIST_SEPARATOR, format_yearly_date
from hotelcrm.domain.id_numbers import mask_document_number

CHUNK = 2000
EXPORTED_STATUS = ("active", "blacklisted")


def guest_batches(s: Session, reveal: bool) -> Iterator[tuple[list[list[str | None]], int]]:
    """(rows, total) per chunk of cards, ``COLUMNS`` order; ID numbers masked unless ``reveal``."""
    ids = list(s.scalars(select(Guest.id).where(Guest.status.in_(EXPORTED_STATUS)).order_by(Guest.id)))
    for start in range(0, len(ids), CHUNK):
        rows = _rows(s, ids[start:start + CHUNK])
        if not reveal:
            for row in rows:
                if row.get("id_number"):
                    row["id_number"] = mask_document_number(row["id_number"])
        yield [[row.get(c) for c in COLUMNS] for row in rows], len(ids)


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
