"""Escalate by hand (投诉升级) to the next level or one named, with a note saying why."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel

from hotelcrm.domain import codes
from hotelcrm.i18n import tr

from .complaint_format import level_text
from .complaint_step_dialog import ComplaintStepDialog, plain, text_box


class ComplaintEscalateDialog(ComplaintStepDialog):
    title_key = "ui.complaint.escalate_title"
    ok_key = "ui.complaint.escalate_save"

    def build(self, form: QFormLayout) -> None:
        current = self.detail.escalation_level
        self.current = QLabel(level_text(current))
        self.level = QComboBox()
        for level in codes.ESCALATION_LEVEL[codes.ESCALATION_LEVEL.index(current) + 1:]:
            self.level.addItem(level_text(level), level)
        self.note = text_box(4)
        self.note.setPlaceholderText(tr("ui.complaint.escalate_placeholder"))
        form.addRow(tr("ui.complaint.field.level_now"), self.current)
        form.addRow(tr("ui.complaint.field.level_to"), self.level)
        form.addRow(tr("ui.complaint.field.escalate_note"), self.note)
        if self.level.count() == 0:
            form.addRow("", QLabel(tr("ui.complaint.escalate_top"), objectName="hint", wordWrap=True))
        self.fields = {"complaint_level": self.level, "complaint_escalation_note": self.note,
                       "complaint_note": self.note}
        self.note.setFocus()

    def call(self):
        note, level = plain(self.note), self.level.currentData()
        d = self.detail
        return lambda: self.service.escalate(d.id, d.version, note, level)
