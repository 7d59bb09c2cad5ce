"""``hotelcrm db upgrade`` and ``db check`` on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from hotelcrm.db import migrate
from hotelcrm.db.engine import Database


def test_check_of_an_empty_database_fails_until_upgraded(cli, db_url):
    before = cli("--db", db_url, "db", "check")
    assert before.code == 1
    assert before.out.splitlines()[0] == "Database (sqlite) is NOT OK:"
    assert 'run "hotelcrm db upgrade"' in before.out

    up = cli("--db", db_url, "db", "upgrade")
    assert up.code == 0 and up.out.startswith("Database (sqlite) upgraded from (empty) to ")

    after = cli("--db", db_url, "db", "check", "--json")
    assert after.code == 0
    doc = after.doc
    assert doc["ok"] is True and doc["integrity"] == "ok" and doc["drift"] == []
    assert doc["revision"] == doc["head"]


def test_upgrade_twice_says_it_is_current(cli, db_url):
    cli("--db", db_url, "db", "upgrade")
    again = cli("--db", db_url, "db", "upgrade", "--json")
    assert again.code == 0
    assert again.doc["from_revision"] == again.doc["to_revision"] and again.doc["backup"] is None
    text = cli("--db", db_url, "db", "upgrade", "--lang", "zh_CN")
    assert "已是当前版本" in text.out


def test_upgrade_backs_the_sqlite_file_up_first(cli, db_url, monkeypatch, tmp_path):
    cli("--db", db_url, "db", "upgrade")
    # Pretend a newer application: the schema is behind, so the file must be copied first.
    real = migrate.needs_upgrade
    monkeypatch.setattr(migrate, "needs_upgrade", lambda db: True)
    r = cli("--db", db_url, "db", "upgrade", "--json")
    monkeypatch.setattr(migrate, "needs_upgrade", real)
    assert r.code == 0
    backup = r.doc["backup"]
    assert backup and backup.startswith(str(tmp_path / "data" / "backups"))
    copy = Database.open(f"sqlite:///{backup}")
    try:
        assert migrate.current_revision(copy) == r.doc["to_revision"]
    finally:
        copy.dispose()


def test_check_reports_drift_and_exits_1(cli, db_url):
    cli("--db", db_url, "db", "upgrade")
    db = Database.open(db_url)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE stray_table (id INTEGER PRIMARY KEY)")
    db.dispose()
    r = cli("--db", db_url, "db", "check")
    assert r.code == 1
    assert any("stray_table" in line and "differs" in line for line in r.out.splitlines())
    doc = cli("--db", db_url, "db", "check", "--json").doc
    assert doc["ok"] is False and any("stray_table" in d for d in doc["drift"])


def test_check_reports_a_damaged_file(cli, tmp_path):
    path = tmp_path / "damaged.db"
    path.write_bytes(b"this is not a database" * 100)
    r = cli("--db", str(path), "db", "check")
    assert r.code == 1 and len(r.err_lines) == 1 and "Traceback" not in r.err


@pytest.mark.pg
def test_upgrade_and_check_on_postgresql(cli, empty_pg_url):
    assert cli("--db", empty_pg_url, "db", "check").code == 1
    up = cli("--db", empty_pg_url, "db", "upgrade", "--json")
    assert up.code == 0 and up.doc["backend"] == "postgresql" and up.doc["backup"] is None
    check = cli("--db", empty_pg_url, "db", "check")
    assert check.code == 0 and check.out.startswith("Database (postgresql) is OK")


@pytest.mark.parametrize("action", ["upgrade", "check"])
def test_db_commands_fail_cleanly(cli, action):
    refused = cli("--db", "postgresql+psycopg://postgres@127.0.0.1:1/hotelcrm", "db", action, "--json")
    assert refused.code == 1 and refused.doc["error"] == "cannot_connect" and len(refused.err_lines) == 1
    bad = cli("--db", "postgresql://host:port/x", "db", action)
    assert bad.code == 2 and bad.err_lines[0].startswith("Database: not a valid database URL")
