"""Export guests, stays or complaints to CSV or XLSX (File → Export…, IMPORT_EXPORT users)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import current_language, tr
from hotelcrm.services.export_service import KINDS, ExportResult

from .form_widgets import FormErrors, form_layout, ok_cancel_buttons
from .ui_context import UserSession

FORMATS = ("xlsx", "csv")


class ExportDialog(QDialog):
    """Kind, format and file; the export runs off the GUI thread with a progress bar. The file
    name's suffix follows the format chosen (and the format follows a typed suffix)."""

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.result_value: ExportResult | None = None
        self.setWindowTitle(tr("export.ui.title"))
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(tr(f"export.ui.kind.{kind}"), kind)
        self.format = QComboBox()
        for fmt in FORMATS:
            self.format.addItem(tr(f"export.ui.format.{fmt}"), fmt)
        self.path = QLineEdit()
        self.path.setPlaceholderText(tr("export.ui.file_placeholder"))
        self.browse = QPushButton(tr("export.ui.browse"))
        self.browse.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.setSpacing(6)
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        form = form_layout()
        form.addRow(tr("export.ui.kind"), self.kind)
        form.addRow(tr("export.ui.format"), self.format)
        form.addRow(tr("export.ui.file"), file_row)
        self.masked_hint = QLabel(tr("export.ui.ids_masked"), objectName="hint", wordWrap=True)
        self.masked_hint.setVisible(not session.can(Permission.ID_REVEAL))
        self.errors = FormErrors(QLabel(), {"out": self.path, "export_kind": self.kind})
        self.buttons = ok_cancel_buttons(tr("export.ui.export"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(10)
        layout.addWidget(QLabel(tr("export.ui.heading"), objectName="dialogTitle"))
        layout.addWidget(QLabel(tr("export.ui.hint"), objectName="hint", wordWrap=True))
        layout.addLayout(form)
        layout.addWidget(self.masked_hint)
        layout.addWidget(self.errors.label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.kind.currentIndexChanged.connect(self._suggest)
        self.format.currentIndexChanged.connect(self._suggest)
        self._suggest()

    @classmethod
    def ask(cls, session: UserSession, parent: QWidget | None = None) -> ExportResult | None:
        dialog = cls(session, parent)
        dialog.exec()
        return dialog.result_value

    def _folder(self) -> Path:
        current = self.path.text().strip()
        return Path(current).parent if current else Path.home()

    def _suggest(self) -> None:
        """The file name follows kind and format unless the user typed a name of their own."""
        kind, fmt = self.kind.currentData(), self.format.currentData()
        current = self.path.text().strip()
        folder = self._folder()
        stem = Path(current).stem if current and Path(current).stem not in KINDS else kind
        self.path.setText(str(folder / f"{stem}.{fmt}"))

    def choose_file(self) -> None:
        fmt = self.format.currentData()
        path, _ = QFileDialog.getSaveFileName(self, tr("export.ui.save_title"), self.path.text(),
                                              tr(f"export.ui.filter.{fmt}"))
        if path:
            self.path.setText(path)

    def _submit(self) -> None:
        self.errors.clear()
        path = self.path.text().strip()
        if not path:
            self.errors.show(tr("export.ui.no_file"), field="out")
            return
        suffix = Path(path).suffix.lower().lstrip(".")
        if suffix in FORMATS and suffix != self.format.currentData():
            self.format.setCurrentIndex(FORMATS.index(suffix))  # a typed .csv wins over the box
        exports = self.session.ctx.services.exports(self.session.actor)
        kind, lang = self.kind.currentData(), current_language()
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(lambda report: exports.export(kind, path, report, lang), progress=True,
                                    on_success=self._done, on_failure=self._failed, parent=self,
                                    label=tr("export.ui.working", kind=self.kind.currentText()))

    def _done(self, result: ExportResult) -> None:
        self.result_value = result
        key = "export.ui.done_masked" if result.ids_masked and result.kind != "complaints" else "export.ui.done"
        self.session.ctx.messages.info(self, tr(key, rows=result.rows, kind=tr(f"export.kind.{result.kind}"),
                                                path=str(result.path)))
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.show(text, error)
