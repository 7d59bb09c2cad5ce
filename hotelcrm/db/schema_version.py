"""Is the schema at head? Asked at every start, answered without importing Alembic (its import,
with Mako and SQLAlchemy's DDL compilers, was ~0.1–0.2 s of the GUI's start).

The head revision is read from the headers of the migration files (``revision = "0009"``,
``down_revision = "0008"``), the stored one from Alembic's version table. Only a plain answer
counts: when a header cannot be read, when there is more than one head, or when the database is
not stamped with exactly that head, the caller asks Alembic itself (``hotelcrm.db.migrate``)."""

from __future__ import annotations

import ast
import re
from importlib.resources import files
from importlib.resources.abc import Traversable

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from .engine import Database

VERSION_TABLE = "alembic_version"  # Alembic's default; migrations/env.py does not change it
_HEADER = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+?)\s*$", re.MULTILINE)


def versions_folder() -> Traversable:
    return files("migrations").joinpath("versions")


def _header(source: str) -> tuple[str, str | None] | None:
    """``(revision, down_revision)`` of one migration file, or None if not plainly written."""
    found: dict[str, object] = {}
    for name, value in _HEADER.findall(source):
        if name in found:
            return None
        try:
            found[name] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return None
    revision, down = found.get("revision"), found.get("down_revision", ...)
    if not isinstance(revision, str) or not (down is None or isinstance(down, str)):
        return None  # missing, or a merge (a tuple of parents): Alembic decides
    return revision, down


def head_revision(folder: Traversable | None = None) -> str | None:
    """The one head of the migration history, or None when the files do not say it plainly."""
    parents: dict[str, str | None] = {}
    for entry in (folder or versions_folder()).iterdir():
        name = entry.name
        if not name.endswith(".py") or name.startswith(("__init__", ".#")):  # as Alembic skips them
            continue
        header = _header(entry.read_text(encoding="utf-8"))
        if header is None or header[0] in parents:
            return None
        parents[header[0]] = header[1]
    heads = set(parents) - set(parents.values())
    return heads.pop() if len(heads) == 1 else None


def stored_revisions(db: Database) -> set[str] | None:
    """The revisions the database is stamped with; None when it has no version table yet."""
    with db.engine.connect() as conn:
        if not conn.dialect.has_table(conn, VERSION_TABLE):
            return None
        try:
            return set(conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars())
        except DBAPIError:
            return None


def is_at_head(db: Database, folder: Traversable | None = None) -> bool:
    """True only when the database is stamped with exactly the head of the migration files;
    False means "ask Alembic", not "behind"."""
    head = head_revision(folder)
    return head is not None and stored_revisions(db) == {head}
