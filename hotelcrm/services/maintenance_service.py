"""Opening the database: storage checks, migration (after a backup), integrity check."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import OperationalError

from hotelcrm.config import Config
from hotelcrm.db import schema_version
from hotelcrm.db.engine import Database
from hotelcrm.domain.errors import StorageError


@dataclass(frozen=True)
class UpgradeResult:
    backend: str
    from_revision: str | None
    to_revision: str
    backup: Path | None


@dataclass(frozen=True)
class CheckReport:
    backend: str
    ok: bool
    integrity: str
    revision: str | None
    head: str
    drift: tuple[str, ...]


def open_database(config: Config) -> Database:
    """Connect (refusing network shares and old SQLite); raises ``StorageError``."""
    db = Database.open(config.database_url)
    try:
        with db.engine.connect():
            pass
    except OperationalError as exc:
        db.dispose()
        raise StorageError("cannot_connect", detail=str(exc.orig).strip().splitlines()[0][:200]) from exc
    return db


def upgrade(db: Database, config: Config) -> UpgradeResult:
    """Migrate (after a backup), then bring the search index up to date: migrations create its
    schema only, the application fills it (``search_index.ensure_current``)."""
    from hotelcrm.db import migrate

    from . import search_index

    before = migrate.current_revision(db)
    backup = migrate.upgrade(db, backup_dir=config.backup_dir)
    with db.write() as session:
        search_index.ensure_current(session)
    return UpgradeResult(db.backend, before, migrate.head_revision(db), backup)


def needs_upgrade(db: Database) -> bool:
    """Asked at every start. A database stamped with the head of the migration files is
    current without loading Alembic; anything else (new, behind, newer, unusual) Alembic decides."""
    if schema_version.is_at_head(db):
        return False
    from hotelcrm.db import migrate

    return migrate.needs_upgrade(db)


def check(db: Database) -> CheckReport:
    from hotelcrm.db import migrate

    r = migrate.check(db)
    return CheckReport(r.backend, r.ok, r.integrity_detail, r.current, r.head, tuple(r.drift))
