"""The check-in brief on top of a card: what the desk must know now (DESIGN.md §2.1 step 2)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from hotelcrm.i18n import current_language, tr
from hotelcrm.services.brief_dto import BriefDate, BriefPreference, CheckinBrief

from .guest_format import BLACKLIST_RED, code_label, date_text, money_text
from .guest_pref_labels import key_label
from .loyalty_entitlement_strip import LoyaltyEntitlementStrip, entitlement_text
from .loyalty_format import badge_style, points_text

BANNER_STYLE = (f"QLabel#blacklistBanner {{ background: {BLACKLIST_RED}; color: #ffffff; font-size: 13pt;"
                " font-weight: 700; padding: 10px 14px; border-radius: 6px; }")
BRIEF_STYLE = """
QFrame#brief { background: #ffffff; border: 1px solid #dde3e8; border-radius: 6px; }
QLabel#briefKey { color: #5b6b78; font-weight: 600; }
QLabel#briefAlert { color: #a61b1b; font-weight: 600; }
QLabel#briefGood { color: #1e6b3a; font-weight: 600; }
QLabel#badge { background: #1f5f8b; color: #ffffff; border-radius: 4px; padding: 2px 8px; font-weight: 600; }
QLabel#badgeGold { background: #b8860b; color: #ffffff; border-radius: 4px; padding: 2px 8px; font-weight: 600; }
"""

PrefLabel = Callable[[str, str, str], str]  # (group, key, value) -> "Pillow: low"


def default_pref_label(group: str, key: str, value: str) -> str:
    return tr("ui.pref.item", key=key_label(key), value=value)


class GuestBriefPanel(QFrame):
    """Each line says its subject; empty subjects say so plainly ("none known") instead of
    leaving a blank the clerk has to interpret."""

    def __init__(self, parent: QWidget | None = None, pref_label: PrefLabel = default_pref_label) -> None:
        super().__init__(parent)
        self.setObjectName("brief")
        self.setStyleSheet(BRIEF_STYLE + BANNER_STYLE)
        self.pref_label = pref_label
        self.banner = QLabel(objectName="blacklistBanner", wordWrap=True)
        self.banner.hide()
        self.vip = QLabel(objectName="badgeGold")
        self.tier = QLabel(objectName="badge")
        self.history = QLabel(objectName="hint")
        self.stay = QLabel(wordWrap=True)
        self.values: dict[str, QLabel] = {}
        self.entitlement_strip = LoyaltyEntitlementStrip()  # granted / not available per entitlement
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        for row, key in enumerate(("allergies", "preferences", "taboos", "dates", "complaints",
                                   "unpaid", "entitlements", "observations")):
            name = QLabel(tr(f"ui.brief.{key}"), objectName="briefKey")
            name.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            value = QLabel(wordWrap=True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            value.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(name, row // 2, (row % 2) * 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row // 2, (row % 2) * 2 + 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setColumnMinimumWidth(0, 90)
        grid.setColumnMinimumWidth(2, 90)
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.vip)
        top.addWidget(self.tier)
        top.addWidget(self.history)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(self.stay)
        layout.addLayout(grid)
        layout.addWidget(self.entitlement_strip)

    # --- filling ------------------------------------------------------------------------
    def show_brief(self, brief: CheckinBrief) -> None:
        self.banner.setVisible(brief.blacklisted)
        self.banner.setText(tr("ui.brief.blacklisted", reason=brief.blacklist_reason or tr("ui.brief.no_reason")))
        self.vip.setVisible(bool(brief.vip_code))
        self.vip.setText(tr("ui.brief.vip", code=brief.vip_code or ""))
        self._show_tier(brief)
        if brief.returning:
            self.history.setText(tr("ui.brief.returning", stays=brief.stays_before,
                                    last=date_text(brief.last_stay) or "—"))
        else:
            self.history.setText(tr("ui.brief.first_stay"))
        self.stay.setText(self._stay_text(brief))
        self.stay.setVisible(bool(self.stay.text()))
        self._set("allergies", self._prefs(brief.allergies_diet), alert=bool(brief.allergies_diet))
        prefs = self._prefs(brief.preferences)
        if brief.special_requests:
            prefs = f"{prefs}\n{tr('ui.brief.requests', text=brief.special_requests)}" if brief.preferences \
                else tr("ui.brief.requests", text=brief.special_requests)
        self._set("preferences", prefs)
        taboos = [brief.taboos] if brief.taboos else []
        if brief.religion:
            taboos.append(tr("ui.brief.religion", religion=brief.religion))
        self._set("taboos", "\n".join(taboos) or tr("ui.brief.none"), alert=bool(brief.taboos))
        self._set("dates", self._dates(brief.special_dates), good=brief.birthday_in_stay)
        self._set("complaints", self._complaints(brief), alert=any(c.open for c in brief.complaints))
        if brief.unpaid_cents:
            self._set("unpaid", tr("ui.brief.unpaid_amount", amount=money_text(brief.unpaid_cents, brief.unpaid_currency),
                                   stays=brief.unpaid_stays), alert=True)
        else:
            self._set("unpaid", tr("ui.brief.nothing_unpaid"))
        self.entitlement_strip.show_entitlements(brief)  # with buttons for those who may record them
        self._set("entitlements", self._entitlements(brief) if self.entitlement_strip.isHidden()
                  else tr("ui.loyalty.brief.below", count=len(self.entitlement_strip.rows)))
        observations = tr("ui.brief.pending_observations", count=brief.pending_observations) \
            if brief.pending_observations else tr("ui.brief.none")
        if brief.hidden_sensitive:
            observations += "\n" + tr("ui.brief.hidden_sensitive", count=brief.hidden_sensitive)
        self._set("observations", observations, alert=bool(brief.pending_observations))

    def _set(self, key: str, text: str, alert: bool = False, good: bool = False) -> None:
        label = self.values[key]
        label.setText(text)
        label.setObjectName("briefAlert" if alert else "briefGood" if good else "")
        label.style().unpolish(label)
        label.style().polish(label)

    def _show_tier(self, brief: CheckinBrief) -> None:
        tier = brief.tier
        self.tier.setVisible(tier is not None)
        if tier is not None:
            name = tier.name_zh if current_language() == "zh_CN" else tier.name_en
            self.tier.setText(tr("ui.loyalty.brief.badge", tier=name, member_no=tier.member_no,
                                 points=points_text(tier.points_balance or 0)))
            self.tier.setStyleSheet(badge_style(tier.colour))

    @staticmethod
    def _stay_text(brief: CheckinBrief) -> str:
        stay = brief.stay
        if stay is None:
            return ""
        if stay.status == "in_house":
            return tr("ui.brief.in_house", room=stay.room_no or "—", departure=date_text(stay.departure_date),
                      nights=stay.nights)
        return tr("ui.brief.arriving", arrival=date_text(stay.arrival_date),
                  departure=date_text(stay.departure_date), room=stay.room_no or "—")

    def _prefs(self, prefs: tuple[BriefPreference, ...]) -> str:
        if not prefs:
            return tr("ui.brief.none")
        lines = []
        for p in prefs:
            text = self.pref_label(p.pref_group, p.pref_key, p.value)
            lines.append(f"{text} ({p.note})" if p.note else text)
        return "\n".join(lines)

    @staticmethod
    def _dates(dates: tuple[BriefDate, ...]) -> str:
        if not dates:
            return tr("ui.brief.none")
        lines = []
        for d in dates:
            kind = d.label or code_label("special_date_kind", d.kind)
            when = (tr("ui.brief.today") if d.days_away == 0 else tr("ui.brief.tomorrow") if d.days_away == 1
                    else tr("ui.brief.in_days", days=d.days_away))
            key = "ui.brief.date_in_stay" if d.in_stay else "ui.brief.date_soon"
            lines.append(tr(key, kind=kind, date=date_text(d.on), when=when))
        return "\n".join(lines)

    @staticmethod
    def _complaints(brief: CheckinBrief) -> str:
        if not brief.complaints:
            return tr("ui.brief.no_complaints")
        return "\n".join(tr("complaint.brief.line", number=c.number, date=date_text(c.received_on),
                            category=c.category or "", state=code_label("complaint_state", c.state))
                         + (f" — {tr('complaint.overdue')}" if c.overdue else "")
                         for c in brief.complaints)

    @staticmethod
    def _entitlements(brief: CheckinBrief) -> str:
        if brief.tier is None:
            return tr("ui.brief.no_membership")
        items = [entitlement_text(e) for e in brief.tier.entitlements if e.applies]
        return "\n".join(items) if items else tr("ui.brief.none")
