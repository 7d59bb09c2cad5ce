"""What every service shares: the database, the actor, one unit of work per call."""

from __future__ import annotations

import functools
import inspect
import random
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from types import CodeType, FunctionType
from typing import ClassVar, TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from hotelcrm.db.engine import Database
from hotelcrm.domain.errors import Busy, Conflict, HotelCrmError, NotFound
from hotelcrm.domain.permissions import Permission

from .actor import Actor
from .audit_trail import AuditTrail

T = TypeVar("T")
F = TypeVar("F", bound=Callable)

TRANSIENT_SQLSTATES = frozenset({"40001", "40P01"})  # serialization_failure, deadlock_detected
WRITE_ATTEMPTS = 4
_pause = time.sleep  # replaced in tests to act between two attempts


def is_transient(exc: DBAPIError) -> bool:
    """A failure that goes away when the whole transaction is run again: PostgreSQL's
    serialization failure or deadlock, or SQLite still locked after ``busy_timeout``."""
    if getattr(exc.orig, "sqlstate", None) in TRANSIENT_SQLSTATES:
        return True
    text = str(exc.orig).lower()
    return "database is locked" in text or "database table is locked" in text


_retrying = threading.local()  # inside a retried call: an inner one leaves the rerun to it


def retry_transient(method: F) -> F:
    """Runs a service method again (whole transaction, a short random pause between) when the
    database raised ``Busy``; after ``WRITE_ATTEMPTS`` the ``Busy`` reaches the caller. Only for
    methods that open their own transaction(s) and have no effect outside the database. Nested
    retried calls (``update`` → ``_save``) are run again once, as a whole, by the outermost."""
    if getattr(method, "retries_transient", False):
        return method

    @functools.wraps(method)
    def attempt(*args, **kwargs):
        if getattr(_retrying, "active", False):
            return method(*args, **kwargs)
        _retrying.active = True
        try:
            for number in range(1, WRITE_ATTEMPTS + 1):
                try:
                    return method(*args, **kwargs)
                except Busy:
                    if number == WRITE_ATTEMPTS:
                        raise
                    _pause(random.uniform(0.01, 0.05) * number)
        finally:
            _retrying.active = False
        raise AssertionError("unreachable")

    attempt.retries_transient = True  # type: ignore[attr-defined]
    return attempt  # type: ignore[return-value]


def opens_write(function: FunctionType) -> bool:
    """Whether the function's code (nested functions included) uses ``self._write``."""

    def names(code: CodeType) -> set[str]:
        found = set(code.co_names)
        for const in code.co_consts:
            if isinstance(const, CodeType):
                found |= names(const)
        return found

    return "_write" in names(function.__code__)


def load_row(session: Session, model: type[T], row_id: int, expected_version: int | None, entity: str) -> T:
    """The row, locked for update when the caller names the version it edited; ``NotFound``, or
    ``Conflict`` with both versions when someone else saved in the meantime."""
    row = session.get(model, row_id, with_for_update=expected_version is not None)
    if row is None:
        raise NotFound(entity, row_id)
    if expected_version is not None and row.version != expected_version:
        raise Conflict(entity, row_id, mine=expected_version, theirs=row.version)
    return row


class Service:
    """Every method of a subclass (its mixins' included) that opens a write transaction with
    ``self._write`` is wrapped in ``retry_transient`` when the class is defined, except those in
    ``not_retried`` (method name -> why: it writes files, or commits several transactions, ...);
    tests/services/test_write_retry.py checks every one of them."""

    not_retried: ClassVar[Mapping[str, str]] = {}

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        for name in dir(cls):
            attr = inspect.getattr_static(cls, name)
            if (isinstance(attr, FunctionType) and name not in cls.not_retried
                    and not getattr(attr, "retries_transient", False) and opens_write(attr)):
                setattr(cls, name, retry_transient(attr))

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def _require(self, permission: Permission) -> None:
        self.actor.require(permission)

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with self.db.read() as session:
            yield session

    @contextmanager
    def _write(self, entity: str = "record", key: object = None) -> Iterator[tuple[Session, AuditTrail]]:
        """One transaction (``write_transaction``) with the actor's audit trail."""
        with write_transaction(self.db, entity, key) as session:
            yield session, AuditTrail(session, self.actor)


@contextmanager
def write_transaction(db: Database, entity: str = "record", key: object = None) -> Iterator[Session]:
    """One write transaction; a concurrent newer save becomes a ``Conflict``, a transient refusal
    of the database (see ``is_transient``) ``Busy`` — ``retry_transient`` runs it again. For the
    services without an actor (log-in, first run) as for ``Service._write``."""
    try:
        with db.write() as session:
            yield session
    except StaleDataError as exc:
        raise Conflict(entity, key) from exc
    except IntegrityError as exc:
        raise HotelCrmError("duplicate", entity=entity) from exc
    except DBAPIError as exc:
        if is_transient(exc):
            raise Busy(entity, key) from exc
        raise
