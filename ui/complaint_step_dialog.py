"""What every complaint dialog shares: the complaint's number and step on top, the category's
handling guideline and the hotel's principles beside steps 3–4, the form, the error line, and
the save through the task runner. The service checks everything; a refusal is shown under the
form with the field marked, and nothing is saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.errors import Conflict, HotelCrmError
from hotelcrm.i18n import tr
from hotelcrm.services.complaint_dto import ComplaintDetail

from .complaint_format import lang, level_text, state_text
from .conflict_dialog import ConflictRoundTrip, FieldVersions, resolve_conflict, shown
from .error_display import error_message
from .form_widgets import FormErrors, form_layout, ok_cancel_buttons
from .row_conflict import RowKind, ShowsRefusal
from .ui_context import UserSession

GUIDE_STYLE = "QFrame#guide { background: #fffbea; border: 1px solid #eadc9a; border-radius: 6px; }"


def text_box(lines: int = 4) -> QPlainTextEdit:
    """A multi-line field that Tab leaves (a keyboard user never types a tab into a note)."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(lines * 20 + 14)  # a form of several notes stays on one screen
    return edit


def plain(edit: QPlainTextEdit) -> str:
    return edit.toPlainText().strip()


def typed_text(widget: QWidget) -> str:
    """What a form widget shows, for the conflict comparison."""
    if isinstance(widget, QPlainTextEdit):
        return shown(widget.toPlainText().strip())
    if isinstance(widget, QLineEdit | QAbstractSpinBox):
        return shown(widget.text().strip())
    if isinstance(widget, QComboBox):
        return shown(widget.currentText() if widget.currentData() is not None else None)
    return shown(None)


def step_value(detail: ComplaintDetail, field: str) -> str:
    """The newest value the complaint holds for a form field (``complaint_findings`` →
    the latest step record's ``findings``), or the dash."""
    name = field.removeprefix("complaint_")
    for record in reversed(detail.steps):
        value = getattr(record, name, None)
        if value is not None:
            return shown(value)
    return shown(None)


def complaint_action_kind(session: UserSession, complaint_id: int, act: Callable[[ComplaintDetail], Any]) -> RowKind:
    """A complaint for an action without a form (approve the remedy): its state and latest step
    now beside as this desk saw them; ``act(current)`` does the action on the current version."""
    service = session.ctx.services.complaints(session.actor)

    def texts(detail: ComplaintDetail) -> dict[str, str]:
        last = detail.steps[-1] if detail.steps else None
        by = tr("ui.conflict.complaint.by", step=state_text(last.step), name=last.done_by_name or "—") \
            if last else shown(None)
        return {"state": state_text(detail.state), "step": by, "level": level_text(detail.escalation_level),
                "escalations": str(len(detail.escalations))}

    return RowKind(entity="complaint", what=tr("ui.conflict.what.complaint"),
                   labels={"state": tr("ui.conflict.complaint.state"), "step": tr("ui.conflict.complaint.step"),
                           "level": tr("ui.conflict.complaint.level"),
                           "escalations": tr("ui.conflict.complaint.escalations")},
                   load=lambda: service.detail(complaint_id), draft_of=lambda detail: detail, texts=texts,
                   update=lambda now, _none: act(now))


