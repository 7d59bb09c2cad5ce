"""The incident record inside the entry dialog: item and value, the guest's position, witnesses
and what each said, evidence, conclusion, compensation asked / agreed / waived, outcome."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.stay_rules import format_money, parse_money
from hotelcrm.i18n import tr
from hotelcrm.services.logbook_dto import IncidentDraft, IncidentInfo, WitnessDraft

from .form_widgets import form_layout


def _text_box(lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class IncidentForm(QWidget):
    def __init__(self, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currency = currency
        self.item = QLineEdit(maxLength=200)
        self.value = QLineEdit()
        self.guest_position = _text_box(2)
        self.evidence = _text_box(2)
        self.conclusion = _text_box(2)
        self.asked = QLineEdit()
        self.agreed = QLineEdit()
        self.waived = QCheckBox(tr("ui.logbook.incident.waived"))
        self.outcome = _text_box(2)
        for money in (self.value, self.asked, self.agreed):
            money.setPlaceholderText(format_money(0, currency))
        self.witnesses = QTableWidget(0, 3)
        self.witnesses.setHorizontalHeaderLabels([tr("field.logbook_witness_name"), tr("field.logbook_witness_role"),
                                                  tr("field.logbook_witness_statement")])
        self.witnesses.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.witnesses.setColumnWidth(0, 110)
        self.witnesses.setColumnWidth(1, 130)
        self.witnesses.verticalHeader().hide()
        self.witnesses.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.witnesses.setMinimumHeight(110)
        self.add_witness_button = QPushButton(tr("ui.logbook.incident.add_witness"))
        self.remove_witness_button = QPushButton(tr("ui.logbook.incident.remove_witness"))
        self.add_witness_button.clicked.connect(lambda: self.add_witness())
        self.remove_witness_button.clicked.connect(self._remove_witness)
        self.fields = {"logbook_item": self.item, "logbook_item_value": self.value,
                       "logbook_guest_position": self.guest_position, "logbook_evidence": self.evidence,
                       "logbook_conclusion": self.conclusion, "logbook_comp_asked": self.asked,
                       "logbook_comp_agreed": self.agreed, "logbook_outcome": self.outcome,
                       "logbook_witness_name": self.witnesses, "logbook_witness_role": self.witnesses,
                       "logbook_witness_statement": self.witnesses, "logbook_witnesses": self.witnesses}
        self._build()

    def _build(self) -> None:
        form = form_layout()
        form.addRow(tr("field.logbook_item"), self.item)
        form.addRow(tr("ui.logbook.amount_label", field=tr("field.logbook_item_value"), currency=self.currency),
                    self.value)
        form.addRow(tr("field.logbook_guest_position"), self.guest_position)
        witness_buttons = QHBoxLayout()
        witness_buttons.addWidget(self.add_witness_button)
        witness_buttons.addWidget(self.remove_witness_button)
        witness_buttons.addStretch(1)
        witness_box = QVBoxLayout()
        witness_box.setContentsMargins(0, 0, 0, 0)
        witness_box.addWidget(self.witnesses)
        witness_box.addLayout(witness_buttons)
        form.addRow(tr("field.logbook_witnesses"), witness_box)
        form.addRow(tr("field.logbook_evidence"), self.evidence)
        form.addRow(tr("field.logbook_conclusion"), self.conclusion)
        money = QHBoxLayout()
        money.addWidget(QLabel(tr("ui.logbook.amount_label", field=tr("field.logbook_comp_asked"),
                                  currency=self.currency)))
        money.addWidget(self.asked)
        money.addWidget(QLabel(tr("field.logbook_comp_agreed")))
        money.addWidget(self.agreed)
        money.addWidget(self.waived)
        form.addRow(tr("ui.logbook.incident.compensation"), money)
        form.addRow(tr("field.logbook_outcome"), self.outcome)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        title = QLabel(tr("ui.logbook.incident.title"), objectName="sectionTitle")
        layout.addWidget(title)
        layout.addLayout(form)

    def add_witness(self, name: str = "", role: str = "", statement: str = "") -> None:
        row = self.witnesses.rowCount()
        self.witnesses.insertRow(row)
        for column, text in enumerate((name, role, statement)):
            self.witnesses.setItem(row, column, QTableWidgetItem(text))
        if not name:
            self.witnesses.setCurrentCell(row, 0)
            self.witnesses.editItem(self.witnesses.item(row, 0))

    def _remove_witness(self) -> None:
        row = self.witnesses.currentRow()
        if row >= 0:
            self.witnesses.removeRow(row)

    def fill(self, info: IncidentInfo) -> None:
        self.item.setText(info.item or "")
        self.value.setText(_money(info.item_value_cents, info.currency))
        self.guest_position.setPlainText(info.guest_position or "")
        self.evidence.setPlainText(info.evidence or "")
        self.conclusion.setPlainText(info.conclusion or "")
        self.asked.setText(_money(info.compensation_asked_cents, info.currency))
        self.agreed.setText(_money(info.compensation_agreed_cents, info.currency))
        self.waived.setChecked(info.compensation_waived)
        self.outcome.setPlainText(info.outcome or "")
        for w in info.witnesses:
            self.add_witness(w.name, w.role or "", w.statement)

    def draft(self) -> IncidentDraft:
        """The typed record; money parsing raises ValidationError naming the field."""
        self.witnesses.setCurrentCell(-1, -1)  # commit a cell still being edited
        witnesses = []
        for row in range(self.witnesses.rowCount()):
            cells = [(self.witnesses.item(row, c).text() if self.witnesses.item(row, c) else "") for c in range(3)]
            if any(c.strip() for c in cells):
                witnesses.append(WitnessDraft(cells[0], cells[2], cells[1] or None))
        return IncidentDraft(
            item=self.item.text(), item_value_cents=self._parse(self.value, "logbook_item_value"),
            guest_position=self.guest_position.toPlainText(), evidence=self.evidence.toPlainText(),
            conclusion=self.conclusion.toPlainText(),
            compensation_asked_cents=self._parse(self.asked, "logbook_comp_asked"),
            compensation_agreed_cents=self._parse(self.agreed, "logbook_comp_agreed"),
            compensation_waived=self.waived.isChecked(), outcome=self.outcome.toPlainText(),
            witnesses=tuple(witnesses), currency=self.currency,
        )

    def _parse(self, edit: QLineEdit, field: str) -> int | None:
        text = edit.text().strip()
        return parse_money(text, field, self.currency) if text else None


def _money(cents: int | None, currency: str) -> str:
    return "" if cents is None else format_money(cents, currency)
