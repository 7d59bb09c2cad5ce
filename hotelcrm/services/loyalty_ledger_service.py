"""Ledger operations at the desk (DESIGN.md §2.3): redeem (LOYALTY_WRITE), manual adjustment and
reversal of a wrong entry (LOYALTY_CONFIG: the manager doing it is the approver). Entries are
never edited; the balance is the ledger's sum and never goes below zero."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from hotelcrm.db.models import Membership, PointsEntry
from hotelcrm.domain import loyalty_points as points
from hotelcrm.domain import loyalty_tiers as tiers
from hotelcrm.domain.errors import HotelCrmError, NotFound
from hotelcrm.domain.permissions import Permission

from . import loyalty_store as store
from .base import Service
from .loyalty_dto import LedgerLine
from .loyalty_member_reader import ledger_lines


class LoyaltyLedgerService(Service):
    def balance(self, membership_id: int) -> int:
        self._require(Permission.LOYALTY_READ)
        with self._read() as s:
            return store.balance(s, membership_id)

    def ledger(self, membership_id: int) -> list[LedgerLine]:
        """Oldest first, each line with the balance after it."""
        self._require(Permission.LOYALTY_READ)
        with self._read() as s:
            return ledger_lines(s, membership_id)[1]

    def redeem(self, membership_id: int, amount: int, reason: str) -> int:
        """Take points off (a reward given); refused beyond the balance. Returns the new balance."""
        self._require(Permission.LOYALTY_WRITE)
        why = tiers.check_reason(reason)
        with self._write("points", membership_id) as (s, audit):
            membership = self._active(s, membership_id)
            current = store.balance(s, membership.id)
            delta = points.check_redeem(current, amount)
            store.add_entry(s, audit, membership, "redeem", delta, date.today(), reason=why)
            return current + delta

    def adjust(self, membership_id: int, amount: int, reason: str) -> int:
        """A manual correction up or down, with its reason; the manager making it approves it."""
        self._require(Permission.LOYALTY_CONFIG)
        why = tiers.check_reason(reason)
        with self._write("points", membership_id) as (s, audit):
            membership = self._member(s, membership_id)
            current = store.balance(s, membership.id)
            delta = points.check_adjust(current, amount)
            store.add_entry(s, audit, membership, "adjust", delta, date.today(), reason=why,
                            approved_by=self.actor.user_id)
            return current + delta

    def reverse(self, entry_id: int, reason: str) -> int:
        """Cancel a wrong entry by a counter-entry of the opposite sign (never twice)."""
        self._require(Permission.LOYALTY_CONFIG)
        why = tiers.check_reason(reason)
        with self._write("points", entry_id) as (s, audit):
            entry = s.get(PointsEntry, entry_id)
            if entry is None:
                raise NotFound("points_entry", entry_id)
            membership = self._member(s, entry.membership_id)
            done = s.scalar(select(PointsEntry.id).where(PointsEntry.reverses_id == entry.id)) is not None
            current = store.balance(s, membership.id)
            delta = points.check_reversal(current, entry.kind, entry.points, done)
            store.add_entry(s, audit, membership, "reversal", delta, date.today(), reason=why, reverses_id=entry.id,
                            stay_id=entry.stay_id, approved_by=self.actor.user_id, tier_code=entry.tier_code)
            return current + delta

    @staticmethod
    def _member(s, membership_id: int) -> Membership:
        # Locked: two desks redeeming at once must not both see the old balance.
        membership = s.get(Membership, membership_id, with_for_update=True)
        if membership is None:
            raise NotFound("membership", membership_id)
        return membership

    def _active(self, s, membership_id: int) -> Membership:
        membership = self._member(s, membership_id)
        if membership.status != "active":
            raise HotelCrmError("membership_not_active", status=membership.status)
        return membership
