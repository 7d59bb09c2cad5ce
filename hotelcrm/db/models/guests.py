"""The guest history card (客史档案) and what hangs on it; companies (协议单位)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hotelcrm.domain import codes

from .base import Base, CreatedMixin, UTCDateTime, VersionedMixin, choice


class Company(VersionedMixin, Base):
    __tablename__ = "companies"
    __table_args__ = (choice("kind", codes.COMPANY_KIND), choice("status", codes.RECORD_STATUS))

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    name_latin: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="agreement", server_default="agreement")
    contact_person: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    address: Mapped[str | None] = mapped_column(String(500))
    notes: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="active", server_default="active")


class Guest(VersionedMixin, Base):
    __tablename__ = "guests"
    __table_args__ = (
        choice("status", codes.GUEST_STATUS),
        choice("gender", codes.GENDER),
        choice("guest_type", codes.GUEST_TYPE),
        choice("marital_status", codes.MARITAL_STATUS),
        Index("ix_guests_name", "family_name", "given_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    family_name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    given_name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    latin_name: Mapped[str | None] = mapped_column(String(200))
    pinyin: Mapped[str | None] = mapped_column(String(300))
    gender: Mapped[str | None] = mapped_column(String(1))
    birth_date: Mapped[date | None] = mapped_column(Date)
    nationality: Mapped[str | None] = mapped_column(String(3))
    language: Mapped[str | None] = mapped_column(String(10))
    marital_status: Mapped[str | None] = mapped_column(String(10))
    guest_type: Mapped[str] = mapped_column(String(12), default="individual", server_default="individual")
    vip_code: Mapped[str | None] = mapped_column(String(20))
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"), index=True)
    position: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(12), default="active", server_default="active")
    blacklist_reason: Mapped[str | None] = mapped_column(Text)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("guests.id"), index=True)  # privacy: cards merged in
    # personal group (个性信息)
    character_notes: Mapped[str | None] = mapped_column(Text)
    hobbies: Mapped[str | None] = mapped_column(Text)
    habits: Mapped[str | None] = mapped_column(Text)
    religion: Mapped[str | None] = mapped_column(String(100))  # sensitive
    taboos: Mapped[str | None] = mapped_column(Text)
    special_requests: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    anonymized_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    company: Mapped[Company | None] = relationship()


class GuestDocument(VersionedMixin, Base):
    """ID documents. ``number_hash`` is a keyed hash (HMAC) for exact search and matching;
    the clear number is never copied into the search index."""

    __tablename__ = "guest_documents"
    __table_args__ = (choice("doc_type", codes.ID_TYPE),)

    id: Mapped[int] = mapped_column(primary_key=True)
    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id"), index=True)
    doc_type: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(String(40))
    number_hash: Mapped[str] = mapped_column(String(64), index=True)
    issuing_country: Mapped[str | None] = mapped_column(String(3))
    expiry_date: Mapped[date | None] = mapped_column(Date)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class GuestContact(VersionedMixin, Base):
    """Phones (E.164), e-mails (lower-case) and other handles; ``value_key`` is the normalised
    form used for matching and suffix search."""

    __tablename__ = "guest_contacts"
    __table_args__ = (
        choice("kind", codes.CONTACT_KIND),
        Index("ix_guest_contacts_lookup", "kind", "value_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    value: Mapped[str] = mapped_column(String(254))
    value_key: Mapped[str] = mapped_column(String(254))
    label: Mapped[str | None] = mapped_column(String(50))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class GuestAddress(VersionedMixin, Base):
    __tablename__ = "guest_addresses"
    __table_args__ = (choice("kind", codes.ADDRESS_KIND),)

    id: Mapped[int] = mapped_column(primary_key=True)
    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10), default="home", server_default="home")
    line1: Mapped[str] = mapped_column(String(300))
    line2: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(100))
    region: Mapped[str | None] = mapped_column(String(100))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(3))


class PreferenceOption(VersionedMixin, Base):
    """Pick-lists for structured preferences (e.g. room/pillow_height/high), extendable by admins."""

    __tablename__ = "preference_options"
    __table_args__ = (choice("pref_group", codes.PREFERENCE_GROUP),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pref_group: Mapped[str] = mapped_column(String(10))
    pref_key: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(60))
    label_en: Mapped[str] = mapped_column(String(100))
    label_zh: Mapped[str] = mapped_column(String(100))
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    sort_order: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class GuestPreference(VersionedMixin, Base):
    __tablename__ = "guest_preferences"
    __table_args__ = (choice("pref_group", codes.PREFERENCE_GROUP),)

    id: Mapped[int] = mapped_column(primary_key=True)
    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id"), index=True)
    pref_group: Mapped[str] = mapped_column(String(10))
    pref_key: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    source_observation_id: Mapped[int | None] = mapped_column(ForeignKey("observations.id"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class SpecialDate(VersionedMixin, Base):
    """A yearly date of a guest or of a company (birthday, anniversary, 店庆 ...)."""

    __tablename__ = "special_dates"
    __table_args__ = (
        choice("kind", codes.SPECIAL_DATE_KIND),
        CheckConstraint("(guest_id IS NULL) <> (company_id IS NULL)", name="one_owner"),
        CheckConstraint("month BETWEEN 1 AND 12 AND day BETWEEN 1 AND 31", name="month_day"),
        Index("ix_special_dates_month_day", "month", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    guest_id: Mapped[int | None] = mapped_column(ForeignKey("guests.id"), index=True)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    month: Mapped[int] = mapped_column(Integer)
    day: Mapped[int] = mapped_column(Integer)
    year: Mapped[int | None] = mapped_column(Integer)
    label: Mapped[str | None] = mapped_column(String(200))
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # children's data
    remind_days_before: Mapped[int] = mapped_column(Integer, default=7, server_default="7")


class Observation(VersionedMixin, Base):
    """What other departments noticed during a stay; reviewed into preferences."""

    __tablename__ = "observations"
    __table_args__ = (choice("status", codes.OBSERVATION_STATUS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id"), index=True)
    stay_id: Mapped[int | None] = mapped_column(ForeignKey("stays.id"))
    department: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="new", server_default="new")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Feedback(VersionedMixin, Base):
    __tablename__ = "feedback"
    __table_args__ = (choice("kind", codes.FEEDBACK_KIND),)

    id: Mapped[int] = mapped_column(primary_key=True)
    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id"), index=True)
    stay_id: Mapped[int | None] = mapped_column(ForeignKey("stays.id"))
    kind: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class MarketingConsent(CreatedMixin, Base):
    """Consent per channel; a change is a new row (the latest row per channel counts)."""

    __tablename__ = "marketing_consents"
    __table_args__ = (choice("channel", codes.CONSENT_CHANNEL),)

    id: Mapped[int] = mapped_column(primary_key=True)
    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id"), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    granted: Mapped[bool] = mapped_column(Boolean)
    given_on: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(100))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class GuestMerge(CreatedMixin, Base):
    """A merge of ``merged_guest_id`` into ``kept_guest_id``; ``moves`` (JSON) lists every row
    that moved, so the merge can be undone exactly."""

    __tablename__ = "guest_merges"

    id: Mapped[int] = mapped_column(primary_key=True)
    kept_guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id"), index=True)
    merged_guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id"), index=True)
    moves: Mapped[str] = mapped_column(Text)
    merged_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    undone_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
