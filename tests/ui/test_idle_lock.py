"""The idle lock: appears after the (shortened) timeout, keeps what was typed, opens only with
the right password, offers log out, and user activity postpones it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import PASSWORD
from ui.main_window import MainWindow


def _window(qtbot, session) -> MainWindow:
    window = MainWindow(session, session.ctx.services.settings(session.actor).hotel())
    qtbot.addWidget(window)
    window.show()
    return window


def _locked(window: MainWindow) -> bool:
    return window.lock_dialog is not None and window.lock_dialog.isVisible()


def test_lock_appears_keeps_typed_text_and_needs_the_right_password(qtbot, admin_session):
    window = _window(qtbot, admin_session)
    assert window.idle_lock.timeout_ms == 10 * 60_000  # the hotel's default
    window.show_area("admin")
    field = window.page("admin").settings_panel.hotel_name
    field.setText("half-typed new name 新名称")

    window.idle_lock.set_timeout_ms(50)
    qtbot.waitUntil(lambda: _locked(window), timeout=5000)
    lock = window.lock_dialog
    assert lock.isModal()
    assert "manager.li" in lock.intro.text()

    lock.password.setText("not my password")
    qtbot.mouseClick(lock.unlock_button, Qt.MouseButton.LeftButton)
    assert lock.isVisible()
    assert lock.errors.text == "Password: not correct. Please try again."

    qtbot.keyClick(lock, Qt.Key.Key_Escape)
    assert lock.isVisible(), "Escape does not get past the lock"

    lock.password.setText(PASSWORD)
    qtbot.mouseClick(lock.unlock_button, Qt.MouseButton.LeftButton)
    assert not lock.isVisible()
    assert window.lock_dialog is None and not window.idle_lock.locked
    assert field.text() == "half-typed new name 新名称"


def test_log_out_from_the_lock(qtbot, admin_session):
    window = _window(qtbot, admin_session)
    window.lock()
    assert _locked(window)
    with qtbot.waitSignal(window.logout_requested):
        qtbot.mouseClick(window.lock_dialog.logout_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible()


def test_lock_screen_menu_locks_at_once(qtbot, admin_session):
    window = _window(qtbot, admin_session)
    window.lock_action.trigger()
    assert _locked(window)


def test_activity_postpones_the_lock(qtbot, admin_session):
    window = _window(qtbot, admin_session)
    window.idle_lock.set_timeout_ms(60_000)
    timer = window.idle_lock._timer
    qtbot.waitUntil(lambda: timer.remainingTime() < 59_500)
    before = timer.remainingTime()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Down)
    assert timer.remainingTime() > before, "the key press restarted the countdown"
    assert not _locked(window)


def test_lock_time_comes_from_the_hotel_settings(qtbot, admin_session):
    admin_session.ctx.services.settings(admin_session.actor).set("ui.idle_lock_minutes", 3)
    window = _window(qtbot, admin_session)
    assert window.idle_lock.timeout_ms == 3 * 60_000


def test_lock_covers_an_open_dialog_which_keeps_its_input(qtbot, admin_session):
    from ui.change_password_dialog import ChangePasswordDialog

    window = _window(qtbot, admin_session)
    dialog = ChangePasswordDialog(admin_session, window)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.new.setText("a new password 7")
    window.lock()
    assert window.lock_dialog.parentWidget() is dialog
    window.lock_dialog.password.setText(PASSWORD)
    qtbot.mouseClick(window.lock_dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.new.text() == "a new password 7"
