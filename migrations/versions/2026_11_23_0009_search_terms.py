"""guest search: exact-term table on SQLite (issue 3)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 22:30:00

SQLite only: ``guest_search_terms(term, rank_key)``, one row per anchored term of a
``guest_search`` document (``^wangwei$``), a WITHOUT ROWID B-tree on (term, rank_key). The exact
level of a search reads it instead of a trigram phrase (which read the large doclists of common
trigrams), walking one term's keys in rank order and stopping at the page size; the prefix level
leaves out the exact rows by the same table. Kept in step with ``guest_search`` by triggers, like
the FTS5 table of 0002; filled here from the rows that exist. The terms are split in SQL through
``json_each`` (a term never holds white space, ``^``, ``$`` or ``"``; a backslash is escaped; a
document that still does not parse gives no terms, and its rows are then found at the prefix
level). PostgreSQL: nothing (its exact level is a LIKE over the prefix B-tree already).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TERMS = "guest_search_terms"


def _terms_of(document: str) -> str:
    """``json_each`` over the space-separated terms of ``document`` (an SQL expression)."""
    as_json = f"""'["' || replace(replace({document}, '\\', '\\\\'), ' ', '","') || '"]'"""
    return f"json_each(CASE WHEN json_valid({as_json}) THEN {as_json} ELSE '[]' END)"


_INSERT_NEW = (f"INSERT OR IGNORE INTO {TERMS}(term, rank_key) "
               f"SELECT value, new.rank_key FROM {_terms_of('new.document')} WHERE value <> '';")
_DELETE_OLD = (f"DELETE FROM {TERMS} WHERE rank_key = old.rank_key "
               f"AND term IN (SELECT value FROM {_terms_of('old.document')});")
SQLITE_TRIGGERS = {
    "guest_search_terms_ai": f"AFTER INSERT ON guest_search BEGIN {_INSERT_NEW} END",
    "guest_search_terms_ad": f"AFTER DELETE ON guest_search BEGIN {_DELETE_OLD} END",
    "guest_search_terms_au": f"AFTER UPDATE OF rank_key, document ON guest_search BEGIN {_DELETE_OLD} {_INSERT_NEW} END",
}
FILL = (f"INSERT OR IGNORE INTO {TERMS}(term, rank_key) SELECT j.value, g.rank_key "
        f"FROM guest_search g, {_terms_of('g.document')} j WHERE j.value <> ''")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(f"CREATE TABLE {TERMS} (term TEXT NOT NULL, rank_key INTEGER NOT NULL, "
               f"CONSTRAINT pk_{TERMS} PRIMARY KEY (term, rank_key)) WITHOUT ROWID")
    for name, body in SQLITE_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute(FILL)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in SQLITE_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DROP TABLE IF EXISTS {TERMS}")
