"""Backup and restore of the SQLite database (DESIGN.md §4). A backup is SQLite's online backup
(``migrate.online_backup``, the same copy as before a migration): one consistent snapshot, safe
while desks write. The daily backup runs when the GUI starts, once per day, and keeps the newest
``backup.keep_daily`` files. A restore checks the file first (a SQLite file, integrity check,
a schema revision this version knows) and only then replaces the database: the current database
is copied aside, then the checked file is copied into the live database in one transaction.
PostgreSQL is backed up with pg_dump / pg_restore (README); these calls say so."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from alembic.script import ScriptDirectory

from hotelcrm.config import Config
from hotelcrm.db import migrate
from hotelcrm.db.engine import Database, sqlite_path
from hotelcrm.db.storage import sqlite_module
from hotelcrm.domain import backup_rules
from hotelcrm.domain.errors import HotelCrmError, ValidationError
from hotelcrm.domain.permissions import Permission

from .actor import Actor
from .base import Service
from .settings_service import read_setting


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size_bytes: int
    seconds: float
    revision: str | None


@dataclass(frozen=True)
class RestoreInfo:
    path: Path  # the backup restored
    revision: str
    upgrade_needed: bool  # an older schema: upgraded at the next start (after a backup)
    previous: Path  # where the database that was replaced was copied


def known_revisions(db: Database) -> list[str]:
    """The revision history of this version of the application, oldest first."""
    script = ScriptDirectory.from_config(migrate.alembic_config(db))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def inspect_backup(path: str | Path, known: list[str]) -> str:
    """The backup's schema revision, after checking that the file can be restored; raises
    ``ValidationError`` (field ``file``) naming what is wrong. Reads only."""
    file = Path(path)
    if not file.is_file():
        raise ValidationError("file", "backup_missing", path=str(file))
    with file.open("rb") as f:
        if not backup_rules.looks_like_sqlite(f.read(16)):
            raise ValidationError("file", "backup_not_sqlite")
    try:
        conn = sqlite_module().connect(f"file:{file.resolve().as_posix()}?mode=ro", uri=True)
    except Exception as exc:  # noqa: BLE001 - any refusal to open means it cannot be restored
        raise ValidationError("file", "backup_corrupt", detail=str(exc)[:200]) from exc
    try:
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        except Exception as exc:  # noqa: BLE001
            raise ValidationError("file", "backup_corrupt", detail=str(exc)[:200]) from exc
        if rows != ["ok"]:
            raise ValidationError("file", "backup_corrupt", detail="; ".join(map(str, rows[:3]))[:200])
        try:
            found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except Exception:  # noqa: BLE001 - no such table: not one of ours
            found = None
    finally:
        conn.close()
    revision = found[0] if found else None
    backup_rules.check_revision(revision, known)
    return revision


def _integrity_ok(path: Path) -> bool:
    conn = sqlite_module().connect(str(path))
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()] == ["ok"]
    finally:
        conn.close()


class BackupService(Service):
    """``backup`` and ``restore`` need BACKUP (administrators); ``daily_backup`` is the
    application's own maintenance, like the backup before a migration, and needs none."""
    not_retried = {  # a Busy refusal is not run again (base.Service; docs/hardening.md)
        "backup": "copies the database to a backup file, then audits it",
        "restore": "replaces the database file from a backup (and backs the current one up first)",
    }

    def __init__(self, db: Database, actor: Actor, config: Config) -> None:
        super().__init__(db, actor)
        self.config = config

    def _live_path(self, code: str) -> Path:
        path = sqlite_path(self.db.url)
        if path is None:
            raise HotelCrmError(code)
        return path

    def backup(self, out: str | Path | None = None) -> BackupInfo:
        """A backup into ``out`` (default: the backups folder, named with the time)."""
        self._require(Permission.BACKUP)
        live = self._live_path("backup_postgresql")
        target = Path(out) if out else self.config.backup_dir
        if target.is_dir():  # a folder: the backup goes into it under the usual name
            target = target / backup_rules.manual_name(live.stem, datetime.now())
        if target.resolve() == live.resolve():
            raise ValidationError("out", "backup_onto_database")
        info = self._copy(target)
        with self._write("record") as (_s, audit):
            audit.record("backup", "database", None, new={"bytes": info.size_bytes}, note=target.name)
        return info

    def daily_backup(self, today: date | None = None) -> BackupInfo | None:
        """Today's automatic backup if there is none yet, then the rotation; None when there was
        nothing to do (already done today, or PostgreSQL)."""
        live = sqlite_path(self.db.url)
        if live is None:
            return None
        day = today or date.today()
        folder = self.config.backup_dir
        target = folder / backup_rules.daily_name(live.stem, day)
        if target.exists():
            return None
        info = self._copy(target)
        with self._read() as s:
            keep = int(read_setting(s, "backup.keep_daily") or 14)
        for name in backup_rules.rotate((p.name for p in folder.iterdir()), live.stem, keep):
            (folder / name).unlink(missing_ok=True)
        return info

    def _copy(self, target: Path, *, ours: bool = True) -> BackupInfo:
        """Online backup into a side file, checked, then renamed into place (never half a file)."""
        started = time.perf_counter()
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_name(target.name + ".part")
        part.unlink(missing_ok=True)
        try:
            migrate.online_backup(self.db, part)
            if not _integrity_ok(part):
                raise HotelCrmError("backup_failed", path=str(target))
            os.replace(part, target)
        finally:
            part.unlink(missing_ok=True)
        # ``ours``: a backup must be restorable by this version; the copy taken aside before a
        # restore is whatever the database was (even empty).
        revision = inspect_backup(target, known_revisions(self.db)) if ours else None
        return BackupInfo(target, target.stat().st_size, time.perf_counter() - started, revision)

    def check(self, path: str | Path) -> str:
        """The revision of a backup that ``restore`` would accept (raises otherwise)."""
        self._require(Permission.BACKUP)
        return inspect_backup(path, known_revisions(self.db))

    def restore(self, path: str | Path) -> RestoreInfo:
        """Replace the database by the backup in ``path``, after checking it. Every connection of
        this process is closed; the caller reopens (the GUI returns to the login)."""
        self._require(Permission.BACKUP)
        live = self._live_path("restore_postgresql")
        known = known_revisions(self.db)
        revision = inspect_backup(path, known)
        if Path(path).resolve() == live.resolve():
            raise ValidationError("file", "backup_is_database")
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        previous = self.config.backup_dir / f"{live.stem}-before-restore-{stamp}.db"
        self._copy(previous, ours=False)
        # SQLite's backup API in the other direction: the checked file is copied into the live
        # database in one write transaction (all of it or nothing; the WAL stays consistent and
        # other connections see the restored data on their next read).
        source = sqlite_module().connect(f"file:{Path(path).resolve().as_posix()}?mode=ro", uri=True)
        try:
            raw = self.db.engine.raw_connection()
            try:
                source.backup(raw.driver_connection)
            finally:
                raw.close()
        finally:
            source.close()
        self.db.dispose()  # pooled connections may cache the old schema
        with self._write("record") as (_s, audit):
            audit.record("restore", "database", None, new={"revision": revision}, note=Path(path).name)
        return RestoreInfo(Path(path), revision, revision != known[-1], previous)
