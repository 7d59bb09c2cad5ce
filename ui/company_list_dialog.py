"""The agreement companies (协议单位) of the hotel: filter by name, add, edit, deactivate or
activate. Cards pick their company from the active ones."""

from __future__ import annotations

import itertools
from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.errors import Conflict
from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr
from hotelcrm.services.guest_dto import CompanyInfo

from .company_editor_dialog import CompanyEditorDialog, company_kind, draft_of
from .company_table_model import CompanyTableModel
from .row_conflict import Outcome, resolve_action
from .row_table_model import setup_row_table
from .ui_context import UserSession


class CompanyListDialog(QDialog):
    """``changed`` is True once anything was saved, so the caller can reload what shows companies."""

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.changed = False
        self.editable = session.can(Permission.GUEST_WRITE)
        self._generation = itertools.count(1)
        self._latest = 0
        self.model = CompanyTableModel(self)
        self.table = QTableView()
        setup_row_table(self.table, self.model)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)  # the name column takes the width instead
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit_company())
        self.filter = QLineEdit(placeholderText=tr("ui.company.filter_placeholder"), clearButtonEnabled=True)
        self.filter.textChanged.connect(lambda _t: self.refresh())
        self.show_inactive = QCheckBox(tr("ui.company.show_inactive"))
        self.show_inactive.toggled.connect(lambda _on: self.refresh())
        self.count_label = QLabel(objectName="hint")
        self.add_button = QPushButton(tr("ui.company.add"))
        self.edit_button = QPushButton(tr("ui.company.edit"))
        self.status_button = QPushButton(tr("ui.company.deactivate"))
        self.add_button.clicked.connect(self.add_company)
        self.edit_button.clicked.connect(self.edit_company)
        self.status_button.clicked.connect(self.toggle_status)
        self.add_button.setVisible(self.editable)
        self.status_button.setVisible(self.editable)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_buttons.rejected.connect(self.reject)
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.setWindowTitle(tr("ui.company.list_title"))
        title = QLabel(tr("ui.company.list_title"), objectName="dialogTitle")
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.filter, 1)
        top.addWidget(self.show_inactive)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        for button in (self.add_button, self.edit_button, self.status_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.close_buttons)
        self.resize(860, 520)

    # --- loading ------------------------------------------------------------------------
    def refresh(self, select_id: int | None = None) -> None:
        """Reload with the current filter; an answer for an older filter is dropped."""
        companies = self.session.ctx.services.companies(self.session.actor)
        text, inactive = self.filter.text().strip(), self.show_inactive.isChecked()
        current = self.current()
        keep = select_id if select_id is not None else (current.id if current else None)
        generation = self._latest = next(self._generation)
        self.session.ctx.runner.run(lambda: companies.list(text, include_inactive=inactive),
                                    on_success=lambda rows: self._loaded(generation, rows, keep),
                                    parent=self, quiet=True)

    def _loaded(self, generation: int, rows: list[CompanyInfo], keep: int | None) -> None:
        if generation != self._latest:
            return
        self.model.set_rows(rows)
        self.count_label.setText(tr("ui.company.count", count=len(rows)))
        for column in range(1, self.model.columnCount()):
            self.table.resizeColumnToContents(column)
        row = self.model.row_of(keep) if keep is not None else -1
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def _remember(self, company: CompanyInfo) -> None:
        """A company was just saved: the caller's company lists need reloading."""
        self.changed = True

    def current(self) -> CompanyInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.company_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        company = self.current()
        self.edit_button.setEnabled(company is not None)
        self.status_button.setEnabled(company is not None)
        active = company is None or company.status == "active"
        self.status_button.setText(tr("ui.company.deactivate" if active else "ui.company.activate"))

    # --- changes ------------------------------------------------------------------------
    def add_company(self) -> None:
        dialog = CompanyEditorDialog(self.session, None, self)
        dialog.exec()
        if dialog.result_value is not None:
            self._remember(dialog.result_value)
            self.refresh(dialog.result_value.id)

    def edit_company(self) -> None:
        company = self.current()
        if company is None:
            return
        dialog = CompanyEditorDialog(self.session, company, self)
        dialog.exec()
        if dialog.result_value is not None:
            self._remember(dialog.result_value)
        if dialog.result_value is not None or dialog.dates_changed:
            self.changed = True
            self.refresh(company.id)

    def toggle_status(self) -> None:
        company = self.current()
        if company is None:
            return
        activate = company.status != "active"
        if not activate and not self.session.ctx.messages.confirm(
                self, tr("ui.company.deactivate_confirm", name=company.name)):
            return
        if not activate and not self.show_inactive.isChecked():
            self.show_inactive.blockSignals(True)  # keep the row in sight, greyed out
            self.show_inactive.setChecked(True)
            self.show_inactive.blockSignals(False)
        companies = self.session.ctx.services.companies(self.session.actor)

        def failed(text: str, error: BaseException) -> None:
            if not isinstance(error, Conflict):
                self._status_failed(text, error)
                return
            kind = replace(company_kind(self.session, company.id, with_status=True),
                           update=lambda now, _none: companies.update(now.id, now.version, draft_of(now),
                                                                      active=activate))
            action = tr("ui.company.activate" if activate else "ui.company.deactivate")
            resolve_action(self.session, kind, company, action,
                           Outcome(self._status_saved, lambda now: self.refresh(now.id), self._status_failed), self)

        self.session.ctx.runner.run(
            lambda: companies.update(company.id, company.version, draft_of(company), active=activate),
            on_success=self._status_saved, on_failure=failed, parent=self)

    def _status_failed(self, text: str, _error: BaseException) -> None:
        self.session.ctx.messages.error(self, text)
        self.refresh()  # a company saved elsewhere: show it as it is now

    def _status_saved(self, company: CompanyInfo) -> None:
        self._remember(company)
        self.refresh(company.id)
