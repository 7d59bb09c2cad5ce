"""The rejected rows and warnings of an import, one line per refused cell, for the import dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from hotelcrm.services.import_job import problem_level, problem_text

from .row_table_model import Column, RowTableModel

_REJECTED = QColor("#b3261e")


class ImportProblemModel(RowTableModel):
    COLUMNS = (
        Column("import.ui.col.row", lambda p: str(p.row), number=True),
        Column("import.ui.col.column", lambda p: p.column or "—"),
        Column("import.ui.col.level", problem_level),
        Column("import.ui.col.reason", problem_text),
    )

    def key(self, row):
        return row.row

    def style(self, row, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and column == 2 and row.level == "error":
            return _REJECTED
        return None
