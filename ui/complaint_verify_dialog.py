"""Step 3 (核实): what was checked, with whom, the findings; the category's guideline beside it."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit

from hotelcrm.i18n import tr
from hotelcrm.services.complaint_dto import VerificationInput

from .complaint_step_dialog import ComplaintStepDialog, plain, text_box


class ComplaintVerifyDialog(ComplaintStepDialog):
    title_key = "ui.complaint.step_title.verified"
    show_guideline = True

    def build(self, form: QFormLayout) -> None:
        self.what = text_box(3)
        self.with_whom = QLineEdit(maxLength=200)
        self.with_whom.setPlaceholderText(tr("ui.complaint.verified_with_placeholder"))
        self.findings = text_box(4)
        self.note = text_box(2)
        form.addRow(tr("ui.complaint.field.verified_what"), self.what)
        form.addRow(tr("ui.complaint.field.verified_with"), self.with_whom)
        form.addRow(tr("ui.complaint.field.findings"), self.findings)
        form.addRow(tr("ui.complaint.field.note"), self.note)
        self.fields = {"complaint_verified_what": self.what, "complaint_verified_with": self.with_whom,
                       "complaint_findings": self.findings, "complaint_note": self.note}
        self.what.setFocus()

    def call(self):
        data = VerificationInput(verified_what=plain(self.what), verified_with=self.with_whom.text().strip(),
                                 findings=plain(self.findings), note=plain(self.note) or None)
        d = self.detail
        return lambda: self.service.verify(d.id, d.version, data)
