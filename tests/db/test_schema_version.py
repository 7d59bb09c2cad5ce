"""Whether the schema is at head, told at every start without Alembic: the head read from the
migration files' headers is Alembic's own; a database not stamped with exactly it (new, older,
unusual history) is left to Alembic, so nothing that needs an upgrade is missed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hotelcrm.config import Config, sqlite_url
from hotelcrm.db import migrate, schema_version
from hotelcrm.db.engine import Database
from hotelcrm.services import maintenance_service

ROOT = Path(__file__).resolve().parents[2]
HEADER = '''"""{doc}"""
from typing import Sequence

revision: str = {rev!r}
down_revision: str | None = {down!r}
branch_labels: str | Sequence[str] | None = None
'''


def _versions(folder: Path, *chain: tuple[str, object]) -> Path:
    folder.mkdir(exist_ok=True)
    for n, (rev, down) in enumerate(chain):
        (folder / f"2026_01_0{n}_{rev}.py").write_text(HEADER.format(doc=rev, rev=rev, down=down), encoding="utf-8")
    return folder


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def empty_db(request, tmp_path):
    url = sqlite_url(tmp_path / "new.db") if request.param == "sqlite" else request.getfixturevalue("empty_pg_url")
    db = Database.open(url)
    yield db
    db.dispose()


def test_the_head_read_from_the_files_is_alembics_head(db):
    head = migrate.head_revision(db)
    assert schema_version.head_revision() == head
    assert schema_version.stored_revisions(db) == {head}
    assert schema_version.is_at_head(db)
    assert not maintenance_service.needs_upgrade(db)


def test_a_new_database_and_an_older_schema_are_upgraded(empty_db, tmp_path):
    assert schema_version.stored_revisions(empty_db) is None
    assert not schema_version.is_at_head(empty_db) and maintenance_service.needs_upgrade(empty_db)
    migrate.upgrade(empty_db, "0003")
    assert schema_version.stored_revisions(empty_db) == {"0003"}
    assert not schema_version.is_at_head(empty_db) and maintenance_service.needs_upgrade(empty_db)
    result = maintenance_service.upgrade(empty_db, Config(empty_db.url, tmp_path, None))
    assert result.from_revision == "0003" and result.to_revision == schema_version.head_revision()
    assert schema_version.is_at_head(empty_db) and not maintenance_service.needs_upgrade(empty_db)


def test_a_database_at_head_is_opened_without_importing_alembic(sqlite_template, tmp_path):
    path = tmp_path / "current.db"
    shutil.copyfile(sqlite_template, path)
    code = ("import sys\n"
            "from hotelcrm.config import load_config\n"
            "from hotelcrm.services.app_services import AppServices\n"
            f"services = AppServices.open(load_config({sqlite_url(path)!r}))\n"
            "print(sorted(m for m in ('alembic', 'mako') if m in sys.modules))\n"
            "services.close()\n")
    env = {**os.environ, "HOTELCRM_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_header_of_each_file_gives_the_one_head(tmp_path):
    folder = _versions(tmp_path / "versions", ("0001", None), ("0002", "0001"), ("0003", "0002"))
    (folder / "__init__.py").write_text("", encoding="utf-8")
    (folder / "README").write_text("revision = 'not a migration'", encoding="utf-8")
    assert schema_version.head_revision(folder) == "0003"
    (folder / "2026_01_09_plain.py").write_text("revision = '0004'\ndown_revision = '0003'\n", encoding="utf-8")
    assert schema_version.head_revision(folder) == "0004"


@pytest.mark.parametrize("chain", [
    (("0001", None), ("0002", "0001"), ("0003", "0001")),  # two heads
    (("0001", None), ("0002", "0001"), ("0003", "0001"), ("0004", ("0002", "0003"))),  # a merge
    (("0001", None), ("0001", None)),  # the same revision twice
    (("0001", None), (None, "0001")),  # no revision id
])
def test_an_unusual_history_is_left_to_alembic(tmp_path, chain, sqlite_db):
    folder = _versions(tmp_path / "versions", *chain)
    assert schema_version.head_revision(folder) is None
    assert not schema_version.is_at_head(sqlite_db, folder)


def test_a_header_that_is_not_a_plain_literal_is_left_to_alembic(tmp_path):
    folder = _versions(tmp_path / "versions", ("0001", None))
    (folder / "2026_01_09_computed.py").write_text("revision = make_id()\ndown_revision = '0001'\n", encoding="utf-8")
    assert schema_version.head_revision(folder) is None
