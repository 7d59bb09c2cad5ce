"""The application's flow: open the database, first run or log in, main window, log out, quit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from hotelcrm.domain.permissions import Role
from hotelcrm.i18n import tr
from hotelcrm.services.actor import Actor
from hotelcrm.services.app_services import AppServices
from hotelcrm.services.settings_service import HotelSettings

from .local_settings import LocalSettings
from .login_dialog import LoginDialog
from .main_window import MainWindow
from .message_service import Messages
from .qt_translations import QtTranslations
from .task_runner import BaseTaskRunner
from .ui_context import UiContext, UserSession

# Reading the hotel's name for the login screen happens before anyone has logged in.
_LOGIN_SCREEN = Actor(None, "login-screen", Role.STAFF)
# The day's automatic backup starts this long after the main window shows, so that its copy and
# its imports (Alembic, to check the copy's revision) do not slow the first paint.
DAILY_BACKUP_DELAY_MS = 3000


class AppController(QObject):
    """Drives the windows in order; ``finished`` carries the process exit code."""

    finished = Signal(int)

    def __init__(self, opener: Callable[[], AppServices], runner: BaseTaskRunner, messages: Messages,
                 local: LocalSettings, translations: QtTranslations) -> None:
        super().__init__()
        self.opener = opener
        self.runner = runner
        self.messages = messages
        self.local = local
        self.translations = translations
        self.ctx: UiContext | None = None
        self.window: MainWindow | None = None
        self.daily_backup_delay_ms = DAILY_BACKUP_DELAY_MS

    def start(self) -> None:
        """Open (and if needed migrate, after a backup) the database off the GUI thread."""
        self.runner.run(self.opener, on_success=self._opened, on_failure=self._open_failed,
                        label=tr("ui.startup.opening"))

    def _opened(self, services: AppServices) -> None:
        self.ctx = UiContext(services, self.runner, self.messages, self.local, self.translations)
        # While the user logs in (a password check is ~0.35 s even when typed at once), the
        # services the main window needs first are imported on a thread of their own.
        self.runner.lane("preload").run(services.preload, quiet=True, on_failure=lambda _text, _error: None)
        self.runner.run(services.setup().needs_setup, on_success=self._route, on_failure=self._open_failed)

    def _open_failed(self, text: str, _error: BaseException) -> None:
        self.messages.error(None, tr("ui.startup.failed", reason=text))
        self._finish(1)

    def _route(self, needs_setup: bool) -> None:
        # Step out of the task callback before a dialog starts its own event loop.
        QTimer.singleShot(0, self.first_run if needs_setup else self.login)

    def first_run(self) -> None:
        from .first_run_dialog import FirstRunDialog  # once per installation: not on every start's path

        result = FirstRunDialog.ask(self.ctx)
        if result is None:
            self._finish(0)
            return
        self.local.set_last_language(result.language)
        self.local.set_last_username(result.actor.username)
        self._enter(result.actor, result.language)

    def login(self) -> None:
        settings = self.ctx.services.settings(_LOGIN_SCREEN)
        self.runner.run(settings.hotel, on_success=self._ask_login, on_failure=self._open_failed)

    def _ask_login(self, hotel: HotelSettings) -> None:
        QTimer.singleShot(0, lambda: self._show_login(hotel))

    def _show_login(self, hotel: HotelSettings) -> None:
        result = LoginDialog.ask(self.ctx, hotel.hotel_name)
        if result is None:
            self._finish(0)
            return
        self._enter(result.actor, result.language)

    def _enter(self, actor: Actor, language: str) -> None:
        self.translations.apply(language)
        session = UserSession(self.ctx, actor)
        settings = self.ctx.services.settings(actor)
        self.runner.run(settings.hotel, on_success=lambda hotel: self._show_main(session, hotel),
                        on_failure=self._open_failed)

    def _show_main(self, session: UserSession, hotel: HotelSettings) -> None:
        self.window = MainWindow(session, hotel)
        self.window.logout_requested.connect(self._logged_out)
        self.window.restart_requested.connect(self._restart)
        self.window.quit_requested.connect(lambda: self._finish(0))
        self.window.show()
        QTimer.singleShot(self.daily_backup_delay_ms, self.window, lambda: self._daily_backup(session))

    def _daily_backup(self, session: UserSession) -> None:
        """Today's automatic backup (SQLite; once a day, rotated) on a worker thread, shortly after
        the window shows, so the window is usable at once (its own lane: a large file does not
        hold up the first searches). Whoever logs in first that day triggers it."""
        services, actor = session.ctx.services, session.actor
        self.runner.lane("backup").run(lambda: services.backups(actor).daily_backup(), quiet=True,
                        on_failure=lambda text, _e: self.messages.error(self.window,
                                                                        tr("backup.ui.daily_failed", reason=text)))

    def _restart(self) -> None:
        """After a restore: close everything and start again (reopen, upgrade if the backup was
        older, log in)."""
        if self.window is not None:
            self.window.deleteLater()
            self.window = None
        if self.ctx is not None:
            self.ctx.services.close()
            self.ctx = None
        QTimer.singleShot(0, self.start)

    def _logged_out(self) -> None:
        if self.window is not None:
            self.window.deleteLater()
            self.window = None
        QTimer.singleShot(0, self.login)

    def _finish(self, code: int) -> None:
        if self.ctx is not None:
            self.ctx.services.close()
            self.ctx = None
        self.finished.emit(code)
