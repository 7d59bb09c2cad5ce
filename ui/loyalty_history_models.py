"""A member's ledger, tier history and entitlements per stay, as read-only lists."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from hotelcrm.i18n import current_language, tr
from hotelcrm.services.loyalty_reason_text import reason_text

from .guest_format import code_label, date_text
from .loyalty_format import kind_label, ledger_detail, points_text
from .row_table_model import Column, RowTableModel


class LedgerModel(RowTableModel):
    COLUMNS = (
        Column("ui.loyalty.column.date", lambda r: date_text(r.effective_on)),
        Column("ui.loyalty.column.kind", lambda r: kind_label(r.kind)),
        Column("ui.loyalty.column.points", lambda r: points_text(r.points, signed=True), number=True),
        Column("ui.loyalty.column.balance", lambda r: points_text(r.running_balance), number=True),
        Column("ui.loyalty.column.by", lambda r: r.created_by or ""),
        Column("ui.loyalty.column.detail", ledger_detail),
    )

    def style(self, row, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            return QColor("#1e6b3a" if row.points > 0 else "#a61b1b")
        if role == Qt.ItemDataRole.ForegroundRole and row.reversed_by is not None:
            return QColor("#8a939b")
        return None


class TierHistoryModel(RowTableModel):
    COLUMNS = (
        Column("ui.loyalty.column.date", lambda r: date_text(r.effective_on)),
        Column("ui.loyalty.column.change", lambda r: tr("ui.loyalty.history.change", old=r.from_tier or "—",
                                                          new=r.to_tier)),
        Column("ui.loyalty.column.reason", lambda r: reason_text(r.reason)),
        Column("ui.loyalty.column.by", lambda r: r.changed_by or ""),
    )

    def key(self, row):
        return row.effective_on

    def style(self, row, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QColor("#1e6b3a" if row.up else "#a61b1b")
        return None


class EntitlementHistoryModel(RowTableModel):
    COLUMNS = (
        Column("ui.loyalty.column.stay", lambda r: tr("ui.loyalty.history.stay", arrival=date_text(r.arrival_date),
                                                        departure=date_text(r.departure_date), room=r.room_no or "—")),
        Column("ui.loyalty.column.benefit", lambda r: r.benefit_name_zh if current_language() == "zh_CN"
               else r.benefit_name_en),
        Column("ui.loyalty.column.status", lambda r: code_label("benefit_grant_status", r.status)),
        Column("ui.loyalty.column.note", lambda r: r.note or ""),
    )

    def key(self, row):
        return row.stay_id

    def style(self, row, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            return QColor({"granted": "#1e6b3a", "pending": "#a61b1b"}.get(row.status, "#5b6b78"))
        return None
