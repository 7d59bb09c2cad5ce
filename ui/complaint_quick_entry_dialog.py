"""Step 1 (聆听), the quick entry a lobby manager fills from the keyboard while the guest talks:
guest (search box, or none: linkable later), room, category, severity, channel, department, the
guest's own words; received now, by me, unless changed. Ctrl+Enter saves from anywhere."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QFormLayout, QLabel, QLineEdit, QWidget

from hotelcrm.domain import codes
from hotelcrm.i18n import tr
from hotelcrm.services.complaint_dto import CategoryInfo, DepartmentInfo, NewComplaint

from .complaint_format import lang, severity_text
from .complaint_guest_picker import ComplaintGuestPicker
from .complaint_step_dialog import ComplaintStepDialog, plain, text_box
from .guest_format import code_label
from .ui_context import UserSession

DEFAULT_SEVERITY = "medium"
DEFAULT_CHANNEL = "in_person"


def local_to_utc(value: QDateTime) -> datetime:
    return value.toPython().astimezone(UTC)  # a naive datetime is read as local time


class ComplaintQuickEntryDialog(ComplaintStepDialog):
    title_key = "ui.complaint.new_title"
    ok_key = "ui.complaint.new_save"

    def __init__(self, session: UserSession, categories: tuple[CategoryInfo, ...],
                 departments: tuple[DepartmentInfo, ...], parent: QWidget | None = None) -> None:
        self.categories = categories
        self.departments = departments
        super().__init__(session, None, parent)
        self.setTabOrder(self.guest.box, self.room)
        for first, second in ((self.room, self.category), (self.category, self.severity),
                              (self.severity, self.channel), (self.channel, self.department),
                              (self.department, self.words), (self.words, self.received_at)):
            self.setTabOrder(first, second)
        self.guest.box.setFocus()

    def build(self, form: QFormLayout) -> None:
        self.guest = ComplaintGuestPicker(self.session)
        self.guest.picked.connect(self._guest_picked)
        self.guest.done.connect(lambda: self.room.setFocus())
        self.room = QLineEdit(maxLength=10)
        self.room.setPlaceholderText(tr("ui.complaint.room_placeholder"))
        self.category = QComboBox()
        for category in self.categories:
            self.category.addItem(category.name(lang()), category.id)
        self.severity = QComboBox()
        for severity in codes.SEVERITY:
            self.severity.addItem(severity_text(severity), severity)
        self.severity.setCurrentIndex(codes.SEVERITY.index(DEFAULT_SEVERITY))
        self.channel = QComboBox()
        for channel in codes.COMPLAINT_CHANNEL:
            self.channel.addItem(code_label("complaint_channel", channel), channel)
        self.department = QComboBox()
        self.department.addItem(tr("ui.complaint.department_none"), None)
        for department in self.departments:
            self.department.addItem(department.name(lang()), department.id)
        self.words = text_box(5)
        self.words.setPlaceholderText(tr("ui.complaint.words_placeholder"))
        self.received_at = QDateTimeEdit(QDateTime.currentDateTime())
        self.received_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.received_at.setCalendarPopup(True)
        self._opened_at = self.received_at.dateTime()
        actor = self.session.actor
        self.received_by = QLabel(actor.display_name or actor.username)
        form.addRow(tr("ui.complaint.field.guest"), self.guest)
        form.addRow(tr("ui.complaint.field.room"), self.room)
        form.addRow(tr("ui.complaint.field.category"), self.category)
        form.addRow(tr("ui.complaint.field.severity"), self.severity)
        form.addRow(tr("ui.complaint.field.channel"), self.channel)
        form.addRow(tr("ui.complaint.field.department"), self.department)
        form.addRow(tr("ui.complaint.field.guest_words"), self.words)
        form.addRow(tr("ui.complaint.field.received_at"), self.received_at)
        form.addRow(tr("ui.complaint.field.received_by"), self.received_by)
        self.fields = {"complaint_guest": self.guest.box, "complaint_room_no": self.room,
                       "complaint_category": self.category, "complaint_severity": self.severity,
                       "complaint_channel": self.channel, "complaint_department": self.department,
                       "complaint_guest_words": self.words, "complaint_received_at": self.received_at}

    def _guest_picked(self, hit) -> None:
        if hit.in_house_room and not self.room.text().strip():
            self.room.setText(hit.in_house_room)

    def draft(self) -> NewComplaint:
        changed = self.received_at.dateTime() != self._opened_at
        return NewComplaint(
            channel=self.channel.currentData(), category_id=self.category.currentData(),
            severity=self.severity.currentData(), guest_words=plain(self.words),
            department_id=self.department.currentData(), guest_id=self.guest.guest_id,
            room_no=self.room.text().strip() or None,
            received_at=local_to_utc(self.received_at.dateTime()) if changed else None)

    def call(self) -> Callable[[], Any]:
        draft = self.draft()
        return lambda: self.service.receive(draft)
