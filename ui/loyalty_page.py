"""The Loyalty area: members (filtered and paged in the database) beside one member's detail;
enrol, and the tiers & benefits editor for managers."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain import codes
from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr
from hotelcrm.services.loyalty_dto import MemberFilter, MemberRow, TierInfo
from hotelcrm.services.loyalty_member_service import PAGE

from .guest_format import code_label
from .loyalty_config_dialog import LoyaltyConfigDialog
from .loyalty_enrol_dialog import LoyaltyEnrolDialog
from .loyalty_format import tier_name
from .loyalty_member_model import LoyaltyMemberModel
from .loyalty_member_panel import LoyaltyMemberPanel
from .row_table_model import setup_row_table
from .ui_context import UserSession

# (key, min, max) of the balance filter
BALANCES = (("any", None, None), ("zero", None, 0), ("some", 1, 999), ("thousand", 1_000, 9_999),
            ("many", 10_000, None))


class LoyaltyPage(QWidget):
    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._generation = itertools.count(1)
        self._latest = 0
        self._total = 0
        self.title = QLabel(tr("ui.nav.loyalty"), objectName="pageTitle")
        self.filter = QLineEdit(placeholderText=tr("ui.loyalty.filter_hint"), clearButtonEnabled=True)
        self.tier = QComboBox()
        self.tier.addItem(tr("ui.loyalty.all_tiers"), None)
        self.status = QComboBox()
        self.status.addItem(tr("ui.loyalty.all_statuses"), None)
        for code in codes.MEMBERSHIP_STATUS:
            self.status.addItem(code_label("membership_status", code), code)
        self.balance = QComboBox()
        for key, _low, _high in BALANCES:
            self.balance.addItem(tr(f"ui.loyalty.balance_filter.{key}"), key)
        self.filter.textChanged.connect(lambda _t: self.refresh())
        for combo in (self.tier, self.status, self.balance):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.enrol_button = QPushButton(tr("ui.loyalty.enrol_button"))
        self.enrol_button.clicked.connect(self.enrol)
        self.enrol_button.setVisible(session.can(Permission.LOYALTY_WRITE))
        self.config_button = QPushButton(tr("ui.loyalty.config_button"))
        self.config_button.clicked.connect(self.configure)
        self.config_button.setVisible(session.can(Permission.LOYALTY_READ))
        self.count_label = QLabel(objectName="hint")
        self.more_button = QPushButton(tr("ui.loyalty.more"))
        self.more_button.clicked.connect(self.load_more)
        self.model = LoyaltyMemberModel(self)
        self.table = setup_row_table(QTableView(), self.model)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.detail = LoyaltyMemberPanel(session)
        self.detail.changed.connect(lambda membership_id: self.refresh(select_id=membership_id))
        self._build()
        config = session.ctx.services.loyalty_config(session.actor)
        session.ctx.runner.run(config.tiers, on_success=self._tiers, parent=self)
        self.refresh()

    def _build(self) -> None:
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.enrol_button)
        top.addWidget(self.config_button)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.filter, 2)
        filters.addWidget(self.tier, 1)
        filters.addWidget(self.status, 1)
        filters.addWidget(self.balance, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(8)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        bottom.addWidget(self.more_button)
        left_layout.addLayout(bottom)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def _tiers(self, tiers: list[TierInfo]) -> None:
        current = self.tier.currentData()
        self.tier.blockSignals(True)
        while self.tier.count() > 1:
            self.tier.removeItem(1)
        for t in tiers:
            self.tier.addItem(tier_name(t.name_en, t.name_zh), t.code)
        index = self.tier.findData(current)
        self.tier.setCurrentIndex(max(index, 0))
        self.tier.blockSignals(False)

    # --- the list -----------------------------------------------------------------------
    def current_filter(self) -> MemberFilter:
        low, high = next(((lo, hi) for key, lo, hi in BALANCES if key == self.balance.currentData()), (None, None))
        return MemberFilter(text=self.filter.text().strip(), tier_code=self.tier.currentData(),
                            status=self.status.currentData(), min_balance=low, max_balance=high)

    def refresh(self, select_id: int | None = None) -> None:
        """The first page for the current filters; an answer for older filters is dropped."""
        members = self.session.ctx.services.loyalty_members(self.session.actor)
        flt = self.current_filter()
        current = self.current()
        keep = select_id if select_id is not None else (current.membership_id if current else None)
        generation = self._latest = next(self._generation)
        self.session.ctx.runner.run(lambda: (members.members(flt, 0, PAGE), members.count(flt)), quiet=True,
                                    parent=self, on_success=lambda result: self._loaded(generation, *result, keep))

    def _loaded(self, generation: int, rows: list[MemberRow], total: int, keep: int | None) -> None:
        if generation != self._latest:
            return
        self._total = total
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self._show_count()
        row = self.model.row_of(keep)
        if row >= 0:
            self.table.selectRow(row)
            self.detail.load(keep)

    def load_more(self) -> None:
        members = self.session.ctx.services.loyalty_members(self.session.actor)
        flt, offset, generation = self.current_filter(), self.model.rowCount(), self._latest
        self.session.ctx.runner.run(lambda: members.members(flt, offset, PAGE), parent=self,
                                    on_success=lambda rows: self._more(generation, rows))

    def _more(self, generation: int, rows: list[MemberRow]) -> None:
        if generation == self._latest:
            self.model.append_rows(rows)
            self._show_count()

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        self.count_label.setText(tr("ui.loyalty.count", shown=shown, total=self._total))
        self.more_button.setVisible(shown < self._total)

    def current(self) -> MemberRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selected(self) -> None:
        row = self.current()
        if row is not None and (self.detail.detail is None or self.detail.detail.membership_id != row.membership_id):
            self.detail.load(row.membership_id)

    # --- actions ------------------------------------------------------------------------
    def enrol(self) -> None:
        detail = LoyaltyEnrolDialog.ask(self.session, parent=self)
        if detail is not None:
            self.filter.blockSignals(True)
            self.filter.clear()
            self.filter.blockSignals(False)
            self.refresh(select_id=detail.membership_id)
            self.detail.show_detail(detail)

    def configure(self) -> None:
        dialog = LoyaltyConfigDialog(self.session, self)
        dialog.exec()
        if dialog.changed:
            config = self.session.ctx.services.loyalty_config(self.session.actor)
            self.session.ctx.runner.run(config.tiers, on_success=self._tiers, parent=self)
            self.refresh()
