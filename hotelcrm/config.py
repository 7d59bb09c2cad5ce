"""Settings that come from the environment: database URL, data folder, language.

Settings stored in the database (hotel name, time targets, ...) live in the
`settings` table and are read through the services.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "hotelcrm"
ENV_DATABASE_URL = "HOTELCRM_DATABASE_URL"
ENV_DATA_DIR = "HOTELCRM_DATA_DIR"
ENV_LANGUAGE = "HOTELCRM_LANG"


def data_dir() -> Path:
    """The folder for the local database, backups and logs (created on demand)."""
    override = os.environ.get(ENV_DATA_DIR)
    path = Path(override) if override else user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_sqlite_path() -> Path:
    return data_dir() / "hotelcrm.db"


def sqlite_url(path: Path | str) -> str:
    return f"sqlite:///{Path(path).resolve().as_posix()}"


@dataclass(frozen=True)
class Config:
    database_url: str
    data_dir: Path
    language: str | None

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def backup_dir(self) -> Path:
        path = self.data_dir / "backups"
        path.mkdir(parents=True, exist_ok=True)
        return path


def load_config(database_url: str | None = None, language: str | None = None) -> Config:
    """Explicit argument > environment > local SQLite file in the user data folder."""
    url = database_url or os.environ.get(ENV_DATABASE_URL) or sqlite_url(default_sqlite_path())
    return Config(
        database_url=url,
        data_dir=data_dir(),
        language=language or os.environ.get(ENV_LANGUAGE) or None,
    )
