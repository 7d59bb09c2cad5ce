"""Start-up and the flow between windows: first run, main window, log out, log in, quit; a
database that cannot be used ends in a translated message and exit code 1."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from hotelcrm.config import load_config
from hotelcrm.domain.errors import StorageError
from hotelcrm.services.app_services import AppServices
from tests.conftest import PASSWORD
from ui.app_controller import AppController
from ui.first_run_dialog import FirstRunDialog
from ui.local_settings import LocalSettings
from ui.login_dialog import LoginDialog
from ui.qt_translations import QtTranslations
from ui.task_runner import SyncTaskRunner


@pytest.fixture
def make_controller(qapp, messages, tmp_path):
    translations = QtTranslations()
    translations.apply("en")

    def make(opener) -> AppController:
        local = LocalSettings(QSettings(str(tmp_path / "local.ini"), QSettings.Format.IniFormat))
        return AppController(opener, SyncTaskRunner(messages), messages, local, translations)

    yield make
    translations.apply("en")  # a failed test must not leave Qt's Chinese catalogue installed


def test_storage_error_at_start_is_a_translated_message_and_exit_code_1(make_controller, qtbot, messages):
    def opener():
        raise StorageError("network_share", path="//nas/front/hotelcrm.db")

    controller = make_controller(opener)
    with qtbot.waitSignal(controller.finished) as finished:
        controller.start()
    assert finished.args == [1]
    assert messages.errors == [
        "Hotel CRM cannot start.\n\nThe database file //nas/front/hotelcrm.db is on a network share. "
        "SQLite cannot be shared that way safely; use a PostgreSQL server for several desks."]


def test_unsupported_database_url_is_refused_politely(make_controller, qtbot, messages):
    config = load_config("mysql://crm@db/hotel")
    controller = make_controller(lambda: AppServices.open(config))
    with qtbot.waitSignal(controller.finished) as finished:
        controller.start()
    assert finished.args == [1]
    assert 'Unsupported database type "mysql"' in messages.errors[0]
    assert "Traceback" not in messages.errors[0]


def test_unexpected_failure_at_start_shows_the_generic_message(make_controller, qtbot, messages):
    def opener():
        raise OSError("disk on fire")

    controller = make_controller(opener)
    with qtbot.waitSignal(controller.finished) as finished:
        controller.start()
    assert finished.args == [1]
    assert "disk on fire" not in messages.errors[0]
    assert "Something went wrong" in messages.errors[0]


def _when_shown(qtbot, dialog_class, act):
    """Dialogs run their own event loop (exec); a polling timer acts inside that loop."""
    timer = QTimer()
    timer.setInterval(10)

    def poll():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, dialog_class) and widget.isVisible():
                timer.stop()
                act(widget)
                return

    timer.timeout.connect(poll)
    timer.start()
    return timer


def test_first_run_main_window_log_out_log_in_quit(make_controller, qtbot, messages, sqlite_db):
    services = AppServices(load_config(sqlite_db.url), sqlite_db)
    controller = make_controller(lambda: services)

    def set_up(dialog: FirstRunDialog):
        dialog.hotel_name.setText("Grand Harbour Hotel 海港大酒店")
        dialog.username.setText("manager.li")
        dialog.password.setText(PASSWORD)
        dialog.confirm.setText(PASSWORD)
        dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    keep = _when_shown(qtbot, FirstRunDialog, set_up)
    controller.start()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible())
    window = controller.window
    assert window.visible_areas()[-1] == "admin"
    assert window.navigation.item(0).text() == "客史档案", "the language chosen at first run applies"

    def log_in(dialog: LoginDialog):
        assert dialog.hotel.text() == "Grand Harbour Hotel 海港大酒店"
        assert dialog.language.currentData() == "zh_CN", "the last language used on this PC"
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        dialog.username.setText("manager.li")
        dialog.password.setText(PASSWORD)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    keep = _when_shown(qtbot, LoginDialog, log_in)  # noqa: F841 - the timer must stay alive
    window.logout_action.trigger()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window is not window
                    and controller.window.isVisible())
    assert controller.window.navigation.item(0).text() == "Guests"
    with qtbot.waitSignal(controller.finished) as finished:
        controller.window.quit_action.trigger()
    assert finished.args == [0]
    assert messages.errors == []
