"""Add an observation to an in-house guest's card (the one thing the staff role may do)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.i18n import tr
from hotelcrm.services.stay_dto import ObservationInfo

from .form_widgets import FormErrors, form_layout
from .ui_context import UserSession

DEPARTMENTS = ("housekeeping", "fnb", "front_office", "concierge", "engineering", "spa", "security")


def department_label(code: str | None) -> str:
    if not code:
        return "—"
    return tr(f"ui.obs.department.{code}") if code in DEPARTMENTS else code


class ObservationDialog(QDialog):
    """The department is offered from a short list and may be typed; the text is required."""

    def __init__(self, session: UserSession, guest_id: int, guest_name: str, room_no: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.guest_id = guest_id
        self.result_value: ObservationInfo | None = None
        self.department = QComboBox()
        self.department.setEditable(True)
        for code in DEPARTMENTS:
            self.department.addItem(tr(f"ui.obs.department.{code}"), code)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(tr("ui.obs.text_hint"))
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(110)
        self.errors = FormErrors(QLabel(), {"observation_text": self.text, "text": self.text,
                                            "department": self.department})
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.setWindowTitle(tr("ui.obs.add_title"))
        heading = QLabel(tr("ui.obs.heading", name=guest_name, room=room_no or "—"), objectName="dialogTitle")
        form = form_layout()
        form.addRow(tr("ui.obs.label.department"), self.department)
        form.addRow(tr("ui.obs.label.text"), self.text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.errors.label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def department_code(self) -> str | None:
        text = self.department.currentText().strip()
        index = self.department.findText(text)
        return self.department.itemData(index) if index >= 0 else (text or None)

    def _submit(self) -> None:
        self.errors.clear()
        service = self.session.ctx.services.observations(self.session.actor)
        guest_id, text, department = self.guest_id, self.text.toPlainText(), self.department_code()
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(lambda: service.add(guest_id, text, department), on_success=self._saved,
                                    on_failure=self._failed, parent=self)

    def _saved(self, info: ObservationInfo) -> None:
        self.result_value = info
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.show(text, error)
