"""Schema upgrades and checks, driven from the app (Alembic owns the schema)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from importlib.resources import files
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from .engine import Database, sqlite_path
from .models import Base
from .models.search import is_search_index_object
from .storage import sqlite_module


def alembic_config(db: Database) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(files("migrations")))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


def head_revision(db: Database) -> str:
    return ScriptDirectory.from_config(alembic_config(db)).get_current_head()


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def needs_upgrade(db: Database) -> bool:
    return current_revision(db) != head_revision(db)


def backup_sqlite_file(db: Database, backup_dir: Path) -> Path | None:
    """Copy the SQLite file aside (online backup API, safe with WAL) before a migration."""
    path = sqlite_path(db.url)
    if path is None or not path.exists() or current_revision(db) is None:
        return None
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return online_backup(db, backup_dir / f"{path.stem}-before-migration-{stamp}.db")


def online_backup(db: Database, target: Path) -> Path:
    """Copy the open SQLite database into ``target`` with SQLite's online backup API: one
    consistent snapshot (WAL readers never block writers), safe while other desks write. Also
    used by ``hotelcrm backup`` and the daily backup (``services.backup_service``)."""
    raw = db.engine.raw_connection()
    try:
        out = sqlite_module().connect(str(target))
        try:
            raw.driver_connection.backup(out)
            # The copy inherits WAL mode; a rollback-journal file stays one self-contained file
            # (opening it, even read-only, leaves no -wal/-shm beside it).
            out.execute("PRAGMA journal_mode = DELETE")
        finally:
            out.close()
    finally:
        raw.close()
    return target


def upgrade(db: Database, revision: str = "head", backup_dir: Path | None = None) -> Path | None:
    backup = None
    if backup_dir is not None and db.is_sqlite and needs_upgrade(db):
        backup = backup_sqlite_file(db, backup_dir)
    with db.engine.begin() as conn:
        cfg = alembic_config(db)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return backup


def downgrade(db: Database, revision: str = "base") -> None:
    with db.engine.begin() as conn:
        cfg = alembic_config(db)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


@dataclass(frozen=True)
class CheckResult:
    backend: str
    integrity_ok: bool
    integrity_detail: str
    current: str | None
    head: str
    drift: list[str]

    @property
    def ok(self) -> bool:
        return self.integrity_ok and self.current == self.head and not self.drift


def check(db: Database) -> CheckResult:
    """Integrity (SQLite's integrity check, or a connection on PostgreSQL), schema at head,
    and no drift between the models and the live schema."""
    with db.engine.connect() as conn:
        if db.is_sqlite:
            rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check")).all()]
            fk = conn.execute(text("PRAGMA foreign_key_check")).all()
            ok = rows == ["ok"] and not fk
            detail = "ok" if ok else "; ".join(rows[:5] + [f"foreign key: {r}" for r in fk[:5]])
        else:
            conn.execute(text("SELECT 1"))
            ok, detail = True, "ok"
        migration_ctx = MigrationContext.configure(conn, opts={
            "compare_type": True,
            # The search index's FTS5 table and PostgreSQL operator-class indexes live outside the models.
            "include_object": lambda obj, name, type_, reflected, _: not (
                reflected and is_search_index_object(name, type_)),
        })
        current = migration_ctx.get_current_revision()
        drift = [str(d) for d in compare_metadata(migration_ctx, Base.metadata)] if current else []
    return CheckResult(db.backend, ok, detail, current, head_revision(db), drift)
