"""A log entry, fast from the keyboard: the type first (keys 1–7 pick it), then the text;
Ctrl+Enter saves. Incident entries show the incident record underneath."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.errors import Conflict, ValidationError
from hotelcrm.domain.logbook_entries import ENTRY_TYPES
from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import error_text, tr
from hotelcrm.services.logbook_dto import EntryDraft, EntryInfo, IncidentInfo

from .complaint_quick_entry_dialog import ComplaintQuickEntryDialog
from .form_widgets import FormErrors, form_layout, ok_cancel_buttons, select_data
from .guest_format import code_label
from .logbook_entry_conflict import entry_kind
from .logbook_incident_form import IncidentForm
from .row_conflict import Outcome, ShowsRefusal, resolve_record_edit
from .ui_context import UserSession


@dataclass(frozen=True)
class Choice:
    value: int
    label: str


def local_datetime(edit: QDateTimeEdit) -> datetime:
    return edit.dateTime().toPython().astimezone()


class LogEntryDialog(ShowsRefusal, QDialog):
    """New entry (``entry`` None) or a correction while the shift is open (the entry's version
    goes with the save, so a newer save by someone else is refused)."""

    def __init__(self, session: UserSession, currency: str, guests: list[Choice], complaints: list[Choice],
                 entry: EntryInfo | None = None, incident: IncidentInfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.entry = entry
        self.result_value: EntryInfo | None = None
        self.type = QComboBox()
        for number, code in enumerate(ENTRY_TYPES, start=1):
            self.type.addItem(f"{number}  {code_label('log_entry_type', code)}", code)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(90)
        self.text.setMaximumHeight(160)
        self.room = QLineEdit(maxLength=10)
        self.guest = self._choices(guests, tr("ui.logbook.no_guest"))
        self.complaint = self._choices(complaints, tr("ui.logbook.no_complaint"))
        # A complaint told to the lobby manager starts its record here (step 1, 聆听) when the user
        # may record complaints; the entry then links to it.
        self.new_complaint_button = QPushButton(tr("ui.logbook.new_complaint"))
        self.new_complaint_button.setVisible(entry is None and session.can(Permission.COMPLAINT_RECORD))
        self.new_complaint_button.clicked.connect(self.new_complaint)
        self.followup = QCheckBox(tr("ui.logbook.followup_required"))
        self.due = QDateTimeEdit(QDateTime.currentDateTime().addSecs(2 * 3600))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.has_due = QCheckBox(tr("ui.logbook.with_due"))
        self.incident = IncidentForm(currency)
        self.errors = FormErrors(QLabel(), {
            "logbook_entry_type": self.type, "logbook_text": self.text, "room_no": self.room,
            "logbook_guest": self.guest, "logbook_complaint": self.complaint, "logbook_followup_due": self.due,
            **self.incident.fields})
        self.buttons = ok_cancel_buttons(tr("ui.logbook.save_entry"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self._submit)
        QShortcut(QKeySequence("Ctrl+Enter"), self, activated=self._submit)
        self.type.currentIndexChanged.connect(self._type_changed)
        self.followup.toggled.connect(self._followup_changed)
        self.has_due.toggled.connect(self._followup_changed)
        if entry is not None:
            self._fill(entry, incident)
        self._build()
        self._type_changed()
        self._followup_changed()
        self.initial_draft = self.draft() if entry is not None else None  # for the conflict dialog
        self.type.setFocus()

    @staticmethod
    def _choices(choices: list[Choice], none_text: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(none_text, None)
        for c in choices:
            combo.addItem(c.label, c.value)
        return combo

    def _build(self) -> None:
        self.setWindowTitle(tr("ui.logbook.edit_entry_title" if self.entry else "ui.logbook.new_entry_title"))
        form = form_layout()
        hint = QLabel(tr("ui.logbook.type_hint"), objectName="hint")
        hint.setWordWrap(True)
        form.addRow(tr("field.logbook_entry_type"), self.type)
        form.addRow("", hint)
        form.addRow(tr("field.logbook_text"), self.text)
        form.addRow(tr("ui.logbook.room"), self.room)
        form.addRow(tr("field.logbook_guest"), self.guest)
        complaint_row = QHBoxLayout()
        complaint_row.addWidget(self.complaint, 1)
        complaint_row.addWidget(self.new_complaint_button)
        form.addRow(tr("field.logbook_complaint"), complaint_row)
        follow = QHBoxLayout()
        follow.addWidget(self.followup)
        follow.addWidget(self.has_due)
        follow.addWidget(self.due)
        follow.addStretch(1)
        form.addRow(tr("ui.logbook.followup"), follow)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 8, 0)
        body_layout.addLayout(form)
        body_layout.addWidget(self.incident)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.errors.label)
        layout.addWidget(self.buttons)
        self.resize(720, 420)

    def _fill(self, entry: EntryInfo, incident: IncidentInfo | None) -> None:
        select_data(self.type, entry.entry_type)
        self.type.setEnabled(entry.amends_id is None)
        self.text.setPlainText(entry.text)
        self.room.setText(entry.room_no or "")
        if entry.guest_id is not None and self.guest.findData(entry.guest_id) < 0:
            self.guest.addItem(entry.guest_name or str(entry.guest_id), entry.guest_id)
        select_data(self.guest, entry.guest_id)
        if entry.complaint_id is not None and self.complaint.findData(entry.complaint_id) < 0:
            self.complaint.addItem(entry.complaint_number or str(entry.complaint_id), entry.complaint_id)
        select_data(self.complaint, entry.complaint_id)
        self.followup.setChecked(entry.followup_required)
        if entry.followup_due_at:
            self.has_due.setChecked(True)
            self.due.setDateTime(QDateTime(entry.followup_due_at.astimezone().replace(tzinfo=None)))
        if incident is not None:
            self.incident.fill(incident)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """While the type box has the focus, 1–7 pick a type and move on to the text."""
        key = event.key()
        if self.focusWidget() is self.type and self.type.isEnabled() and Qt.Key.Key_1 <= key < Qt.Key.Key_1 + len(ENTRY_TYPES):
            self.type.setCurrentIndex(key - Qt.Key.Key_1)
            self.text.setFocus()
            return
        super().keyPressEvent(event)

    def _type_changed(self) -> None:
        kind = self.type.currentData()
        self.incident.setVisible(kind == "incident")
        self.complaint.setEnabled(kind == "complaint")
        self.new_complaint_button.setEnabled(kind == "complaint")
        if kind == "incident":
            self.resize(max(self.width(), 760), max(self.height(), 720))

    def _followup_changed(self) -> None:
        self.has_due.setEnabled(self.followup.isChecked())
        self.due.setEnabled(self.followup.isChecked() and self.has_due.isChecked())

    def new_complaint(self) -> None:
        """Record step 1 of a new complaint with what this entry says, then link the entry to it."""
        config = self.session.ctx.services.complaint_config(self.session.actor)
        self.session.ctx.runner.run(lambda: (config.categories(), config.departments()),
                                    on_success=self._open_quick_entry, parent=self)

    def _open_quick_entry(self, loaded: tuple) -> None:
        dialog = ComplaintQuickEntryDialog(self.session, *loaded, parent=self)
        if self.guest.currentData() is not None:
            dialog.guest.preset(self.guest.currentData(), self.guest.currentText())
        dialog.room.setText(self.room.text().strip())
        dialog.words.setPlainText(self.text.toPlainText())
        dialog.exec()
        created = dialog.result_value
        if created is None:
            return
        self.complaint.addItem(created.number, created.id)
        select_data(self.complaint, created.id)
        if not self.room.text().strip() and created.room_no:
            self.room.setText(created.room_no)

    def draft(self) -> EntryDraft:
        kind = self.type.currentData()
        due = local_datetime(self.due) if self.followup.isChecked() and self.has_due.isChecked() else None
        return EntryDraft(
            entry_type=kind, text=self.text.toPlainText(), room_no=self.room.text() or None,
            guest_id=self.guest.currentData(), complaint_id=self.complaint.currentData() if kind == "complaint" else None,
            followup_required=self.followup.isChecked(), followup_due_at=due,
            occurred_at=self.entry.occurred_at if self.entry else None,
        )

    def _submit(self) -> None:
        if not self.buttons.isEnabled():
            return
        self.errors.clear()
        try:
            draft = self.draft()
            incident = self.incident.draft() if draft.entry_type == "incident" else None
        except ValidationError as error:
            self.errors.show(error_text(error), error)
            return
        entries = self.session.ctx.services.logbook_entries(self.session.actor)
        entry = self.entry
        if entry is None:
            work = lambda: entries.add(draft, incident)  # noqa: E731
        else:
            work = lambda: self._update(entry, draft, incident)  # noqa: E731
        self.typed, self.typed_incident = draft, incident
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(work, on_success=self._saved, on_failure=self._failed, parent=self)

    def _update(self, entry: EntryInfo, draft: EntryDraft, incident) -> EntryInfo:
        services, actor = self.session.ctx.services, self.session.actor
        saved = services.logbook_entries(actor).update(entry.id, entry.version, draft)
        if incident is not None and entry.amends_id is None:
            services.logbook_incidents(actor).save(entry.id, incident)
            saved = services.logbook_entries(actor).get(entry.id)
        return saved

    def _saved(self, info: EntryInfo) -> None:
        self.result_value = info
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        if isinstance(error, Conflict) and self.entry is not None:  # saved elsewhere meanwhile
            kind = entry_kind(self.session, self.entry.id, self.guest, self.complaint,
                              lambda now, draft: self._update(now, draft, self.typed_incident))
            resolve_record_edit(self.session, kind, self.entry, self.initial_draft, self.typed,
                                Outcome(self._saved, self._saved, self._refused), self)
            return
        self._refused(text, error)
