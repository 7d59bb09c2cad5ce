"""The merges into a card, newest first, each with Undo (managers)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.i18n import tr
from hotelcrm.services.guest_dto import GuestCard, MergeInfo

from .form_widgets import FormErrors
from .guest_format import date_text
from .guest_widgets import clear_layout
from .merge_dialog import moved_text
from .ui_context import UserSession


class MergeHistoryDialog(QDialog):
    def __init__(self, session: UserSession, card: GuestCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.card = card
        self.undone = False
        self.undo_buttons: dict[int, QPushButton] = {}
        self.setWindowTitle(tr("ui.merge.history_title", name=card.display_name))
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.errors = FormErrors(QLabel(), {})
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.addWidget(QLabel(tr("ui.merge.history_title", name=card.display_name), objectName="dialogTitle"))
        layout.addLayout(self.grid)
        layout.addWidget(self.errors.label)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(600)
        self.load()

    def load(self) -> None:
        merges = self.session.ctx.services.guest_merges(self.session.actor)
        card_id = self.card.id
        self.session.ctx.runner.run(lambda: merges.merges(card_id), on_success=self._show, parent=self)

    def _show(self, rows: list[MergeInfo]) -> None:
        clear_layout(self.grid)
        self.undo_buttons.clear()
        if not rows:
            self.grid.addWidget(QLabel(tr("ui.merge.no_history"), objectName="hint"), 0, 0)
        for row, merge in enumerate(rows):
            self.grid.addWidget(QLabel(date_text(merge.merged_at)), row, 0)
            what = tr("ui.merge.history_line", merged_id=merge.merged_guest_id, kept_id=merge.kept_guest_id,
                      moved=moved_text(merge.moved))
            label = QLabel(what, wordWrap=True)
            self.grid.addWidget(label, row, 1)
            if merge.undone_at is not None:
                self.grid.addWidget(QLabel(tr("ui.merge.undone_on", date=date_text(merge.undone_at)),
                                           objectName="hint"), row, 2)
            else:
                button = QPushButton(tr("ui.merge.undo"))
                button.clicked.connect(lambda _c=False, m=merge: self.undo(m))
                self.undo_buttons[merge.id] = button
                self.grid.addWidget(button, row, 2)
        self.grid.setColumnStretch(1, 1)

    def undo(self, merge: MergeInfo) -> None:
        if not self.session.ctx.messages.confirm(self, tr("ui.merge.undo_confirm", merged_id=merge.merged_guest_id)):
            return
        merges = self.session.ctx.services.guest_merges(self.session.actor)
        self.errors.clear()
        self.session.ctx.runner.run(lambda: merges.undo(merge.id), on_success=self._undone,
                                    on_failure=lambda text, error: self.errors.show(text, error), parent=self)

    def _undone(self, _info: MergeInfo) -> None:
        self.undone = True
        self.load()
