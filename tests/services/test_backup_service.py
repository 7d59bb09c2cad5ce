"""Backup and restore: online backup while another process writes, restore checks (corrupt file,
not a database, newer schema), daily backup with rotation, PostgreSQL refusals, permissions."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from hotelcrm.config import load_config, sqlite_url
from hotelcrm.db import migrate
from hotelcrm.db.engine import Database, sqlite_path
from hotelcrm.db.models import AuditEntry, Company, Guest
from hotelcrm.domain.backup_rules import daily_name, rotate
from hotelcrm.domain.errors import HotelCrmError, PermissionDenied, ValidationError
from hotelcrm.domain.permissions import Role
from hotelcrm.services.actor import Actor
from hotelcrm.services.backup_service import BackupService
from hotelcrm.services.settings_service import SettingsService

WRITER = r"""
import sys, sqlean
conn = sqlean.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA busy_timeout = 10000")
for i in range(int(sys.argv[2])):
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO companies (name, kind, status, version, created_at, updated_at) "
                 "VALUES (?, 'agreement', 'active', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", (f"writer {i}",))
    conn.execute("COMMIT")
    if i == 20:
        print("writing", flush=True)
print("done", flush=True)
"""


def add_guest(db: Database, name: str) -> int:
    with db.write() as s:
        guest = Guest(family_name=name, given_name="")
        s.add(guest)
        s.flush()
        return guest.id


def names(db: Database) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(Guest.family_name).order_by(Guest.id)))


@pytest.fixture
def service(sqlite_db) -> BackupService:
    return BackupService(sqlite_db, Actor.system(), load_config(sqlite_db.url))


def test_backup_then_restore_brings_the_old_data_back_and_keeps_the_replaced_one(sqlite_db, service, tmp_path):
    add_guest(sqlite_db, "王")
    info = service.backup(tmp_path / "b.db")
    assert info.path.exists() and info.size_bytes > 0 and info.revision == migrate.head_revision(sqlite_db)
    add_guest(sqlite_db, "李")
    restored = service.restore(info.path)
    assert names(sqlite_db) == ["王"]
    assert not restored.upgrade_needed and restored.previous.exists()
    previous = Database.open(sqlite_url(restored.previous))
    assert names(previous) == ["王", "李"]
    previous.dispose()
    assert migrate.check(sqlite_db).integrity_ok
    with sqlite_db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "restore")) == 1


def test_backup_taken_while_another_process_writes_restores_to_a_sound_database(sqlite_db, service, tmp_path):
    live = sqlite_path(sqlite_db.url)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(live), "3000"], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "writing"
        info = service.backup(tmp_path / "during.db")
        assert writer.stdout.readline().strip() == "done"  # the writer was never blocked for good
    finally:
        writer.wait()
    assert writer.returncode == 0
    with sqlite_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Company)) == 3000
    service.restore(info.path)
    report = migrate.check(sqlite_db)
    assert report.ok, report
    with sqlite_db.read() as s:
        copied = s.scalar(select(func.count()).select_from(Company))
    assert 21 <= copied <= 3000  # a consistent snapshot taken mid-way


def _refused(service: BackupService, path: Path) -> str:
    with pytest.raises(ValidationError) as caught:
        service.restore(path)
    assert caught.value.field == "file"
    return caught.value.reason


def test_restore_refuses_bad_files_and_changes_nothing(sqlite_db, service, tmp_path):
    add_guest(sqlite_db, "王")
    good = service.backup(tmp_path / "good.db").path
    add_guest(sqlite_db, "李")

    not_db = tmp_path / "notes.db"
    not_db.write_text("family_name,given_name\n王,伟\n", encoding="utf-8")
    assert _refused(service, not_db) == "backup_not_sqlite"
    assert _refused(service, tmp_path / "missing.db") == "backup_missing"

    corrupt = tmp_path / "corrupt.db"
    data = bytearray(good.read_bytes())
    page = 4096
    for offset in range(page * 2, min(len(data), page * 12), 7):
        data[offset] = 0xA5
    corrupt.write_bytes(bytes(data))
    assert _refused(service, corrupt) == "backup_corrupt"

    newer = tmp_path / "newer.db"
    newer.write_bytes(good.read_bytes())
    other = Database.open(sqlite_url(newer))
    with other.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    other.dispose()
    assert _refused(service, newer) == "backup_newer_schema"

    foreign = tmp_path / "foreign.db"
    other = Database.open(sqlite_url(foreign))
    with other.engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    other.dispose()
    assert _refused(service, foreign) == "backup_not_hotelcrm"

    assert names(sqlite_db) == ["王", "李"]
    assert not list(service.config.backup_dir.glob("*before-restore*"))  # refused before anything


def test_restore_of_an_older_schema_is_accepted_and_upgraded_later(sqlite_db, service, tmp_path):
    older = tmp_path / "older.db"
    db = Database.open(sqlite_url(older))
    migrate.upgrade(db, "0003")
    db.dispose()
    result = service.restore(older)
    assert result.revision == "0003" and result.upgrade_needed
    assert migrate.needs_upgrade(sqlite_db)
    migrate.upgrade(sqlite_db)
    assert migrate.check(sqlite_db).integrity_ok


def test_daily_backup_once_a_day_keeping_the_newest(sqlite_db, service):
    folder = service.config.backup_dir
    stem = sqlite_path(sqlite_db.url).stem
    today = date(2026, 11, 23)
    for n in range(1, 17):
        (folder / daily_name(stem, today - timedelta(days=n))).write_bytes(b"old")
    (folder / "unrelated.db").write_bytes(b"keep me")
    SettingsService(sqlite_db, Actor.system()).set("backup.keep_daily", 14)
    made = service.daily_backup(today)
    assert made is not None and made.path.name == daily_name(stem, today)
    dailies = sorted(p.name for p in folder.glob(f"{stem}-daily-*.db"))
    assert len(dailies) == 14 and dailies[-1] == made.path.name
    assert daily_name(stem, today - timedelta(days=13)) in dailies
    assert daily_name(stem, today - timedelta(days=14)) not in dailies
    assert (folder / "unrelated.db").exists()
    assert service.daily_backup(today) is None


def test_rotation_rule():
    names_ = [daily_name("h", date(2026, 1, d)) for d in range(1, 6)] + ["h-20260101-120000.db", "x-daily-2026-01-01.db"]
    assert rotate(names_, "h", 3) == [daily_name("h", date(2026, 1, 2)), daily_name("h", date(2026, 1, 1))]


def test_only_administrators_back_up_and_restore(sqlite_db, tmp_path):
    manager = BackupService(sqlite_db, Actor(None, "m", Role.MANAGER), load_config(sqlite_db.url))
    with pytest.raises(PermissionDenied):
        manager.backup(tmp_path / "x.db")
    with pytest.raises(PermissionDenied):
        manager.restore(tmp_path / "x.db")


@pytest.mark.pg
def test_postgresql_points_to_pg_dump(pg_db, tmp_path):
    service = BackupService(pg_db, Actor.system(), load_config(pg_db.url))
    with pytest.raises(HotelCrmError) as caught:
        service.backup(tmp_path / "x.db")
    assert caught.value.code == "backup_postgresql"
    with pytest.raises(HotelCrmError) as caught:
        service.restore(tmp_path / "x.db")
    assert caught.value.code == "restore_postgresql"
    assert service.daily_backup() is None
