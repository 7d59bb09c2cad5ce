"""privacy: audit values may be redacted (anonymization), FTS5 secure delete, look-up indexes

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 22:30:00

The audit trail stays append-only, with one exception that anonymization needs: an UPDATE of
``audit_log`` may replace ``old_value``, ``new_value`` and ``note`` by the marker ``[redacted]``
and change nothing else (who, when, what entity, which field stay). DELETE and TRUNCATE remain
refused. On SQLite the search index's FTS5 table gets ``secure-delete``, so that a deleted
search row leaves no tokens (names) behind in the index's segments. Two partial indexes find the
audit rows that recorded a row's ``guest_id`` and an index finds the cards merged into a card, so
that anonymizing one person (or a retention run over thousands) never scans the audit trail or
the cards.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REDACTED = "[redacted]"
FTS = "guest_search_fts"
KEPT = ("id", "at", "actor_id", "actor_name", "action", "entity", "entity_id", "field")
REDACTABLE = ("old_value", "new_value", "note")


def _sqlite_refused() -> str:
    kept = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in KEPT)
    redacted = " OR ".join(f"(NEW.{c} IS NOT OLD.{c} AND NEW.{c} IS NOT '{REDACTED}')" for c in REDACTABLE)
    return f"{kept} OR {redacted}"


def _pg_function() -> str:
    kept = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in KEPT)
    redacted = " OR ".join(f"(NEW.{c} IS DISTINCT FROM OLD.{c} AND NEW.{c} IS DISTINCT FROM '{REDACTED}')"
                           for c in REDACTABLE)
    return (
        "CREATE FUNCTION hotelcrm_audit_redact_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN IF {kept} OR {redacted} THEN RAISE EXCEPTION 'audit_log is append-only'; END IF; "
        "RETURN NEW; END $$"
    )


GUEST_LINK = sa.text("field = 'guest_id'")


def _create_indexes() -> None:
    op.create_index("ix_guests_merged_into_id", "guests", ["merged_into_id"])
    op.create_index("ix_audit_log_guest_new", "audit_log", ["new_value"], sqlite_where=GUEST_LINK,
                    postgresql_where=GUEST_LINK)
    op.create_index("ix_audit_log_guest_old", "audit_log", ["old_value"], sqlite_where=GUEST_LINK,
                    postgresql_where=GUEST_LINK)


def _drop_indexes() -> None:
    op.drop_index("ix_audit_log_guest_old", table_name="audit_log")
    op.drop_index("ix_audit_log_guest_new", table_name="audit_log")
    op.drop_index("ix_guests_merged_into_id", table_name="guests")


def upgrade() -> None:
    _create_indexes()
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute(f"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN {_sqlite_refused()} "
                   "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END")
        op.execute(f"INSERT INTO {FTS}({FTS}, rank) VALUES ('secure-delete', 1)")
        return
    op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
    op.execute(_pg_function())
    op.execute("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
               "FOR EACH ROW EXECUTE FUNCTION hotelcrm_append_only()")
    op.execute("CREATE TRIGGER audit_log_redact_only BEFORE UPDATE ON audit_log "
               "FOR EACH ROW EXECUTE FUNCTION hotelcrm_audit_redact_only()")


def downgrade() -> None:
    _drop_indexes()
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"INSERT INTO {FTS}({FTS}, rank) VALUES ('secure-delete', 0)")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                   "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END")
        return
    op.execute("DROP TRIGGER IF EXISTS audit_log_redact_only ON audit_log")
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete ON audit_log")
    op.execute("DROP FUNCTION IF EXISTS hotelcrm_audit_redact_only()")
    op.execute("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
               "FOR EACH ROW EXECUTE FUNCTION hotelcrm_append_only()")
