"""import: resumable import jobs (problems kept per committed batch, run details)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 22:30:00

``import_runs`` (one per kind, file SHA-256 and mapping; ``rows_done`` = where a resume starts)
and ``import_mappings`` (saved column mappings) exist since 0001. This revision adds what a
resumed run needs to report the whole file: ``import_problems`` (every refused cell and warning,
written in the same transaction as its batch) and ``import_runs.details`` (JSON: counters beyond
imported/matched/rejected, e.g. guests created by a stays import, and the file's encoding).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("import_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("details", sa.Text(), server_default="{}", nullable=False))
    op.create_table(
        "import_problems",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("row_no", sa.Integer(), nullable=False),
        sa.Column("column_name", sa.String(length=100), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=64), nullable=False),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("level", sa.String(length=8), nullable=False),
        sa.CheckConstraint("level IN ('error', 'warning')", name=op.f("ck_import_problems_level")),
        sa.ForeignKeyConstraint(["run_id"], ["import_runs.id"], name=op.f("fk_import_problems_run_id_import_runs"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_problems")),
    )
    op.create_index("ix_import_problems_run_row", "import_problems", ["run_id", "row_no"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_import_problems_run_row", table_name="import_problems")
    op.drop_table("import_problems")
    with op.batch_alter_table("import_runs", schema=None) as batch_op:
        batch_op.drop_column("details")
