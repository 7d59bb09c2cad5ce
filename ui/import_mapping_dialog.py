"""The column-mapping editor (DESIGN.md §2.8): the first rows of the file, and for every column of
the application's own guest or stay layout where it comes from and how it is converted; saved by
name and reused from the import dialog.

One line per target column: the file's column (or several joined: ``First + Last``), for a date
from three columns the month and day columns (month names such as July or 七月 are understood),
nights added (departure = arrival + ``weekend + week`` nights), a date format (``%d-%m-%y``),
value conversions (``Canceled=cancelled; Check-Out=checked_out``), a fixed value, a prefix, and
whether an invalid value is only left out (with a warning) instead of rejecting the row.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.import_mapping import ColumnMapping
from hotelcrm.i18n import tr
from hotelcrm.services.import_mapping_service import TARGETS, MappingInfo

from .form_widgets import FormErrors, form_layout, ok_cancel_buttons
from .ui_context import UserSession

NONE = ""
DATE_TARGETS = {"birth_date", "arrival", "departure"}
# target table columns
C_TARGET, C_SOURCE, C_MONTH, C_DAY, C_NIGHTS, C_FORMAT, C_VALUES, C_FIXED, C_PREFIX, C_SKIP = range(10)
HEADERS = ("target", "source", "month", "day", "nights", "format", "values", "fixed", "prefix", "skip")


def parse_values(text: str) -> dict[str, str]:
    """``A=a; B=b`` as a conversion table (a pair without ``=`` is ignored)."""
    out = {}
    for pair in text.split(";"):
        if "=" in pair:
            key, value = pair.split("=", 1)
            if key.strip():
                out[key.strip()] = value.strip()
    return out


def format_values(values: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in values.items())


class MappingEditorDialog(QDialog):
    """``header`` and ``rows``: the preview of the chosen file (may be empty); ``mapping``: the
    one to start from (a shipped one is saved under a new name)."""

    def __init__(self, session: UserSession, kind: str, header: list[str], rows: list[list[str]],
                 mapping: ColumnMapping | None = None, shipped: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.kind = kind
        self.header = header
        self.saved: MappingInfo | None = None
        self.setWindowTitle(tr("import.ui.mapping.title"))
        # A shipped mapping is a starting point: it is saved under a name of the user's own.
        self.name = QLineEdit(mapping.name if mapping and not shipped else "")
        self.name.setPlaceholderText(tr("import.ui.mapping.name_placeholder"))
        self.description = QLineEdit(mapping.description if mapping else "")
        form = form_layout()
        form.addRow(tr("import.ui.mapping.name"), self.name)
        form.addRow(tr("import.ui.mapping.kind"), QLabel(tr(f"import.ui.kind.{kind}")))
        form.addRow(tr("import.ui.mapping.description"), self.description)
        self.preview = self._preview_table(header, rows)
        self.targets = self._target_table(mapping)
        splitter = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(QLabel(tr("import.ui.mapping.preview", rows=len(rows)), objectName="sectionTitle"))
        top_layout.addWidget(self.preview)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(QLabel(tr("import.ui.mapping.fields"), objectName="sectionTitle"))
        bottom_layout.addWidget(QLabel(tr("import.ui.mapping.fields_hint"), objectName="hint", wordWrap=True))
        bottom_layout.addWidget(self.targets)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([220, 420])
        self.errors = FormErrors(QLabel(), {"mapping_name": self.name, "mapping": self.targets})
        self.buttons = ok_cancel_buttons(tr("import.ui.mapping.save"))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(10)
        layout.addWidget(QLabel(tr("import.ui.mapping.heading"), objectName="dialogTitle"))
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.errors.label)
        layout.addWidget(self.buttons)
        self.resize(1100, 760)

    # ---------------------------------------------------------------- tables

    def _preview_table(self, header: list[str], rows: list[list[str]]) -> QTableWidget:
        table = QTableWidget(len(rows), len(header))
        table.setHorizontalHeaderLabels(header)
        for r, cells in enumerate(rows):
            for c in range(len(header)):
                table.setItem(r, c, QTableWidgetItem(cells[c] if c < len(cells) else ""))
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.resizeColumnsToContents()
        return table

    def _target_table(self, mapping: ColumnMapping | None) -> QTableWidget:
        rules = {r.target: r for r in mapping.rules} if mapping else {}
        targets = TARGETS[self.kind]
        table = QTableWidget(len(targets), len(HEADERS))
        table.setHorizontalHeaderLabels([tr(f"import.ui.mapping.col.{h}") for h in HEADERS])
        table.verticalHeader().hide()
        for row, target in enumerate(targets):
            rule = rules.get(target)
            item = QTableWidgetItem(f"{tr(f'import.ui.target.{target}')}  ({target})")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setData(Qt.ItemDataRole.UserRole, target)
            table.setItem(row, C_TARGET, item)
            source, month, day = self._columns(), self._columns(), self._columns()
            if rule is not None:
                if rule.date_parts:
                    source.setCurrentText(rule.date_parts[0])
                    month.setCurrentText(rule.date_parts[1])
                    day.setCurrentText(rule.date_parts[2])
                elif rule.columns:
                    source.setCurrentText(" + ".join(rule.columns))
                elif rule.column:
                    source.setCurrentText(rule.column)
            table.setCellWidget(row, C_SOURCE, source)
            table.setCellWidget(row, C_MONTH, month)
            table.setCellWidget(row, C_DAY, day)
            month.setEnabled(target in DATE_TARGETS)
            day.setEnabled(target in DATE_TARGETS)
            texts = {C_NIGHTS: " + ".join(rule.add_days) if rule else "",
                     C_FORMAT: (rule.date_format or "") if rule else "",
                     C_VALUES: format_values(dict(rule.values)) if rule else "",
                     C_FIXED: (rule.value or "") if rule else "", C_PREFIX: rule.prefix if rule else ""}
            for column, text in texts.items():
                edit = QLineEdit(text)
                edit.setFrame(False)
                if column == C_NIGHTS:
                    edit.setEnabled(target == "departure")
                table.setCellWidget(row, column, edit)
            skip = QCheckBox()
            skip.setChecked(bool(rule and rule.skip_invalid))
            table.setCellWidget(row, C_SKIP, skip)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.resizeColumnsToContents()
        for column, width in ((C_SOURCE, 180), (C_MONTH, 130), (C_DAY, 130), (C_NIGHTS, 150), (C_FORMAT, 100),
                              (C_VALUES, 240), (C_FIXED, 90), (C_PREFIX, 90)):
            table.setColumnWidth(column, width)
        return table

    def _columns(self) -> QComboBox:
        """The file's columns to pick from; editable, so that a mapping made for another file
        (or a join: ``First + Last``) can be typed and kept."""
        combo = QComboBox()
        combo.setEditable(True)
        combo.addItem(NONE)
        combo.addItems(self.header)
        return combo

    # ---------------------------------------------------------------- saving

    def definition(self) -> dict:
        """The mapping as the service reads it (the service checks it whole)."""
        fields: dict[str, dict] = {}
        for row in range(self.targets.rowCount()):
            target = self.targets.item(row, C_TARGET).data(Qt.ItemDataRole.UserRole)
            source = self.targets.cellWidget(row, C_SOURCE).currentText().strip()
            month = self.targets.cellWidget(row, C_MONTH).currentText().strip()
            day = self.targets.cellWidget(row, C_DAY).currentText().strip()
            text = {c: self.targets.cellWidget(row, c).text().strip()
                    for c in (C_NIGHTS, C_FORMAT, C_VALUES, C_FIXED, C_PREFIX)}
            rule: dict = {}
            if source and month and day:
                rule["date_parts"] = {"year": source, "month": month, "day": day}
            elif "+" in source:
                rule["columns"] = [c.strip() for c in source.split("+") if c.strip()]
            elif source:
                rule["column"] = source
            if text[C_FIXED]:
                rule["value"] = text[C_FIXED]
            if not rule:
                continue
            if text[C_NIGHTS]:
                rule["add_days"] = [c.strip() for c in text[C_NIGHTS].split("+") if c.strip()]
            if text[C_FORMAT]:
                rule["date_format"] = text[C_FORMAT]
            if text[C_VALUES]:
                rule["values"] = parse_values(text[C_VALUES])
            if text[C_PREFIX]:
                rule["prefix"] = text[C_PREFIX]
            if self.targets.cellWidget(row, C_SKIP).isChecked():
                rule["if_invalid"] = "skip"
            fields[target] = rule
        return {"name": self.name.text().strip(), "kind": self.kind, "description": self.description.text().strip(),
                "fields": fields}

    def _save(self) -> None:
        self.errors.clear()
        definition = self.definition()
        mappings = self.session.ctx.services.import_mappings(self.session.actor)
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(lambda: mappings.save(definition), on_success=self._saved,
                                    on_failure=self._failed, parent=self, label=tr("import.ui.mapping.saving"))

    def _saved(self, info: MappingInfo) -> None:
        self.saved = info
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.show(text, error)
