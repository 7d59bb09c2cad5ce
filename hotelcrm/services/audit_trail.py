"""Writes to the append-only audit trail, inside the caller's unit of work."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from hotelcrm.db.models import AuditEntry, utcnow

from .actor import Actor

MAX_VALUE = 4000


def render(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool | int | float):
        text = json.dumps(value)
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE] + "…"


class AuditTrail:
    """Bound to one session and one actor; every service change goes through it."""

    def __init__(self, session: Session, actor: Actor) -> None:
        self.session = session
        self.actor = actor

    def record(
        self,
        action: str,
        entity: str,
        entity_id: Any = None,
        *,
        field: str | None = None,
        old: Any = None,
        new: Any = None,
        note: str | None = None,
    ) -> None:
        self.session.add(AuditEntry(**self._entry(utcnow(), action, entity, entity_id, field, old, new, note)))

    def _entry(self, at: datetime, action: str, entity: str, entity_id: Any, field: str | None,
               old: Any, new: Any, note: str | None) -> dict[str, Any]:
        return {"at": at, "actor_id": self.actor.user_id, "actor_name": self.actor.username, "action": action,
                "entity": entity, "entity_id": None if entity_id is None else str(entity_id), "field": field,
                "old_value": render(old), "new_value": render(new), "note": note}

    def created(self, entity: str, entity_id: Any, values: Mapping[str, Any], skip: Iterable[str] = ()) -> None:
        hidden = set(skip)
        for field, value in values.items():
            if field in hidden or value is None:
                continue
            self.record("create", entity, entity_id, field=field, new=value)
        if not values:
            self.record("create", entity, entity_id)

    def changed(self, entity: str, entity_id: Any, obj: Any, changes: Mapping[str, Any],
                secret: Iterable[str] = ()) -> dict[str, tuple[Any, Any]]:
        """Apply ``changes`` to ``obj`` and audit every field that really changed.
        Fields in ``secret`` are audited as changed without their values."""
        hidden = set(secret)
        done = apply_changes(obj, changes)
        for field, (old, new) in done.items():
            if field in hidden:
                self.record("update", entity, entity_id, field=field, note="value hidden")
            else:
                self.record("update", entity, entity_id, field=field, old=old, new=new)
        return done

    def write_changes(self, entity: str, entity_id: Any, done: Mapping[str, tuple[Any, Any]],
                      at: datetime | None = None) -> None:
        """The audit rows of ``done`` (``apply_changes``'s result) written at once with one Core
        INSERT (an executemany), not through the ORM unit of work: for the card's save, which
        writes its row with Core too. Same rows as ``changed`` writes."""
        if not done:
            return
        at = at or utcnow()
        rows = [self._entry(at, "update", entity, entity_id, field, old, new, None)
                for field, (old, new) in done.items()]
        self.session.connection().execute(insert(AuditEntry.__table__), rows)


def apply_changes(obj: Any, changes: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Set on ``obj`` every value of ``changes`` that differs; returns ``{field: (old, new)}``."""
    done: dict[str, tuple[Any, Any]] = {}
    for field, new in changes.items():
        old = getattr(obj, field)
        if old == new:
            continue
        setattr(obj, field, new)
        done[field] = (old, new)
    return done
