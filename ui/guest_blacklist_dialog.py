"""Put a guest on the blacklist (a reason is required: it is shown at every check-in) or lift it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from hotelcrm.i18n import tr
from hotelcrm.services.guest_dto import GuestCard

from .form_widgets import FormErrors, ok_cancel_buttons
from .ui_context import UserSession


class GuestBlacklistDialog(QDialog):
    """Sends the card's version; the reason stays typed if the save is refused."""

    def __init__(self, session: UserSession, card: GuestCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.card = card
        self.lifting = card.status == "blacklisted"
        self.result_value: GuestCard | None = None
        self.reason = QPlainTextEdit(card.blacklist_reason or "")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(100)
        self.reason.setVisible(not self.lifting)
        self.errors = FormErrors(QLabel(), {"blacklist_reason": self.reason})
        self.buttons = ok_cancel_buttons(tr("ui.blacklist.lift" if self.lifting else "ui.blacklist.add"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.setWindowTitle(tr("ui.blacklist.title"))
        text = tr("ui.blacklist.lift_text" if self.lifting else "ui.blacklist.add_text", name=card.display_name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(10)
        layout.addWidget(QLabel(text, wordWrap=True))
        if self.lifting:
            layout.addWidget(QLabel(tr("ui.brief.blacklisted", reason=card.blacklist_reason or "—"),
                                    objectName="hint", wordWrap=True))
        else:
            layout.addWidget(QLabel(tr("field.blacklist_reason")))
        layout.addWidget(self.reason)
        layout.addWidget(self.errors.label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _submit(self) -> None:
        self.errors.clear()
        cards = self.session.ctx.services.guest_cards(self.session.actor)
        card, blacklisted, reason = self.card, not self.lifting, self.reason.toPlainText().strip() or None
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(lambda: cards.set_blacklist(card.id, card.version, blacklisted,
                                                                reason if blacklisted else None),
                                    on_success=self._saved, on_failure=self._failed, parent=self)

    def _saved(self, card: GuestCard) -> None:
        self.result_value = card
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.show(text, error)
