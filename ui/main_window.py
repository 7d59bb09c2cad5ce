"""The main window: navigation between the areas, menus, status bar, idle lock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr
from hotelcrm.services.settings_service import HotelSettings

from .about_dialog import AboutDialog
from .change_password_dialog import ChangePasswordDialog
from .complaint_overdue_label import ComplaintOverdueLabel
from .data_menu_actions import DataMenuActions
from .database_label import describe_database
from .idle_lock import IdleLock
from .import_menu_action import add_import_action
from .lock_dialog import LockDialog
from .ui_context import UserSession


def _lazy(module: str, name: str) -> Callable[[UserSession], QWidget]:
    """A page class imported when its area is first shown: start-up imports and builds only the
    start area (the other pages' modules were ~0.45 s of imports, their construction ~0.5 s)."""

    def build(session: UserSession) -> QWidget:
        return getattr(import_module(f".{module}", __package__), name)(session)

    return build


@dataclass(frozen=True)
class Area:
    """One entry of the navigation: its key, who may see it, and how to build its page."""

    key: str
    permissions: tuple[Permission, ...]  # any one of them shows the area
    page: Callable[[UserSession], QWidget]


AREAS: tuple[Area, ...] = (
    Area("guests", (Permission.GUEST_READ, Permission.GUEST_OBSERVE), _lazy("guest_page", "GuestPage")),
    Area("complaints", (Permission.COMPLAINT_READ,), _lazy("complaint_page", "ComplaintPage")),
    Area("logbook", (Permission.LOG_READ,), _lazy("logbook_page", "LogbookPage")),
    Area("loyalty", (Permission.LOYALTY_READ,), _lazy("loyalty_page", "LoyaltyPage")),
    Area("reports", (Permission.REPORT_RUN,), _lazy("report_centre_page", "ReportCentrePage")),
    Area("admin", (Permission.USER_ADMIN, Permission.SETTINGS_ADMIN), _lazy("user_admin_page", "UserAdminPage")),
)


class MainWindow(QMainWindow):
    """Areas the role may not use are not shown at all (the services refuse them anyway)."""

    logout_requested = Signal()
    restart_requested = Signal()  # after a restore: back to the start (reopen, upgrade, log in)
    quit_requested = Signal()

    def __init__(self, session: UserSession, hotel: HotelSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.hotel = hotel
        self.lock_dialog: LockDialog | None = None
        self._leaving = False
        self._restart = False  # set by a restore: the controller starts over instead of logging out
        self.setWindowTitle(tr("app.title"))
        self.setMinimumSize(QSize(900, 600))
        self.navigation = QListWidget(objectName="navigation")
        self.navigation.setFixedWidth(210)
        self.stack = QStackedWidget()
        self.areas: dict[str, Area] = {}  # the areas this role sees, by key
        self.pages: dict[str, QWidget] = {}  # the pages built so far (see ``page``)
        self._build_areas()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self._build_status_bar()
        if self.navigation.count():
            self.navigation.setCurrentRow(0)  # builds the start area's page (the others on first show)
        self.idle_lock = IdleLock(hotel.idle_lock_minutes, self)
        self.idle_lock.idle.connect(self.lock)
        self._restore_geometry()

    # --- construction -------------------------------------------------------------------
    def _build_areas(self) -> None:
        for number, area in enumerate(AREAS, start=1):
            shortcut = QAction(self)
            shortcut.setShortcut(QKeySequence(f"Ctrl+{number}"))
            shortcut.triggered.connect(lambda _c=False, key=area.key: self.show_area(key))
            self.addAction(shortcut)
            if not any(self.session.can(p) for p in area.permissions):
                continue
            self.areas[area.key] = area
            item = QListWidgetItem(tr(f"ui.nav.{area.key}"))
            item.setData(Qt.ItemDataRole.UserRole, area.key)
            item.setToolTip(QKeySequence(f"Ctrl+{number}").toString(QKeySequence.SequenceFormat.NativeText))
            item.setSizeHint(QSize(200, 44))
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self._row_changed)

    def page(self, key: str) -> QWidget:
        """The area's page, built on first use; ``KeyError`` if this role does not see the area."""
        page = self.pages.get(key)
        if page is None:
            page = self.areas[key].page(self.session)
            self.pages[key] = page
            self.stack.addWidget(page)
            self._connect_page(key, page)
        return page

    def _connect_page(self, key: str, page: QWidget) -> None:
        """What links a page to the window or to another area, made when the page is built."""
        if key == "admin":
            page.settings_panel.saved.connect(self._settings_saved)
            page.load()
        elif key == "complaints":
            if self.overdue_label is not None:  # a role that reads complaints has it
                page.changed.connect(self.overdue_label.refresh)
            page.guest_requested.connect(lambda gid: self.show_area("guests") and self.page("guests").open_guest(gid))

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(tr("ui.menu.file"))
        self.change_password_action = file_menu.addAction(tr("ui.menu.change_password"))
        self.change_password_action.triggered.connect(self.change_password)
        self.import_action = add_import_action(self.session, self, file_menu)  # guests/stays, IMPORT_EXPORT
        self.data_actions = DataMenuActions(self.session, self, file_menu)  # export, backup, restore
        self.data_actions.restored.connect(self.restart_after_restore)
        self.lock_action = file_menu.addAction(tr("ui.menu.lock"))
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        file_menu.addSeparator()
        self.logout_action = file_menu.addAction(tr("ui.menu.logout"))
        self.logout_action.triggered.connect(self.logout)
        self.quit_action = file_menu.addAction(tr("ui.menu.quit"))
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        help_menu = self.menuBar().addMenu(tr("ui.menu.help"))
        self.about_action = help_menu.addAction(tr("ui.menu.about"))
        self.about_action.triggered.connect(self.about)

    def _build_status_bar(self) -> None:
        actor = self.session.actor
        self.user_label = QLabel(tr("ui.status.user", name=actor.display_name or actor.username))
        self.role_label = QLabel(tr("ui.status.role", role=tr(f"role.{actor.role.value}")))
        self.hotel_label = QLabel()
        self.database_label = QLabel(tr("ui.status.database", database=self.database_text()))
        bar = self.statusBar()
        bar.setSizeGripEnabled(True)
        for label in (self.user_label, self.role_label, self.hotel_label):
            bar.addWidget(label)
        bar.addPermanentWidget(self.database_label)
        self._build_complaint_status()
        self._show_hotel()

    def _build_complaint_status(self) -> None:
        """Overdue complaints in the status area; refreshed on a timer and after complaint saves."""
        self.overdue_label: ComplaintOverdueLabel | None = None
        if not self.session.can(Permission.COMPLAINT_READ):
            return
        self.overdue_label = ComplaintOverdueLabel(self.session)
        self.statusBar().addPermanentWidget(self.overdue_label)
        self.overdue_label.open_requested.connect(
            lambda: self.show_area("complaints") and self.page("complaints").show_overdue())

    def database_text(self) -> str:
        return describe_database(self.session.ctx.services.config.database_url)

    def _show_hotel(self) -> None:
        self.hotel_label.setText(tr("ui.status.hotel", hotel=self.hotel.hotel_name or "—"))

    # --- navigation ---------------------------------------------------------------------
    def visible_areas(self) -> list[str]:
        return [self.navigation.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.navigation.count())]

    def current_area(self) -> str | None:
        item = self.navigation.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def show_area(self, key: str) -> bool:
        """Select an area; False (and nothing happens) if this role does not have it."""
        if key not in self.areas:
            return False
        self.navigation.setCurrentRow(self.visible_areas().index(key))
        return True

    def _row_changed(self, row: int) -> None:
        if row >= 0:
            self.stack.setCurrentWidget(self.page(self.visible_areas()[row]))

    # --- actions ------------------------------------------------------------------------
    def change_password(self) -> None:
        ChangePasswordDialog.ask(self.session, self)

    def about(self) -> None:
        AboutDialog(self.database_text(), self).exec()

    def lock(self) -> None:
        if self.lock_dialog is not None:
            return
        self.idle_lock.locked = True
        parent = QApplication.activeModalWidget() or self
        self.lock_dialog = LockDialog(self.session, parent)
        self.lock_dialog.unlocked.connect(self._unlocked)
        self.lock_dialog.logout_requested.connect(self.logout)
        self.lock_dialog.open()

    def _unlocked(self) -> None:
        self.lock_dialog = None
        self.idle_lock.unlocked()

    def restart_after_restore(self) -> None:
        self._restart = True
        self.logout()

    def logout(self) -> None:
        self._leaving = True
        self.lock_dialog = None
        # Dialogs opened with exec() must end their loops before this window goes away.
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible() and widget is not self:
                widget.reject()
        self.close()
        (self.restart_requested if self._restart else self.logout_requested).emit()

    def _settings_saved(self, settings: HotelSettings) -> None:
        self.hotel = settings
        self._show_hotel()
        self.idle_lock.set_minutes(settings.idle_lock_minutes)

    # --- window state -------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.session.ctx.local.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1180, 760)
        state = self.session.ctx.local.window_state()
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.session.ctx.local.save_window(self.saveGeometry(), self.saveState())
        self.idle_lock.stop()
        if self.overdue_label is not None:
            self.overdue_label.stop()
        super().closeEvent(event)
        if not self._leaving:
            self.quit_requested.emit()
