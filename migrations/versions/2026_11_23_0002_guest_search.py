"""guest search index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 09:00:00

``guest_search`` (one row per searchable guest, see hotelcrm/db/models/search.py), and the index
over its ``document``: on SQLite an FTS5 trigram table kept in step by triggers (rowid =
``rank_key``, so the best hits come first); on PostgreSQL pg_trgm's GIN plus a prefix B-tree.
Schema only: the application fills the index after migrating (``search_index.ensure_current``,
called by ``maintenance_service.upgrade``), so this revision imports no application code.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS = "guest_search_fts"
SQLITE_TRIGGERS = {
    "guest_search_fts_ai": (
        "AFTER INSERT ON guest_search BEGIN "
        f"INSERT INTO {FTS}(rowid, document) VALUES (new.rank_key, new.document); END"
    ),
    "guest_search_fts_ad": (
        "AFTER DELETE ON guest_search BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, document) VALUES ('delete', old.rank_key, old.document); END"
    ),
    "guest_search_fts_au": (
        "AFTER UPDATE OF rank_key, document ON guest_search BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, document) VALUES ('delete', old.rank_key, old.document); "
        f"INSERT INTO {FTS}(rowid, document) VALUES (new.rank_key, new.document); END"
    ),
}


def upgrade() -> None:
    op.create_table(
        "guest_search",
        sa.Column("guest_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("rank_key", sa.BigInteger(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("term_kinds", sa.Text(), nullable=False),
        sa.Column("last_stay", sa.Date(), nullable=True),
        sa.Column("display_name", sa.String(length=200), server_default="", nullable=False),
        sa.Column("latin_name", sa.String(length=200), nullable=True),
        sa.Column("pinyin", sa.String(length=300), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("vip_code", sa.String(length=20), nullable=True),
        sa.Column("member_no", sa.String(length=20), nullable=True),
        sa.Column("tier_code", sa.String(length=20), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("company", sa.String(length=200), nullable=True),
        sa.Column("in_house_room", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(["guest_id"], ["guests.id"], name=op.f("fk_guest_search_guest_id_guests")),
        sa.PrimaryKeyConstraint("guest_id", name=op.f("pk_guest_search")),
    )
    op.create_index("ix_guest_search_rank_key", "guest_search", ["rank_key"], unique=True)
    not_null = sa.text("in_house_room IS NOT NULL")
    op.create_index("ix_guest_search_in_house_room", "guest_search", ["in_house_room"],
                    sqlite_where=not_null, postgresql_where=not_null)
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"CREATE VIRTUAL TABLE {FTS} USING fts5(document, content='guest_search', "
                   "content_rowid='rank_key', tokenize='trigram', columnsize=0)")
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_guest_search_document_trgm ON guest_search "
                   "USING gin (document gin_trgm_ops)")
        op.execute("CREATE INDEX ix_guest_search_document_prefix ON guest_search (document text_pattern_ops)")
        # A finer histogram of ``document``: the planner then tells a rare pattern (GIN bitmap)
        # from a common one (walk ``rank_key`` and stop at the limit) instead of guessing 1%.
        op.execute("ALTER TABLE guest_search ALTER COLUMN document SET STATISTICS 1000")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"DROP TABLE IF EXISTS {FTS}")
    else:
        op.execute("DROP INDEX IF EXISTS ix_guest_search_document_prefix")
        op.execute("DROP INDEX IF EXISTS ix_guest_search_document_trgm")
    op.drop_index("ix_guest_search_in_house_room", table_name="guest_search")
    op.drop_index("ix_guest_search_rank_key", table_name="guest_search")
    op.drop_table("guest_search")
