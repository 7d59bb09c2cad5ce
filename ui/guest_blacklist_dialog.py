"""Put a guest on the blacklist (a reason is required: it is shown at every check-in) or lift it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from hotelcrm.domain.errors import Conflict
from hotelcrm.i18n import tr
from hotelcrm.services.guest_dto import GuestCard

from .conflict_dialog import shown
from .form_widgets import FormErrors, ok_cancel_buttons
from .row_conflict import Outcome, RowKind, ShowsRefusal, resolve_record_edit
from .ui_context import UserSession


@dataclass(frozen=True)
class Blacklisting:
    """What this dialog changes on a card, for the conflict dialog."""

    blacklisted: bool
    reason: str | None


def blacklisting_of(card: GuestCard) -> Blacklisting:
    return Blacklisting(card.status == "blacklisted", card.blacklist_reason)


class GuestBlacklistDialog(ShowsRefusal, QDialog):
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
        self.typed = Blacklisting(blacklisted, reason if blacklisted else None)
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(lambda: cards.set_blacklist(card.id, card.version, blacklisted,
                                                                reason if blacklisted else None),
                                    on_success=self._saved, on_failure=self._failed, parent=self)

    def _saved(self, card: GuestCard) -> None:
        self.result_value = card
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        if isinstance(error, Conflict):  # the card was saved elsewhere meanwhile
            resolve_record_edit(self.session, self._kind(), self.card, blacklisting_of(self.card), self.typed,
                                Outcome(self._saved, self._saved, self._refused), self)
            return
        self._refused(text, error)

    def _kind(self) -> RowKind:
        cards, guest_id = self.session.ctx.services.guest_cards(self.session.actor), self.card.id

        def text(name: str, value, _draft) -> str:
            return tr("ui.conflict.yes" if value else "ui.conflict.no") if name == "blacklisted" else shown(value)

        return RowKind(entity="guest", what=tr("ui.conflict.what.guest"),
                       labels={"blacklisted": tr("ui.conflict.blacklisted"),
                               "reason": tr("field.blacklist_reason")},
                       load=lambda: cards.card(guest_id), draft_of=blacklisting_of, text=text,
                       update=lambda now, d: cards.set_blacklist(now.id, now.version, d.blacklisted,
                                                                 d.reason if d.blacklisted else None))
