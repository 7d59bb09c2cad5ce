"""Companies (协议单位: agreement companies, travel agencies, government units) with their
contact and special dates (店庆/厂庆)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hotelcrm.db.models import Company, Guest, SpecialDate
from hotelcrm.domain import codes, guest_rules
from hotelcrm.domain.contact_rules import normalize_email, normalize_phone
from hotelcrm.domain.errors import NotFound
from hotelcrm.domain.permissions import Permission
from hotelcrm.domain.text_rules import clean_text

from .base import Service
from .guest_card_reader import special_date_info
from .guest_dto import CompanyDraft, CompanyInfo, SpecialDateDraft
from .guest_parts_service import delete_row
from .guest_personal_service import SPECIAL_DATE_FIELDS, clean_special_date
from .guest_write_support import load, refresh_search

MAX_LIST = 500


def clean_company(draft: CompanyDraft) -> dict:
    return {
        "name": clean_text(draft.name, "company_name", required=True, max_len=200),
        "name_latin": clean_text(draft.name_latin, "company_name_latin", max_len=200),
        "kind": guest_rules.check_code(draft.kind or "agreement", codes.COMPANY_KIND, "company_kind"),
        "contact_person": clean_text(draft.contact_person, "contact_person", max_len=100),
        "phone": normalize_phone(draft.phone) if (draft.phone or "").strip() else None,
        "email": normalize_email(draft.email).lower() if (draft.email or "").strip() else None,
        "address": clean_text(draft.address, "company_address", max_len=500),
        "notes": guest_rules.check_note(draft.notes, "company_notes"),
    }


def company_info(s: Session, c: Company, with_details: bool = True) -> CompanyInfo:
    dates: tuple = ()
    guests = 0
    if with_details:
        rows = s.scalars(select(SpecialDate).where(SpecialDate.company_id == c.id)
                         .order_by(SpecialDate.month, SpecialDate.day, SpecialDate.id))
        dates = tuple(special_date_info(d, date.today()) for d in rows)
        guests = s.scalar(select(func.count()).select_from(Guest).where(Guest.company_id == c.id)) or 0
    return CompanyInfo(id=c.id, name=c.name, name_latin=c.name_latin, kind=c.kind,
                       contact_person=c.contact_person, phone=c.phone, email=c.email, address=c.address,
                       notes=c.notes, status=c.status, version=c.version, special_dates=dates, guests=guests)


class CompanyService(Service):
    """Read with GUEST_READ, change with GUEST_WRITE; every change audited."""

    def list(self, name_contains: str = "", include_inactive: bool = False,
             limit: int = MAX_LIST) -> list[CompanyInfo]:
        """Companies whose name (or Latin name) contains the text, by name, with their number of
        linked cards (one grouped count; special dates only through ``get``)."""
        self._require(Permission.GUEST_READ)
        query = select(Company).order_by(Company.name, Company.id).limit(min(limit, MAX_LIST))
        text = (name_contains or "").strip()
        if text:
            pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            query = query.where(Company.name.ilike(pattern, escape="\\")
                                | Company.name_latin.ilike(pattern, escape="\\"))
        if not include_inactive:
            query = query.where(Company.status == "active")
        with self._read() as s:
            companies = list(s.scalars(query))
            counts = dict(s.execute(select(Guest.company_id, func.count()).where(
                Guest.company_id.in_([c.id for c in companies])).group_by(Guest.company_id)).all())
            return [replace(company_info(s, c, with_details=False), guests=counts.get(c.id, 0)) for c in companies]

    def get(self, company_id: int) -> CompanyInfo:
        self._require(Permission.GUEST_READ)
        with self._read() as s:
            return company_info(s, load(s, Company, company_id))

    def create(self, draft: CompanyDraft) -> CompanyInfo:
        self._require(Permission.GUEST_WRITE)
        values = clean_company(draft)
        with self._write("company") as (s, audit):
            row = Company(**values, status="active")
            s.add(row)
            s.flush()
            audit.created("company", row.id, values)
            return company_info(s, row)

    def update(self, company_id: int, expected_version: int, draft: CompanyDraft,
               active: bool | None = None) -> CompanyInfo:
        self._require(Permission.GUEST_WRITE)
        values = clean_company(draft)
        if active is not None:
            values["status"] = "active" if active else "inactive"
        with self._write("company", company_id) as (s, audit):
            row = load(s, Company, company_id, expected_version)
            changed = audit.changed("company", row.id, row, values)
            s.flush()
            if "name" in changed or "name_latin" in changed:  # guests are found by company name
                refresh_search(s, s.scalars(select(Guest.id).where(Guest.company_id == row.id)))
            return company_info(s, row)

    def add_special_date(self, company_id: int, draft: SpecialDateDraft) -> CompanyInfo:
        """店庆/厂庆 and other yearly dates of the company."""
        self._require(Permission.GUEST_WRITE)
        values = clean_special_date(draft)
        with self._write("special_date") as (s, audit):
            company = load(s, Company, company_id)
            row = SpecialDate(company_id=company_id, guest_id=None, **values)
            s.add(row)
            s.flush()
            audit.created("special_date", row.id, {"company_id": company_id, **values})
            return company_info(s, company)

    def update_special_date(self, special_date_id: int, expected_version: int,
                            draft: SpecialDateDraft) -> CompanyInfo:
        self._require(Permission.GUEST_WRITE)
        values = clean_special_date(draft)
        with self._write("special_date", special_date_id) as (s, audit):
            row = self._company_date(s, special_date_id, expected_version)
            audit.changed("special_date", row.id, row, values)
            s.flush()
            return company_info(s, load(s, Company, row.company_id))

    def remove_special_date(self, special_date_id: int, expected_version: int) -> CompanyInfo:
        self._require(Permission.GUEST_WRITE)
        with self._write("special_date", special_date_id) as (s, audit):
            row = self._company_date(s, special_date_id, expected_version)
            company_id = row.company_id
            delete_row(s, audit, "special_date", row, ("company_id", *SPECIAL_DATE_FIELDS))
            return company_info(s, load(s, Company, company_id))

    @staticmethod
    def _company_date(s: Session, special_date_id: int, expected_version: int) -> SpecialDate:
        row = load(s, SpecialDate, special_date_id, expected_version)
        if row.company_id is None:
            raise NotFound("special_date", special_date_id)
        return row
