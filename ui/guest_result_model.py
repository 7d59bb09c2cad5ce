"""The search results: one row per ``GuestHit`` (at most the service's limit, held in memory)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from hotelcrm.i18n import tr

from .guest_format import BLACKLIST_RED, code_label, date_text

Index = QModelIndex | QPersistentModelIndex
GuestHit = Any  # hotelcrm.services.guest_search_service.GuestHit (frozen dataclass)


def _romanised(hit: GuestHit) -> str:
    return romanised(hit.latin_name, hit.pinyin)


def romanised(latin: str | None, pinyin: str | None) -> str:
    """Passport spelling and pinyin; once when they are the same name ("WANG WEI" / "Wang Wei")."""
    if latin and pinyin and latin.replace(" ", "").lower() == pinyin.replace(" ", "").lower():
        return latin
    return " · ".join(p for p in (latin, pinyin) if p)


def _status(hit: GuestHit) -> str:
    return code_label("guest_status", hit.status)


@dataclass(frozen=True)
class Column:
    header_key: str
    text: Callable[[GuestHit], str]


COLUMNS: tuple[Column, ...] = (
    Column("ui.guest.column.name", lambda h: h.display_name),
    Column("ui.guest.column.romanised", _romanised),
    Column("ui.guest.column.phone", lambda h: h.phone_masked or ""),
    Column("ui.guest.column.member_no", lambda h: h.member_no or ""),
    Column("ui.guest.column.tier", lambda h: h.tier_code or ""),
    Column("ui.guest.column.company", lambda h: h.company or ""),
    Column("ui.guest.column.last_stay", lambda h: date_text(h.last_stay)),
    Column("ui.guest.column.room", lambda h: h.in_house_room or ""),
    Column("ui.guest.column.status", _status),
)
NAME_COLUMN = 0
ROOM_COLUMN = 7


class GuestResultModel(QAbstractTableModel):
    """Rows of ``GuestHit`` plus column specs; ``data()`` never calls a service. Blacklisted
    guests are red on the whole row, an in-house room is bold."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[GuestHit] = []
        self.query = ""

    def set_hits(self, hits: Sequence[GuestHit], query: str = "") -> None:
        self.beginResetModel()
        self._rows = list(hits)
        self.query = query
        self.endResetModel()

    def hit_at(self, row: int) -> GuestHit | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        hit = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return COLUMNS[column].text(hit)
        if role == Qt.ItemDataRole.ForegroundRole and hit.status == "blacklisted":
            return QBrush(QColor(BLACKLIST_RED))
        if role == Qt.ItemDataRole.FontRole and (
                (column == ROOM_COLUMN and hit.in_house_room) or (column == NAME_COLUMN)):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return hit.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return tr(COLUMNS[section].header_key)
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None
