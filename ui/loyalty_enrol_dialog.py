"""Enrol a guest: find the card (or come from it), a member number typed from a plastic card or
the next one given by the system, and — for managers — a tier other than the entry tier."""

from __future__ import annotations

import itertools
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.permissions import Permission
from hotelcrm.domain.search_query import parse_query
from hotelcrm.i18n import tr
from hotelcrm.services.loyalty_dto import MemberDetail, TierInfo

from .form_widgets import FormErrors, form_layout, ok_cancel_buttons
from .loyalty_format import tier_name
from .stay_check_in_dialog import date_edit, to_date
from .ui_context import UserSession


class LoyaltyEnrolDialog(QDialog):
    def __init__(self, session: UserSession, guest: tuple[int, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.guest = guest
        self.result_value: MemberDetail | None = None
        self._generation = itertools.count(1)
        self._latest = 0
        self.search = QLineEdit(placeholderText=tr("ui.loyalty.enrol.search_hint"), clearButtonEnabled=True)
        self.search.textChanged.connect(self._search)
        self.hits = QListWidget()
        self.hits.setMinimumHeight(140)
        self.hits.currentItemChanged.connect(lambda *_: self._picked())
        self.picked = QLabel(objectName="hint")
        self.member_no = QLineEdit(placeholderText=tr("ui.loyalty.enrol.member_no_hint"))
        self.member_no.setMaxLength(20)
        self.tier = QComboBox()
        self.tier.addItem(tr("ui.loyalty.enrol.entry_tier"), None)
        today = date.today()
        self.enrolled_on = date_edit(today)
        self.enrolled_on.setMaximumDate(QDate(today.year, today.month, today.day))
        self.errors = FormErrors(QLabel(), {"member_no": self.member_no, "tier_code": self.tier,
                                            "enrolled_on": self.enrolled_on, "member_guest": self.search})
        self.buttons = ok_cancel_buttons(tr("ui.loyalty.enrol"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self._build()
        self._picked()
        if session.can(Permission.LOYALTY_CONFIG):
            config = session.ctx.services.loyalty_config(session.actor)
            session.ctx.runner.run(config.tiers, on_success=self._tiers, parent=self)

    def _build(self) -> None:
        self.setWindowTitle(tr("ui.loyalty.enrol.title"))
        form = form_layout()
        if self.guest is None:
            form.addRow(tr("ui.loyalty.enrol.guest"), self.search)
            form.addRow("", self.hits)
        form.addRow("", self.picked)
        form.addRow(tr("ui.loyalty.column.member_no"), self.member_no)
        if self.session.can(Permission.LOYALTY_CONFIG):
            form.addRow(tr("ui.loyalty.column.tier"), self.tier)
        form.addRow(tr("ui.loyalty.column.enrolled"), self.enrolled_on)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(12)
        layout.addWidget(QLabel(tr("ui.loyalty.enrol.title"), objectName="dialogTitle"))
        layout.addLayout(form)
        layout.addWidget(self.errors.label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(500)

    def _tiers(self, tiers: list[TierInfo]) -> None:
        for t in tiers:
            if t.active:
                self.tier.addItem(tier_name(t.name_en, t.name_zh), t.code)

    # --- finding the guest --------------------------------------------------------------
    def _search(self, text: str) -> None:
        generation = self._latest = next(self._generation)
        if not parse_query(text).searchable:
            self.hits.clear()
            return
        search = self.session.ctx.services.guest_search(self.session.actor)
        self.session.ctx.runner.run(lambda: search.search(text, 20), parent=self, quiet=True,
                                    on_success=lambda hits: self._found(generation, hits))

    def _found(self, generation: int, hits) -> None:
        if generation != self._latest:
            return
        self.hits.clear()
        for hit in hits:
            extra = tr("ui.loyalty.enrol.already", member_no=hit.member_no) if hit.member_no else ""
            item = QListWidgetItem(" · ".join(x for x in (hit.display_name, hit.latin_name, hit.phone_masked, extra) if x))
            item.setData(Qt.ItemDataRole.UserRole, (hit.id, hit.display_name))
            if hit.member_no:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.hits.addItem(item)

    def _picked(self) -> None:
        item = self.hits.currentItem()
        if item is not None and item.data(Qt.ItemDataRole.UserRole):
            self.guest = item.data(Qt.ItemDataRole.UserRole)
        self.picked.setText(tr("ui.loyalty.enrol.picked", name=self.guest[1]) if self.guest
                            else tr("ui.loyalty.enrol.pick"))
        self.buttons.button(self.buttons.StandardButton.Ok).setEnabled(self.guest is not None)

    # --- saving -------------------------------------------------------------------------
    def _submit(self) -> None:
        self.errors.clear()
        if self.guest is None:
            return
        members = self.session.ctx.services.loyalty_members(self.session.actor)
        guest_id, number, tier, day = self.guest[0], self.member_no.text(), self.tier.currentData(), \
            to_date(self.enrolled_on)
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(lambda: members.enrol(guest_id, number, tier, day), on_success=self._saved,
                                    on_failure=self._failed, parent=self)

    def _saved(self, detail: MemberDetail) -> None:
        self.result_value = detail
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.show(text, error)

    @classmethod
    def ask(cls, session: UserSession, guest: tuple[int, str] | None = None,
            parent: QWidget | None = None) -> MemberDetail | None:
        dialog = cls(session, guest, parent)
        dialog.exec()
        return dialog.result_value
