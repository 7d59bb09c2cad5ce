"""The "this guest may already have a card" box of the new-card dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hotelcrm.i18n import tr
from hotelcrm.services.guest_dto import DuplicateHit

from .guest_format import code_label, date_text
from .guest_widgets import clear_layout

STYLE = """
QFrame#duplicateWarning { background: #fff7e0; border: 1px solid #e0b64c; border-radius: 6px; }
QLabel#duplicateTitle { color: #7a5200; font-weight: 700; }
"""


class DuplicateWarning(QFrame):
    """Hidden while nothing matches; each match says why (same document, phone, e-mail, or name
    and birth date) and offers to open that card instead of creating a second one."""

    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicateWarning")
        self.setStyleSheet(STYLE)
        self.title = QLabel(objectName="duplicateTitle", wordWrap=True)
        self.rows = QGridLayout()
        self.rows.setHorizontalSpacing(12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.title)
        layout.addLayout(self.rows)
        self.hits: list[DuplicateHit] = []
        self.open_buttons: list[QPushButton] = []
        self.hide()

    def show_hits(self, hits: list[DuplicateHit]) -> None:
        self.hits = list(hits)
        clear_layout(self.rows)
        self.open_buttons = []
        self.setVisible(bool(hits))
        if not hits:
            return
        self.title.setText(tr("ui.duplicate.title", count=len(hits)))
        for row, hit in enumerate(hits):
            name = hit.display_name + (f"  ({date_text(hit.birth_date)})" if hit.birth_date else "")
            label = QLabel(name)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setStyleSheet("font-weight: 600;")
            self.rows.addWidget(label, row, 0)
            reasons = ", ".join(code_label("duplicate_reason", r) for r in hit.reasons)
            self.rows.addWidget(QLabel(reasons, wordWrap=True), row, 1)
            button = QPushButton(tr("ui.duplicate.open_instead"))
            button.clicked.connect(lambda _c=False, gid=hit.guest_id: self.open_requested.emit(gid))
            self.open_buttons.append(button)
            self.rows.addWidget(button, row, 2)
        self.rows.setColumnStretch(1, 1)

    def reason_texts(self) -> list[str]:
        return [", ".join(hit.reasons) for hit in self.hits]
