"""Special dates in a window (纪念日提醒): guests' birthdays and anniversaries and the companies'
founding days (店庆/厂庆), with the guest's tier, VIP code and the channels they agreed to be
contacted on — so that a greeting goes only where the guest said yes."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import extract, select
from sqlalchemy.orm import Session

from hotelcrm.db.models import Company, Guest, GuestContact, SpecialDate, Stay
from hotelcrm.domain.guest_rules import display_name
from hotelcrm.domain.permissions import Permission
from hotelcrm.domain.stay_rules import occurrences

from .base import Service
from .report_period import check_period
from .report_queries import active_tiers, chunks, granted_consents
from .report_stats_dto import SpecialDateRow, SpecialDates

MAX_WINDOW_DAYS = 366


class SpecialDatesService(Service):
    """Needs GUEST_READ; dates marked sensitive (children's) only with SENSITIVE_READ, otherwise
    counted in ``hidden_sensitive``."""

    def window(self, start: date | None, end: date | None) -> SpecialDates:
        self._require(Permission.GUEST_READ)
        start, end = check_period(start, end, MAX_WINDOW_DAYS)
        may_see = self.actor.can(Permission.SENSITIVE_READ)
        months = _months(start, end)
        rows: list[SpecialDateRow] = []
        hidden = 0
        with self._read() as s:
            guest_dates = list(s.execute(
                select(SpecialDate, Guest).join(Guest, Guest.id == SpecialDate.guest_id)
                .where(SpecialDate.month.in_(months), Guest.status == "active")))
            birthdays = _card_birthdays(s, months)
            company_dates = list(s.execute(
                select(SpecialDate, Company).join(Company, Company.id == SpecialDate.company_id)
                .where(SpecialDate.month.in_(months), Company.status == "active")))
            guest_ids = {g.id for _, g in guest_dates} | {g.id for g in birthdays}
            tiers = active_tiers(s, guest_ids)
            consents = granted_consents(s, guest_ids)
            phones = _phones(s, guest_ids)
            in_house = _in_house(s, guest_ids)

            def guest_row(on: date, kind: str, guest: Guest, label: str | None, year: int | None) -> SpecialDateRow:
                tier = tiers.get(guest.id)
                return SpecialDateRow(
                    on, kind, display_name(guest.family_name, guest.given_name, guest.latin_name), False, label,
                    on.year - year if year and on.year > year else None, guest.vip_code, tier[0] if tier else None,
                    consents.get(guest.id, ()), phones.get(guest.id), guest.id in in_house)

            for sd, guest in guest_dates:
                for on in occurrences(sd.month, sd.day, start, end):
                    if sd.sensitive and not may_see:
                        hidden += 1
                        continue
                    rows.append(guest_row(on, sd.kind, guest, sd.label, sd.year))
            for guest in birthdays:
                born = guest.birth_date
                for on in occurrences(born.month, born.day, start, end):
                    rows.append(guest_row(on, "birthday", guest, None, born.year))
            for sd, company in company_dates:
                for on in occurrences(sd.month, sd.day, start, end):
                    rows.append(SpecialDateRow(on, sd.kind, company.name, True, sd.label,
                                               on.year - sd.year if sd.year and on.year > sd.year else None,
                                               None, None, (), company.phone, False))
        rows.sort(key=lambda r: (r.on, r.is_company, r.vip_code is None, r.tier is None, r.owner))
        by_kind = sorted(Counter(r.kind for r in rows).items(), key=lambda kv: (-kv[1], kv[0]))
        return SpecialDates(start, end, tuple(rows), hidden, tuple(by_kind))


def _months(start: date, end: date) -> list[int]:
    if (end - start).days >= 365:
        return list(range(1, 13))
    months, current = [], start.replace(day=1)
    while current <= end:
        months.append(current.month)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return sorted(set(months))


def _card_birthdays(s: Session, months: list[int]) -> list[Guest]:
    """Guests whose birth date is on the card but who have no birthday row (the brief does the same)."""
    has_row = select(SpecialDate.guest_id).where(SpecialDate.kind == "birthday", SpecialDate.guest_id.is_not(None))
    return list(s.scalars(select(Guest).where(Guest.status == "active", Guest.birth_date.is_not(None),
                                              extract("month", Guest.birth_date).in_(months),
                                              Guest.id.not_in(has_row))))


def _phones(s: Session, ids) -> dict[int, str]:
    out: dict[int, str] = {}
    for part in chunks(ids):
        rows = s.execute(select(GuestContact.guest_id, GuestContact.value)
                         .where(GuestContact.guest_id.in_(part), GuestContact.kind == "phone")
                         .order_by(GuestContact.guest_id, GuestContact.is_primary.desc(), GuestContact.id))
        for guest_id, value in rows:
            out.setdefault(guest_id, value)
    return out


def _in_house(s: Session, ids) -> set[int]:
    out: set[int] = set()
    for part in chunks(ids):
        out.update(s.scalars(select(Stay.guest_id).where(Stay.guest_id.in_(part), Stay.status == "in_house")))
    return out
