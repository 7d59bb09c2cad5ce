"""import: saved mappings and resumable import jobs (issue 8)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 22:30:00

RESERVED: the session working on this area fills this revision with its schema changes (or it is
removed and the chain relinked before the work lands).
"""

from collections.abc import Sequence

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
