"""Engine and session factories for SQLite (local default) and PostgreSQL (several desks)."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from hotelcrm.domain.errors import StorageError

from .storage import check_sqlite_location, sqlite_module

BUSY_TIMEOUT_MS = 10_000


def _install_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's implicit BEGIN is wrong).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA secure_delete = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # Writes take the write lock up front, so two desks queue instead of deadlocking.
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def create_db_engine(url: str, *, check_location: bool = True) -> Engine:
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            if check_location:
                check_sqlite_location(path)
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed.set(drivername="sqlite+pysqlite"), module=sqlite_module())
        _install_sqlite_pragmas(engine)
        return engine
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True)
    raise StorageError("unsupported_backend", backend=backend)


@dataclass
class Database:
    """The engine plus two session factories: reads begin deferred, writes immediate."""

    url: str
    engine: Engine

    def __post_init__(self) -> None:
        write_engine = self.engine
        if self.is_sqlite:
            write_engine = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(write_engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str, *, check_location: bool = True) -> Database:
        return cls(url, create_db_engine(url, check_location=check_location))

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self):
        with self._read() as session:
            yield session
            session.rollback()

    @contextmanager
    def write(self):
        """One unit of work: commits on success, rolls back on any error."""
        with self._write() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
