"""The tiers and the benefits in the tiers & benefits editor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from hotelcrm.i18n import current_language, tr

from .guest_format import code_label
from .loyalty_format import points_text, tier_name
from .row_table_model import Column, RowTableModel


def _threshold(t) -> str:
    parts = []
    if t.nights_threshold is not None:
        parts.append(tr("ui.loyalty.tier.nights", nights=t.nights_threshold))
    if t.points_threshold is not None:
        parts.append(tr("ui.loyalty.tier.points", points=points_text(t.points_threshold)))
    return tr("ui.loyalty.tier.or").join(parts) if parts else tr("ui.loyalty.tier.on_enrolment")


class TierModel(RowTableModel):
    COLUMNS = (
        Column("ui.loyalty.column.rank", lambda t: str(t.rank), number=True),
        Column("ui.loyalty.column.tier", lambda t: f"{tier_name(t.name_en, t.name_zh)} ({t.code})"),
        Column("ui.loyalty.column.qualification", _threshold),
        Column("ui.loyalty.column.bonus", lambda t: f"{t.bonus_pct}%", number=True),
        Column("ui.loyalty.column.benefits", lambda t: str(len(t.benefit_codes)), number=True),
        Column("ui.loyalty.column.status", lambda t: code_label("record_status", "active" if t.active else "inactive")),
    )

    def style(self, row, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 1:
                return QColor(row.colour)
            if not row.active:
                return QColor("#8a939b")
        return None


class BenefitModel(RowTableModel):
    COLUMNS = (
        Column("ui.loyalty.column.benefit", lambda b: b.name_zh if current_language() == "zh_CN" else b.name_en),
        Column("ui.loyalty.column.kind", lambda b: code_label("benefit_kind", b.kind)),
        Column("ui.loyalty.column.rooms_allow", lambda b: tr("ui.loyalty.yes") if b.if_rooms_allow else ""),
        Column("ui.loyalty.column.status", lambda b: code_label("record_status", "active" if b.active else "inactive")),
    )

    def style(self, row, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return QColor("#8a939b")
        return None
