"""The "Privacy" button of the guest card (managers, PRIVACY): export everything held on the
guest (JSON or PDF) and anonymize the card after a confirmation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QPushButton, QWidget

from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import current_language, tr
from hotelcrm.services.guest_dto import GuestCard

from .anonymize_confirm_dialog import AnonymizeConfirmDialog
from .ui_context import UserSession


class GuestPrivacyButton(QPushButton):
    """``anonymized`` fires after the card was anonymized (the card view reloads it). The file
    chooser and the confirmation are attributes so that tests can answer them."""

    anonymized = Signal(int)

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(tr("privacy.ui.button"), parent)
        self.session = session
        self.card: GuestCard | None = None
        self.setToolTip(tr("privacy.ui.button_tooltip"))
        menu = QMenu(self)
        self.export_action = menu.addAction(tr("privacy.ui.export"))
        self.anonymize_action = menu.addAction(tr("privacy.ui.anonymize"))
        self.export_action.triggered.connect(self.export)
        self.anonymize_action.triggered.connect(self.anonymize)
        self.setMenu(menu)
        self.choose_file = self._choose_file
        self.confirm = AnonymizeConfirmDialog.ask

    def set_card(self, card: GuestCard | None) -> None:
        self.card = card
        self.setVisible(card is not None and self.session.can(Permission.PRIVACY))
        self.anonymize_action.setEnabled(card is not None and card.status in ("active", "blacklisted"))

    def _choose_file(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, tr("privacy.ui.export_title"), suggested,
                                              tr("privacy.ui.export_filter"))
        return path or None

    def export(self) -> None:
        if self.card is None:
            return
        path = self.choose_file(str(Path.home() / f"guest-{self.card.id}-privacy.pdf"))
        if not path:
            return
        if not Path(path).suffix:
            path += ".pdf"
        privacy = self.session.ctx.services.privacy(self.session.actor)
        guest_id, lang = self.card.id, current_language()
        self.session.ctx.runner.run(lambda: privacy.export_to(guest_id, path, lang), parent=self.window(),
                                    label=tr("privacy.ui.exporting"),
                                    on_success=lambda _data: self.session.ctx.messages.info(
                                        self.window(), tr("privacy.ui.exported", path=path)))

    def anonymize(self) -> None:
        card = self.card
        if card is None or not self.confirm(card, self.window()):
            return
        privacy = self.session.ctx.services.privacy(self.session.actor)
        self.session.ctx.runner.run(lambda: privacy.anonymize(card.id), parent=self.window(),
                                    label=tr("privacy.ui.anonymizing"), on_success=self._anonymized)

    def _anonymized(self, result) -> None:
        self.session.ctx.messages.info(self.window(), tr("privacy.ui.anonymized", id=result.guest_id,
                                                         cards=result.cards))
        self.anonymized.emit(result.guest_id)
