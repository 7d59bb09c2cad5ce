"""Step 5 (落实措施): what was done, by whom, the actual cost."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit

from hotelcrm.domain.stay_rules import format_money, parse_money
from hotelcrm.i18n import tr
from hotelcrm.services.complaint_dto import RemedyDoneInput

from .complaint_step_dialog import ComplaintStepDialog, plain, text_box


class ComplaintRemedyDoneDialog(ComplaintStepDialog):
    title_key = "ui.complaint.step_title.remedy_done"

    def build(self, form: QFormLayout) -> None:
        accepted = next((o for o in reversed(self.detail.offers) if o.status == "accepted"), None)
        self.action = text_box(4)
        if accepted is not None:
            self.action.setPlaceholderText(accepted.remedy_detail)
        self.done_by = QLineEdit(maxLength=100)
        self.done_by.setText(self.session.actor.display_name or self.session.actor.username)
        self.cost = QLineEdit(maxLength=20)
        self.cost.setPlaceholderText(format_money(0, self.detail.currency))
        self.note = text_box(2)
        form.addRow(tr("ui.complaint.field.action_done"), self.action)
        form.addRow(tr("ui.complaint.field.action_done_by"), self.done_by)
        form.addRow(tr("ui.complaint.field.actual_cost", currency=self.detail.currency), self.cost)
        form.addRow(tr("ui.complaint.field.note"), self.note)
        self.fields = {"complaint_action_done": self.action, "complaint_action_done_by": self.done_by,
                       "complaint_actual_cost": self.cost, "complaint_note": self.note}
        self.action.setFocus()

    def call(self):
        cost = parse_money(self.cost.text(), "complaint_actual_cost", self.detail.currency)
        data = RemedyDoneInput(action_done=plain(self.action), action_done_by=self.done_by.text().strip(),
                               actual_cost_cents=cost, note=plain(self.note) or None)
        d = self.detail
        return lambda: self.service.record_remedy_done(d.id, d.version, data)
