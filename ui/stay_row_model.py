"""Rows of "in house now" and "arriving today" (``StayRow``; a hotel's day fits in memory)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from hotelcrm.i18n import tr
from hotelcrm.services.stay_dto import StayRow

from .guest_format import BLACKLIST_RED, code_label, date_text

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header_key: str
    text: Callable[[StayRow], str]


COLUMNS: tuple[Column, ...] = (
    Column("ui.stay.column.room", lambda s: s.room_no or ""),
    Column("ui.guest.column.name", lambda s: s.display_name),
    Column("ui.guest.column.romanised", lambda s: s.latin_name or ""),
    Column("ui.stay.column.room_type", lambda s: s.room_type or ""),
    Column("ui.stay.column.arrival", lambda s: date_text(s.arrival_date)),
    Column("ui.stay.column.departure", lambda s: date_text(s.departure_date)),
    Column("ui.stay.column.nights", lambda s: str(s.nights)),
    Column("ui.stay.column.persons", lambda s: f"{s.adults} + {s.children}" if s.children else str(s.adults)),
    Column("ui.guest.column.vip", lambda s: s.vip_code or ""),
    Column("ui.guest.column.tier", lambda s: s.tier_code or ""),
    Column("ui.guest.column.status", lambda s: code_label("stay_status", s.status)),
)


class StayRowModel(QAbstractTableModel):
    """``data()`` never calls a service; a blacklisted guest's row is red."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[StayRow] = []

    def set_rows(self, rows: Sequence[StayRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> StayRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        stay = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return COLUMNS[index.column()].text(stay)
        if role == Qt.ItemDataRole.ForegroundRole and stay.guest_status == "blacklisted":
            return QBrush(QColor(BLACKLIST_RED))
        if role == Qt.ItemDataRole.UserRole:
            return stay.guest_id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return tr(COLUMNS[section].header_key)
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None
