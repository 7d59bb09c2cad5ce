"""Files attached to log entries (photos of a damaged item, a guest's letter). Attaching is
allowed after the shift closed (evidence arrives later) and never replaces anything."""

from __future__ import annotations

import mimetypes

from sqlalchemy import select

from hotelcrm.db.models import Attachment, LogEntry
from hotelcrm.domain import logbook_entries as rules
from hotelcrm.domain.errors import NotFound
from hotelcrm.domain.permissions import Permission

from . import logbook_queries as q
from .base import Service
from .logbook_dto import AttachmentInfo


class LogbookAttachmentService(Service):
    def add(self, entry_id: int, filename: str, data: bytes) -> AttachmentInfo:
        self._require(Permission.LOG_WRITE)
        name = rules.check_attachment(filename, len(data or b""))
        mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
        with self._write("logbook_attachment", entry_id) as (s, audit):
            if s.get(LogEntry, entry_id) is None:
                raise NotFound("log_entry", entry_id)
            row = Attachment(owner_type="log_entry", owner_id=entry_id, filename=name, mime_type=mime,
                             size_bytes=len(data), data=data, created_by=self.actor.user_id)
            s.add(row)
            s.flush()
            audit.created("attachment", row.id, {"owner_type": "log_entry", "owner_id": entry_id,
                                                 "filename": name, "size_bytes": len(data)})
            return _info(row, q.user_names(s, [row.created_by]))

    def list(self, entry_id: int) -> list[AttachmentInfo]:
        self._require(Permission.LOG_READ)
        with self._read() as s:
            rows = list(s.scalars(select(Attachment).where(
                Attachment.owner_type == "log_entry", Attachment.owner_id == entry_id).order_by(Attachment.id)))
            names = q.user_names(s, [r.created_by for r in rows])
            return [_info(r, names) for r in rows]

    def data(self, attachment_id: int) -> tuple[str, bytes]:
        self._require(Permission.LOG_READ)
        with self._read() as s:
            row = s.get(Attachment, attachment_id)
            if row is None or row.owner_type != "log_entry":
                raise NotFound("logbook_attachment", attachment_id)
            return row.filename, row.data


def _info(row: Attachment, names: dict[int, str]) -> AttachmentInfo:
    return AttachmentInfo(row.id, row.owner_id, row.filename, row.mime_type, row.size_bytes, row.created_at,
                          names.get(row.created_by))
