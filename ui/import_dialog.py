"""Import guests or stays from CSV or XLSX (File → Import…, IMPORT_EXPORT users; DESIGN.md §2.8).

File, kind and column mapping (the application's own columns, or a saved or shipped mapping; new
ones are made in ``MappingEditorDialog`` from a preview of the file). The import runs off the GUI
thread with a progress bar and a Cancel button (it stops after the current batch; the rows done
stay whole and the next import of the same file goes on from there). Then the counts, and every
rejected row and warning with its reason, which can be saved as CSV.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.i18n import tr
from hotelcrm.services.import_job import ImportResult, write_errors_csv
from hotelcrm.services.import_mapping_service import MappingInfo
from hotelcrm.services.import_source import preview

from .form_widgets import FormErrors, form_layout, select_data
from .import_mapping_dialog import MappingEditorDialog
from .import_problem_model import ImportProblemModel
from .row_table_model import setup_row_table
from .ui_context import UserSession

KINDS = ("guests", "stays")
PREVIEW_ROWS = 20


class ImportDialog(QDialog):
    progressed = Signal(int, int)  # emitted from the worker thread, delivered on the GUI thread

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.result_value: ImportResult | None = None
        self.mappings: list[MappingInfo] = []
        self._cancel_requested = False
        self.running = False
        self.setWindowTitle(tr("import.ui.title"))
        self.path = QLineEdit()
        self.path.setPlaceholderText(tr("import.ui.file_placeholder"))
        self.browse = QPushButton(tr("import.ui.browse"))
        self.browse.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.setSpacing(6)
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(tr(f"import.ui.kind.{kind}"), kind)
        self.mapping = QComboBox()
        self.new_mapping = QPushButton(tr("import.ui.mapping_new"))
        self.edit_mapping = QPushButton(tr("import.ui.mapping_edit"))
        self.new_mapping.clicked.connect(lambda: self.open_editor(new=True))
        self.edit_mapping.clicked.connect(lambda: self.open_editor(new=False))
        mapping_row = QHBoxLayout()
        mapping_row.setSpacing(6)
        mapping_row.addWidget(self.mapping, 1)
        mapping_row.addWidget(self.new_mapping)
        mapping_row.addWidget(self.edit_mapping)
        form = form_layout()
        form.addRow(tr("import.ui.file"), file_row)
        form.addRow(tr("import.ui.kind"), self.kind)
        form.addRow(tr("import.ui.mapping"), mapping_row)
        self.progress = QProgressBar()
        self.progress.setFormat(tr("import.ui.progress_format"))
        self.progress.hide()
        self.cancel_button = QPushButton(tr("import.ui.cancel_import"))
        self.cancel_button.clicked.connect(self.request_cancel)
        self.cancel_button.hide()
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.summary = QLabel(objectName="subtitle", wordWrap=True)
        self.summary.hide()
        self.problems_model = ImportProblemModel(self)
        self.problems = setup_row_table(QTableView(), self.problems_model)
        self.problems.hide()
        self.save_problems = QPushButton(tr("import.ui.save_problems"))
        self.save_problems.clicked.connect(self.save_problem_list)
        self.save_problems.hide()
        self.errors = FormErrors(QLabel(), {"file": self.path, "header": self.path, "mapping": self.mapping})
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(tr("import.ui.start"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.start_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(10)
        layout.addWidget(QLabel(tr("import.ui.heading"), objectName="dialogTitle"))
        layout.addWidget(QLabel(tr("import.ui.hint"), objectName="hint", wordWrap=True))
        layout.addLayout(form)
        layout.addLayout(progress_row)
        layout.addWidget(self.errors.label)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 20)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_problems)
        layout.addLayout(save_row)
        layout.addStretch(1)  # takes the room while there is no list yet
        layout.addWidget(self.buttons)
        self.setMinimumWidth(760)
        self.progressed.connect(self._on_progress)
        self.kind.currentIndexChanged.connect(self._fill_mappings)
        self.mapping.currentIndexChanged.connect(self._mapping_changed)
        self.choose_open = self._choose_open
        self.choose_save = self._choose_save
        self.load_mappings()

    @classmethod
    def ask(cls, session: UserSession, parent: QWidget | None = None) -> ImportResult | None:
        dialog = cls(session, parent)
        dialog.exec()
        return dialog.result_value

    def _mappings_service(self):
        return self.session.ctx.services.import_mappings(self.session.actor)

    # ---------------------------------------------------------------- mappings

    def load_mappings(self, select: str | None = None) -> None:
        service = self._mappings_service()
        self.session.ctx.runner.run(service.list, parent=self, on_success=lambda found: self._set_mappings(found, select),
                                    on_failure=lambda text, error: self.errors.show(text, error))

    def _set_mappings(self, found: list[MappingInfo], select: str | None) -> None:
        self.mappings = found
        self._fill_mappings()
        if select is not None:
            select_data(self.mapping, select)

    def _fill_mappings(self) -> None:
        kind = self.kind.currentData()
        current = self.mapping.currentData()
        self.mapping.blockSignals(True)
        self.mapping.clear()
        self.mapping.addItem(tr("import.ui.own_columns"), None)
        for m in self.mappings:
            if m.kind == kind:
                label = tr("import.ui.mapping_shipped", name=m.name) if m.shipped else m.name
                self.mapping.addItem(label, m.name)
        select_data(self.mapping, current)
        self.mapping.blockSignals(False)
        self._mapping_changed()

    def _mapping_changed(self) -> None:
        name = self.mapping.currentData()
        info = next((m for m in self.mappings if m.name == name), None)
        self.mapping.setToolTip(info.description if info else tr("import.ui.own_columns_hint"))
        self.edit_mapping.setEnabled(name is not None)

    def open_editor(self, new: bool) -> None:
        """The editor with a preview of the chosen file (if any) and the selected mapping."""
        self.errors.clear()
        path = self.path.text().strip()
        kind = self.kind.currentData()
        name = None if new else self.mapping.currentData()
        service = self._mappings_service()
        shipped = any(m.name == name and m.shipped for m in self.mappings)

        def load():
            header, rows = ([], [])
            if path:
                header, rows, _encoding = preview(path, PREVIEW_ROWS)
            return header, rows, service.get(name) if name else None

        def show(found) -> None:
            header, rows, mapping = found
            editor = MappingEditorDialog(self.session, kind, header, rows, mapping, shipped, self)
            self.editor = editor  # tests answer it
            if editor.exec() and editor.saved is not None:
                self.load_mappings(select=editor.saved.name)

        self.session.ctx.runner.run(load, parent=self, on_success=show,
                                    on_failure=lambda text, error: self.errors.show(text, error))

    # ---------------------------------------------------------------- files

    def _choose_open(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, tr("import.ui.open_title"), self.path.text() or str(Path.home()),
                                              tr("import.ui.filter"))
        return path or None

    def _choose_save(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, tr("import.ui.save_title"), suggested, tr("import.ui.filter_csv"))
        return path or None

    def choose_file(self) -> None:
        path = self.choose_open()
        if path:
            self.path.setText(path)

    # ---------------------------------------------------------------- running

    def start(self) -> None:
        self.errors.clear()
        path = self.path.text().strip()
        if not path:
            self.errors.show(tr("import.ui.no_file"), field="file")
            return
        kind, name = self.kind.currentData(), self.mapping.currentData()
        services, actor = self.session.ctx.services, self.session.actor
        importer = services.stay_imports(actor) if kind == "stays" else services.guest_imports(actor)
        mappings = self._mappings_service()
        self._cancel_requested = False

        def work(report):
            def progress(done: int, total: int) -> None:
                report(done, total)
                self.progressed.emit(done, total)

            mapping = mappings.get(name) if name else None
            run = importer.import_stays if kind == "stays" else importer.import_guests
            return run(path, progress=progress, cancel=lambda: self._cancel_requested, mapping=mapping)

        self._set_running(True)
        self.session.ctx.runner.run(work, progress=True, quiet=True, parent=self, on_success=self._done,
                                    on_failure=self._failed, label=tr("import.ui.working"))

    def request_cancel(self) -> None:
        self._cancel_requested = True
        self.cancel_button.setEnabled(False)
        self.progress.setFormat(tr("import.ui.cancelling"))

    def _set_running(self, running: bool) -> None:
        self.running = running
        for widget in (self.start_button, self.close_button, self.browse, self.path, self.kind, self.mapping,
                       self.new_mapping, self.edit_mapping):
            widget.setEnabled(not running)
        if running:
            self.progress.setRange(0, 0)
            self.progress.setFormat(tr("import.ui.progress_format"))
            self.progress.show()
            self.cancel_button.setEnabled(True)
            self.cancel_button.show()
            self.summary.hide()
        else:
            self.cancel_button.hide()
            self.edit_mapping.setEnabled(self.mapping.currentData() is not None)

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _done(self, result: ImportResult) -> None:
        self.result_value = result
        self._set_running(False)
        self.progress.setRange(0, max(result.rows, 1))
        self.progress.setValue(result.rows)
        kind = self.kind.currentData()
        lines = [tr(f"import.ui.summary_{kind}", rows=result.rows, imported=result.imported, matched=result.matched,
                    rejected=result.rejected)]
        details = dict(result.details)
        if kind == "stays":
            lines.append(tr("import.ui.summary_stay_guests", created=details.get("guests_created", 0),
                            matched=details.get("guests_matched", 0)))
        if result.resumed_from:
            lines.append(tr("import.ui.resumed", rows=result.resumed_from))
        if result.cancelled:
            lines.append(tr("import.ui.cancelled", rows=result.rows))
        if result.warnings:
            lines.append(tr("import.ui.warnings", count=len(result.warnings)))
        self.summary.setText("\n".join(lines))
        self.summary.show()
        problems = sorted((*result.errors, *result.warnings), key=lambda p: (p.row, p.level != "error"))
        self.problems_model.set_rows(problems)
        self.problems.setVisible(bool(problems))
        self.save_problems.setVisible(bool(problems))
        for column in range(self.problems_model.columnCount() - 1):  # the last one, the reason, fills the width
            self.problems.resizeColumnToContents(column)
        if problems:
            self.resize(max(self.width(), 900), max(self.height(), 640))

    def _failed(self, text: str, error: BaseException) -> None:
        self._set_running(False)
        self.progress.hide()
        self.errors.show(text, error)

    def save_problem_list(self) -> None:
        if self.result_value is None:
            return
        source = Path(self.path.text().strip())
        path = self.choose_save(str(source.with_name(f"{source.stem}-problems.csv")))
        if not path:
            return
        result = self.result_value
        self.session.ctx.runner.run(lambda: write_errors_csv(path, result), parent=self,
                                    on_success=lambda _none: self.session.ctx.messages.info(
                                        self, tr("import.ui.problems_saved", path=path)))

    def reject(self) -> None:
        if self.running:  # the import finishes its batch first; closing waits for it
            self.request_cancel()
            return
        super().reject()
