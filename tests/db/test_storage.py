"""How the SQLite file is opened and guarded (DESIGN.md §4)."""

from __future__ import annotations

import pytest
import sqlean
from sqlalchemy import text

from hotelcrm.config import load_config, sqlite_url
from hotelcrm.db import engine as engine_module
from hotelcrm.db import migrate, storage
from hotelcrm.db.engine import Database
from hotelcrm.domain.errors import StorageError
from hotelcrm.services.app_services import AppServices


def test_pragmas_on_every_connection(sqlite_db):
    with sqlite_db.engine.connect() as conn:
        pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2  # FULL
        assert pragma("busy_timeout") == engine_module.BUSY_TIMEOUT_MS


def test_writes_take_the_write_lock_at_begin(sqlite_db):
    """A write unit of work holds the lock from its first statement, so a second desk waits
    (busy_timeout) instead of failing half-way with a lock upgrade error."""
    path = engine_module.sqlite_path(sqlite_db.url)
    other = sqlean.connect(str(path), timeout=0, isolation_level=None)
    try:
        with sqlite_db.write() as s:
            s.execute(text("SELECT 1"))
            with pytest.raises(sqlean.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again after the commit
        other.execute("ROLLBACK")
        with sqlite_db.read() as s:  # reads do not block writers
            s.execute(text("SELECT 1"))
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_network_share_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(storage, "_linux_fs_type", lambda path: "cifs")
    with pytest.raises(StorageError) as err:
        Database.open(sqlite_url(tmp_path / "shared.db"))
    assert err.value.code == "network_share"
    assert not (tmp_path / "shared.db").exists()


def test_local_disk_is_not_a_network_share(tmp_path):
    assert not storage.is_network_path(tmp_path / "local.db")


def test_old_sqlite_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(sqlean, "sqlite_version_info", (3, 40, 1))
    monkeypatch.setattr(sqlean, "sqlite_version", "3.40.1")
    with pytest.raises(StorageError) as err:
        Database.open(sqlite_url(tmp_path / "old.db"))
    assert err.value.code == "sqlite_too_old"
    assert err.value.params == {"found": "3.40.1", "needed": "3.43.0"}


def test_shipped_sqlite_has_fts5_trigram(sqlite_db):
    with sqlite_db.engine.connect() as conn:
        conn.exec_driver_sql("CREATE VIRTUAL TABLE temp.t USING fts5(x, tokenize='trigram')")
        conn.exec_driver_sql("INSERT INTO temp.t VALUES ('^王伟$')")
        assert conn.exec_driver_sql("SELECT count(*) FROM temp.t WHERE t MATCH '\"^王伟\"'").scalar() == 1


def test_first_start_creates_and_migrates_the_default_file():
    config = load_config()  # HOTELCRM_DATA_DIR points into tmp_path (conftest)
    services = AppServices.open(config)
    try:
        assert config.database_url.endswith("/data/hotelcrm.db")
        assert services.setup().needs_setup()
        assert migrate.check(services.db).ok
    finally:
        services.close()


def test_backup_before_migration_is_a_working_copy(sqlite_db, tmp_path):
    backup = migrate.backup_sqlite_file(sqlite_db, tmp_path / "backups")
    assert backup is not None and backup.exists()
    copy = Database.open(sqlite_url(backup))
    try:
        assert migrate.check(copy).ok
    finally:
        copy.dispose()
