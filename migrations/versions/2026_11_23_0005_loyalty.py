"""loyalty: ledger and entitlement additions (issue 5)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 22:30:00

RESERVED: the session working on this area fills this revision with its schema changes (or it is
removed and the chain relinked before the work lands).
"""

from collections.abc import Sequence

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
