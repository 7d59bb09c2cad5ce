"""Add or change a complaint category (names and handling guideline in both languages) or a
department. The code is fixed once created; nothing is deleted, only deactivated."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QDialog, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from hotelcrm.i18n import tr
from hotelcrm.services.complaint_dto import CategoryInfo, CategoryInput, DepartmentInfo, DepartmentInput

from .complaint_step_dialog import plain, text_box
from .form_widgets import FormErrors, form_layout, ok_cancel_buttons
from .ui_context import UserSession


class _ConfigEditor(QDialog):
    def __init__(self, session: UserSession, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.session = session
        self.config = session.ctx.services.complaint_config(session.actor)
        self.result_value: Any = None
        self.setWindowTitle(title)
        self.form = form_layout()
        self.buttons = ok_cancel_buttons(tr("ui.complaint.save"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.code = QLineEdit(maxLength=30)
        self.name_zh = QLineEdit(maxLength=100)
        self.name_en = QLineEdit(maxLength=100)
        self.active = QCheckBox(tr("ui.complaint.config.active"))
        self.active.setChecked(True)

    def finish(self, fields: dict[str, QWidget]) -> None:
        self.errors = FormErrors(QLabel(), fields)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.addLayout(self.form)
        layout.addWidget(self.errors.label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def submit(self) -> None:
        self.errors.clear()
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(self.save_call(), on_success=self._saved, on_failure=self._failed, parent=self)

    def save_call(self):
        raise NotImplementedError

    def _saved(self, result: Any) -> None:
        self.result_value = result
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.show(text, error)


class ComplaintCategoryDialog(_ConfigEditor):
    def __init__(self, session: UserSession, category: CategoryInfo | None, parent: QWidget | None = None) -> None:
        super().__init__(session, tr("ui.complaint.config.category_title"), parent)
        self.category = category
        self.guide_zh = text_box(4)
        self.guide_en = text_box(4)
        self.sort = QSpinBox(minimum=0, maximum=9999)
        if category is not None:
            self.code.setText(category.code)
            self.code.setReadOnly(True)
            self.name_zh.setText(category.name_zh)
            self.name_en.setText(category.name_en)
            self.guide_zh.setPlainText(category.guideline_zh)
            self.guide_en.setPlainText(category.guideline_en)
            self.sort.setValue(category.sort_order)
            self.active.setChecked(category.active)
        for key, widget in (("code", self.code), ("name_zh", self.name_zh), ("name_en", self.name_en),
                            ("guideline_zh", self.guide_zh), ("guideline_en", self.guide_en),
                            ("sort_order", self.sort), ("", self.active)):
            self.form.addRow(tr(f"ui.complaint.config.{key}") if key else "", widget)
        self.finish({"complaint_category_code": self.code, "complaint_category_name_zh": self.name_zh,
                     "complaint_category_name_en": self.name_en, "complaint_guideline_zh": self.guide_zh,
                     "complaint_guideline_en": self.guide_en, "complaint_sort_order": self.sort})

    def save_call(self):
        data = CategoryInput(code=self.code.text().strip(), name_en=self.name_en.text().strip(),
                             name_zh=self.name_zh.text().strip(), guideline_en=plain(self.guide_en),
                             guideline_zh=plain(self.guide_zh), sort_order=self.sort.value(),
                             active=self.active.isChecked())
        c = self.category
        return lambda: self.config.save_category(c.id if c else None, c.version if c else None, data)


class ComplaintDepartmentDialog(_ConfigEditor):
    def __init__(self, session: UserSession, department: DepartmentInfo | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, tr("ui.complaint.config.department_title"), parent)
        self.department = department
        if department is not None:
            self.code.setText(department.code)
            self.code.setReadOnly(True)
            self.name_zh.setText(department.name_zh)
            self.name_en.setText(department.name_en)
            self.active.setChecked(department.active)
        for key, widget in (("code", self.code), ("name_zh", self.name_zh), ("name_en", self.name_en),
                            ("", self.active)):
            self.form.addRow(tr(f"ui.complaint.config.{key}") if key else "", widget)
        self.finish({"complaint_department_code": self.code, "complaint_department_name_zh": self.name_zh,
                     "complaint_department_name_en": self.name_en})

    def save_call(self):
        data = DepartmentInput(code=self.code.text().strip(), name_en=self.name_en.text().strip(),
                               name_zh=self.name_zh.text().strip(), active=self.active.isChecked())
        d = self.department
        return lambda: self.config.save_department(d.id if d else None, d.version if d else None, data)
