"""The guest's answer to the remedy offered (and approved): accepted records step 4; rejected
keeps the offer as rejected and escalates the complaint one level."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel

from hotelcrm.domain.errors import ValidationError
from hotelcrm.i18n import tr

from .complaint_step_dialog import ComplaintStepDialog, plain, text_box
from .guest_format import code_label, money_text


class ComplaintResponseDialog(ComplaintStepDialog):
    title_key = "ui.complaint.response_title"

    def build(self, form: QFormLayout) -> None:
        offer = self.detail.current_offer
        parts = [code_label("remedy_type", offer.remedy_type), offer.remedy_detail]
        if offer.discount_pct is not None:
            parts.append(f"{offer.discount_pct}%")
        if offer.compensation_cents:
            parts.append(money_text(offer.compensation_cents, self.detail.currency))
        self.offer = QLabel(" · ".join(p for p in parts if p), wordWrap=True)
        self.answer = QComboBox()
        self.answer.addItem(tr("ui.complaint.answer.choose"), None)
        self.answer.addItem(tr("ui.complaint.answer.accepted"), True)
        self.answer.addItem(tr("ui.complaint.answer.rejected"), False)
        self.note = text_box(3)
        form.addRow(tr("ui.complaint.field.offer"), self.offer)
        form.addRow(tr("ui.complaint.field.guest_accepted"), self.answer)
        form.addRow(tr("ui.complaint.field.response_note"), self.note)
        self.fields = {"complaint_response_note": self.answer, "complaint_note": self.note}
        self.answer.setFocus()

    def call(self):
        accepted = self.answer.currentData()
        if accepted is None:
            raise ValidationError("complaint_response_note", "required")
        note = plain(self.note) or None
        d = self.detail
        return lambda: self.service.record_guest_response(d.id, d.version, accepted, note)
