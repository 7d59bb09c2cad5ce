"""Rows of "in house now" and "arriving today" (``StayRow``; a hotel's day fits in memory)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from hotelcrm.services.stay_dto import StayRow

from .guest_format import BLACKLIST_RED, code_label, date_text
from .row_table_model import Column, RowTableModel

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


class StayRowModel(RowTableModel):
    """A blacklisted guest's row is red; ``Qt.UserRole`` is the guest's id."""

    COLUMNS = COLUMNS

    def key(self, stay: StayRow) -> int:
        return stay.guest_id

    def style(self, stay: StayRow, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and stay.guest_status == "blacklisted":
            return QBrush(QColor(BLACKLIST_RED))
        return None
