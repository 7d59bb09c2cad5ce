"""Stays and spending (消费特征): the derived figures over the list of stays."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.stay_rules import format_money
from hotelcrm.i18n import tr
from hotelcrm.services.guest_dto import GuestCard, StayLine

from .guest_format import date_text, money_text, or_dash
from .guest_stay_model import GuestStayModel
from .guest_widgets import value_label
from .row_table_model import setup_row_table

SIZE_FROM_ROWS = 30
FIGURES = ("stays", "nights", "total_spend", "average_spend", "spend_split", "discount", "unpaid",
           "first_stay", "last_stay", "favourite_room_type", "other")


class GuestStaysTab(QWidget):
    """Figures on top (what a manager asks first), every stay below, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figures = {name: value_label() for name in FIGURES}
        box = QGroupBox(tr("ui.card.section.figures"))
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        for number, name in enumerate(FIGURES):
            grid.addWidget(QLabel(tr(f"ui.card.figure.{name}"), objectName="hint"), number // 3, (number % 3) * 2)
            grid.addWidget(self.figures[name], number // 3, (number % 3) * 2 + 1)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        self._fit_pending = False
        self.model = GuestStayModel(self)
        self.table = QTableView()
        setup_row_table(self.table, self.model)
        # Column widths from the first rows only: the default precision (1,000 rows, every role
        # of every cell) made sizing 100 stays most of the time to show a card.
        self.table.horizontalHeader().setResizeContentsPrecision(SIZE_FROM_ROWS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(10)
        layout.addWidget(box)
        layout.addWidget(self.table, 1)

    def show_card(self, card: GuestCard) -> None:
        s = card.stats
        cur = s.currency or "CNY"
        values = {
            "stays": str(s.stays), "nights": str(s.nights),
            "total_spend": money_text(s.total_spend_cents, cur),
            "average_spend": money_text(s.average_spend_cents, cur) if s.stays else "",
            "spend_split": tr("ui.card.figure.split", room=format_money(s.spend_room_cents, cur),
                              fnb=format_money(s.spend_fnb_cents, cur), other=format_money(s.spend_other_cents, cur)),
            "discount": money_text(s.discount_cents, cur), "unpaid": money_text(s.unpaid_cents, cur),
            "first_stay": date_text(s.first_stay), "last_stay": date_text(s.last_stay),
            "favourite_room_type": s.favourite_room_type,
            "other": tr("ui.card.figure.other_counts", upcoming=s.upcoming, cancelled=s.cancelled,
                        no_shows=s.no_shows),
        }
        for name, text in values.items():
            self.figures[name].setText(or_dash(text))
        self.figures["unpaid"].setStyleSheet("color: #b3261e; font-weight: 600;" if s.unpaid_cents else "")
        self.model.set_stays(card.stays)
        # Sized when the tab is on screen: a card opens on its General tab, and sizing 100 stays'
        # columns was the largest part of showing it.
        self._fit_pending = True
        if self.isVisible():
            self._fit_columns()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._fit_pending:
            self._fit_columns()

    def _fit_columns(self) -> None:
        self._fit_pending = False
        self.table.resizeColumnsToContents()

    def selected_stay(self) -> StayLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.stay_at(rows[0].row()) if rows else None
