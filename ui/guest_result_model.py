"""The search results: one row per ``GuestHit`` (at most the service's limit, held in memory)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from .guest_format import BLACKLIST_RED, code_label, date_text
from .row_table_model import Column, RowTableModel

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


class GuestResultModel(RowTableModel):
    """Blacklisted guests are red on the whole row; the name and an in-house room are bold."""

    COLUMNS = COLUMNS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.query = ""

    def set_hits(self, hits: Sequence[GuestHit], query: str = "") -> None:
        self.query = query
        self.set_rows(hits)

    def hit_at(self, row: int) -> GuestHit | None:
        return self.row_at(row)

    def style(self, hit: GuestHit, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and hit.status == "blacklisted":
            return QBrush(QColor(BLACKLIST_RED))
        if role == Qt.ItemDataRole.FontRole and (column == NAME_COLUMN or (column == ROOM_COLUMN and hit.in_house_room)):
            font = QFont()
            font.setBold(True)
            return font
        return None
