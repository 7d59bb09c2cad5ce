"""Administration: the retention rule (anonymize cards with no stay for N years): set it, see
how many cards are due, and run it now (after a confirmation). Administrators only: saving
needs SETTINGS_ADMIN, running PRIVACY."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from hotelcrm.domain.privacy_rules import MAX_RETENTION_YEARS, RETENTION_SETTING
from hotelcrm.i18n import tr

from .form_widgets import FormErrors, form_layout
from .ui_context import UserSession


class PrivacyRetentionPanel(QGroupBox):
    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(tr("privacy.ui.retention_title"), parent)
        self.session = session
        self.years = QSpinBox()
        self.years.setRange(0, MAX_RETENTION_YEARS)
        self.years.setSpecialValueText(tr("privacy.ui.retention_off"))
        self.years.setSuffix(tr("privacy.ui.retention_suffix"))
        self.years.setFixedWidth(160)
        self.save_button = QPushButton(tr("privacy.ui.retention_save"))
        self.preview_button = QPushButton(tr("privacy.ui.retention_preview"))
        self.run_button = QPushButton(tr("privacy.ui.retention_run"))
        self.save_button.clicked.connect(self.save)
        self.preview_button.clicked.connect(self.preview)
        self.run_button.clicked.connect(self.run_now)
        self.note = QLabel(objectName="hint", wordWrap=True)
        self.errors = FormErrors(QLabel(), {"retention_years": self.years})
        form = form_layout()
        form.addRow(tr("field.retention_years"), self.years)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        for button in (self.preview_button, self.run_button, self.save_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("privacy.ui.retention_hint"), objectName="hint", wordWrap=True))
        layout.addLayout(form)
        layout.addWidget(self.errors.label)
        layout.addLayout(buttons)
        self.years.valueChanged.connect(lambda _v: self.note.clear())

    def _privacy(self):
        return self.session.ctx.services.privacy(self.session.actor)

    def load(self) -> None:
        self.session.ctx.runner.run(self._privacy().retention_years, on_success=self.years.setValue, parent=self)

    def save(self) -> None:
        self.errors.clear()
        settings = self.session.ctx.services.settings(self.session.actor)
        years = self.years.value()
        self.session.ctx.runner.run(lambda: settings.set(RETENTION_SETTING, years), parent=self,
                                    on_success=lambda _r: self.note.setText(tr("privacy.ui.retention_saved")),
                                    on_failure=lambda text, error: self.errors.show(text, error))

    def preview(self) -> None:
        privacy = self.session.ctx.services.privacy(self.session.actor)
        self.session.ctx.runner.run(lambda: privacy.run_retention(dry_run=True), parent=self,
                                    on_success=self._previewed)

    def _previewed(self, result) -> None:
        if result.years <= 0:
            self.note.setText(tr("privacy.ui.retention_is_off"))
        else:
            self.note.setText(tr("privacy.ui.retention_due", count=len(result.guest_ids), years=result.years,
                                 cutoff=result.cutoff.isoformat()))

    def run_now(self) -> None:
        privacy = self.session.ctx.services.privacy(self.session.actor)
        self.session.ctx.runner.run(lambda: privacy.run_retention(dry_run=True), parent=self,
                                    on_success=self._confirm_run)

    def _confirm_run(self, due) -> None:
        self._previewed(due)
        if due.years <= 0 or not due.guest_ids:
            return
        if not self.session.ctx.messages.confirm(self, tr("privacy.ui.retention_confirm", count=len(due.guest_ids),
                                                          years=due.years)):
            return
        privacy = self.session.ctx.services.privacy(self.session.actor)
        self.session.ctx.runner.run(lambda: privacy.run_retention(), parent=self, label=tr("privacy.ui.anonymizing"),
                                    on_success=lambda r: self.note.setText(
                                        tr("privacy.ui.retention_done", count=len(r.guest_ids))))
