"""One text for a complaint: the reason a guest withdrew it, or an addendum to a closed one."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout

from hotelcrm.i18n import tr

from .complaint_step_dialog import ComplaintStepDialog, plain, text_box


class ComplaintWithdrawDialog(ComplaintStepDialog):
    title_key = "ui.complaint.withdraw_title"
    ok_key = "ui.complaint.withdraw_save"

    def build(self, form: QFormLayout) -> None:
        self.text = text_box(4)
        self.text.setPlaceholderText(tr("ui.complaint.withdraw_placeholder"))
        form.addRow(tr("ui.complaint.field.withdraw_reason"), self.text)
        self.fields = {"complaint_withdraw_reason": self.text}
        self.text.setFocus()

    def call(self):
        reason, d = plain(self.text), self.detail
        return lambda: self.service.withdraw(d.id, d.version, reason)


class ComplaintAddendumDialog(ComplaintStepDialog):
    title_key = "ui.complaint.addendum_title"
    ok_key = "ui.complaint.addendum_save"

    def build(self, form: QFormLayout) -> None:
        self.text = text_box(5)
        form.addRow(tr("ui.complaint.field.addendum"), self.text)
        self.fields = {"complaint_addendum": self.text}
        self.text.setFocus()

    def call(self):
        text, d = plain(self.text), self.detail
        return lambda: self.service.add_addendum(d.id, text)
