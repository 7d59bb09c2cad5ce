"""Time targets per severity (minutes to acknowledge, remedy, close) and the authority limit of
each escalation level (the largest compensation it may approve; empty = no limit)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain import codes
from hotelcrm.domain.errors import HotelCrmError
from hotelcrm.domain.stay_rules import format_money, parse_money
from hotelcrm.i18n import tr
from hotelcrm.services.complaint_dto import ComplaintSettings

from .complaint_format import level_text, severity_text
from .error_display import error_message
from .form_widgets import FormErrors
from .ui_context import UserSession

KINDS = ("acknowledge", "remedy", "close")
MAX_MINUTES = 90 * 24 * 60


class ComplaintTargetsPanel(QWidget):
    saved = Signal()

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.config = session.ctx.services.complaint_config(session.actor)
        self.currency = "CNY"
        self.minutes: dict[tuple[str, str], QSpinBox] = {}
        targets = QGroupBox(tr("ui.complaint.config.targets"))
        grid = QGridLayout(targets)
        for col, kind in enumerate(KINDS, start=1):
            grid.addWidget(QLabel(tr(f"ui.complaint.target.{kind}")), 0, col)
        for row, severity in enumerate(codes.SEVERITY, start=1):
            grid.addWidget(QLabel(severity_text(severity)), row, 0)
            for col, kind in enumerate(KINDS, start=1):
                spin = QSpinBox(minimum=1, maximum=MAX_MINUTES, singleStep=15)
                spin.setSuffix(tr("ui.complaint.config.minutes_suffix"))
                self.minutes[(severity, kind)] = spin
                grid.addWidget(spin, row, col)
        limits = QGroupBox(tr("ui.complaint.config.limits"))
        limit_grid = QGridLayout(limits)
        self.limits: dict[str, QLineEdit] = {}
        for row, level in enumerate(codes.ESCALATION_LEVEL):
            edit = QLineEdit(maxLength=20)
            edit.setPlaceholderText(tr("ui.complaint.config.no_limit"))
            self.limits[level] = edit
            limit_grid.addWidget(QLabel(level_text(level)), row, 0)
            limit_grid.addWidget(edit, row, 1)
        self.hint = QLabel(tr("ui.complaint.config.targets_hint"), objectName="hint", wordWrap=True)
        self.errors = FormErrors(QLabel(), {"complaint_time_targets": targets, "complaint_authority_limits": limits})
        self.save_button = QPushButton(tr("ui.complaint.save"))
        self.save_button.clicked.connect(self.save)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(targets)
        layout.addWidget(limits)
        layout.addWidget(self.hint)
        layout.addWidget(self.errors.label)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.save_button.setEnabled(False)
        session.ctx.runner.run(self.config.settings, on_success=self.show_settings, parent=self, quiet=True)

    def show_settings(self, settings: ComplaintSettings) -> None:
        self.currency = settings.currency or "CNY"
        for severity, target in settings.time_targets.items():
            for kind in KINDS:
                spin = self.minutes.get((severity, kind))
                if spin is not None:
                    spin.setValue(getattr(target, f"{kind}_minutes"))
        for level, cents in settings.authority_limits.items():
            if level in self.limits:
                self.limits[level].setText("" if cents is None else format_money(cents, self.currency))
        self.save_button.setEnabled(True)

    def save(self) -> None:
        self.errors.clear()
        try:
            limits = {level: (parse_money(edit.text(), "complaint_authority_limits", self.currency)
                              if edit.text().strip() else None) for level, edit in self.limits.items()}
        except HotelCrmError as exc:
            self.errors.show(error_message(exc), exc)
            return
        targets = {severity: {kind: self.minutes[(severity, kind)].value() for kind in KINDS}
                   for severity in codes.SEVERITY}
        self.save_button.setEnabled(False)
        self.session.ctx.runner.run(
            lambda: self.config.update_settings(time_targets=targets, authority_limits=limits),
            on_success=self._saved, on_failure=self._failed, parent=self)

    def _saved(self, settings: ComplaintSettings) -> None:
        self.show_settings(settings)
        self.session.ctx.messages.info(self, tr("ui.complaint.config.saved"))
        self.saved.emit()

    def _failed(self, text: str, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.errors.show(text, error)
