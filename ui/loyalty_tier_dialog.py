"""Add or change a tier: names in both languages, rank, colour, qualification (nights and/or
points in a calendar year), bonus %, and which benefits it has (its row of the matrix)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.errors import Conflict
from hotelcrm.domain.loyalty_tiers import MAX_BONUS_PCT, MAX_THRESHOLD
from hotelcrm.i18n import current_language, tr
from hotelcrm.services.loyalty_dto import BenefitInfo, TierDraft, TierInfo

from .form_widgets import FormErrors, form_layout, ok_cancel_buttons
from .loyalty_config_conflict import TierEdit, tier_edit, tier_kind
from .row_conflict import Outcome, ShowsRefusal, resolve_record_edit
from .ui_context import UserSession


def _optional(spin: QSpinBox) -> int | None:
    return spin.value() or None


class LoyaltyTierDialog(ShowsRefusal, QDialog):
    def __init__(self, session: UserSession, tier: TierInfo | None, benefits: list[BenefitInfo],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tier = tier
        self.result_value: TierInfo | None = None
        self.code = QLineEdit(tier.code if tier else "")
        self.name_en = QLineEdit(tier.name_en if tier else "")
        self.name_zh = QLineEdit(tier.name_zh if tier else "")
        self.rank = QSpinBox(minimum=1, maximum=99, value=tier.rank if tier else 1)
        self.colour = QLineEdit(tier.colour if tier else "#999999")
        self.nights = QSpinBox(minimum=0, maximum=MAX_THRESHOLD, value=(tier.nights_threshold or 0) if tier else 0)
        self.points = QSpinBox(minimum=0, maximum=MAX_THRESHOLD, value=(tier.points_threshold or 0) if tier else 0)
        self.points.setGroupSeparatorShown(True)
        for spin in (self.nights, self.points):
            spin.setSpecialValueText(tr("ui.loyalty.tier.none"))
        self.bonus = QSpinBox(minimum=0, maximum=MAX_BONUS_PCT, value=tier.bonus_pct if tier else 0, suffix=" %")
        self.active = QCheckBox(tr("ui.loyalty.tier.active"))
        self.active.setChecked(tier.active if tier else True)
        zh = current_language() == "zh_CN"
        self.benefits = {b.code: QCheckBox(b.name_zh if zh else b.name_en) for b in benefits}
        for code, box in self.benefits.items():
            box.setChecked(tier is not None and code in tier.benefit_codes)
        self.errors = FormErrors(QLabel(), {
            "tier_code": self.code, "tier_name_en": self.name_en, "tier_name_zh": self.name_zh, "tier_rank": self.rank,
            "tier_colour": self.colour, "nights_threshold": self.nights, "points_threshold": self.points,
            "bonus_pct": self.bonus, "tier_active": self.active})
        self.buttons = ok_cancel_buttons()
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self._build()
        self.initial_edit = self._edit(self.draft())  # what the form started with, for the conflict dialog

    def _build(self) -> None:
        self.setWindowTitle(tr("ui.loyalty.tier.title"))
        form = form_layout()
        for key, widget in (("code", self.code), ("name_en", self.name_en), ("name_zh", self.name_zh),
                            ("rank", self.rank), ("colour", self.colour), ("nights", self.nights),
                            ("points", self.points), ("bonus", self.bonus)):
            form.addRow(tr(f"ui.loyalty.tier.field.{key}"), widget)
        form.addRow("", self.active)
        grid = QGridLayout()
        for i, box in enumerate(self.benefits.values()):
            grid.addWidget(box, i // 2, i % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(12)
        layout.addWidget(QLabel(tr("ui.loyalty.tier.title"), objectName="dialogTitle"))
        layout.addLayout(form)
        layout.addWidget(QLabel(tr("ui.loyalty.tier.benefits"), objectName="hint"))
        layout.addLayout(grid)
        layout.addWidget(QLabel(tr("ui.loyalty.tier.history_note"), objectName="hint", wordWrap=True))
        layout.addWidget(self.errors.label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def draft(self) -> TierDraft:
        return TierDraft(code=self.code.text(), name_en=self.name_en.text(), name_zh=self.name_zh.text(),
                         rank=self.rank.value(), colour=self.colour.text(), nights_threshold=_optional(self.nights),
                         points_threshold=_optional(self.points), bonus_pct=self.bonus.value(),
                         active=self.active.isChecked())

    def _submit(self) -> None:
        self.errors.clear()
        config = self.session.ctx.services.loyalty_config(self.session.actor)
        draft, tier = self.draft(), self.tier
        chosen = [code for code, box in self.benefits.items() if box.isChecked()]

        def save() -> TierInfo:
            saved = config.save_tier(tier.id if tier else None, tier.version if tier else None, draft)
            return config.set_matrix(saved.id, chosen)

        self.typed = self._edit(draft)
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(save, on_success=self._saved, on_failure=self._failed, parent=self)

    def _saved(self, tier: TierInfo) -> None:
        self.result_value = tier
        self.accept()

    def _edit(self, draft: TierDraft) -> TierEdit:
        return tier_edit(draft, [code for code, box in self.benefits.items() if box.isChecked()])

    def _failed(self, text: str, error: BaseException) -> None:
        if isinstance(error, Conflict) and self.tier is not None:  # saved by another manager meanwhile
            names = {code: box.text() for code, box in self.benefits.items()}
            resolve_record_edit(self.session, tier_kind(self.session, self.tier.id, names), self.tier,
                                self.initial_edit, self.typed, Outcome(self._saved, self._saved, self._refused), self)
            return
        self._refused(text, error)

