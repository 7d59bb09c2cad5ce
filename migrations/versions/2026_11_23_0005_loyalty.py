"""loyalty: what applied then on the ledger and the stay's benefits; the yearly review marker (issue 5)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 22:30:00

Schema only. ``points_ledger`` keeps the tier, the bonus percentage and the eligible spend an
entry was computed with, so editing a tier later never rewrites history; ``stay_benefits`` keeps
the benefit's kind beside its copied names; ``memberships.reviewed_year`` makes the yearly
review run once per member and year. The default tiers and benefits (DESIGN.md §2.3) are created
by the application on first use of the loyalty area, not here (a database that already has its
own tiers keeps them).

The ledger is append-only through triggers; SQLite's batch mode would copy the table and lose
them, so its columns are added with plain ALTER TABLE on both backends.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LEDGER_COLUMNS = (
    ("tier_code", sa.String(length=20)),
    ("bonus_pct", sa.Integer()),
    ("spend_cents", sa.Integer()),
)


def upgrade() -> None:
    for name, type_ in LEDGER_COLUMNS:
        op.add_column("points_ledger", sa.Column(name, type_, nullable=True))
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reviewed_year", sa.Integer(), nullable=True))
    with op.batch_alter_table("stay_benefits", schema=None) as batch_op:
        batch_op.add_column(sa.Column("benefit_kind", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stay_benefits", schema=None) as batch_op:
        batch_op.drop_column("benefit_kind")
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_column("reviewed_year")
    for name, _type in reversed(LEDGER_COLUMNS):
        op.drop_column("points_ledger", name)
