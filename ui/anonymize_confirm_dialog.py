"""The confirmation before a guest is anonymized: names what is removed and what is kept, and
asks for the card number to be typed (the step cannot be undone)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from hotelcrm.i18n import tr
from hotelcrm.services.guest_dto import GuestCard

from .form_widgets import ok_cancel_buttons


class AnonymizeConfirmDialog(QDialog):
    def __init__(self, card: GuestCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self.setWindowTitle(tr("privacy.ui.anonymize_title"))
        heading = QLabel(tr("privacy.ui.anonymize_heading", name=card.display_name, id=card.id),
                         objectName="dialogTitle", wordWrap=True)
        self.removed = QLabel(tr("privacy.ui.anonymize_removed"), wordWrap=True)
        self.kept = QLabel(tr("privacy.ui.anonymize_kept"), objectName="hint", wordWrap=True)
        warning = QLabel(tr("privacy.ui.anonymize_final"), objectName="formError", wordWrap=True)
        self.typed = QLineEdit()
        self.typed.setPlaceholderText(str(card.id))
        self.buttons = ok_cancel_buttons(tr("privacy.ui.anonymize_button"))
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.typed.textChanged.connect(lambda text: self.ok_button.setEnabled(text.strip() == str(card.id)))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(self.removed)
        layout.addWidget(self.kept)
        layout.addWidget(warning)
        layout.addWidget(QLabel(tr("privacy.ui.anonymize_type_id", id=card.id), wordWrap=True))
        layout.addWidget(self.typed)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(540)

    @classmethod
    def ask(cls, card: GuestCard, parent: QWidget | None = None) -> bool:
        return cls(card, parent).exec() == QDialog.DialogCode.Accepted
