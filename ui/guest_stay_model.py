"""A card's stays (``StayLine``, newest first; a guest's history fits in memory)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from hotelcrm.i18n import tr
from hotelcrm.services.guest_dto import StayLine

from .guest_format import BLACKLIST_RED, code_label, date_text, money_text

Index = QModelIndex | QPersistentModelIndex


def _spend(s: StayLine) -> str:
    if s.status != "checked_out" and not (s.spend_room_cents or s.spend_fnb_cents or s.spend_other_cents):
        return ""  # recorded at check-out
    return money_text(s.spend_room_cents + s.spend_fnb_cents + s.spend_other_cents, s.currency)


@dataclass(frozen=True)
class Column:
    header_key: str
    text: Callable[[StayLine], str]
    number: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("ui.stay.column.arrival", lambda s: date_text(s.arrival_date)),
    Column("ui.stay.column.departure", lambda s: date_text(s.departure_date)),
    Column("ui.stay.column.nights", lambda s: str(s.nights), True),
    Column("ui.stay.column.room", lambda s: s.room_no or ""),
    Column("ui.stay.column.room_type", lambda s: s.room_type or ""),
    Column("ui.stay.column.rate", lambda s: money_text(s.rate_cents, s.currency), True),
    Column("ui.stay.column.channel", lambda s: s.channel or ""),
    Column("ui.stay.column.segment", lambda s: s.segment or ""),
    Column("ui.stay.column.spend", _spend, True),
    Column("ui.stay.column.discount", lambda s: money_text(s.discount_cents, s.currency) if s.discount_cents else "",
           True),
    Column("ui.stay.column.unpaid", lambda s: money_text(s.unpaid_cents, s.currency) if s.unpaid_cents else "",
           True),
    Column("ui.guest.column.status", lambda s: code_label("stay_status", s.status)),
)
UNPAID_COLUMN = 10


class GuestStayModel(QAbstractTableModel):
    """``data()`` never calls a service; unpaid amounts are red, a stay in house is bold."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[StayLine] = []

    def set_stays(self, stays: Sequence[StayLine]) -> None:
        self.beginResetModel()
        self._rows = list(stays)
        self.endResetModel()

    def stay_at(self, row: int) -> StayLine | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        stay = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(stay)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.number:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if index.column() == UNPAID_COLUMN and stay.unpaid_cents:
                return QBrush(QColor(BLACKLIST_RED))
            if stay.status in ("cancelled", "no_show"):
                return QBrush(QColor("#7a8691"))
        if role == Qt.ItemDataRole.UserRole:
            return stay.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return tr(COLUMNS[section].header_key)
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None
