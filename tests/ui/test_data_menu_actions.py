"""File menu: Export… for IMPORT_EXPORT, Back up now… and Restore… for administrators; a restore
asks first and then restarts the application to the login; the daily backup at login."""

from __future__ import annotations

from sqlalchemy import select

from hotelcrm.db.models import Guest
from tests.ui.conftest import HOTEL
from tests.ui.test_guest_helpers import guest
from ui.app_controller import AppController
from ui.main_window import MainWindow
from ui.ui_context import UserSession


def _window(qtbot, session) -> MainWindow:
    window = MainWindow(session, session.ctx.services.settings(session.actor).hotel())
    qtbot.addWidget(window)
    return window


def _file_menu(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()[0].menu().actions() if a.text()]


def test_menu_entries_by_role(qtbot, admin_session, session_for):
    admin = _file_menu(_window(qtbot, admin_session))
    assert {"Export…", "Back up now…", "Restore from a backup…"} <= set(admin)
    manager = _file_menu(_window(qtbot, session_for("manager")))
    assert "Export…" in manager and "Back up now…" not in manager
    clerk = _file_menu(_window(qtbot, session_for("clerk")))
    assert "Export…" not in clerk and "Restore from a backup…" not in clerk


def _names(ctx) -> list[str]:
    with ctx.services.db.read() as s:
        return list(s.scalars(select(Guest.family_name).order_by(Guest.id)))


def test_back_up_then_restore_restarts_to_the_login(qtbot, admin_session, messages, tmp_path):
    guest(admin_session, "王", "伟")
    window = _window(qtbot, admin_session)
    actions = window.data_actions
    backup = tmp_path / "now.db"
    actions.choose_save = lambda suggested: str(backup)
    actions.backup_action.trigger()
    assert backup.exists() and "Backup written to" in messages.infos[-1]
    guest(admin_session, "李", "娜")
    actions.choose_open = lambda folder: str(backup)
    messages.confirm_answer = False
    actions.restore_action.trigger()
    assert _names(admin_session.ctx) == ["王", "李"]  # declined: nothing replaced
    messages.confirm_answer = True
    with qtbot.waitSignal(window.restart_requested):
        actions.restore_action.trigger()
    assert "Replace the whole database" in messages.infos[-2] and messages.infos[-1].startswith("Restored")
    assert _names(admin_session.ctx) == ["王"]


def test_restore_refuses_a_file_that_is_not_a_backup(qtbot, admin_session, messages, tmp_path):
    window = _window(qtbot, admin_session)
    bad = tmp_path / "notes.db"
    bad.write_text("not a database", encoding="utf-8")
    window.data_actions.choose_open = lambda folder: str(bad)
    window.data_actions.restore_action.trigger()
    assert messages.errors == ["File: not a SQLite database; nothing was changed."]


def test_daily_backup_runs_after_login(qtbot, ctx, admin_actor, messages):
    controller = AppController(lambda: ctx.services, ctx.runner, messages, ctx.local, ctx.translations)
    controller.ctx = ctx
    controller.daily_backup_delay_ms = 50  # a few seconds after the window in the application
    controller._show_main(UserSession(ctx, admin_actor), ctx.services.settings(admin_actor).hotel())
    qtbot.addWidget(controller.window)
    assert not list(ctx.services.config.backup_dir.glob("*-daily-*.db"))  # the window comes first
    qtbot.waitUntil(lambda: any(ctx.services.config.backup_dir.glob("*-daily-*.db")))
    assert len(list(ctx.services.config.backup_dir.glob("*-daily-*.db"))) == 1 and messages.errors == []
    assert controller.window.hotel.hotel_name == HOTEL


def test_restart_after_a_restore_reopens_and_shows_the_login(qtbot, ctx, admin_actor, messages, monkeypatch):
    opened, logins = [], []

    def opener():
        opened.append(True)
        return ctx.services

    monkeypatch.setattr("ui.app_controller.LoginDialog.ask", lambda *args, **kw: logins.append(True))
    controller = AppController(opener, ctx.runner, messages, ctx.local, ctx.translations)
    controller.ctx = ctx
    controller._show_main(UserSession(ctx, admin_actor), ctx.services.settings(admin_actor).hotel())
    window = controller.window  # not handed to qtbot: the restart deletes it
    with qtbot.waitSignal(controller.finished):  # the test's login dialog is cancelled: the app ends
        window.restart_after_restore()
        qtbot.waitUntil(lambda: logins == [True])
    assert opened == [True] and controller.window is None
