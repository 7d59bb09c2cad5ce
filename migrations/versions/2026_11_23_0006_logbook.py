"""logbook: handover items and non-negative incident amounts (issue 6)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 22:30:00

``shift_handover_items`` keeps what a closed shift handed over: every open follow-up and every
open complaint at the moment of closing, with the words as they stood then (the daily log and the
acknowledgement show them). The incident amounts (item value, compensation asked and agreed)
get named CHECKs: never negative. The shift pattern is a setting (``logbook.shift_pattern``), not
a table: the three shift kinds are fixed by the schema, only their start times vary.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INCIDENT_CHECKS = (
    ("item_value_not_negative", "item_value_cents IS NULL OR item_value_cents >= 0"),
    ("comp_asked_not_negative", "compensation_asked_cents IS NULL OR compensation_asked_cents >= 0"),
    ("comp_agreed_not_negative", "compensation_agreed_cents IS NULL OR compensation_agreed_cents >= 0"),
)


def upgrade() -> None:
    op.create_table(
        "shift_handover_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("item_kind", sa.String(length=10), nullable=False),
        sa.Column("log_entry_id", sa.Integer(), nullable=True),
        sa.Column("complaint_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("item_kind IN ('followup', 'complaint')",
                           name=op.f("ck_shift_handover_items_item_kind")),
        sa.CheckConstraint(
            "(item_kind = 'followup' AND log_entry_id IS NOT NULL AND complaint_id IS NULL)"
            " OR (item_kind = 'complaint' AND complaint_id IS NOT NULL AND log_entry_id IS NULL)",
            name=op.f("ck_shift_handover_items_item_link")),
        sa.ForeignKeyConstraint(["shift_id"], ["shifts.id"], name=op.f("fk_shift_handover_items_shift_id_shifts")),
        sa.ForeignKeyConstraint(["log_entry_id"], ["log_entries.id"],
                                name=op.f("fk_shift_handover_items_log_entry_id_log_entries")),
        sa.ForeignKeyConstraint(["complaint_id"], ["complaints.id"],
                                name=op.f("fk_shift_handover_items_complaint_id_complaints")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift_handover_items")),
    )
    with op.batch_alter_table("shift_handover_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shift_handover_items_shift_id"), ["shift_id"], unique=False)
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        for name, condition in INCIDENT_CHECKS:
            batch_op.create_check_constraint(op.f(f"ck_incidents_{name}"), condition)


def downgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        for name, _condition in INCIDENT_CHECKS:
            batch_op.drop_constraint(op.f(f"ck_incidents_{name}"), type_="check")
    with op.batch_alter_table("shift_handover_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shift_handover_items_shift_id"))
    op.drop_table("shift_handover_items")
