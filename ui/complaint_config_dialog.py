"""Complaint settings for managers: categories (with their guidelines), departments, time
targets per severity and authority limits per level. Reached from the Complaints page."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.i18n import tr

from .complaint_category_dialog import ComplaintCategoryDialog, ComplaintDepartmentDialog
from .complaint_targets_panel import ComplaintTargetsPanel
from .guest_card_view import TAB_STYLE
from .row_table_model import Column, RowTableModel, setup_row_table
from .ui_context import UserSession


def _active(row) -> str:
    return tr("ui.complaint.config.yes") if row.active else tr("ui.complaint.config.no")


class CategoryModel(RowTableModel):
    COLUMNS = (
        Column("ui.complaint.config.code", lambda c: c.code),
        Column("ui.complaint.config.name_zh", lambda c: c.name_zh),
        Column("ui.complaint.config.name_en", lambda c: c.name_en),
        Column("ui.complaint.config.sort_order", lambda c: str(c.sort_order), number=True),
        Column("ui.complaint.config.active", _active),
        Column("ui.complaint.config.guideline", lambda c: (c.guideline_zh or c.guideline_en).replace("\n", " ")),
    )


class DepartmentModel(RowTableModel):
    COLUMNS = (
        Column("ui.complaint.config.code", lambda d: d.code),
        Column("ui.complaint.config.name_zh", lambda d: d.name_zh),
        Column("ui.complaint.config.name_en", lambda d: d.name_en),
        Column("ui.complaint.config.active", _active),
    )


class _ListTab(QWidget):
    def __init__(self, model: RowTableModel, add, edit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.table = QTableView()
        setup_row_table(self.table, model)
        self.table.doubleClicked.connect(lambda index: edit(model.row_at(index.row())))
        self.add_button = QPushButton(tr("ui.complaint.config.add"))
        self.edit_button = QPushButton(tr("ui.complaint.config.edit"))
        self.add_button.clicked.connect(lambda: add())
        self.edit_button.clicked.connect(lambda: self.current() is not None and edit(self.current()))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def current(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None


class ComplaintConfigDialog(QDialog):
    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.config = session.ctx.services.complaint_config(session.actor)
        self.changed = False
        self.setWindowTitle(tr("ui.complaint.config.title"))
        self.setStyleSheet(TAB_STYLE)
        self.categories = _ListTab(CategoryModel(self), lambda: self.edit_category(None), self.edit_category)
        self.departments = _ListTab(DepartmentModel(self), lambda: self.edit_department(None), self.edit_department)
        self.targets = ComplaintTargetsPanel(session)
        self.targets.saved.connect(self._changed)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.categories, tr("ui.complaint.config.categories"))
        self.tabs.addTab(self.departments, tr("ui.complaint.config.departments"))
        self.tabs.addTab(self.targets, tr("ui.complaint.config.targets_tab"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        self.resize(900, 560)
        self.reload()

    def reload(self) -> None:
        self.session.ctx.runner.run(
            lambda: (self.config.categories(include_inactive=True), self.config.departments(include_inactive=True)),
            on_success=self._loaded, parent=self)

    def _loaded(self, loaded) -> None:
        categories, departments = loaded
        self.categories.model.set_rows(categories)
        self.departments.model.set_rows(departments)
        for tab in (self.categories, self.departments):
            tab.table.resizeColumnsToContents()

    def _changed(self) -> None:
        self.changed = True

    def edit_category(self, category) -> None:
        dialog = ComplaintCategoryDialog(self.session, category, self)
        if dialog.exec() and dialog.result_value is not None:
            self.changed = True
            self.reload()

    def edit_department(self, department) -> None:
        dialog = ComplaintDepartmentDialog(self.session, department, self)
        if dialog.exec() and dialog.result_value is not None:
            self.changed = True
            self.reload()
