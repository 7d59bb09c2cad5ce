"""One guest's card: the check-in brief on top, then the four groups as tabs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr
from hotelcrm.services.brief_dto import CheckinBrief
from hotelcrm.services.guest_dto import GuestCard, StayLine

from .app_style import TAB_STYLE
from .guest_blacklist_dialog import GuestBlacklistDialog
from .guest_brief_panel import GuestBriefPanel
from .guest_editor_dialog import GuestEditorDialog
from .guest_feedback_tab import GuestFeedbackTab
from .guest_format import BLACKLIST_RED, code_label
from .guest_general_tab import GuestGeneralTab
from .guest_personal_tab import GuestPersonalTab
from .guest_pref_labels import PreferenceLabels
from .guest_privacy_button import GuestPrivacyButton
from .guest_result_model import romanised
from .guest_stays_tab import GuestStaysTab
from .logbook_guest_tab import GuestLogbookTab
from .merge_dialog import MergeDialog
from .merge_history_dialog import MergeHistoryDialog
from .observation_dialog import ObservationDialog
from .stay_check_in_dialog import CheckInDialog
from .stay_check_out_dialog import CheckOutDialog
from .stay_past_dialog import PastStayDialog
from .ui_context import UserSession


class GuestCardView(QWidget):
    """``load(guest_id)`` reads card, brief, observations off the GUI thread; every save that
    returns a new card re-renders it and reloads the brief."""

    back_requested = Signal()
    open_requested = Signal(int)  # another card (e.g. the one kept after a merge)
    stays_changed = Signal()  # check-in/out: the in-house and arriving lists are stale

    def __init__(self, session: UserSession, currency: str = "CNY", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.currency = currency
        self.card: GuestCard | None = None
        self.brief_data: CheckinBrief | None = None
        self.labels: PreferenceLabels | None = None
        self.setStyleSheet(TAB_STYLE)
        self.back_button = QPushButton(tr("ui.card.back"))
        self.back_button.setToolTip(tr("ui.card.back_tooltip"))
        self.back_button.clicked.connect(self.back_requested.emit)
        self.name = QLabel(objectName="pageTitle")
        self.subtitle = QLabel(objectName="subtitle")
        self.status = QLabel(objectName="cardStatus")
        self.buttons = {key: QPushButton(tr(f"ui.card.action.{key}"))
                        for key in ("edit", "check_in", "check_out", "observe", "past_stay", "blacklist", "merge",
                                    "merges")}
        actions = {"edit": self.edit, "check_in": self.check_in, "check_out": self.check_out,
                   "observe": self.observe, "past_stay": self.past_stay, "blacklist": self.blacklist,
                   "merge": self.merge, "merges": self.merge_history}
        for key, button in self.buttons.items():
            button.clicked.connect(lambda _c=False, f=actions[key]: f())
        self.print_button = QPushButton(tr("ui.report.print_card"))
        self.print_button.setToolTip(tr("ui.report.print_card_tooltip"))
        self.print_button.clicked.connect(self.print_card)
        self.privacy_button = GuestPrivacyButton(session)  # managers: privacy export, anonymize
        self.privacy_button.anonymized.connect(lambda _guest_id: self.reload())
        self.brief = GuestBriefPanel(pref_label=self._pref_label)
        self.brief.entitlement_strip.bind(session, self.reload)  # loyalty: mark entitlements of the stay
        self.general = GuestGeneralTab(session)
        self.stays = GuestStaysTab()
        self.personal = GuestPersonalTab(session)
        self.feedback = GuestFeedbackTab(session)
        self.logbook = GuestLogbookTab(session)  # the lobby manager's log entries about the guest
        self.general.card_changed.connect(self.show_card)
        self.personal.card_changed.connect(self.show_card)
        self.feedback.card_changed.connect(self.show_card)
        self.feedback.observations_changed.connect(self.reload)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.general, tr("ui.card.tab.general"))
        self.tabs.addTab(self.stays, tr("ui.card.tab.stays"))
        self.tabs.addTab(self.personal, tr("ui.card.tab.personal"))
        self.tabs.addTab(self.feedback, tr("ui.card.tab.feedback"))
        if session.can(Permission.LOG_READ):
            self.tabs.addTab(self.logbook, tr("ui.logbook.guest_tab"))
        self._build()

    def _build(self) -> None:
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.back_button)
        top.addWidget(self.name)
        top.addWidget(self.status)
        top.addWidget(self.subtitle, 1)
        bar = QHBoxLayout()
        bar.setSpacing(8)
        for key in ("edit", "check_in", "check_out", "observe", "past_stay", "blacklist"):
            bar.addWidget(self.buttons[key])
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.privacy_button)
        bar.addWidget(self.buttons["merge"])
        bar.addWidget(self.buttons["merges"])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.brief)
        layout.addWidget(self.tabs, 1)

    # --- loading ------------------------------------------------------------------------
    def _run(self, fn, on_success) -> None:
        self.session.ctx.runner.run(fn, on_success=on_success, parent=self)

    def load(self, guest_id: int) -> None:
        services, actor = self.session.ctx.services, self.session.actor
        if self.labels is None:
            cards = services.guest_cards(actor)
            self._run(cards.preference_options, self._options)
        cards = services.guest_cards(actor)
        self._run(lambda: cards.card(guest_id), self.show_card)

    def reload(self) -> None:
        if self.card is not None:
            self.load(self.card.id)

    def _options(self, options) -> None:
        self.labels = PreferenceLabels(options)
        self.personal.set_labels(self.labels)
        self.feedback.labels = self.labels
        if self.brief_data is not None:
            self.brief.show_brief(self.brief_data)

    def _pref_label(self, group: str, key: str, value: str) -> str:
        return (self.labels or PreferenceLabels()).text(group, key, value)

    def show_card(self, card: GuestCard) -> None:
        self.card = card
        self.name.setText(card.display_name or tr("privacy.ui.anonymized_name", id=card.id))
        self.subtitle.setText(romanised(card.latin_name, card.pinyin))
        self.status.setText(code_label("guest_status", card.status))
        colour = BLACKLIST_RED if card.status == "blacklisted" else "#5b6b78"
        self.status.setStyleSheet(f"background: {colour};")
        self.status.setVisible(card.status != "active")
        self.general.show_card(card)
        self.stays.show_card(card)
        self.personal.show_card(card)
        self.feedback.show_card(card)
        self._update_buttons()
        services, actor, guest_id = self.session.ctx.services, self.session.actor, card.id
        brief = services.checkin_brief(actor)
        self._run(lambda: brief.brief(guest_id), self._show_brief)
        observations = services.observations(actor)
        self._run(lambda: observations.pending(guest_id), self.feedback.show_observations)
        self.logbook.load(guest_id)

    def _show_brief(self, brief: CheckinBrief) -> None:
        if self.card is not None and brief.guest_id == self.card.id:
            self.brief_data = brief
            self.brief.show_brief(brief)

    def in_house_stay(self) -> StayLine | None:
        if self.card is None:
            return None
        return next((s for s in self.card.stays if s.status == "in_house"), None)

    def _update_buttons(self) -> None:
        can = self.session.can
        self.print_button.setVisible(can(Permission.REPORT_RUN) and self.card is not None)
        self.privacy_button.set_card(self.card)
        live = self.card is not None and self.card.status in ("active", "blacklisted")
        in_house = self.in_house_stay() is not None
        visible = {
            "edit": can(Permission.GUEST_WRITE) and live,
            "check_in": can(Permission.STAY_WRITE) and live and not in_house,
            "check_out": can(Permission.STAY_WRITE) and in_house,
            "observe": can(Permission.GUEST_OBSERVE) and in_house,
            "past_stay": can(Permission.STAY_WRITE) and live,
            "blacklist": can(Permission.GUEST_WRITE) and live,
            "merge": can(Permission.GUEST_MERGE) and live,
            "merges": can(Permission.GUEST_MERGE),
        }
        for key, button in self.buttons.items():
            button.setVisible(visible[key])
        lifting = self.card is not None and self.card.status == "blacklisted"
        self.buttons["blacklist"].setText(tr("ui.card.action.unblacklist" if lifting else "ui.card.action.blacklist"))

    # --- actions ------------------------------------------------------------------------
    def edit(self) -> None:
        if self.card is None:
            return
        dialog = GuestEditorDialog(self.session, self.card, self)
        dialog.exec()
        if dialog.result_value is not None:
            self.show_card(dialog.result_value)

    def check_in(self) -> None:
        if self.card is None:
            return
        dialog = CheckInDialog(self.session, self.card.id, self.card.display_name, self.currency, parent=self)
        dialog.exec()
        if dialog.result_value is not None:
            self.reload()
            self.stays_changed.emit()

    def check_out(self) -> None:
        stay = self.in_house_stay()
        if stay is None or self.card is None:
            return
        dialog = CheckOutDialog(self.session, stay, self.card.display_name, self)
        dialog.exec()
        if dialog.result_value is not None:
            self.reload()
            self.stays_changed.emit()

    def observe(self) -> None:
        stay = self.in_house_stay()
        if self.card is None or stay is None:
            return
        dialog = ObservationDialog(self.session, self.card.id, self.card.display_name, stay.room_no, self)
        dialog.exec()
        if dialog.result_value is not None:
            self.reload()

    def past_stay(self) -> None:
        if self.card is None:
            return
        dialog = PastStayDialog(self.session, self.card.id, self.card.display_name, self.currency, self)
        dialog.exec()
        if dialog.result_value is not None:
            self.reload()

    def blacklist(self) -> None:
        if self.card is None:
            return
        dialog = GuestBlacklistDialog(self.session, self.card, self)
        dialog.exec()
        if dialog.result_value is not None:
            self.show_card(dialog.result_value)

    def merge(self) -> None:
        if self.card is None:
            return
        dialog = MergeDialog(self.session, self.card, self)
        dialog.exec()
        if dialog.result_value is not None or dialog.stale:
            self.reload()

    def merge_history(self) -> None:
        if self.card is None:
            return
        dialog = MergeHistoryDialog(self.session, self.card, self)
        dialog.exec()
        if dialog.undone:
            self.reload()

    def print_card(self) -> None:
        """The guest history card (客史档案卡) as PDF: preview, print, save."""
        if self.card is None:
            return
        # Imported here: QtPdf and ReportLab load only when someone prints.
        from hotelcrm.reports import ReportParam

        from .report_preview_dialog import ReportPreviewDialog

        ReportPreviewDialog.show_report(self.session, "guest-card", {ReportParam.GUEST: self.card.id}, self)
