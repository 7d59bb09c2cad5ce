"""Message boxes behind a small object, so tests can replace them with a recorder."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from hotelcrm.i18n import tr


class Messages:
    """Shows translated message boxes; Qt's own buttons follow the installed translator."""

    def error(self, parent: QWidget | None, text: str) -> None:
        QMessageBox.warning(parent, tr("ui.message.error_title"), text)

    def info(self, parent: QWidget | None, text: str) -> None:
        QMessageBox.information(parent, tr("ui.message.info_title"), text)

    def confirm(self, parent: QWidget | None, text: str) -> bool:
        answer = QMessageBox.question(parent, tr("ui.message.confirm_title"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes
