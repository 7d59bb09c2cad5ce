"""Feedback group (反馈意见): praise, criticism, suggestions, the complaints slot, and the
observations other departments left, for review into preferences or dismissal."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain import codes
from hotelcrm.domain.errors import Conflict
from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr
from hotelcrm.services.guest_dto import FeedbackDraft, GuestCard
from hotelcrm.services.stay_dto import ObservationInfo

from .conflict_dialog import ConflictRoundTrip, FieldVersions, resolve_conflict
from .form_widgets import FormErrors
from .guest_format import code_label, date_text
from .guest_pref_labels import PreferenceLabels
from .guest_preference_dialog import PreferenceDialog
from .guest_widgets import clear_layout, value_label
from .observation_dialog import department_label
from .ui_context import UserSession

KIND_COLOURS = {"praise": "#1e6b3a", "criticism": "#a61b1b", "suggestion": "#1f5f8b"}
OPEN_COLOUR, OVERDUE_COLOUR = "#1f5f8b", "#a61b1b"


class GuestFeedbackTab(QScrollArea):
    card_changed = Signal(object)  # GuestCard after a feedback was added
    observations_changed = Signal()  # an observation was reviewed or dismissed

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.card: GuestCard | None = None
        self.labels = PreferenceLabels()
        self.observations: list[ObservationInfo] = []
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        editable = session.can(Permission.GUEST_WRITE)
        self.observation_box = QGroupBox(tr("ui.obs.pending_title"))
        self.observation_grid = QGridLayout(self.observation_box)
        feedback_box = QGroupBox(tr("ui.card.section.feedback"))
        feedback_layout = QVBoxLayout(feedback_box)
        self.feedback_grid = QGridLayout()
        feedback_layout.addLayout(self.feedback_grid)
        self.kind = QComboBox()
        for code in codes.FEEDBACK_KIND:
            self.kind.addItem(code_label("feedback_kind", code), code)
        self.text = QLineEdit(maxLength=2000)
        self.text.setPlaceholderText(tr("ui.feedback.placeholder"))
        self.add_button = QPushButton(tr("ui.feedback.add"))
        self.add_button.clicked.connect(self.add_feedback)
        self.text.returnPressed.connect(self.add_feedback)
        self.errors = FormErrors(QLabel(), {"text": self.text, "kind": self.kind, "feedback_text": self.text})
        add_row = QHBoxLayout()
        add_row.addWidget(self.kind)
        add_row.addWidget(self.text, 1)
        add_row.addWidget(self.add_button)
        if editable:
            feedback_layout.addLayout(add_row)
            feedback_layout.addWidget(self.errors.label)
        complaints_box = QGroupBox(tr("ui.card.section.complaints"))
        complaints_layout = QVBoxLayout(complaints_box)
        self.complaints_grid = QGridLayout()
        complaints_layout.addLayout(self.complaints_grid)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(12)
        layout.addWidget(self.observation_box)
        layout.addWidget(feedback_box)
        layout.addWidget(complaints_box)
        layout.addStretch(1)
        self.setWidget(inner)

    # --- feedback -----------------------------------------------------------------------
    def show_card(self, card: GuestCard) -> None:
        self.card = card
        clear_layout(self.feedback_grid)
        if not card.feedback:
            self.feedback_grid.addWidget(QLabel(tr("ui.card.none"), objectName="hint"), 0, 0)
        for row, item in enumerate(card.feedback):
            kind = QLabel(code_label("feedback_kind", item.kind))
            kind.setStyleSheet(f"color: {KIND_COLOURS.get(item.kind, '#1d2a35')}; font-weight: 600;")
            self.feedback_grid.addWidget(kind, row, 0)
            self.feedback_grid.addWidget(QLabel(date_text(item.received_at or item.created_at),
                                                objectName="hint"), row, 1)
            self.feedback_grid.addWidget(value_label(item.text), row, 2)
        self.feedback_grid.setColumnStretch(2, 1)
        self._show_complaints(card)

    def _show_complaints(self, card: GuestCard) -> None:
        """Number, date, category, state and an overdue mark, newest first."""
        clear_layout(self.complaints_grid)
        if not card.complaints:
            self.complaints_grid.addWidget(QLabel(tr("complaint.card.none"), objectName="hint"), 0, 0)
        for row, c in enumerate(card.complaints):
            number = QLabel(c.number, textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
            number.setStyleSheet("font-weight: 600;")
            state = QLabel(code_label("complaint_state", c.state))
            if c.open:
                state.setStyleSheet(f"color: {OPEN_COLOUR};")
            cells = [number, QLabel(date_text(c.received_on), objectName="hint"), value_label(c.category or ""), state]
            if c.overdue:
                mark = QLabel(tr("complaint.overdue"))
                mark.setStyleSheet(f"color: {OVERDUE_COLOUR}; font-weight: 600;")
                cells.append(mark)
            for col, cell in enumerate(cells):
                self.complaints_grid.addWidget(cell, row, col)
        self.complaints_grid.setColumnStretch(2, 1)

    def add_feedback(self) -> None:
        if self.card is None:
            return
        self.errors.clear()
        draft = FeedbackDraft(kind=self.kind.currentData(), text=self.text.text().strip())
        cards, guest_id = self.session.ctx.services.guest_cards(self.session.actor), self.card.id
        self.session.ctx.runner.run(lambda: cards.add_feedback(guest_id, draft), on_success=self._added,
                                    on_failure=lambda text, error: self.errors.show(text, error), parent=self)

    def _added(self, card: GuestCard) -> None:
        self.text.clear()
        self.card_changed.emit(card)

    # --- observations -------------------------------------------------------------------
    def show_observations(self, observations: list[ObservationInfo]) -> None:
        self.observations = [o for o in observations if o.status == "new"]
        clear_layout(self.observation_grid)
        self.observation_box.setTitle(tr("ui.obs.pending_count", count=len(self.observations)))
        if not self.observations:
            self.observation_grid.addWidget(QLabel(tr("ui.obs.none"), objectName="hint"), 0, 0)
        writable = self.session.can(Permission.GUEST_WRITE)
        for row, obs in enumerate(self.observations):
            who = tr("ui.obs.by", department=department_label(obs.department), user=obs.created_by or "—",
                     date=date_text(obs.created_at), room=obs.room_no or "—")
            self.observation_grid.addWidget(QLabel(who, objectName="hint"), row, 0)
            self.observation_grid.addWidget(value_label(obs.text), row, 1)
            if writable:
                review = QPushButton(tr("ui.obs.review"))
                review.clicked.connect(lambda _c=False, o=obs: self.review(o))
                dismiss = QPushButton(tr("ui.obs.dismiss"))
                dismiss.clicked.connect(lambda _c=False, o=obs: self.dismiss(o))
                self.observation_grid.addWidget(review, row, 2)
                self.observation_grid.addWidget(dismiss, row, 3)
        self.observation_grid.setColumnStretch(1, 1)

    def _service(self):
        return self.session.ctx.services.observations(self.session.actor)

    def review(self, obs: ObservationInfo) -> None:
        service = self._service()

        def save(draft):
            return service.review_into_preference(obs.id, obs.version, draft.pref_group, draft.pref_key,
                                                  draft.value, draft.note)

        dialog = PreferenceDialog(self.session, self.labels, save, context=tr("ui.obs.quote", text=obs.text),
                                  title=tr("ui.obs.review_title"), parent=self)

        def conflict(_text: str, error: BaseException) -> bool:
            if not isinstance(error, Conflict):
                return False
            self._resolve(obs, lambda now: save_on(now, dialog.typed_draft), dialog, tr("ui.obs.review"),
                          dialog.accept)
            return True

        def save_on(now: ObservationInfo, draft):
            return service.review_into_preference(now.id, now.version, draft.pref_group, draft.pref_key,
                                                  draft.value, draft.note)

        dialog.conflict_hook = conflict
        dialog.exec()
        if dialog.result_value is not None:
            self.observations_changed.emit()

    def dismiss(self, obs: ObservationInfo) -> None:
        if not self.session.ctx.messages.confirm(self, tr("ui.obs.dismiss_confirm", text=obs.text)):
            return
        service = self._service()

        def failed(text: str, error: BaseException) -> None:
            if isinstance(error, Conflict):
                self._resolve(obs, lambda now: service.dismiss(now.id, now.version), self, tr("ui.obs.dismiss"),
                              lambda: None)
            else:
                self.session.ctx.messages.error(self, text)

        self.session.ctx.runner.run(lambda: service.dismiss(obs.id, obs.version),
                                    on_success=lambda _r: self.observations_changed.emit(), on_failure=failed,
                                    parent=self)

    def _resolve(self, obs: ObservationInfo, act, parent, action: str, close) -> None:
        """Another desk reviewed or dismissed the observation meanwhile (say who; nothing else to
        do), or changed it otherwise (both versions, then ``act`` on the current one)."""
        service, messages = self._service(), self.session.ctx.messages

        def current() -> ObservationInfo:
            return next(o for o in service.for_guest(obs.guest_id) if o.id == obs.id)

        def rows(now: ObservationInfo) -> list[FieldVersions]:
            return [FieldVersions(tr("ui.conflict.obs_status"), code_label("observation_status", now.status),
                                  code_label("observation_status", obs.status), False),
                    FieldVersions(tr("ui.conflict.obs_text"), now.text, obs.text, False)]

        def settled(now: ObservationInfo) -> str | None:
            if now.status == "new":
                return None
            return tr("ui.conflict.obs_settled", status=code_label("observation_status", now.status),
                      name=now.reviewed_by or "—")

        def finished(_result) -> None:
            close()
            self.observations_changed.emit()

        resolve_conflict(ConflictRoundTrip(
            what=tr("ui.conflict.what.observation"), load_current=current, rows_for=rows,
            reapply=lambda now: partial(act, now), on_saved=finished, on_discarded=finished,
            on_failure=lambda text, _e: messages.error(parent, text), settled=settled,
            tell=lambda text: messages.info(parent, text),
            note_for=lambda _now: tr("ui.conflict.row.action", action=action)), self.session.ctx.runner, parent)
