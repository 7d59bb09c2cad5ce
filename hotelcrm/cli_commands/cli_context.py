"""What every command gets: its arguments, output helpers, and the database opened the same way
the GUI opens it (storage checks, then an automatic upgrade with a backup)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from typing import TYPE_CHECKING, Any

from hotelcrm.config import Config, load_config, sqlite_url
from hotelcrm.i18n import tr

if TYPE_CHECKING:
    from hotelcrm.db.engine import Database
    from hotelcrm.services.app_services import AppServices


class CommandContext:
    """Arguments, streams, and access to the database for one command run."""

    def __init__(self, args: argparse.Namespace, gui: Callable[[str | None, str | None], int] | None = None
                 ) -> None:
        self.args = args
        self.gui = gui

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    @property
    def stdout(self):
        return sys.stdout

    @property
    def stderr(self):
        return sys.stderr

    def config(self) -> Config:
        url = getattr(self.args, "db", None)
        if url and "://" not in url:
            url = sqlite_url(url)  # a plain path means a SQLite file
        return load_config(url, getattr(self.args, "lang", None))

    @contextmanager
    def database(self) -> Iterator[Database]:
        """The database as configured, not migrated (for ``db`` commands)."""
        from hotelcrm.services import maintenance_service

        db = _open(maintenance_service.open_database, self.config())
        try:
            yield db
        finally:
            db.dispose()

    @contextmanager
    def services(self) -> Iterator[AppServices]:
        """The services, after upgrading the schema (with a backup) as the GUI does at start-up."""
        from hotelcrm.services import maintenance_service
        from hotelcrm.services.app_services import AppServices

        config = self.config()
        db = _open(maintenance_service.open_database, config)
        try:
            if maintenance_service.needs_upgrade(db):
                result = maintenance_service.upgrade(db, config)
                if result.from_revision is None:
                    self.note(tr("cli.db.auto_created", to_revision=result.to_revision))
                elif result.backup is not None:
                    self.note(tr("cli.db.auto_upgraded_backup", to_revision=result.to_revision, path=result.backup))
                else:
                    self.note(tr("cli.db.auto_upgraded", to_revision=result.to_revision))
            yield AppServices(config, db)
        finally:
            db.dispose()

    def emit(self, payload: dict[str, Any], *lines: str) -> None:
        """The command's result: one JSON document with --json, else the text lines."""
        if self.json:
            self.stdout.write(json.dumps({"ok": True, **payload}, ensure_ascii=False, default=str) + "\n")
        else:
            for line in lines:
                print(line, file=self.stdout)

    def note(self, line: str) -> None:
        """Side information (an automatic upgrade): stderr, so stdout stays clean for --json."""
        print(line, file=self.stderr)

    def progress(self, line: str, done: bool = False) -> None:
        """A progress line that rewrites itself on a terminal, and stays silent otherwise."""
        if self.stderr.isatty():
            self.stderr.write("\r" + line + ("\n" if done else ""))
            self.stderr.flush()


def _open(opener, config: Config):
    """A malformed URL is bad input (exit 2), not a storage failure."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from hotelcrm.domain.errors import ValidationError

    try:
        make_url(config.database_url)
    except (ArgumentError, ValueError):  # ValueError: e.g. a port that is not a number
        raise ValidationError("database_url", "invalid_database_url") from None
    return opener(config)


def plain(value: Any) -> Any:
    """A frozen dataclass as a JSON-ready dictionary."""
    return asdict(value) if is_dataclass(value) else value
