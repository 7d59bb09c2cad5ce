"""A card's stays (``StayLine``, newest first; a guest's history fits in memory)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from hotelcrm.services.guest_dto import StayLine

from .guest_format import BLACKLIST_RED, code_label, date_text, money_text
from .row_table_model import Column, RowTableModel


def _spend(s: StayLine) -> str:
    if s.status != "checked_out" and not (s.spend_room_cents or s.spend_fnb_cents or s.spend_other_cents):
        return ""  # recorded at check-out
    return money_text(s.spend_room_cents + s.spend_fnb_cents + s.spend_other_cents, s.currency)


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


class GuestStayModel(RowTableModel):
    """A card's stays; unpaid amounts are red, cancelled stays and no-shows grey."""

    COLUMNS = COLUMNS

    def set_stays(self, stays: Sequence[StayLine]) -> None:
        self.set_rows(stays)

    def stay_at(self, row: int) -> StayLine | None:
        return self.row_at(row)

    def style(self, stay: StayLine, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == UNPAID_COLUMN and stay.unpaid_cents:
                return QBrush(QColor(BLACKLIST_RED))
            if stay.status in ("cancelled", "no_show"):
                return QBrush(QColor("#7a8691"))
        return None
