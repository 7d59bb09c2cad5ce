"""The hotel-wide settings an administrator may change (through ``SettingsService``)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.i18n import tr
from hotelcrm.services.settings_service import HotelSettings

from .form_widgets import FormErrors, form_layout
from .ui_context import UserSession

MIN_IDLE, MAX_IDLE = 1, 240


class HotelSettingsPanel(QGroupBox):
    """Hotel name and idle-lock minutes; ``saved`` carries the values now in force."""

    saved = Signal(object)  # HotelSettings

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(tr("ui.settings.title"), parent)
        self.session = session
        self.hotel_name = QLineEdit(maxLength=200)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(MIN_IDLE, MAX_IDLE)
        self.idle_minutes.setSuffix(tr("ui.settings.minutes_suffix"))
        self.idle_minutes.setFixedWidth(140)
        self.save_button = QPushButton(tr("ui.settings.save"))
        self.save_button.clicked.connect(self.save)
        self.saved_note = QLabel(objectName="hint")
        self.errors = FormErrors(QLabel(), {"hotel_name": self.hotel_name,
                                            "idle_lock_minutes": self.idle_minutes})
        form = form_layout()
        form.addRow(tr("field.hotel_name"), self.hotel_name)
        form.addRow(tr("field.idle_lock_minutes"), self.idle_minutes)
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_note, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors.label)
        layout.addLayout(buttons)
        self.hotel_name.textEdited.connect(lambda _t: self.saved_note.clear())
        self.idle_minutes.valueChanged.connect(lambda _v: self.saved_note.clear())

    def show_settings(self, settings: HotelSettings) -> None:
        self.hotel_name.setText(settings.hotel_name)
        self.idle_minutes.setValue(settings.idle_lock_minutes)

    def load(self) -> None:
        service = self.session.ctx.services.settings(self.session.actor)
        self.session.ctx.runner.run(service.hotel, on_success=self.show_settings, parent=self)

    def save(self) -> None:
        self.errors.clear()
        self.saved_note.clear()
        service = self.session.ctx.services.settings(self.session.actor)
        name, minutes = self.hotel_name.text(), self.idle_minutes.value()

        def work() -> HotelSettings:
            return service.set_many({"hotel.name": name, "ui.idle_lock_minutes": minutes})

        self.save_button.setEnabled(False)
        self.session.ctx.runner.run(work, on_success=self._saved, on_failure=self._failed, parent=self)

    def _saved(self, settings: HotelSettings) -> None:
        self.save_button.setEnabled(True)
        self.show_settings(settings)
        self.saved_note.setText(tr("ui.settings.saved"))
        self.saved.emit(settings)

    def _failed(self, text: str, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.errors.show(text, error)
