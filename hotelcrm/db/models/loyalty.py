"""Loyalty: tiers and benefits as data, memberships, tier history, the points ledger."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, true
from sqlalchemy.orm import Mapped, mapped_column

from hotelcrm.domain import codes

from .base import Base, CreatedMixin, VersionedMixin, choice


class LoyaltyTier(VersionedMixin, Base):
    __tablename__ = "loyalty_tiers"
    __table_args__ = (CheckConstraint("bonus_pct >= 0", name="bonus_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name_en: Mapped[str] = mapped_column(String(60))
    name_zh: Mapped[str] = mapped_column(String(60))
    rank: Mapped[int] = mapped_column(Integer, unique=True)
    colour: Mapped[str] = mapped_column(String(9), default="#999999")
    nights_threshold: Mapped[int | None] = mapped_column(Integer)
    points_threshold: Mapped[int | None] = mapped_column(Integer)
    bonus_pct: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class Benefit(VersionedMixin, Base):
    __tablename__ = "benefits"
    __table_args__ = (choice("kind", codes.BENEFIT_KIND),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_en: Mapped[str] = mapped_column(String(200))
    name_zh: Mapped[str] = mapped_column(String(200))
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_zh: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20))
    if_rooms_allow: Mapped[bool] = mapped_column(Boolean, default=False)
    value: Mapped[int | None] = mapped_column(Integer)  # hours, percent ... depending on kind
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class TierBenefit(Base):
    __tablename__ = "tier_benefits"

    tier_id: Mapped[int] = mapped_column(ForeignKey("loyalty_tiers.id"), primary_key=True)
    benefit_id: Mapped[int] = mapped_column(ForeignKey("benefits.id"), primary_key=True)


class Membership(VersionedMixin, Base):
    __tablename__ = "memberships"
    __table_args__ = (choice("status", codes.MEMBERSHIP_STATUS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id"), unique=True)
    member_no: Mapped[str] = mapped_column(String(20), unique=True)
    tier_id: Mapped[int] = mapped_column(ForeignKey("loyalty_tiers.id"), index=True)
    enrolled_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="active", server_default="active")
    # the calendar year the last yearly review looked at (the review runs once per year and member)
    reviewed_year: Mapped[int | None] = mapped_column(Integer)


class TierChange(CreatedMixin, Base):
    __tablename__ = "tier_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id"), index=True)
    from_tier_id: Mapped[int | None] = mapped_column(ForeignKey("loyalty_tiers.id"))
    to_tier_id: Mapped[int] = mapped_column(ForeignKey("loyalty_tiers.id"))
    reason: Mapped[str] = mapped_column(String(200))
    effective_on: Mapped[date] = mapped_column(Date)
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class PointsEntry(CreatedMixin, Base):
    """Immutable ledger row (triggers refuse UPDATE and DELETE); the balance is the sum."""

    __tablename__ = "points_ledger"
    __table_args__ = (
        choice("kind", codes.LEDGER_KIND),
        Index("ix_points_ledger_membership_created", "membership_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id"))
    kind: Mapped[str] = mapped_column(String(10))
    points: Mapped[int] = mapped_column(Integer)
    stay_id: Mapped[int | None] = mapped_column(ForeignKey("stays.id"))
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("points_ledger.id"))
    reason: Mapped[str | None] = mapped_column(Text)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    effective_on: Mapped[date] = mapped_column(Date)
    # what applied then, so editing the tiers never rewrites history
    tier_code: Mapped[str | None] = mapped_column(String(20))
    bonus_pct: Mapped[int | None] = mapped_column(Integer)
    spend_cents: Mapped[int | None] = mapped_column(Integer)  # eligible spend an earn entry was based on
