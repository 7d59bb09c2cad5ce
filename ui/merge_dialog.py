"""Merge a duplicate card into this one (managers): pick, confirm, see what moved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.errors import Conflict
from hotelcrm.i18n import catalogue, current_language, tr
from hotelcrm.services.guest_dto import DuplicateHit, GuestCard, MergeResult

from .form_widgets import FormErrors, ok_cancel_buttons
from .guest_format import code_label, date_text
from .guest_row_kinds import card_action_kind
from .row_conflict import Outcome, resolve_action
from .ui_context import UserSession


def moved_text(moved: tuple[tuple[str, int], ...]) -> str:
    if not moved:
        return tr("ui.merge.nothing_moved")
    return ", ".join(tr("ui.merge.moved_item", table=table_label(t), count=n) for t, n in moved)


def table_label(table: str) -> str:
    key = f"merge.moved.{table}"
    return tr(key) if key in catalogue(current_language()) else table


class MergeDialog(QDialog):
    """This card is kept; the picked one is merged into it (its rows move here) and closed.
    The likely duplicates are offered; the merge can be undone from the merge history."""

    def __init__(self, session: UserSession, card: GuestCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.card = card
        self.result_value: MergeResult | None = None
        self.stale = False  # the card changed elsewhere and this desk discarded the merge
        self.setWindowTitle(tr("ui.merge.title"))
        self.heading = QLabel(tr("ui.merge.heading", name=card.display_name), objectName="dialogTitle",
                              wordWrap=True)
        self.hint = QLabel(tr("ui.merge.hint"), objectName="hint", wordWrap=True)
        self.list = QListWidget()
        self.errors = FormErrors(QLabel(), {})
        self.buttons = ok_cancel_buttons()
        self.merge_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setText(tr("ui.merge.merge"))
        self.merge_button.setEnabled(False)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.list.currentRowChanged.connect(lambda row: self.merge_button.setEnabled(row >= 0))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.errors.label)
        layout.addWidget(self.buttons)
        self.setMinimumSize(560, 380)
        merges = session.ctx.services.guest_merges(session.actor)
        session.ctx.runner.run(lambda: merges.proposals(card.id), on_success=self._show, parent=self)

    def _show(self, hits: list[DuplicateHit]) -> None:
        self.list.clear()
        if not hits:
            self.hint.setText(tr("ui.merge.no_proposals"))
        for hit in hits:
            reasons = ", ".join(code_label("duplicate_reason", r) for r in hit.reasons)
            text = tr("ui.merge.candidate", name=hit.display_name, id=hit.guest_id,
                      birth=date_text(hit.birth_date) or "—", reasons=reasons)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, hit)
            self.list.addItem(item)

    def selected(self) -> DuplicateHit | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _submit(self) -> None:
        hit = self.selected()
        if hit is None:
            return
        if not self.session.ctx.messages.confirm(self, tr("ui.merge.confirm", merged=hit.display_name,
                                                          merged_id=hit.guest_id, kept=self.card.display_name)):
            return
        merges = self.session.ctx.services.guest_merges(self.session.actor)
        card = self.card
        self.errors.clear()
        def failed(text: str, error: BaseException) -> None:
            if not isinstance(error, Conflict):
                self.errors.show(text, error)
                return
            # the kept card was saved at another desk meanwhile: show it, then merge into the current version
            kind = card_action_kind(self.session, card.id,
                                    lambda now: merges.merge(now.id, hit.guest_id, kept_version=now.version))
            resolve_action(self.session, kind, card, tr("ui.merge.title"),
                           Outcome(self._merged, self._discarded, lambda t, e: self.errors.show(t, e)), self)

        self.session.ctx.runner.run(lambda: merges.merge(card.id, hit.guest_id, kept_version=card.version),
                                    on_success=self._merged, on_failure=failed, parent=self)

    def _discarded(self, card: GuestCard) -> None:
        self.stale = True  # nothing merged; the card view reloads their version
        self.reject()

    def _merged(self, result: MergeResult) -> None:
        self.result_value = result
        self.session.ctx.messages.info(self, tr("ui.merge.done", moved=moved_text(result.moved)))
        self.accept()
