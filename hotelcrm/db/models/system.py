"""Users, the audit trail, settings, number sequences, attachments, import runs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from hotelcrm.domain import codes
from hotelcrm.domain.permissions import Role

from .base import Base, CreatedMixin, UTCDateTime, VersionedMixin, choice, utcnow


class User(VersionedMixin, Base):
    __tablename__ = "users"
    __table_args__ = (
        choice("role", tuple(r.value for r in Role)),
        choice("status", codes.USER_STATUS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    language: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(12), default="active", server_default="active")
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditEntry(Base):
    """Append-only: triggers (see the initial migration) refuse UPDATE and DELETE, except the
    redaction of values by an anonymization (migration 0008)."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_entity", "entity", "entity_id"),
        # Which rows ever belonged to a guest (the audit rows of their ``guest_id``): privacy.
        Index("ix_audit_log_guest_new", "new_value", sqlite_where=text("field = 'guest_id'"),
              postgresql_where=text("field = 'guest_id'")),
        Index("ix_audit_log_guest_old", "old_value", sqlite_where=text("field = 'guest_id'"),
              postgresql_where=text("field = 'guest_id'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_name: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    field: Mapped[str | None] = mapped_column(String(64))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class Setting(VersionedMixin, Base):
    """Hotel-wide settings stored as JSON text (hotel name, time targets, limits...)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class NumberSequence(Base):
    """Counters for human numbers (TS-2026-000123, member numbers): one row per name and period,
    incremented inside the saving transaction so two desks never get the same number."""

    __tablename__ = "number_sequences"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    period: Mapped[str] = mapped_column(String(10), primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer, default=0)


class Attachment(CreatedMixin, Base):
    __tablename__ = "attachments"
    __table_args__ = (
        choice("owner_type", codes.ATTACHMENT_OWNER),
        Index("ix_attachments_owner", "owner_type", "owner_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_type: Mapped[str] = mapped_column(String(20))
    owner_id: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class ImportMapping(VersionedMixin, Base):
    __tablename__ = "import_mappings"
    __table_args__ = (choice("kind", codes.IMPORT_KIND),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    definition: Mapped[str] = mapped_column(Text)


class ImportRun(VersionedMixin, Base):
    """One import of one file; rows_done lets a cancelled or crashed run resume."""

    __tablename__ = "import_runs"
    __table_args__ = (
        choice("kind", codes.IMPORT_KIND),
        choice("status", codes.IMPORT_STATUS),
        UniqueConstraint("kind", "file_sha256", "mapping_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    filename: Mapped[str] = mapped_column(String(500))
    file_sha256: Mapped[str] = mapped_column(String(64))
    mapping_name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    status: Mapped[str] = mapped_column(String(12), default="running")
    rows_total: Mapped[int] = mapped_column(Integer, default=0)
    rows_done: Mapped[int] = mapped_column(Integer, default=0)
    imported: Mapped[int] = mapped_column(Integer, default=0)
    matched: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[str] = mapped_column(Text, default="[]")
    started_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # JSON: counters beyond the three of every kind (stays: guests created / matched) and the
    # file's encoding; kept with the committed batches so a resumed run reports the whole file.
    details: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")


class ImportProblem(Base):
    """A refused cell (level "error": its row was rejected) or a warning of an import run,
    written with the batch it belongs to, so a resumed run still reports every row."""

    __tablename__ = "import_problems"
    __table_args__ = (choice("level", ("error", "warning")), Index("ix_import_problems_run_row", "run_id", "row_no"))

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("import_runs.id", ondelete="CASCADE"))
    row_no: Mapped[int] = mapped_column(Integer)
    column_name: Mapped[str] = mapped_column(String(100), default="")
    field: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(64))
    params: Mapped[str] = mapped_column(Text, default="{}")
    level: Mapped[str] = mapped_column(String(8), default="error")
