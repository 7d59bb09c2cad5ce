"""The main window: areas by role (each page built on first show), shortcuts, status bar, menus,
window state, change password."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox

from hotelcrm.services.settings_service import HotelSettings
from tests.conftest import PASSWORD
from tests.ui.conftest import ADMIN, HOTEL
from ui.change_password_dialog import ChangePasswordDialog
from ui.guest_page import GuestPage
from ui.main_window import MainWindow
from ui.user_admin_page import UserAdminPage

ALL_AREAS = ["guests", "complaints", "logbook", "loyalty", "reports", "admin"]


def _window(qtbot, session) -> MainWindow:
    window = MainWindow(session, session.ctx.services.settings(session.actor).hotel())
    qtbot.addWidget(window)
    window.show()
    return window


def _nav_texts(window: MainWindow) -> list[str]:
    return [window.navigation.item(i).text() for i in range(window.navigation.count())]


def test_admin_sees_every_area_and_shortcuts_switch_between_them(qtbot, admin_session):
    window = _window(qtbot, admin_session)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # window shortcuts work in the active window only
    assert window.visible_areas() == ALL_AREAS
    assert _nav_texts(window) == ["Guests", "Complaints", "Logbook", "Loyalty", "Reports", "Administration"]
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area() == "admin"
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area() == "complaints"
    assert window.stack.currentWidget() is window.page("complaints")


def test_only_the_start_area_is_built_at_start_and_each_other_page_on_first_show(qtbot, admin_session):
    window = _window(qtbot, admin_session)
    assert window.current_area() == "guests" and list(window.pages) == ["guests"]
    assert isinstance(window.stack.currentWidget(), GuestPage) and window.stack.count() == 1
    assert not window.findChildren(UserAdminPage)
    assert window.show_area("admin")
    admin = window.stack.currentWidget()
    assert isinstance(admin, UserAdminPage) and admin is window.page("admin")
    assert admin.settings_panel.hotel_name.text() == HOTEL  # loaded when built
    window.show_area("guests")
    window.show_area("admin")
    assert window.stack.currentWidget() is admin and window.stack.count() == 2  # built once
    assert list(window.pages) == ["guests", "admin"]


def test_a_page_the_role_does_not_see_is_never_built(qtbot, session_for):
    window = _window(qtbot, session_for("clerk"))
    with pytest.raises(KeyError):
        window.page("admin")
    assert not window.show_area("admin") and "admin" not in window.pages


def test_clerk_does_not_see_administration(qtbot, session_for):
    window = _window(qtbot, session_for("clerk"))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert "admin" not in window.visible_areas()
    assert "Administration" not in _nav_texts(window)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area() == "guests"
    assert not window.findChildren(UserAdminPage)


def test_staff_of_other_departments_only_get_guests(qtbot, session_for):
    window = _window(qtbot, session_for("staff"))
    assert window.visible_areas() == ["guests"]


def test_status_bar_names_user_role_hotel_and_database_without_password(qtbot, admin_session):
    window = _window(qtbot, admin_session)
    assert window.user_label.text() == "User: Li Na 李娜"
    assert window.role_label.text() == "Role: Administrator"
    assert window.hotel_label.text() == f"Hotel: {HOTEL}"
    db_path = admin_session.ctx.services.config.database_url.removeprefix("sqlite:///")
    assert window.database_label.text() == f"Database: SQLite file {db_path}"


def test_database_label_for_postgresql_hides_the_password():
    from ui.database_label import describe_database

    text = describe_database("postgresql+psycopg://crm:s3cret@db.hotel.lan:5433/hotelcrm")
    assert text == "PostgreSQL hotelcrm on db.hotel.lan:5433"
    assert "s3cret" not in text


def test_chinese_main_window(qtbot, admin_session):
    admin_session.ctx.translations.apply("zh_CN")
    window = _window(qtbot, admin_session)
    assert _nav_texts(window) == ["客史档案", "投诉处理", "大堂副理日志", "会员与积分", "报表", "系统管理"]
    assert window.role_label.text() == "角色：系统管理员"


def test_menus_offer_password_lock_logout_quit_and_about(qtbot, admin_session):
    window = _window(qtbot, admin_session)
    actions = {a.text(): a for a in window.findChildren(QAction) if a.text()}
    assert actions["Lock screen"].shortcut().toString() == "Ctrl+L"
    assert actions["Quit"].shortcut().toString() == "Ctrl+Q"
    assert {"Change password…", "Log out", "About Hotel CRM"} <= actions.keys()


def test_window_geometry_is_restored_on_the_next_start(qtbot, admin_session):
    window = _window(qtbot, admin_session)
    window.resize(900, 640)  # the offscreen test screen is only 800 x 800
    window.logout()
    again = _window(qtbot, admin_session)
    assert again.height() == 640


def test_logout_and_close_emit_the_right_signal(qtbot, admin_session):
    window = _window(qtbot, admin_session)
    with qtbot.waitSignal(window.logout_requested):
        window.logout_action.trigger()
    window = _window(qtbot, admin_session)
    with qtbot.waitSignal(window.quit_requested):
        window.quit_action.trigger()


def test_saving_hotel_settings_updates_the_status_bar_and_lock_time(qtbot, admin_session):
    window = _window(qtbot, admin_session)
    panel = window.page("admin").settings_panel
    assert panel.hotel_name.text() == HOTEL and panel.idle_minutes.value() == 10
    panel.hotel_name.setText("Seaside Resort 海滨度假酒店")
    panel.idle_minutes.setValue(5)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert window.hotel_label.text() == "Hotel: Seaside Resort 海滨度假酒店"
    assert window.idle_lock.timeout_ms == 5 * 60_000
    assert panel.saved_note.text() == "Settings saved."
    stored = admin_session.ctx.services.settings(admin_session.actor).hotel()
    assert stored == HotelSettings("Seaside Resort 海滨度假酒店", "CNY", 5)


def test_empty_hotel_name_is_refused_next_to_the_field(qtbot, admin_session):
    window = _window(qtbot, admin_session)
    panel = window.page("admin").settings_panel
    panel.hotel_name.setText("")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.errors.text == "Hotel name: required."
    assert window.hotel_label.text() == f"Hotel: {HOTEL}"


def test_change_password(qtbot, admin_session, messages):
    dialog = ChangePasswordDialog(admin_session)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.old.setText("wrong password")
    dialog.new.setText("a new password 7")
    dialog.confirm.setText("a new password 7")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.errors.text == "The current password is not correct."
    assert dialog.old.property("invalid") is True

    dialog.old.setText(PASSWORD)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.changed
    assert messages.infos == ["Your password has been changed."]
    assert admin_session.ctx.services.auth().login(ADMIN, "a new password 7").username == ADMIN
