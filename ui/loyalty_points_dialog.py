"""Redeem points (the desk), adjust them or reverse a wrong entry (a manager, who approves it by
doing it). Each needs a reason; the service refuses going below zero."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from hotelcrm.domain.loyalty_points import MAX_POINTS
from hotelcrm.i18n import tr
from hotelcrm.services.loyalty_dto import LedgerLine, MemberDetail

from .form_widgets import FormErrors, form_layout, ok_cancel_buttons
from .loyalty_format import kind_label, points_text
from .ui_context import UserSession

MODES = ("redeem", "adjust", "reverse")


class LoyaltyPointsDialog(QDialog):
    def __init__(self, session: UserSession, mode: str, member: MemberDetail, parent: QWidget | None = None,
                 entry: LedgerLine | None = None) -> None:
        super().__init__(parent)
        assert mode in MODES
        self.session = session
        self.mode = mode
        self.member = member
        self.entry = entry
        self.result_value: int | None = None
        self.title = QLabel(tr(f"ui.loyalty.{mode}.title"), objectName="dialogTitle")
        self.summary = QLabel(tr("ui.loyalty.points_summary", name=member.display_name, member_no=member.member_no,
                                 points=points_text(member.balance)), objectName="hint", wordWrap=True)
        self.points = QSpinBox()
        self.points.setRange(-MAX_POINTS if mode == "adjust" else 0, MAX_POINTS)
        self.points.setGroupSeparatorShown(True)
        self.points.setValue(0)
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(tr(f"ui.loyalty.{mode}.reason_hint"))
        self.errors = FormErrors(QLabel(), {"points": self.points, "points_reason": self.reason,
                                            "points_entry": self.points})
        self.buttons = ok_cancel_buttons(tr(f"ui.loyalty.{mode}"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self._build()

    def _build(self) -> None:
        self.setWindowTitle(tr(f"ui.loyalty.{self.mode}.title"))
        form = form_layout()
        if self.entry is not None:
            form.addRow(tr("ui.loyalty.entry"), QLabel(tr("ui.loyalty.entry_text", kind=kind_label(self.entry.kind),
                                                          points=points_text(self.entry.points, signed=True),
                                                          date=self.entry.effective_on.isoformat())))
        else:
            form.addRow(tr(f"ui.loyalty.{self.mode}.points"), self.points)
        form.addRow(tr("ui.loyalty.reason"), self.reason)
        if self.mode != "redeem":
            form.addRow("", QLabel(tr("ui.loyalty.approved_by_you", name=self.session.actor.display_name
                                      or self.session.actor.username), objectName="hint"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.errors.label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _submit(self) -> None:
        self.errors.clear()
        ledger = self.session.ctx.services.loyalty_ledger(self.session.actor)
        member_id, points, reason = self.member.membership_id, self.points.value(), self.reason.text()
        if self.mode == "redeem":
            call = lambda: ledger.redeem(member_id, points, reason)  # noqa: E731
        elif self.mode == "adjust":
            call = lambda: ledger.adjust(member_id, points, reason)  # noqa: E731
        else:
            entry_id = self.entry.id
            call = lambda: ledger.reverse(entry_id, reason)  # noqa: E731
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(call, on_success=self._saved, on_failure=self._failed, parent=self)

    def _saved(self, balance: int) -> None:
        self.result_value = balance
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.show(text, error)

    @classmethod
    def ask(cls, session: UserSession, mode: str, member: MemberDetail, parent: QWidget | None = None,
            entry: LedgerLine | None = None) -> int | None:
        """The new balance, or None when cancelled."""
        dialog = cls(session, mode, member, parent, entry)
        dialog.exec()
        return dialog.result_value
