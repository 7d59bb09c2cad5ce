"""Tiers & benefits: the tiers with their qualification and bonus, the benefits, and the earning
and expiry settings. Everyone with the Loyalty area reads it; managers edit."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.loyalty_points import SPEND_CATEGORIES
from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr
from hotelcrm.services.loyalty_dto import LoyaltySettings

from .form_widgets import FormErrors
from .guest_format import code_label
from .loyalty_benefit_dialog import LoyaltyBenefitDialog
from .loyalty_config_models import BenefitModel, TierModel
from .loyalty_tier_dialog import LoyaltyTierDialog
from .row_table_model import setup_row_table
from .ui_context import UserSession


class LoyaltyConfigDialog(QDialog):
    """``changed`` is True once anything was saved."""

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.changed = False
        self.editable = session.can(Permission.LOYALTY_CONFIG)
        self.tiers = TierModel(self)
        self.benefits = BenefitModel(self)
        self.tier_table = setup_row_table(QTableView(), self.tiers)
        self.benefit_table = setup_row_table(QTableView(), self.benefits)
        self.tier_table.doubleClicked.connect(lambda _i: self.edit_tier())
        self.benefit_table.doubleClicked.connect(lambda _i: self.edit_benefit())
        self.buttons = {key: QPushButton(tr(f"ui.loyalty.config.{key}"))
                        for key in ("add_tier", "edit_tier", "add_benefit", "edit_benefit", "save_settings")}
        self.buttons["add_tier"].clicked.connect(lambda: self.edit_tier(new=True))
        self.buttons["edit_tier"].clicked.connect(lambda: self.edit_tier())
        self.buttons["add_benefit"].clicked.connect(lambda: self.edit_benefit(new=True))
        self.buttons["edit_benefit"].clicked.connect(lambda: self.edit_benefit())
        self.buttons["save_settings"].clicked.connect(self.save_settings)
        for button in self.buttons.values():
            button.setVisible(self.editable)
            button.setAutoDefault(False)
        # "&" would turn into a keyboard mnemonic on a check box (F&B)
        self.categories = {c: QCheckBox(code_label("spend_category", c).replace("&", "&&")) for c in SPEND_CATEGORIES}
        self.expiry = QSpinBox(minimum=1, maximum=240, suffix=tr("ui.loyalty.config.months_suffix"))
        for widget in (*self.categories.values(), self.expiry):
            widget.setEnabled(self.editable)
        self.errors = FormErrors(QLabel(), {"earn_categories": self.categories["room"], "expiry_months": self.expiry})
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_buttons.rejected.connect(self.reject)
        self._build()
        self.reload()

    def _build(self) -> None:
        self.setWindowTitle(tr("ui.loyalty.config.title"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(10)
        layout.addWidget(QLabel(tr("ui.loyalty.config.title"), objectName="dialogTitle"))
        for label, table, keys in (("tiers", self.tier_table, ("add_tier", "edit_tier")),
                                   ("benefits", self.benefit_table, ("add_benefit", "edit_benefit"))):
            row = QHBoxLayout()
            row.addWidget(QLabel(tr(f"ui.loyalty.config.{label}"), objectName="briefKey"))
            row.addStretch(1)
            for key in keys:
                row.addWidget(self.buttons[key])
            layout.addLayout(row)
            layout.addWidget(table, 1)
        settings = QHBoxLayout()
        settings.setSpacing(10)
        settings.addWidget(QLabel(tr("ui.loyalty.config.earn_on")))
        for box in self.categories.values():
            settings.addWidget(box)
        settings.addSpacing(20)
        settings.addWidget(QLabel(tr("ui.loyalty.config.expiry")))
        settings.addWidget(self.expiry)
        settings.addStretch(1)
        settings.addWidget(self.buttons["save_settings"])
        layout.addLayout(settings)
        layout.addWidget(self.errors.label)
        layout.addWidget(self.close_buttons)
        self.resize(860, 620)

    def reload(self) -> None:
        config = self.session.ctx.services.loyalty_config(self.session.actor)
        run = self.session.ctx.runner.run
        run(lambda: (config.tiers(), config.benefits(), config.settings()), on_success=self._loaded, parent=self)

    def _loaded(self, result) -> None:
        tiers, benefits, settings = result
        self.tiers.set_rows(tiers)
        self.benefits.set_rows(benefits)
        for table in (self.tier_table, self.benefit_table):
            table.resizeColumnsToContents()
        self._show_settings(settings)

    def _show_settings(self, settings: LoyaltySettings) -> None:
        for code, box in self.categories.items():
            box.setChecked(code in settings.earn_categories)
        self.expiry.setValue(settings.expiry_months)

    def _selected(self, table: QTableView, model):
        rows = table.selectionModel().selectedRows()
        return model.row_at(rows[0].row()) if rows else None

    def edit_tier(self, new: bool = False) -> None:
        tier = None if new else self._selected(self.tier_table, self.tiers)
        if not self.editable or (tier is None and not new):
            return
        benefits = [self.benefits.row_at(i) for i in range(self.benefits.rowCount())]
        dialog = LoyaltyTierDialog(self.session, tier, benefits, self)
        dialog.exec()
        if dialog.result_value is not None:
            self.changed = True
            self.reload()

    def edit_benefit(self, new: bool = False) -> None:
        benefit = None if new else self._selected(self.benefit_table, self.benefits)
        if not self.editable or (benefit is None and not new):
            return
        dialog = LoyaltyBenefitDialog(self.session, benefit, self)
        dialog.exec()
        if dialog.result_value is not None:
            self.changed = True
            self.reload()

    def save_settings(self) -> None:
        self.errors.clear()
        config = self.session.ctx.services.loyalty_config(self.session.actor)
        chosen = tuple(c for c, box in self.categories.items() if box.isChecked())
        months = self.expiry.value()
        self.session.ctx.runner.run(lambda: config.save_settings(chosen, months), on_success=self._settings_saved,
                                    on_failure=lambda text, error: self.errors.show(text, error), parent=self)

    def _settings_saved(self, settings: LoyaltySettings) -> None:
        self.changed = True
        self._show_settings(settings)
        self.session.ctx.messages.info(self, tr("ui.loyalty.config.settings_saved"))
