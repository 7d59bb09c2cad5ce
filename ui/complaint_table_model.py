"""The complaint list: one page of ``ComplaintRow`` (the service filters, sorts and pages in SQL).
Overdue rows are red, bold and say "OVERDUE …" in the due column (readable without colour)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from .complaint_format import OVERDUE_FILL, OVERDUE_RED, due_text, lang, level_text, severity_text, state_text
from .guest_format import date_text
from .row_table_model import Column, RowTableModel

COLUMNS: tuple[Column, ...] = (
    Column("ui.complaint.column.number", lambda r: r.number),
    Column("ui.complaint.column.received", lambda r: date_text(r.received_at)),
    Column("ui.complaint.column.guest", lambda r: r.guest_name or ""),
    Column("ui.complaint.column.room", lambda r: r.room_no or ""),
    Column("ui.complaint.column.severity", lambda r: severity_text(r.severity)),
    Column("ui.complaint.column.state", lambda r: state_text(r.state)),
    Column("ui.complaint.column.due", due_text),
    Column("ui.complaint.column.level", lambda r: level_text(r.escalation_level)),
    Column("ui.complaint.column.category", lambda r: r.category(lang())),
    Column("ui.complaint.column.department", lambda r: r.department(lang()) or ""),
)
# The service's sort key for each column (None: not sortable). The due column comes early, where
# it is seen without scrolling; the long names (category, department) last.
SORT_KEYS: tuple[str | None, ...] = ("number", "received_at", "guest", None, "severity", "state", "due",
                                     "escalation_level", "category", "department")
DUE_COLUMN = 6


class ComplaintTableModel(RowTableModel):
    COLUMNS = COLUMNS

    def style(self, row, column: int, role: int):
        if not row.overdue.any:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(OVERDUE_RED))
        if role == Qt.ItemDataRole.BackgroundRole and column == DUE_COLUMN:
            return QBrush(QColor(OVERDUE_FILL))
        if role == Qt.ItemDataRole.FontRole and column in (0, DUE_COLUMN):
            font = QFont()
            font.setBold(True)
            return font
        return None
