"""The Guests area: one search box on top; results, "in house now" and "arriving today" one
click away; Enter opens the card. The staff role gets the observation path only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr
from hotelcrm.services.stay_dto import StayRow

from .app_style import TAB_STYLE
from .guest_results_panel import GuestResultsPanel
from .guest_search_box import GuestSearchBox
from .stay_list_panel import StayListPanel
from .ui_context import UserSession

if TYPE_CHECKING:
    from .guest_card_view import GuestCardView

# The Guests page is the start area: the card view and the dialogs (with the editors, the
# validators and phonenumbers behind them) are imported and built when first opened.

RESULTS, IN_HOUSE, ARRIVING = 0, 1, 2


class GuestPage(QWidget):
    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.full = session.can(Permission.GUEST_READ)  # staff: observations only
        self.currency = "CNY"
        self.setStyleSheet(TAB_STYLE)
        self.title = QLabel(tr("ui.nav.guests"), objectName="pageTitle")
        self.search_box = GuestSearchBox()
        self.search_box.setMinimumWidth(420)
        self.results = GuestResultsPanel(session)
        self.search_box.search_requested.connect(self._search)
        self.search_box.activated.connect(self.results.open_current)
        self.search_box.move_down.connect(self.results.focus_list)
        self.results.open_requested.connect(self.open_guest if self.full else self.observe_guest)
        self.new_button = QPushButton(tr("ui.guest.new_card"))
        self.new_button.clicked.connect(self.new_card)
        self.new_button.setVisible(session.can(Permission.GUEST_WRITE))
        self.companies_button = QPushButton(tr("ui.company.open"))
        self.companies_button.clicked.connect(self.open_companies)
        self.companies_button.setVisible(session.can(Permission.GUEST_WRITE))
        self.lists = QTabWidget()
        self.lists.addTab(self.results, tr("ui.guest.tab.results"))
        self.in_house = self.arriving = None
        self.card_view: GuestCardView | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self.lists)
        if self.full:
            self._build_desk()
        else:
            self.search_box.setPlaceholderText(tr("ui.guest.search.staff_placeholder"))
            self.results.staff_mode()
            self.observe_button = QPushButton(tr("ui.card.action.observe"))
            self.observe_button.clicked.connect(self._observe_selected)
        self.staff_hint = QLabel(tr("ui.guest.staff_hint"), objectName="hint", wordWrap=True)
        self.staff_hint.setVisible(not self.full)
        self.shortcut = QShortcut(QKeySequence.StandardKey.Find, self)
        self.shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.shortcut.activated.connect(self.focus_search)
        self._build_layout()
        if self.full:
            self._load_currency()
            self.refresh_lists()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.search_box, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.companies_button)
        if not self.full:
            top.addWidget(self.observe_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.staff_hint)
        layout.addWidget(self.stack, 1)

    def _build_desk(self) -> None:
        self.in_house = StayListPanel(self.session, "in_house")
        self.arriving = StayListPanel(self.session, "arriving")
        self.lists.addTab(self.in_house, tr("ui.guest.tab.in_house"))
        self.lists.addTab(self.arriving, tr("ui.guest.tab.arriving"))
        self.in_house.loaded.connect(lambda n: self.lists.setTabText(IN_HOUSE, tr("ui.guest.tab.in_house_n", count=n)))
        self.arriving.loaded.connect(lambda n: self.lists.setTabText(ARRIVING, tr("ui.guest.tab.arriving_n", count=n)))
        for panel in (self.in_house, self.arriving):
            panel.open_requested.connect(self.open_guest)
        self.arriving.check_in_requested.connect(self.check_in_booking)
        self.in_house.check_out_requested.connect(self.check_out_row)

    def _load_currency(self) -> None:
        settings = self.session.ctx.services.settings(self.session.actor)

        def done(hotel) -> None:
            self.currency = hotel.currency
            if self.card_view is not None:
                self.card_view.currency = hotel.currency

        self.session.ctx.runner.run(settings.hotel, on_success=done, on_failure=lambda _t, _e: None, parent=self)

    # --- search -------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _search(self, query: str) -> None:
        if query:
            self.show_lists()
            self.lists.setCurrentIndex(RESULTS)
        self.results.search(query)

    def show_lists(self) -> None:
        self.stack.setCurrentIndex(0)

    def refresh_lists(self) -> None:
        for panel in (self.in_house, self.arriving):
            if panel is not None:
                panel.refresh()

    # --- cards --------------------------------------------------------------------------
    def open_guest(self, guest_id: int) -> None:
        if not self.full:
            return
        view = self._card_view()
        view.load(guest_id)
        self.stack.setCurrentWidget(view)
        view.tabs.setCurrentIndex(0)

    def _card_view(self) -> GuestCardView:
        """The card view, built when the first card is opened."""
        if self.card_view is None:
            from .guest_card_view import GuestCardView

            self.card_view = GuestCardView(self.session, self.currency)
            self.card_view.back_requested.connect(self.show_lists)
            self.card_view.stays_changed.connect(self.refresh_lists)
            self.stack.addWidget(self.card_view)
        return self.card_view

    def new_card(self) -> None:
        from .guest_editor_dialog import GuestEditorDialog

        dialog = GuestEditorDialog(self.session, None, self)
        typed = self.search_box.text().strip()
        if typed and not any(ch.isdigit() for ch in typed) and " " not in typed and len(typed) <= 4 \
                and all("\u4e00" <= ch <= "\u9fff" for ch in typed):
            # A Chinese name typed into the search: start the card with it (family name first).
            dialog.edits["family_name"].setText(typed[0])
            dialog.edits["given_name"].setText(typed[1:])
        dialog.exec()
        if dialog.open_instead is not None:
            self.open_guest(dialog.open_instead)
        elif dialog.result_value is not None:
            self.open_guest(dialog.result_value.id)

    def open_companies(self) -> None:
        from .company_list_dialog import CompanyListDialog

        CompanyListDialog(self.session, self).exec()  # a new card's editor loads the companies afresh

    # --- stays from the lists -----------------------------------------------------------
    def check_in_booking(self, row: StayRow) -> None:
        from .stay_check_in_dialog import CheckInDialog

        dialog = CheckInDialog(self.session, row.guest_id, row.display_name, self.currency, row, self)
        dialog.exec()
        if dialog.result_value is not None:
            self.refresh_lists()

    def check_out_row(self, row: StayRow) -> None:
        stays = self.session.ctx.services.stays(self.session.actor)
        self.session.ctx.runner.run(lambda: stays.get(row.stay_id),
                                    on_success=lambda info: self._check_out(info, row.display_name), parent=self)

    def _check_out(self, info, name: str) -> None:
        from .stay_check_out_dialog import CheckOutDialog

        dialog = CheckOutDialog(self.session, info, name, self)
        dialog.exec()
        if dialog.result_value is not None:
            self.refresh_lists()

    # --- staff --------------------------------------------------------------------------
    def _observe_selected(self) -> None:
        self.results.open_current()

    def observe_guest(self, guest_id: int) -> None:
        hit = next((self.results.model.hit_at(r) for r in range(self.results.model.rowCount())
                    if self.results.model.hit_at(r).id == guest_id), None)
        if hit is None:
            return
        from .observation_dialog import ObservationDialog

        dialog = ObservationDialog(self.session, guest_id, hit.display_name, hit.in_house_room, self)
        dialog.exec()
        if dialog.result_value is not None:
            self.session.ctx.messages.info(self, tr("ui.obs.saved", name=hit.display_name))
