"""A membership card's status (active, suspended, closed) with the reason, and — for managers —
the tier set by hand."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from hotelcrm.domain import codes
from hotelcrm.domain.errors import Conflict
from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr
from hotelcrm.services.loyalty_dto import MemberDetail, TierInfo

from .conflict_dialog import ConflictRoundTrip, FieldVersions, resolve_conflict, shown
from .form_widgets import FormErrors, form_layout, ok_cancel_buttons, select_data
from .guest_format import code_label
from .loyalty_format import tier_name
from .row_conflict import ShowsRefusal
from .ui_context import UserSession


class LoyaltyStatusDialog(ShowsRefusal, QDialog):
    def __init__(self, session: UserSession, member: MemberDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.member = member
        self.result_value: MemberDetail | None = None
        self.status = QComboBox()
        for code in codes.MEMBERSHIP_STATUS:
            self.status.addItem(code_label("membership_status", code), code)
        select_data(self.status, member.status)
        self.tier = QComboBox()  # managers only
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.errors = FormErrors(QLabel(), {"membership_status": self.status, "tier_code": self.tier,
                                            "points_reason": self.reason})
        self.buttons = ok_cancel_buttons()
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        form = form_layout()
        form.addRow(tr("ui.loyalty.column.status"), self.status)
        if session.can(Permission.LOYALTY_CONFIG):
            form.addRow(tr("ui.loyalty.column.tier"), self.tier)
        form.addRow(tr("ui.loyalty.reason"), self.reason)
        self.setWindowTitle(tr("ui.loyalty.card_status"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(12)
        layout.addWidget(QLabel(tr("ui.loyalty.member_title", name=member.display_name, member_no=member.member_no),
                                objectName="dialogTitle"))
        layout.addLayout(form)
        layout.addWidget(self.errors.label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        if session.can(Permission.LOYALTY_CONFIG):
            config = session.ctx.services.loyalty_config(session.actor)
            session.ctx.runner.run(config.tiers, on_success=self._tiers, parent=self)

    def _tiers(self, tiers: list[TierInfo]) -> None:
        for t in tiers:
            self.tier.addItem(tier_name(t.name_en, t.name_zh), t.code)
        select_data(self.tier, self.member.tier_code)

    def _submit(self) -> None:
        self.errors.clear()
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(self._work(self.member), on_success=self._saved, on_failure=self._failed,
                                    parent=self)

    def _typed_tier(self) -> str | None:
        return self.tier.currentData() if self.session.can(Permission.LOYALTY_CONFIG) else None

    def _work(self, current: MemberDetail):
        """Saves what was changed here since the dialog opened, on top of ``current`` (the
        version read, or the one another desk saved meanwhile)."""
        members = self.session.ctx.services.loyalty_members(self.session.actor)
        read, status, reason, tier = self.member, self.status.currentData(), self.reason.text(), self._typed_tier()

        def save() -> MemberDetail:
            detail = current
            if status != read.status and status != current.status:
                detail = members.set_status(current.membership_id, current.version, status, reason)
            if tier and tier != read.tier_code and tier != detail.tier_code:
                detail = members.set_tier(current.membership_id, detail.version, tier, reason)
            return detail

        return save

    def _saved(self, detail: MemberDetail) -> None:
        self.result_value = detail
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        if isinstance(error, Conflict):
            self._resolve()
            return
        self._refused(text, error)

    def _resolve(self) -> None:
        members = self.session.ctx.services.loyalty_members(self.session.actor)
        read = self.member

        def tier_text(code: str | None) -> str:
            index = self.tier.findData(code)
            return self.tier.itemText(index) if index >= 0 else shown(code)

        def rows(current: MemberDetail) -> list[FieldVersions]:
            status = self.status.currentData()
            result = [FieldVersions(tr("ui.loyalty.column.status"), code_label("membership_status", current.status),
                                    self.status.currentText(), status != read.status)]
            if tier := self._typed_tier():
                result.append(FieldVersions(tr("ui.loyalty.column.tier"), tier_text(current.tier_code),
                                            tier_text(tier), tier != read.tier_code))
            return result

        def discarded(current: MemberDetail) -> None:
            self.result_value = current
            self.accept()

        resolve_conflict(ConflictRoundTrip(
            what=tr("ui.conflict.what.membership"), load_current=lambda: members.detail(read.membership_id),
            rows_for=rows, reapply=self._work, on_saved=self._saved, on_discarded=discarded,
            on_failure=self._refused), self.session.ctx.runner, self)

    @classmethod
    def ask(cls, session: UserSession, member: MemberDetail, parent: QWidget | None = None) -> MemberDetail | None:
        dialog = cls(session, member, parent)
        dialog.exec()
        return dialog.result_value
