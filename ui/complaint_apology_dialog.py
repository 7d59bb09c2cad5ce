"""Step 2 (致歉): how the apology and sympathy were expressed."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout

from hotelcrm.i18n import tr
from hotelcrm.services.complaint_dto import ApologyInput

from .complaint_step_dialog import ComplaintStepDialog, plain, text_box


class ComplaintApologyDialog(ComplaintStepDialog):
    title_key = "ui.complaint.step_title.apologized"

    def build(self, form: QFormLayout) -> None:
        self.manner = text_box(4)
        self.manner.setPlaceholderText(tr("ui.complaint.apology_placeholder"))
        self.note = text_box(2)
        form.addRow(tr("ui.complaint.field.apology_manner"), self.manner)
        form.addRow(tr("ui.complaint.field.note"), self.note)
        self.fields = {"complaint_apology_manner": self.manner, "complaint_note": self.note}
        self.manner.setFocus()

    def call(self):
        data = ApologyInput(apology_manner=plain(self.manner), note=plain(self.note) or None)
        d = self.detail
        return lambda: self.service.apologize(d.id, d.version, data)
