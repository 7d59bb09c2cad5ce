"""What every service shares: the database, the actor, one unit of work per call."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from hotelcrm.db.engine import Database
from hotelcrm.domain.errors import Conflict, HotelCrmError, NotFound
from hotelcrm.domain.permissions import Permission

from .actor import Actor
from .audit_trail import AuditTrail

T = TypeVar("T")


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
        """One transaction; a concurrent newer save becomes a ``Conflict``."""
        try:
            with self.db.write() as session:
                yield session, AuditTrail(session, self.actor)
        except StaleDataError as exc:
            raise Conflict(entity, key) from exc
        except IntegrityError as exc:
            raise HotelCrmError("duplicate", entity=entity) from exc
