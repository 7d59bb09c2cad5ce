"""Membership: enrolment with a member number, card status, the members list and one member's
detail with ledger, tier history and entitlements (DESIGN.md §2.3).

Reads need LOYALTY_READ, enrolment and status LOYALTY_WRITE; a manager (LOYALTY_CONFIG) may set
a tier by hand, with a reason."""

from __future__ import annotations

import zlib
from datetime import date

from sqlalchemy import func, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from hotelcrm.db.models import Guest, LoyaltyTier, Membership, NumberSequence, PointsEntry, TierChange
from hotelcrm.domain import codes
from hotelcrm.domain import loyalty_tiers as tiers
from hotelcrm.domain.errors import HotelCrmError, NotFound, ValidationError
from hotelcrm.domain.guest_rules import display_name
from hotelcrm.domain.permissions import Permission

from . import loyalty_store as store
from . import search_index
from .base import Service, load_row
from .loyalty_dto import MemberBadge, MemberDetail, MemberFilter, MemberRow
from .loyalty_member_reader import member_detail

MEMBER_PREFIX = "M"
PAGE = 200
ALL = MemberFilter()


def next_member_no(s: Session) -> str:
    """The next number from the ``member`` counter, incremented inside the saving transaction
    (the counter row is locked until commit, so two desks never get the same number); numbers
    typed by hand that are already taken are skipped."""
    insert = postgresql_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
    s.execute(insert(NumberSequence).values(name="member", period="", last_value=0)
              .on_conflict_do_nothing(index_elements=["name", "period"]))
    while True:
        value = s.execute(update(NumberSequence).where(NumberSequence.name == "member", NumberSequence.period == "")
                          .values(last_value=NumberSequence.last_value + 1)
                          .returning(NumberSequence.last_value)).scalar_one()
        number = f"{MEMBER_PREFIX}{value:06d}"
        if s.scalar(select(Membership.id).where(Membership.member_no == number)) is None:
            return number


