"""guest search: a PostgreSQL import batch adds its search terms in one statement (issue 8)

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-24 05:10:00

PostgreSQL only. The insert trigger of 0011 adds a new ``guest_search`` row's terms one row at a
time, which made the server the slower half of a large import (thousands of new rows per batch,
each firing a PL/pgSQL call). The trigger now stands aside in a transaction that has set
``hotelcrm.terms_by_batch`` to ``on`` (``SET LOCAL``: it ends with the transaction, so nothing
else is ever affected); such a transaction adds the terms of the rows it inserted itself, with one
``INSERT … SELECT`` (``search_bulk.new_rows``). Every other insert, update and delete goes through
the triggers as before. Schema SQL only: imports no application code.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGGER = "guest_search_terms_ai"
BEFORE = "AFTER INSERT ON guest_search FOR EACH ROW"
AFTER = (f"{BEFORE} WHEN (current_setting('hotelcrm.terms_by_batch', true) IS DISTINCT FROM 'on')")


def _replace(when: str) -> None:
    op.execute(f"DROP TRIGGER {TRIGGER} ON guest_search")
    op.execute(f"CREATE TRIGGER {TRIGGER} {when} EXECUTE FUNCTION guest_search_terms_sync()")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _replace(AFTER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _replace(BEFORE)
