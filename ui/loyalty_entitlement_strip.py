"""Under the check-in brief: this stay's entitlements, each with "Granted" and "Not available"
buttons, so the stay keeps what was given and what was missed (DESIGN.md §2.3)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import current_language, tr
from hotelcrm.services.brief_dto import CheckinBrief, EntitlementSlot

from .guest_format import code_label
from .ui_context import UserSession

COMPACT = "padding: 1px 10px; min-height: 0px;"


def entitlement_text(e: EntitlementSlot) -> str:
    name = e.name_zh if current_language() == "zh_CN" else e.name_en
    if e.reason in ("birthday_in_stay", "if_rooms_allow"):
        name = tr("ui.loyalty.brief.with_reason", name=name, reason=tr(f"loyalty.reason.{e.reason}"))
    if e.status:
        name = tr("ui.loyalty.brief.with_status", name=name, status=code_label("benefit_grant_status", e.status))
    return name


class LoyaltyEntitlementStrip(QWidget):
    """Filled from the brief; ``bind`` gives it the session (the brief panel has none) and what
    to do after a mark was saved (reload the brief)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: UserSession | None = None
        self.after_mark: Callable[[], None] = lambda: None
        self.stay_id: int | None = None
        self.rows: dict[int, tuple[QLabel, QPushButton, QPushButton]] = {}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(4)
        self.hide()

    def bind(self, session: UserSession, after_mark: Callable[[], None]) -> None:
        self.session = session
        self.after_mark = after_mark

    def show_entitlements(self, brief: CheckinBrief) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # gone now, not only when the event loop deletes it
                item.widget().deleteLater()
        self.rows.clear()
        self.stay_id = brief.stay.id if brief.stay else None
        may_mark = self.session is not None and self.session.can(Permission.LOYALTY_WRITE)
        items = [e for e in (brief.tier.entitlements if brief.tier else ()) if e.applies and e.benefit_id]
        if not (may_mark and self.stay_id and items):
            self.hide()
            return
        self.grid.addWidget(QLabel(tr("ui.loyalty.brief.mark"), objectName="briefKey"), 0, 0, 1, 3)
        for row, e in enumerate(items, start=1):
            label = QLabel(entitlement_text(e))
            granted = QPushButton(tr("ui.loyalty.brief.granted"))
            missing = QPushButton(tr("ui.loyalty.brief.not_available"))
            for button in (granted, missing):
                button.setStyleSheet(COMPACT)
            granted.setEnabled(e.status != "granted")
            missing.setEnabled(e.status != "not_available")
            granted.clicked.connect(lambda _c=False, b=e.benefit_id: self.mark(b, "granted"))
            missing.clicked.connect(lambda _c=False, b=e.benefit_id: self.mark(b, "not_available"))
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(granted, row, 1)
            self.grid.addWidget(missing, row, 2)
            self.rows[e.benefit_id] = (label, granted, missing)
        self.grid.setColumnStretch(0, 1)
        self.show()

    def mark(self, benefit_id: int, status: str) -> None:
        if self.session is None or self.stay_id is None:
            return
        service = self.session.ctx.services.loyalty_entitlements(self.session.actor)
        stay_id = self.stay_id
        self.session.ctx.runner.run(lambda: service.mark(stay_id, benefit_id, status),
                                    on_success=lambda _r: self.after_mark(), parent=self)