class LoyaltyMemberService(Service):
    # ------------------------------------------------------------ reads

    def members(self, flt: MemberFilter = ALL, offset: int = 0, limit: int = PAGE) -> list[MemberRow]:
        """A page of members, sorted by member number; filtered in the database."""
        self._require(Permission.LOYALTY_READ)
        with self._read() as s:
            return [_member_row(*r) for r in s.execute(self._query(flt).order_by(Membership.member_no)
                                                       .offset(offset).limit(limit))]

    def count(self, flt: MemberFilter = ALL) -> int:
        self._require(Permission.LOYALTY_READ)
        with self._read() as s:
            return int(s.scalar(select(func.count()).select_from(self._query(flt).subquery())) or 0)

    def detail(self, membership_id: int, on: date | None = None) -> MemberDetail:
        self._require(Permission.LOYALTY_READ)
        with self._read() as s:
            membership = s.get(Membership, membership_id)
            if membership is None:
                raise NotFound("membership", membership_id)
            return member_detail(s, membership, on or date.today())

    def for_guest(self, guest_id: int) -> MemberBadge | None:
        """The guest's membership (any status) for the card, or None."""
        self._require(Permission.LOYALTY_READ)
        with self._read() as s:
            row = s.execute(select(Membership, LoyaltyTier).join(LoyaltyTier, LoyaltyTier.id == Membership.tier_id)
                            .where(Membership.guest_id == guest_id)).first()
            if row is None:
                return None
            m, t = row
            return MemberBadge(m.member_no, t.code, t.name_en, t.name_zh, t.colour, m.status, store.balance(s, m.id))

    def membership_id(self, guest_id: int) -> int | None:
        self._require(Permission.LOYALTY_READ)
        with self._read() as s:
            return s.scalar(select(Membership.id).where(Membership.guest_id == guest_id))

    # ------------------------------------------------------------ writes

    def enrol(self, guest_id: int, member_no: str | None = None, tier_code: str | None = None,
              enrolled_on: date | None = None) -> MemberDetail:
        """Enrol a guest: a typed member number (checked, unique) or the next one from the
        counter; the entry tier unless a manager names another."""
        self._require(Permission.LOYALTY_WRITE)
        number = tiers.check_member_no(member_no) if (member_no or "").strip() else None
        day = enrolled_on or date.today()
        if day > date.today():
            raise ValidationError("enrolled_on", "date_in_future")
        if tier_code and not self.actor.can(Permission.LOYALTY_CONFIG):
            self._require(Permission.LOYALTY_CONFIG)
        with self._write("membership", guest_id) as (s, audit):
            store.ensure_defaults(s, audit)
            guest = s.get(Guest, guest_id, with_for_update=True)
            if guest is None:
                raise NotFound("guest", guest_id)
            if guest.status in ("merged", "anonymized"):
                raise HotelCrmError(f"guest_{guest.status}", into=guest.merged_into_id)
            if s.scalar(select(Membership.id).where(Membership.guest_id == guest_id)) is not None:
                raise ValidationError("member_guest", "already_member")
            if number is None:
                number = next_member_no(s)
            else:
                self._lock_number(s, number)
                if s.scalar(select(Membership.id).where(Membership.member_no == number)) is not None:
                    raise ValidationError("member_no", "member_no_taken", member_no=number)
            rows = store.active_tiers(s)
            tier = store.tier_by_code(s, tiers.check_tier_code(tier_code)) if tier_code else \
                next(t for t in rows if t.code == tiers.entry_tier([store.rule(x) for x in rows]).code)
            membership = Membership(guest_id=guest_id, member_no=number, tier_id=tier.id, enrolled_on=day)
            s.add(membership)
            s.flush()
            audit.created("membership", membership.id, {"guest_id": guest_id, "member_no": number,
                                                        "tier": tier.code, "enrolled_on": day})
            s.add(TierChange(membership_id=membership.id, from_tier_id=None, to_tier_id=tier.id,
                             reason="enrolment", effective_on=day, changed_by=self.actor.user_id))
            s.flush()
            search_index.refresh_guests(s, [guest_id])
            return member_detail(s, membership, date.today())

    def set_status(self, membership_id: int, expected_version: int, status: str, reason: str) -> MemberDetail:
        """Active, suspended or closed, with the reason in the audit trail."""
        self._require(Permission.LOYALTY_WRITE)
        if status not in codes.MEMBERSHIP_STATUS:
            raise ValidationError("membership_status", "unknown_code", value=status)
        why = tiers.check_reason(reason)
        with self._write("membership", membership_id) as (s, audit):
            membership = load_row(s, Membership, membership_id, expected_version, "membership")
            old = membership.status
            audit.changed("membership", membership.id, membership, {"status": status})
            if old != status:
                audit.record("status", "membership", membership.id, old=old, new=status, note=why)
            s.flush()
            search_index.refresh_guests(s, [membership.guest_id])
            return member_detail(s, membership, date.today())

    def set_tier(self, membership_id: int, expected_version: int, tier_code: str, reason: str) -> MemberDetail:
        """A manager moves a member to another tier by hand, with the reason in the history."""
        self._require(Permission.LOYALTY_CONFIG)
        why = tiers.check_reason(reason)
        with self._write("membership", membership_id) as (s, audit):
            membership = load_row(s, Membership, membership_id, expected_version, "membership")
            tier = store.tier_by_code(s, tiers.check_tier_code(tier_code))
            if tier.id != membership.tier_id:
                store.change_tier(s, audit, membership, tier, why, date.today())
            return member_detail(s, membership, date.today())

    # ------------------------------------------------------------ helpers

    @staticmethod
    def _lock_number(s: Session, number: str) -> None:
        """Two desks typing the same number at once: the second waits and then sees the first."""
        if s.get_bind().dialect.name == "postgresql":
            s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": zlib.crc32(f"member:{number}".encode())})

    @staticmethod
    def _query(flt: MemberFilter):
        balance = (select(PointsEntry.membership_id, func.sum(PointsEntry.points).label("balance"))
                   .group_by(PointsEntry.membership_id).subquery())
        bal = func.coalesce(balance.c.balance, 0)
        query = (select(Membership, Guest, LoyaltyTier, bal)
                 .join(Guest, Guest.id == Membership.guest_id)
                 .join(LoyaltyTier, LoyaltyTier.id == Membership.tier_id)
                 .outerjoin(balance, balance.c.membership_id == Membership.id))
        needle = (flt.text or "").strip()
        if needle:
            like = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            query = query.where(or_(Membership.member_no.like(like.upper(), escape="\\"),
                                    (Guest.family_name + Guest.given_name).like(like, escape="\\"),
                                    func.upper(Guest.latin_name).like(like.upper(), escape="\\")))
        if flt.tier_code:
            query = query.where(LoyaltyTier.code == flt.tier_code)
        if flt.status:
            query = query.where(Membership.status == flt.status)
        if flt.min_balance is not None:
            query = query.where(bal >= flt.min_balance)
        if flt.max_balance is not None:
            query = query.where(bal <= flt.max_balance)
        return query


def _member_row(m: Membership, g: Guest, t: LoyaltyTier, balance: int) -> MemberRow:
    return MemberRow(m.id, g.id, m.member_no, display_name(g.family_name, g.given_name, g.latin_name), t.code,
                     t.name_en, t.name_zh, t.colour, m.status, m.enrolled_on, int(balance or 0))

