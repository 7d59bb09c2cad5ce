"""Add or change a benefit: names and descriptions in both languages, kind, value, and whether
it depends on rooms being available."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from hotelcrm.domain import codes
from hotelcrm.domain.errors import Conflict
from hotelcrm.i18n import tr
from hotelcrm.services.loyalty_dto import BenefitDraft, BenefitInfo

from .form_widgets import FormErrors, form_layout, ok_cancel_buttons, select_data
from .guest_format import code_label
from .loyalty_config_conflict import benefit_kind
from .row_conflict import Outcome, ShowsRefusal, resolve_record_edit
from .ui_context import UserSession


class LoyaltyBenefitDialog(ShowsRefusal, QDialog):
    def __init__(self, session: UserSession, benefit: BenefitInfo | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.benefit = benefit
        self.result_value: BenefitInfo | None = None
        b = benefit
        self.code = QLineEdit(b.code if b else "")
        self.name_en = QLineEdit(b.name_en if b else "")
        self.name_zh = QLineEdit(b.name_zh if b else "")
        self.description_en = QLineEdit(b.description_en if b else "")
        self.description_zh = QLineEdit(b.description_zh if b else "")
        self.kind = QComboBox()
        for kind in codes.BENEFIT_KIND:
            self.kind.addItem(code_label("benefit_kind", kind), kind)
        select_data(self.kind, b.kind if b else "other")
        self.value = QSpinBox(minimum=0, maximum=1000, value=(b.value or 0) if b else 0)
        self.value.setSpecialValueText(tr("ui.loyalty.tier.none"))
        self.rooms = QCheckBox(tr("ui.loyalty.benefit.rooms_allow"))
        self.rooms.setChecked(bool(b and b.if_rooms_allow))
        self.active = QCheckBox(tr("ui.loyalty.tier.active"))
        self.active.setChecked(b.active if b else True)
        self.errors = FormErrors(QLabel(), {
            "benefit_code": self.code, "benefit_name_en": self.name_en, "benefit_name_zh": self.name_zh,
            "benefit_description_en": self.description_en, "benefit_description_zh": self.description_zh,
            "benefit_kind": self.kind, "benefit_value": self.value})
        self.buttons = ok_cancel_buttons()
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        form = form_layout()
        for key, widget in (("code", self.code), ("name_en", self.name_en), ("name_zh", self.name_zh),
                            ("description_en", self.description_en), ("description_zh", self.description_zh),
                            ("kind", self.kind), ("value", self.value)):
            form.addRow(tr(f"ui.loyalty.benefit.field.{key}"), widget)
        form.addRow("", self.rooms)
        form.addRow("", self.active)
        self.setWindowTitle(tr("ui.loyalty.benefit.title"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(12)
        layout.addWidget(QLabel(tr("ui.loyalty.benefit.title"), objectName="dialogTitle"))
        layout.addLayout(form)
        layout.addWidget(self.errors.label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.initial_draft = self.draft()  # what the form started with, for the conflict dialog

    def draft(self) -> BenefitDraft:
        return BenefitDraft(code=self.code.text(), name_en=self.name_en.text(), name_zh=self.name_zh.text(),
                            kind=self.kind.currentData(), description_en=self.description_en.text(),
                            description_zh=self.description_zh.text(), if_rooms_allow=self.rooms.isChecked(),
                            value=self.value.value() or None, active=self.active.isChecked())

    def _submit(self) -> None:
        self.errors.clear()
        config = self.session.ctx.services.loyalty_config(self.session.actor)
        draft, b = self.draft(), self.benefit
        self.typed = draft
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(lambda: config.save_benefit(b.id if b else None, b.version if b else None, draft),
                                    on_success=self._saved, on_failure=self._failed, parent=self)

    def _saved(self, benefit: BenefitInfo) -> None:
        self.result_value = benefit
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        if isinstance(error, Conflict) and self.benefit is not None:  # saved by another manager meanwhile
            resolve_record_edit(self.session, benefit_kind(self.session, self.benefit.id), self.benefit,
                                self.initial_draft, self.typed, Outcome(self._saved, self._saved, self._refused), self)
            return
        self._refused(text, error)

