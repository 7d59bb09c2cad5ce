"""Stays and the benefits granted on them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hotelcrm.domain import codes

from .base import MONEY_CURRENCY_DEFAULT, Base, UTCDateTime, VersionedMixin, choice

_MONEY = ("rate_cents", "spend_room_cents", "spend_fnb_cents", "spend_other_cents", "discount_cents", "unpaid_cents")


class Stay(VersionedMixin, Base):
    """Money is integer minor units in ``currency``."""

    __tablename__ = "stays"
    __table_args__ = (
        choice("status", codes.STAY_STATUS),
        choice("source", codes.STAY_SOURCE),
        CheckConstraint("departure_date >= arrival_date", name="dates_in_order"),
        CheckConstraint(" AND ".join(f"{c} >= 0" for c in _MONEY), name="money_not_negative"),
        UniqueConstraint("source", "external_ref"),
        Index("ix_stays_guest_arrival", "guest_id", "arrival_date"),
        Index("ix_stays_status_arrival", "status", "arrival_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id"))
    status: Mapped[str] = mapped_column(String(12), default="expected", server_default="expected")
    arrival_date: Mapped[date] = mapped_column(Date)
    departure_date: Mapped[date] = mapped_column(Date)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checked_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    room_no: Mapped[str | None] = mapped_column(String(10), index=True)
    room_type: Mapped[str | None] = mapped_column(String(40))
    currency: Mapped[str] = mapped_column(String(3), default=MONEY_CURRENCY_DEFAULT, server_default="CNY")
    rate_cents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    channel: Mapped[str | None] = mapped_column(String(40))
    segment: Mapped[str | None] = mapped_column(String(40))
    spend_room_cents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    spend_fnb_cents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    spend_other_cents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    discount_cents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    unpaid_cents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    adults: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    children: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    source: Mapped[str] = mapped_column(String(10), default="desk", server_default="desk")
    external_ref: Mapped[str | None] = mapped_column(String(100))
    notes: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    @property
    def nights(self) -> int:
        return (self.departure_date - self.arrival_date).days


class StayBenefit(VersionedMixin, Base):
    """An entitlement evaluated for a stay and what the desk did with it. Name and tier are
    copied so later edits of the benefit table never rewrite what applied then."""

    __tablename__ = "stay_benefits"
    __table_args__ = (choice("status", codes.BENEFIT_GRANT_STATUS), UniqueConstraint("stay_id", "benefit_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    stay_id: Mapped[int] = mapped_column(ForeignKey("stays.id"), index=True)
    benefit_id: Mapped[int | None] = mapped_column(ForeignKey("benefits.id"))
    tier_code: Mapped[str | None] = mapped_column(String(20))
    benefit_name_en: Mapped[str] = mapped_column(String(200))
    benefit_name_zh: Mapped[str] = mapped_column(String(200))
    benefit_kind: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(14), default="pending", server_default="pending")
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


