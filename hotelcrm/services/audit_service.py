"""Reading the audit trail (it has no update or delete path anywhere)."""

from __future__ import annotations

from sqlalchemy import select

from hotelcrm.db.models import AuditEntry
from hotelcrm.domain.permissions import Permission

from .base import Service
from .dto import AuditRow


class AuditService(Service):
    def entries(self, entity: str | None = None, entity_id: object = None, limit: int = 200,
                before_id: int | None = None) -> list[AuditRow]:
        """Newest first, paged by id."""
        self._require(Permission.AUDIT_READ)
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(max(1, min(limit, 1000)))
        if entity:
            query = query.where(AuditEntry.entity == entity)
        if entity_id is not None:
            query = query.where(AuditEntry.entity_id == str(entity_id))
        if before_id is not None:
            query = query.where(AuditEntry.id < before_id)
        with self._read() as s:
            return [
                AuditRow(e.id, e.at, e.actor_name, e.action, e.entity, e.entity_id, e.field,
                         e.old_value, e.new_value, e.note)
                for e in s.scalars(query)
            ]
