"""The members list: one page of rows from the database (filtered and sorted there)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from hotelcrm.services.loyalty_dto import MemberRow

from .guest_format import code_label, date_text
from .loyalty_format import points_text, tier_name
from .row_table_model import Column, RowTableModel


class LoyaltyMemberModel(RowTableModel):
    COLUMNS = (
        Column("ui.loyalty.column.member_no", lambda r: r.member_no),
        Column("ui.loyalty.column.name", lambda r: r.display_name),
        Column("ui.loyalty.column.tier", lambda r: tier_name(r.tier_name_en, r.tier_name_zh)),
        Column("ui.loyalty.column.status", lambda r: code_label("membership_status", r.status)),
        Column("ui.loyalty.column.balance", lambda r: points_text(r.balance), number=True),
        Column("ui.loyalty.column.enrolled", lambda r: date_text(r.enrolled_on)),
    )

    def key(self, row: MemberRow) -> int:
        return row.membership_id

    def append_rows(self, rows: list[MemberRow]) -> None:
        if not rows:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def row_of(self, membership_id: int | None) -> int:
        return next((i for i, r in enumerate(self._rows) if r.membership_id == membership_id), -1)

    def style(self, row: MemberRow, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 2:
                return QColor(row.tier_colour)
            if row.status != "active":
                return QColor("#8a939b")
        return None
