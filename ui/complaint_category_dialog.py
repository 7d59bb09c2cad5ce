"""Add or change a complaint category (names and handling guideline in both languages) or a
department. The code is fixed once created; nothing is deleted, only deactivated."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from PySide6.QtWidgets import QCheckBox, QDialog, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from hotelcrm.domain.errors import Conflict
from hotelcrm.i18n import tr
from hotelcrm.services.complaint_dto import CategoryInfo, CategoryInput, DepartmentInfo, DepartmentInput

from .complaint_step_dialog import plain, text_box
from .conflict_dialog import shown
from .form_widgets import FormErrors, form_layout, ok_cancel_buttons
from .row_conflict import Outcome, RowKind, ShowsRefusal, resolve_record_edit
from .ui_context import UserSession

LABELS = {"code": "code", "name_zh": "name_zh", "name_en": "name_en", "guideline_zh": "guideline_zh",
          "guideline_en": "guideline_en", "sort_order": "sort_order", "active": "active"}


def input_of(kind: type, info: Any) -> Any:
    """A category or department as the input that keeps it."""
    return kind(**{f.name: getattr(info, f.name) for f in fields(kind)})


def config_text(_name: str, value: Any, _draft: Any) -> str:
    if isinstance(value, bool):
        return tr("ui.conflict.yes" if value else "ui.conflict.no")
    return shown(value)


class _ConfigEditor(ShowsRefusal, QDialog):
    """Subclasses set ``record`` (None: a new one), ``input_type`` and ``what_key``, and give
    ``data()`` (the input as typed), ``save(record, data)`` and ``load(record_id)``. A save
    refused because another manager saved meanwhile opens the conflict dialog."""

    record: Any = None
    input_type: type = CategoryInput
    what_key = ""

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
        self.initial = self.data()  # what the form started with, for the conflict dialog

    def submit(self) -> None:
        self.errors.clear()
        record, typed = self.record, self.data()
        self.typed = typed
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(lambda: self.save(record, typed), on_success=self._saved,
                                    on_failure=self._failed, parent=self)

    def data(self) -> Any:
        raise NotImplementedError

    def save(self, record: Any, data: Any) -> Any:
        raise NotImplementedError

    def load(self, record_id: int) -> Any:
        raise NotImplementedError

    def _saved(self, result: Any) -> None:
        self.result_value = result
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        if isinstance(error, Conflict) and self.record is not None:
            record_id, input_type = self.record.id, self.input_type
            kind = RowKind(entity=self.what_key, what=tr(f"ui.conflict.what.{self.what_key}"),
                           labels={name: tr(f"ui.complaint.config.{key}") for name, key in LABELS.items()
                                   if name in {f.name for f in fields(input_type)}},
                           load=lambda: self.load(record_id), draft_of=lambda info: input_of(input_type, info),
                           update=self.save, text=config_text)
            resolve_record_edit(self.session, kind, self.record, self.initial, self.typed,
                                Outcome(self._saved, self._saved, self._refused), self)
            return
        self._refused(text, error)


class ComplaintCategoryDialog(_ConfigEditor):
    input_type = CategoryInput
    what_key = "complaint_category"

    def __init__(self, session: UserSession, category: CategoryInfo | None, parent: QWidget | None = None) -> None:
        super().__init__(session, tr("ui.complaint.config.category_title"), parent)
        self.category = self.record = category
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

    def data(self) -> CategoryInput:
        return CategoryInput(code=self.code.text().strip(), name_en=self.name_en.text().strip(),
                             name_zh=self.name_zh.text().strip(), guideline_en=plain(self.guide_en),
                             guideline_zh=plain(self.guide_zh), sort_order=self.sort.value(),
                             active=self.active.isChecked())

    def save(self, c: CategoryInfo | None, data: CategoryInput) -> CategoryInfo:
        return self.config.save_category(c.id if c else None, c.version if c else None, data)

    def load(self, record_id: int) -> CategoryInfo:
        return next(c for c in self.config.categories(include_inactive=True) if c.id == record_id)


class ComplaintDepartmentDialog(_ConfigEditor):
    input_type = DepartmentInput
    what_key = "complaint_department"

    def __init__(self, session: UserSession, department: DepartmentInfo | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, tr("ui.complaint.config.department_title"), parent)
        self.department = self.record = department
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

    def data(self) -> DepartmentInput:
        return DepartmentInput(code=self.code.text().strip(), name_en=self.name_en.text().strip(),
                               name_zh=self.name_zh.text().strip(), active=self.active.isChecked())

    def save(self, d: DepartmentInfo | None, data: DepartmentInput) -> DepartmentInfo:
        return self.config.save_department(d.id if d else None, d.version if d else None, data)

    def load(self, record_id: int) -> DepartmentInfo:
        return next(d for d in self.config.departments(include_inactive=True) if d.id == record_id)
