"""Alembic owns the schema: from empty to head, down to base and up again, no drift, one line
of history — on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from hotelcrm.config import sqlite_url
from hotelcrm.db import migrate
from hotelcrm.db.engine import Database
from hotelcrm.db.models import Base
from hotelcrm.db.models.search import FTS_OBJECTS
from hotelcrm.domain.passwords import hash_password
from hotelcrm.services.auth_service import AuthService
from tests.conftest import PASSWORD


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def empty_db(request, tmp_path):
    if request.param == "sqlite":
        url = sqlite_url(tmp_path / "empty.db")
    else:
        url = request.getfixturevalue("empty_pg_url")
    db = Database.open(url)
    yield db
    db.dispose()


def _tables(db: Database) -> set[str]:
    """The tables the models describe (SQLite's FTS5 index tables live outside the models)."""
    return set(inspect(db.engine).get_table_names()) - {"alembic_version"} - FTS_OBJECTS


def _revisions(db: Database) -> list[str]:
    """Base → head, in order."""
    script = ScriptDirectory.from_config(migrate.alembic_config(db))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def test_history_is_linear(sqlite_db):
    script = ScriptDirectory.from_config(migrate.alembic_config(sqlite_db))
    assert len(script.get_heads()) == 1
    for rev in script.walk_revisions():
        parents = rev.down_revision
        assert parents is None or isinstance(parents, str), f"{rev.revision} merges {parents}"
        assert not rev.branch_labels


def test_upgrade_downgrade_upgrade_without_drift(empty_db):
    assert migrate.current_revision(empty_db) is None
    migrate.upgrade(empty_db)
    assert _tables(empty_db) == set(Base.metadata.tables)
    report = migrate.check(empty_db)
    assert report.drift == [] and report.integrity_ok and report.ok

    migrate.downgrade(empty_db, "base")
    assert set(inspect(empty_db.engine).get_table_names()) <= {"alembic_version"}
    assert migrate.current_revision(empty_db) is None

    migrate.upgrade(empty_db)
    assert migrate.check(empty_db).ok


def test_every_revision_step_keeps_data(empty_db):
    """A user written at the first revision survives every later step and can still log in at
    head; the append-only guards are in place at head."""
    revisions = _revisions(empty_db)
    migrate.upgrade(empty_db, revisions[0])
    with empty_db.write() as s:  # plain SQL: the models describe head, not this revision
        s.execute(text("INSERT INTO users (username, display_name, role, password_hash) "
                       "VALUES ('keeper', 'Keeper', 'clerk', :h)"), {"h": hash_password(PASSWORD)})
    for revision in revisions[1:]:
        migrate.upgrade(empty_db, revision)
        assert migrate.current_revision(empty_db) == revision
    assert migrate.check(empty_db).ok
    assert AuthService(empty_db).login("keeper", PASSWORD).username == "keeper"
    with pytest.raises(DBAPIError, match="append-only"):
        with empty_db.write() as s:
            s.execute(text("DELETE FROM audit_log"))


def test_downgrade_removes_the_guards_too(empty_db):
    migrate.upgrade(empty_db)
    migrate.downgrade(empty_db, "base")
    with empty_db.engine.connect() as conn:
        if empty_db.is_sqlite:
            triggers = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).all()
        else:
            triggers = conn.execute(text(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")).all()
    assert triggers == []


def test_every_check_constraint_is_named():
    for table in Base.metadata.tables.values():
        for constraint in table.constraints:
            if constraint.__class__.__name__ == "CheckConstraint":
                assert constraint.name, f"unnamed CHECK on {table.name}"
