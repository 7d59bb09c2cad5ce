"""guest search: term table on PostgreSQL (issue 3)

Revision ID: 0011
Revises: 0009
Create Date: 2026-11-24 01:30:00

PostgreSQL only (SQLite has had its own since 0009): ``guest_search_terms(term, rank_key)``, one
row per anchored term of a ``guest_search`` document (``^wangwei$``), with two B-trees:
``(term text_pattern_ops, rank_key)`` — the exact level walks one term's keys in rank order and
stops at the page size, the prefix level reads one short ordered range of terms — and
``(reverse(term) text_pattern_ops, rank_key)`` for the suffix level of anchored queries (phone
suffixes, 2-character names). The pg_trgm GIN on ``document`` (0002) stays for true substrings.

Kept in step with ``guest_search`` by row triggers (the update one only when ``rank_key`` or
``document`` really changed), like the SQLite ones. Filled here from the existing rows in one
``INSERT … SELECT`` before the indexes are built (one sort per index instead of 10M inserts into
two B-trees). Schema and data SQL only: imports no application code
(``hotelcrm/services/search_sql_pg.py`` holds the same fill for a bulk rebuild).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TERMS = "guest_search_terms"
FUNCTION = "guest_search_terms_sync"
INDEXES = {
    "ix_guest_search_terms_term": f"CREATE INDEX ix_guest_search_terms_term ON {TERMS} (term text_pattern_ops, rank_key)",
    "ix_guest_search_terms_reversed": (f"CREATE INDEX ix_guest_search_terms_reversed ON {TERMS} "
                                       "(reverse(term) text_pattern_ops, rank_key)"),
}
# A document's terms are distinct (build_document drops repeats); DISTINCT keeps a hand-made one safe.
FILL = (f"INSERT INTO {TERMS} (term, rank_key) SELECT t.term, g.rank_key FROM guest_search g CROSS JOIN LATERAL "
        "(SELECT DISTINCT u.term FROM unnest(string_to_array(g.document, ' ')) AS u(term) WHERE u.term <> '') t")
SYNC = f"""CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM {TERMS} WHERE term = ANY (string_to_array(OLD.document, ' ')) AND rank_key = OLD.rank_key;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO {TERMS} (term, rank_key)
        SELECT DISTINCT u.term, NEW.rank_key FROM unnest(string_to_array(NEW.document, ' ')) AS u(term)
        WHERE u.term <> '';
    END IF;
    RETURN NULL;
END $$"""
TRIGGERS = {
    "guest_search_terms_ai": "AFTER INSERT ON guest_search FOR EACH ROW",
    "guest_search_terms_ad": "AFTER DELETE ON guest_search FOR EACH ROW",
    # refresh_guests sets every column of a changed row: only a new rank or document moves terms.
    "guest_search_terms_au": ("AFTER UPDATE OF rank_key, document ON guest_search FOR EACH ROW WHEN "
                              "(OLD.rank_key IS DISTINCT FROM NEW.rank_key OR OLD.document IS DISTINCT FROM NEW.document)"),
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"CREATE TABLE {TERMS} (term text NOT NULL, rank_key bigint NOT NULL)")
    op.execute("SET LOCAL maintenance_work_mem = '256MB'")  # the index sorts of a large base in memory
    op.execute(FILL)
    for definition in INDEXES.values():
        op.execute(definition)
    op.execute(SYNC)
    for name, when in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION {FUNCTION}()")
    op.execute(f"ANALYZE {TERMS}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON guest_search")
    op.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
    op.execute(f"DROP TABLE IF EXISTS {TERMS}")
