"""The two-desk GUI tests run on both backends: importing ``sqlite_db`` from here into a test
module replaces, in that module only, the database under the GUI context (``ctx``)."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def sqlite_db(request, sqlite_template, tmp_path):
    """The database under the GUI context (``ctx``): in this module, each backend in turn."""
    if request.param == "pg":
        yield request.getfixturevalue("pg_db")
        return
    from hotelcrm.config import sqlite_url
    from hotelcrm.db.engine import Database

    path = tmp_path / "test.db"
    shutil.copyfile(sqlite_template, path)
    db = Database.open(sqlite_url(path))
    yield db
    db.dispose()