class ComplaintStepDialog(ShowsRefusal, QDialog):
    """Subclasses build their form in ``build(form)``, name their widgets in ``fields`` (service
    field name → widget) and return the service call in ``call()`` (raising ``ValidationError``
    for input the dialog itself cannot turn into a value, e.g. a malformed amount)."""

    title_key = ""
    ok_key = "ui.complaint.save"
    show_guideline = False

    def __init__(self, session: UserSession, detail: ComplaintDetail | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail = detail
        self.service = session.ctx.services.complaints(session.actor)
        self.result_value: Any = None
        self.fields: dict[str, QWidget] = {}
        self.setWindowTitle(tr(self.title_key))
        heading = QLabel(self.heading(), objectName="dialogTitle")
        heading.setWordWrap(True)
        form = self.form = form_layout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.build(form)
        self.errors = FormErrors(QLabel(), self.fields)
        self.buttons = ok_cancel_buttons(tr(self.ok_key))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        save = QShortcut(QKeySequence("Ctrl+Return"), self)
        save.activated.connect(self.submit)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addLayout(form, 3)
        if self.show_guideline and detail is not None:
            body.addWidget(self.guide_panel(), 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addLayout(body, 1)
        layout.addWidget(self.errors.label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(820 if self.show_guideline else 560)

    # --- for subclasses -----------------------------------------------------------------
    def heading(self) -> str:
        if self.detail is None:
            return tr(self.title_key)
        return tr("ui.complaint.dialog_heading", number=self.detail.number, title=tr(self.title_key))

    def build(self, form: QFormLayout) -> None:
        raise NotImplementedError

    def call(self) -> Callable[[], Any]:
        raise NotImplementedError

    # --- guideline ----------------------------------------------------------------------
    def guide_panel(self) -> QFrame:
        frame = QFrame(objectName="guide")
        frame.setStyleSheet(GUIDE_STYLE)
        box = QVBoxLayout(frame)
        box.setContentsMargins(12, 10, 12, 10)
        category = self.detail.category
        title = QLabel(tr("ui.complaint.guideline_title", category=category.name(lang())), objectName="sectionTitle")
        title.setWordWrap(True)
        self.guideline = QLabel(category.guideline(lang()) or tr("ui.complaint.guideline_none"))
        self.guideline.setWordWrap(True)
        self.guideline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        principles_title = QLabel(tr("ui.complaint.principles_title"), objectName="sectionTitle")
        keys = self.session.ctx.services.complaint_config(self.session.actor).principle_keys()
        self.principles = QLabel("\n".join(f"• {tr(k)}" for k in keys))
        self.principles.setWordWrap(True)
        for widget in (title, self.guideline, principles_title, self.principles):
            box.addWidget(widget)
        box.addStretch(1)
        return frame

    # --- saving -------------------------------------------------------------------------
    def submit(self) -> None:
        if not self.buttons.isEnabled():
            return
        self.errors.clear()
        try:
            action = self.call()
        except HotelCrmError as exc:
            self.errors.show(error_message(exc), exc)
            return
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(action, on_success=self._saved, on_failure=self._failed, parent=self)

    def _saved(self, result: Any) -> None:
        self.result_value = result
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        if isinstance(error, Conflict) and self.detail is not None:
            self._resolve()
            return
        self._refused(text, error)


    # --- someone else acted on the complaint meanwhile ----------------------------------
    def _resolve(self) -> None:
        read = self.detail

        def rows(current: ComplaintDetail) -> list[FieldVersions]:
            last = current.steps[-1] if current.steps else None
            by = tr("ui.conflict.complaint.by", step=state_text(last.step),
                    name=last.done_by_name or "—") if last else shown(None)
            result = [FieldVersions(tr("ui.conflict.complaint.state"), state_text(current.state),
                                    state_text(read.state), changed_here=False),
                      FieldVersions(tr("ui.conflict.complaint.step"), by, tr(self.title_key))]
            for name, widget in self.fields.items():
                label = self.form.labelForField(widget)
                text = label.text() if isinstance(label, QLabel) else name
                result.append(FieldVersions(text, step_value(current, name), typed_text(widget)))
            return result

        def reapply(current: ComplaintDetail):
            self.detail = current  # the step is recorded on the version just loaded
            return self.call()

        def discarded(current: ComplaintDetail) -> None:
            self.result_value = current
            self.accept()

        resolve_conflict(ConflictRoundTrip(
            what=tr("ui.conflict.what.complaint"), load_current=lambda: self.service.detail(read.id),
            rows_for=rows, reapply=reapply, on_saved=self._saved, on_discarded=discarded,
            on_failure=self._refused), self.session.ctx.runner, self)
