"""Shared fixtures: a migrated SQLite template copied per test, and PostgreSQL databases
cloned from a migrated template database (marked ``pg``).

PostgreSQL tests use ``HOTELCRM_TEST_PG_URL`` (default: postgres on 127.0.0.1:5432). Without a
reachable server they are skipped with the reason, unless ``HOTELCRM_REQUIRE_PG=1`` (CI), which
turns the skip into a failure.
"""

from __future__ import annotations

import os
import shutil
import uuid

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from hotelcrm import i18n  # noqa: E402
from hotelcrm.config import sqlite_url  # noqa: E402
from hotelcrm.db import migrate  # noqa: E402
from hotelcrm.db.engine import Database  # noqa: E402
from hotelcrm.domain import passwords  # noqa: E402
from hotelcrm.domain.permissions import Role  # noqa: E402
from hotelcrm.services.actor import Actor  # noqa: E402
from hotelcrm.services.user_service import UserService  # noqa: E402

PG_URL = os.environ.get("HOTELCRM_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REQUIRE_PG = os.environ.get("HOTELCRM_REQUIRE_PG") == "1"
PASSWORD = "correct horse 42"
PRODUCTION_HASHER = passwords._hasher


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing():
    """argon2id with the smallest cost: the tests create hundreds of users. The real parameters
    are checked in tests/unit/test_passwords.py."""
    from argon2 import PasswordHasher

    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    yield
    passwords._hasher = PRODUCTION_HASHER


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path, monkeypatch):
    """Never touch the developer's real data folder or database."""
    monkeypatch.setenv("HOTELCRM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("HOTELCRM_DATABASE_URL", raising=False)
    i18n.set_language("en")
    yield


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = Database.open(sqlite_url(path))
    migrate.upgrade(db)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture
def sqlite_db(sqlite_template, tmp_path):
    path = tmp_path / "test.db"
    shutil.copyfile(sqlite_template, path)
    db = Database.open(sqlite_url(path))
    yield db
    db.dispose()


def _pg_admin_engine():
    return create_engine(PG_URL, isolation_level="AUTOCOMMIT")


_pg_state: dict[str, object] = {}


def _pg_unavailable_reason() -> str | None:
    if "reason" not in _pg_state:
        try:
            engine = _pg_admin_engine()
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            engine.dispose()
            _pg_state["reason"] = None
        except Exception as exc:  # noqa: BLE001 - any failure means "no server"
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            _pg_state["reason"] = f"PostgreSQL not reachable at {PG_URL}: {first}"
    return _pg_state["reason"]  # type: ignore[return-value]


def require_pg() -> None:
    reason = _pg_unavailable_reason()
    if reason:
        if REQUIRE_PG:
            pytest.fail(f"HOTELCRM_REQUIRE_PG=1 but {reason}")
        pytest.skip(reason)


def pg_url_for(name: str) -> str:
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def create_pg_database(name: str, template: str | None = None) -> str:
    engine = _pg_admin_engine()
    with engine.connect() as conn:
        suffix = f" TEMPLATE {template}" if template else ""
        conn.execute(text(f'CREATE DATABASE "{name}"{suffix}'))
    engine.dispose()
    return pg_url_for(name)


def drop_pg_database(name: str) -> None:
    engine = _pg_admin_engine()
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(scope="session")
def pg_template():
    require_pg()
    name = f"hotelcrm_tpl_{uuid.uuid4().hex[:10]}"
    db = Database.open(create_pg_database(name))
    migrate.upgrade(db)
    db.dispose()
    yield name
    drop_pg_database(name)


@pytest.fixture
def pg_db(pg_template):
    name = f"hotelcrm_t_{uuid.uuid4().hex[:12]}"
    db = Database.open(create_pg_database(name, template=pg_template))
    yield db
    db.dispose()
    drop_pg_database(name)


@pytest.fixture
def empty_pg_url():
    """A fresh, empty PostgreSQL database (for migration tests)."""
    require_pg()
    name = f"hotelcrm_e_{uuid.uuid4().hex[:12]}"
    url = create_pg_database(name)
    yield url
    drop_pg_database(name)


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def db(request):
    """A migrated database on each backend."""
    fixture = "sqlite_db" if request.param == "sqlite" else "pg_db"
    return request.getfixturevalue(fixture)


@pytest.fixture
def admin(db) -> Actor:
    return Actor.system()


@pytest.fixture
def make_actor(db):
    """``make_actor("clerk")`` creates a user with that role and returns its actor."""
    counter = {"n": 0}

    def make(role: str) -> Actor:
        counter["n"] += 1
        name = f"{role.replace('_', '')}{counter['n']}"
        info = UserService(db, Actor.system()).create(name, PASSWORD, role)
        return Actor(info.id, info.username, Role(role), info.display_name)

    return make
