"""Stays at the desk: check-in, check-out, stays entered afterwards, cancellations, no-shows,
and the "in house now" and "arriving today" lists (DESIGN.md §2.1 steps 1-5, §2.5)."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from hotelcrm.db.models import Guest, LoyaltyTier, Membership, Stay, utcnow
from hotelcrm.domain import stay_rules as rules
from hotelcrm.domain.errors import HotelCrmError, NotFound, ValidationError
from hotelcrm.domain.guest_rules import display_name
from hotelcrm.domain.permissions import Permission

from . import loyalty_earning, search_index
from .audit_trail import AuditTrail
from .base import Service, load_row
from .settings_service import read_setting
from .stay_dto import CheckoutDraft, StayDraft, StayInfo, StayRow

_SPEND = ("spend_room_cents", "spend_fnb_cents", "spend_other_cents", "discount_cents", "unpaid_cents")


def stay_info(stay: Stay) -> StayInfo:
    return StayInfo(
        id=stay.id, guest_id=stay.guest_id, status=stay.status, arrival_date=stay.arrival_date,
        departure_date=stay.departure_date, nights=stay.nights, checked_in_at=stay.checked_in_at,
        checked_out_at=stay.checked_out_at, room_no=stay.room_no, room_type=stay.room_type,
        currency=stay.currency, rate_cents=stay.rate_cents, channel=stay.channel, segment=stay.segment,
        spend_room_cents=stay.spend_room_cents, spend_fnb_cents=stay.spend_fnb_cents,
        spend_other_cents=stay.spend_other_cents, discount_cents=stay.discount_cents,
        unpaid_cents=stay.unpaid_cents, adults=stay.adults, children=stay.children, source=stay.source,
        notes=stay.notes, version=stay.version,
    )


@dataclass(frozen=True)
class _Booking:
    """A StayDraft after validation (dates are checked by the caller, per use)."""

    room_no: str | None
    room_type: str | None
    rate_cents: int
    currency: str
    channel: str | None
    segment: str | None
    adults: int
    children: int
    notes: str | None

    def values(self) -> dict:
        return dict(self.__dict__)


def _clean_booking(draft: StayDraft, hotel_currency: str, *, room_required: bool) -> _Booking:
    currency = (draft.currency or hotel_currency).strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        raise ValidationError("currency", "currency_code")
    adults, children = rules.check_persons(draft.adults, draft.children)
    return _Booking(
        room_no=rules.check_room_no(draft.room_no, required=room_required),
        room_type=rules.check_label(draft.room_type, "room_type"),
        rate_cents=rules.check_amount(draft.rate_cents, "rate_cents"),
        currency=currency,
        channel=rules.check_label(draft.channel, "channel"),
        segment=rules.check_label(draft.segment, "segment"),
        adults=adults,
        children=children,
        notes=rules.check_label(draft.notes, "notes", max_len=2000),
    )


def _checkout_values(draft: CheckoutDraft) -> dict:
    amounts = {field: getattr(draft, field) for field in _SPEND}
    rules.check_bill(*amounts.values())
    return amounts


class StayService(Service):
    """A guest's stays. Writes need STAY_WRITE, lists GUEST_READ. Every change is audited and
    refreshes the guest's search row (last stay and in-house room are searchable)."""

    # ------------------------------------------------------------ reads

    def get(self, stay_id: int) -> StayInfo:
        self._require(Permission.GUEST_READ)
        with self._read() as s:
            return stay_info(self._load(s, stay_id))

    def for_guest(self, guest_id: int) -> list[StayInfo]:
        """Every stay of the guest, newest arrival first."""
        self._require(Permission.GUEST_READ)
        with self._read() as s:
            stays = s.scalars(select(Stay).where(Stay.guest_id == guest_id)
                              .order_by(Stay.arrival_date.desc(), Stay.id.desc()))
            return [stay_info(x) for x in stays]

    def in_house(self) -> list[StayRow]:
        """Guests in the house now, by room."""
        self._require(Permission.GUEST_READ)
        return self._rows(Stay.status == "in_house", Stay.room_no, Stay.id)

    def arriving(self, on: date | None = None) -> list[StayRow]:
        """Expected arrivals of the day (today by default) not yet checked in, by name."""
        self._require(Permission.GUEST_READ)
        day = on or date.today()
        return self._rows((Stay.status == "expected") & (Stay.arrival_date == day),
                          Guest.family_name, Guest.given_name, Stay.id)

    # ------------------------------------------------------------ writes

    def check_in(self, guest_id: int, draft: StayDraft) -> StayInfo:
        """The guest arrives now. An expected stay of the guest arriving that day becomes this
        stay; otherwise a new one is created (a walk-in)."""
        self._require(Permission.STAY_WRITE)
        today = date.today()
        arrival = rules.check_checkin_arrival(draft.arrival_date, today)
        rules.check_stay_dates(arrival, draft.departure_date)
        if draft.departure_date < today:
            raise ValidationError("departure_date", "departure_in_past")
        with self._write("stay", guest_id) as (s, audit):
            booking = _clean_booking(draft, read_setting(s, "hotel.currency"), room_required=True)
            self._lock_guest(s, guest_id)
            self._refuse_second_stay(s, guest_id, None)
            self._refuse_occupied(s, booking.room_no, None)
            expected = s.scalars(select(Stay).where(Stay.guest_id == guest_id, Stay.status == "expected",
                                                    Stay.arrival_date == arrival)
                                 .order_by(Stay.id).limit(1).with_for_update()).first()
            stay = self._arrive(s, audit, guest_id, expected, booking, arrival, draft.departure_date)
            return stay_info(stay)

    def check_in_booking(self, stay_id: int, expected_version: int, draft: StayDraft) -> StayInfo:
        """Check in an expected stay (from "arriving today"); ``draft`` gives room and rate."""
        self._require(Permission.STAY_WRITE)
        today = date.today()
        with self._write("stay", stay_id) as (s, audit):
            stay = self._load(s, stay_id, expected_version)
            rules.check_transition(stay.status, "in_house")
            arrival = rules.check_checkin_arrival(draft.arrival_date, today)
            rules.check_stay_dates(arrival, draft.departure_date)
            if draft.departure_date < today:
                raise ValidationError("departure_date", "departure_in_past")
            booking = _clean_booking(draft, stay.currency, room_required=True)
            self._lock_guest(s, stay.guest_id)
            self._refuse_second_stay(s, stay.guest_id, stay.id)
            self._refuse_occupied(s, booking.room_no, stay.id)
            self._arrive(s, audit, stay.guest_id, stay, booking, arrival, draft.departure_date)
            return stay_info(stay)

    def book(self, guest_id: int, draft: StayDraft) -> StayInfo:
        """An expected arrival (a reservation the desk knows of); ``arrival_date`` is required,
        today or later. The room may be left open until check-in."""
        self._require(Permission.STAY_WRITE)
        if draft.arrival_date is None:
            raise ValidationError("arrival_date", "required")
        if draft.arrival_date < date.today():
            raise ValidationError("arrival_date", "arrival_in_past")
        rules.check_stay_dates(draft.arrival_date, draft.departure_date)
        with self._write("stay", guest_id) as (s, audit):
            booking = _clean_booking(draft, read_setting(s, "hotel.currency"), room_required=False)
            self._lock_guest(s, guest_id)
            stay = Stay(guest_id=guest_id, status="expected", arrival_date=draft.arrival_date,
                        departure_date=draft.departure_date, source="desk", created_by=self.actor.user_id,
                        **booking.values())
            return stay_info(self._add(s, audit, stay))

    def check_out(self, stay_id: int, expected_version: int, draft: CheckoutDraft) -> StayInfo:
        """The guest leaves: the stay's spend, discounts and unpaid amounts are recorded; a member
        earns points on it (and may move up a tier) in the same transaction."""
        self._require(Permission.STAY_WRITE)
        amounts = _checkout_values(draft)
        with self._write("stay", stay_id) as (s, audit):
            stay = self._load(s, stay_id, expected_version)
            rules.check_transition(stay.status, "checked_out")
            departure = rules.check_actual_departure(stay.arrival_date, draft.departure_date, date.today())
            audit.changed("stay", stay.id, stay, {"status": "checked_out", "departure_date": departure,
                                                  "checked_out_at": utcnow(), **amounts})
            self._finish(s, stay)
            loyalty_earning.earn_for_stay(s, audit, stay)  # points, upgrade, entitlements kept on the stay
            return stay_info(stay)

    def record_past_stay(self, guest_id: int, draft: StayDraft, checkout: CheckoutDraft) -> StayInfo:
        """A stay that has ended, entered afterwards (e.g. from a paper registration card).
        ``draft.departure_date`` is the real departure; ``checkout.departure_date`` is ignored."""
        self._require(Permission.STAY_WRITE)
        rules.check_past_stay_dates(draft.arrival_date, draft.departure_date, date.today())
        amounts = _checkout_values(checkout)
        with self._write("stay", guest_id) as (s, audit):
            booking = _clean_booking(draft, read_setting(s, "hotel.currency"), room_required=False)
            self._lock_guest(s, guest_id)
            stay = Stay(guest_id=guest_id, status="checked_out", arrival_date=draft.arrival_date,
                        departure_date=draft.departure_date, source="desk", created_by=self.actor.user_id,
                        **booking.values(), **amounts)
            return stay_info(self._add(s, audit, stay))

    def cancel(self, stay_id: int, expected_version: int) -> StayInfo:
        return self._close_booking(stay_id, expected_version, "cancelled")

    def no_show(self, stay_id: int, expected_version: int) -> StayInfo:
        return self._close_booking(stay_id, expected_version, "no_show")

    # ------------------------------------------------------------ helpers

    def _close_booking(self, stay_id: int, expected_version: int, status: str) -> StayInfo:
        self._require(Permission.STAY_WRITE)
        with self._write("stay", stay_id) as (s, audit):
            stay = self._load(s, stay_id, expected_version)
            rules.check_transition(stay.status, status)
            audit.changed("stay", stay.id, stay, {"status": status})
            self._finish(s, stay)
            return stay_info(stay)

    def _arrive(self, s: Session, audit: AuditTrail, guest_id: int, stay: Stay | None, booking: _Booking,
                arrival: date, departure: date) -> Stay:
        values = {**booking.values(), "status": "in_house", "arrival_date": arrival,
                  "departure_date": departure, "checked_in_at": utcnow()}
        if stay is None:
            return self._add(s, audit, Stay(guest_id=guest_id, source="desk",
                                            created_by=self.actor.user_id, **values))
        audit.changed("stay", stay.id, stay, values)
        self._finish(s, stay)
        return stay

    @staticmethod
    def _add(s: Session, audit: AuditTrail, stay: Stay) -> Stay:
        s.add(stay)
        s.flush()
        audit.created("stay", stay.id, {c: getattr(stay, c) for c in (
            "guest_id", "status", "arrival_date", "departure_date", "room_no", "room_type", "currency",
            "rate_cents", "channel", "segment", "adults", "children", "notes", *_SPEND)})
        search_index.refresh_guests(s, [stay.guest_id])
        return stay

    @staticmethod
    def _finish(s: Session, stay: Stay) -> None:
        s.flush()
        search_index.refresh_guests(s, [stay.guest_id])

    @staticmethod
    def _load(s: Session, stay_id: int, expected_version: int | None = None) -> Stay:
        return load_row(s, Stay, stay_id, expected_version, "stay")

    @staticmethod
    def _lock_guest(s: Session, guest_id: int) -> Guest:
        """The guest must be a live card; its row lock serialises two desks checking in the same
        guest (SQLite writes are serialised already)."""
        guest = s.get(Guest, guest_id, with_for_update=True)
        if guest is None:
            raise NotFound("guest", guest_id)
        if guest.status == "merged":
            raise HotelCrmError("guest_merged", into=guest.merged_into_id)
        if guest.status == "anonymized":
            raise HotelCrmError("guest_anonymized")
        return guest

    @staticmethod
    def _refuse_second_stay(s: Session, guest_id: int, this_stay: int | None) -> None:
        other = s.scalars(select(Stay).where(Stay.guest_id == guest_id, Stay.status == "in_house",
                                             Stay.id != (this_stay or 0)).limit(1)).first()
        if other is not None:
            raise HotelCrmError("guest_in_house", room_no=other.room_no or "", stay_id=other.id)

    @staticmethod
    def _refuse_occupied(s: Session, room_no: str | None, this_stay: int | None) -> None:
        if room_no is None:
            return
        if s.get_bind().dialect.name == "postgresql":
            # Two desks giving out the same room at once: the second waits for the first's commit
            # and then sees its stay (READ COMMITTED re-reads per statement).
            key = zlib.crc32(f"room:{room_no}".encode())
            s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
        other = s.scalars(select(Stay).where(Stay.room_no == room_no, Stay.status == "in_house",
                                             Stay.id != (this_stay or 0)).limit(1)).first()
        if other is not None:
            raise HotelCrmError("room_occupied", room_no=room_no, departure=other.departure_date.isoformat())

    def _rows(self, where, *order) -> list[StayRow]:
        query = (select(Stay, Guest, Membership.member_no, LoyaltyTier.code)
                 .join(Guest, Guest.id == Stay.guest_id)
                 .outerjoin(Membership, (Membership.guest_id == Guest.id) & (Membership.status == "active"))
                 .outerjoin(LoyaltyTier, LoyaltyTier.id == Membership.tier_id)
                 .where(where).order_by(*order))
        with self._read() as s:
            return [_row(stay, guest, member_no, tier) for stay, guest, member_no, tier in s.execute(query)]


def _row(stay: Stay, guest: Guest, member_no: str | None, tier: str | None) -> StayRow:
    return StayRow(
        stay_id=stay.id, stay_version=stay.version, guest_id=guest.id,
        display_name=display_name(guest.family_name, guest.given_name, guest.latin_name),
        latin_name=guest.latin_name, status=stay.status, guest_status=guest.status, room_no=stay.room_no,
        room_type=stay.room_type, arrival_date=stay.arrival_date, departure_date=stay.departure_date,
        nights=stay.nights, adults=stay.adults, children=stay.children, vip_code=guest.vip_code,
        tier_code=tier, member_no=member_no,
    )

