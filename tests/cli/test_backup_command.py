"""``hotelcrm backup [--out F]`` and ``hotelcrm restore F``."""

from __future__ import annotations

import pytest


def test_backup_then_restore(cli, db_url, tmp_path):
    assert cli("demo", "--guests", "10", "--seed", "2", "--db", db_url).code == 0
    out = tmp_path / "b.db"
    result = cli("backup", "--out", str(out), "--db", db_url, "--json")
    assert result.code == 0, result.err
    assert out.exists() and result.doc["bytes"] == out.stat().st_size
    result = cli("restore", str(out), "--db", db_url, "--json")
    assert result.code == 0, result.err
    assert not result.doc["upgrade_needed"]
    assert cli("db", "check", "--db", db_url).code == 0


def test_restore_refuses_a_file_that_is_not_a_database(cli, db_url, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("hello", encoding="utf-8")
    result = cli("restore", str(bad), "--db", db_url, "--lang", "en")
    assert result.code == 2 and "not a SQLite database" in result.err


@pytest.mark.pg
def test_backup_on_postgresql_points_to_pg_dump(cli, pg_db):
    result = cli("backup", "--db", pg_db.url, "--lang", "en")
    assert result.code == 1 and "pg_dump" in result.err


def test_restore_into_a_new_database_file(cli, db_url, tmp_path):
    assert cli("demo", "--guests", "5", "--seed", "2", "--db", db_url).code == 0
    out = tmp_path / "b.db"
    assert cli("backup", "--out", str(out), "--db", db_url).code == 0
    fresh = "sqlite:///" + str(tmp_path / "elsewhere.db")
    result = cli("restore", str(out), "--db", fresh, "--json")
    assert result.code == 0, result.err
    assert cli("search", "--db", fresh, "--json", "wang").code == 0
    assert cli("db", "check", "--db", fresh).code == 0


def test_backup_into_a_folder(cli, db_url, tmp_path):
    assert cli("demo", "--guests", "3", "--seed", "2", "--db", db_url).code == 0
    folder = tmp_path / "keep"
    folder.mkdir()
    result = cli("backup", "--out", str(folder), "--db", db_url, "--json")
    assert result.code == 0, result.err
    assert [p.name for p in folder.iterdir()] == [result.doc["out"].rsplit("/", 1)[-1]]
