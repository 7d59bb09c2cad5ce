"""The list of log entries on the Logbook page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from hotelcrm.i18n import tr
from hotelcrm.services.logbook_dto import EntryInfo

from .guest_format import BLACKLIST_RED, code_label, date_text
from .row_table_model import Column, RowTableModel

DONE_GREY = "#6b7280"


def shift_text(day, kind: str) -> str:
    return f"{day.isoformat()} {code_label('shift_kind', kind)}"


def followup_text(e: EntryInfo) -> str:
    if not e.followup_required:
        return ""
    if e.followup_done_at is not None:
        return tr("ui.logbook.followup_done_by", who=e.followup_done_by or "", at=date_text(e.followup_done_at))
    if e.overdue:
        return tr("ui.logbook.followup_overdue", due=date_text(e.followup_due_at))
    if e.followup_due_at:
        return tr("ui.logbook.followup_due", due=date_text(e.followup_due_at))
    return tr("ui.logbook.followup_open")


def entry_text(e: EntryInfo) -> str:
    first = " ".join(e.text.split())
    prefix = tr("ui.logbook.addendum_prefix") + " " if e.amends_id else ""
    extras = []
    if e.has_incident:
        extras.append(tr("ui.logbook.has_incident"))
    if e.attachment_count:
        extras.append(tr("ui.logbook.attachments_count", count=e.attachment_count))
    if e.addendum_count:
        extras.append(tr("ui.logbook.addenda_count", count=e.addendum_count))
    tail = f"  [{', '.join(extras)}]" if extras else ""
    return prefix + (first if len(first) <= 160 else first[:159] + "…") + tail


class LogEntryModel(RowTableModel):
    COLUMNS = (
        Column("ui.logbook.col.time", lambda e: date_text(e.occurred_at)[5:]),
        Column("ui.logbook.col.shift", lambda e: shift_text(e.shift_date, e.shift_kind)),
        Column("ui.logbook.col.type", lambda e: code_label("log_entry_type", e.entry_type)),
        Column("ui.logbook.col.room", lambda e: e.room_no or ""),
        Column("ui.logbook.col.guest", lambda e: e.guest_name or (e.complaint_number or "")),
        Column("ui.logbook.col.text", entry_text),
        Column("ui.logbook.col.followup", followup_text),
        Column("ui.logbook.col.author", lambda e: e.author or ""),
    )
    TEXT_COLUMN = 5
    FOLLOWUP_COLUMN = 6

    def style(self, row: EntryInfo, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.overdue:
                return QBrush(QColor(BLACKLIST_RED))
            if row.followup_required and row.followup_done_at is not None and column == self.FOLLOWUP_COLUMN:
                return QBrush(QColor(DONE_GREY))
        if role == Qt.ItemDataRole.FontRole and (row.amends_id or (row.followup_open and column == self.FOLLOWUP_COLUMN)):
            font = QFont()
            font.setItalic(bool(row.amends_id))
            font.setBold(row.followup_open and column == self.FOLLOWUP_COLUMN)
            return font
        return None

    def row_of(self, entry_id: int | None) -> int:
        for i in range(self.rowCount()):
            if self.row_at(i).id == entry_id:
                return i
        return -1
