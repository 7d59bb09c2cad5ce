"""A page whose feature is not built yet: it says plainly what will be there, and shows no data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from hotelcrm.i18n import tr


class PlaceholderPage(QWidget):
    """Title, a short description of the coming feature, and a note that it is not available yet."""

    def __init__(self, area: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.area = area
        self.title = QLabel(tr(f"ui.nav.{area}"), objectName="pageTitle")
        card = QFrame(objectName="card")
        self.description = QLabel(tr(f"ui.page.{area}.planned"), objectName="placeholderText")
        self.description.setWordWrap(True)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel(tr("ui.page.not_available"), objectName="hint", wordWrap=True)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(20, 18, 20, 18)
        inner.setSpacing(12)
        inner.addWidget(self.description)
        inner.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.setSpacing(16)
        layout.addWidget(self.title)
        layout.addWidget(card)
        layout.addStretch(1)
