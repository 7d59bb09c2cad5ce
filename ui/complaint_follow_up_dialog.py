"""Step 6 (回访存档): the follow-up contact (when, how, result), the guest's satisfaction 1–5,
the root cause and the service-improvement action; the complaint is then closed."""

from __future__ import annotations

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QFormLayout, QSpinBox

from hotelcrm.i18n import tr
from hotelcrm.services.complaint_dto import FollowUpInput

from .complaint_quick_entry_dialog import local_to_utc
from .complaint_step_dialog import ComplaintStepDialog, plain, text_box

METHODS = ("phone", "in_person", "email", "wechat", "letter")


class ComplaintFollowUpDialog(ComplaintStepDialog):
    title_key = "ui.complaint.step_title.closed"
    ok_key = "ui.complaint.close_save"

    def build(self, form: QFormLayout) -> None:
        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        self.method = QComboBox()
        self.method.setEditable(True)  # a method not in the list can be typed
        for method in METHODS:
            self.method.addItem(tr(f"ui.complaint.method.{method}"))
        self.result = text_box(3)
        self.satisfaction = QSpinBox(minimum=0, maximum=5)
        self.satisfaction.setSpecialValueText(tr("ui.complaint.satisfaction_choose"))
        self.satisfaction.setToolTip(tr("ui.complaint.satisfaction_tooltip"))
        self.root_cause = text_box(3)
        self.improvement = text_box(3)
        form.addRow(tr("ui.complaint.field.followup_at"), self.when)
        form.addRow(tr("ui.complaint.field.followup_method"), self.method)
        form.addRow(tr("ui.complaint.field.followup_result"), self.result)
        form.addRow(tr("ui.complaint.field.satisfaction"), self.satisfaction)
        form.addRow(tr("ui.complaint.field.root_cause"), self.root_cause)
        form.addRow(tr("ui.complaint.field.improvement"), self.improvement)
        self.fields = {"complaint_followup_at": self.when, "complaint_followup_method": self.method,
                       "complaint_followup_result": self.result, "complaint_satisfaction": self.satisfaction,
                       "complaint_root_cause": self.root_cause, "complaint_improvement": self.improvement}
        self.when.setFocus()

    def draft(self) -> FollowUpInput:
        return FollowUpInput(followup_at=local_to_utc(self.when.dateTime()),
                             followup_method=self.method.currentText().strip(),
                             followup_result=plain(self.result), satisfaction=self.satisfaction.value(),
                             root_cause=plain(self.root_cause), improvement_action=plain(self.improvement))

    def call(self):
        data = self.draft()
        d = self.detail
        return lambda: self.service.close(d.id, d.version, data)
