"""One member on the Loyalty page: tier badge, balance and this year's progress, then the ledger,
the tier history and the entitlements per stay; redeem, adjust, reverse and card status."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr
from hotelcrm.services.loyalty_dto import MemberDetail

from .guest_format import code_label, date_text
from .loyalty_format import badge_style, points_text, tier_name
from .loyalty_history_models import EntitlementHistoryModel, LedgerModel, TierHistoryModel
from .loyalty_points_dialog import LoyaltyPointsDialog
from .loyalty_status_dialog import LoyaltyStatusDialog
from .row_table_model import setup_row_table
from .ui_context import UserSession


class LoyaltyMemberPanel(QFrame):
    """``changed`` after anything was saved, so the list can refresh its balance."""

    changed = Signal(int)  # membership id

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: MemberDetail | None = None
        self.setObjectName("card")
        self.name = QLabel(objectName="dialogTitle")
        self.badge = QLabel()
        self.status = QLabel(objectName="hint")
        self.balance = QLabel(objectName="balance")
        self.balance.setStyleSheet("font-size: 15pt; font-weight: 600; color: #1d2a35;")
        self.progress = QLabel(objectName="hint", wordWrap=True)
        self.ledger = LedgerModel(self)
        self.history = TierHistoryModel(self)
        self.benefits = EntitlementHistoryModel(self)
        self.ledger_table = setup_row_table(QTableView(), self.ledger)
        self.history_table = setup_row_table(QTableView(), self.history)
        self.benefit_table = setup_row_table(QTableView(), self.benefits)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.ledger_table, tr("ui.loyalty.tab.ledger"))
        self.tabs.addTab(self.history_table, tr("ui.loyalty.tab.tiers"))
        self.tabs.addTab(self.benefit_table, tr("ui.loyalty.tab.entitlements"))
        self.redeem_button = QPushButton(tr("ui.loyalty.redeem"))
        self.adjust_button = QPushButton(tr("ui.loyalty.adjust"))
        self.reverse_button = QPushButton(tr("ui.loyalty.reverse"))
        self.status_button = QPushButton(tr("ui.loyalty.card_status"))
        self.redeem_button.clicked.connect(lambda: self._points("redeem"))
        self.adjust_button.clicked.connect(lambda: self._points("adjust"))
        self.reverse_button.clicked.connect(self._reverse)
        self.status_button.clicked.connect(self._status)
        self.ledger_table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        can = session.can
        self.redeem_button.setVisible(can(Permission.LOYALTY_WRITE))
        self.status_button.setVisible(can(Permission.LOYALTY_WRITE))
        self.adjust_button.setVisible(can(Permission.LOYALTY_CONFIG))
        self.reverse_button.setVisible(can(Permission.LOYALTY_CONFIG))
        self.empty = QLabel(tr("ui.loyalty.pick_member"), objectName="hint")
        self._build()
        self.show_detail(None)

    def _build(self) -> None:
        head = QHBoxLayout()
        head.setSpacing(10)
        head.addWidget(self.name)
        head.addWidget(self.badge)
        head.addWidget(self.status)
        head.addStretch(1)
        head.addWidget(self.balance)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        for button in (self.redeem_button, self.adjust_button, self.reverse_button, self.status_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(10)
        layout.addWidget(self.empty)
        layout.addLayout(head)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)

    # --- showing ------------------------------------------------------------------------
    def load(self, membership_id: int) -> None:
        members = self.session.ctx.services.loyalty_members(self.session.actor)
        self.session.ctx.runner.run(lambda: members.detail(membership_id), on_success=self.show_detail, parent=self)

    def reload(self) -> None:
        if self.detail is not None:
            self.load(self.detail.membership_id)

    def show_detail(self, detail: MemberDetail | None) -> None:
        self.detail = detail
        self.empty.setVisible(detail is None)
        for widget in (self.name, self.badge, self.status, self.balance, self.progress, self.tabs):
            widget.setVisible(detail is not None)
        if detail is None:
            for model in (self.ledger, self.history, self.benefits):
                model.set_rows([])
            self._update_buttons()
            return
        self.name.setText(tr("ui.loyalty.member_title", name=detail.display_name, member_no=detail.member_no))
        self.badge.setText(tier_name(detail.tier_name_en, detail.tier_name_zh))
        self.badge.setStyleSheet(badge_style(detail.tier_colour))
        self.status.setText(tr("ui.loyalty.status_since", status=code_label("membership_status", detail.status),
                               date=date_text(detail.enrolled_on)))
        self.balance.setText(tr("ui.loyalty.balance", points=points_text(detail.balance)))
        progress = tr("ui.loyalty.progress", nights=detail.year_nights, points=points_text(detail.year_points))
        if detail.expires_on is not None:
            progress += "  " + tr("ui.loyalty.expires", date=date_text(detail.expires_on))
        self.progress.setText(progress)
        self.ledger.set_rows(detail.ledger)
        self.history.set_rows(detail.tier_history)
        self.benefits.set_rows(detail.entitlements)
        for table in (self.ledger_table, self.history_table, self.benefit_table):
            table.resizeColumnsToContents()
        self._update_buttons()

    def selected_entry(self):
        rows = self.ledger_table.selectionModel().selectedRows()
        return self.ledger.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        detail = self.detail
        self.redeem_button.setEnabled(detail is not None and detail.status == "active" and detail.balance > 0)
        self.adjust_button.setEnabled(detail is not None)
        self.status_button.setEnabled(detail is not None)
        entry = self.selected_entry()
        self.reverse_button.setEnabled(entry is not None and entry.kind != "reversal" and entry.reversed_by is None)

    # --- actions ------------------------------------------------------------------------
    def _points(self, mode: str) -> None:
        if self.detail is None:
            return
        if LoyaltyPointsDialog.ask(self.session, mode, self.detail, self) is not None:
            self._saved()

    def _reverse(self) -> None:
        entry = self.selected_entry()
        if self.detail is None or entry is None:
            return
        if LoyaltyPointsDialog.ask(self.session, "reverse", self.detail, self, entry=entry) is not None:
            self._saved()

    def _status(self) -> None:
        if self.detail is None:
            return
        if LoyaltyStatusDialog.ask(self.session, self.detail, self) is not None:
            self._saved()

    def _saved(self) -> None:
        if self.detail is not None:
            self.changed.emit(self.detail.membership_id)
            self.reload()
