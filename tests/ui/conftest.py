"""GUI fixtures: services on a migrated SQLite copy, the synchronous task runner, recorded
message boxes and a throw-away QSettings file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from hotelcrm.config import load_config
from hotelcrm.services.app_services import AppServices
from tests.conftest import PASSWORD
from ui.local_settings import LocalSettings
from ui.qt_translations import QtTranslations
from ui.task_runner import SyncTaskRunner
from ui.ui_context import UiContext, UserSession

ADMIN = "manager.li"
HOTEL = "Grand Harbour Hotel 海港大酒店"


class RecordingMessages:
    """Stands in for message boxes: records what the user would have read."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.confirm_answer = True

    def error(self, parent, text: str) -> None:
        self.errors.append(text)

    def info(self, parent, text: str) -> None:
        self.infos.append(text)

    def confirm(self, parent, text: str) -> bool:
        self.infos.append(text)
        return self.confirm_answer


@pytest.fixture(autouse=True)
def unanswered_conflict_fails(monkeypatch):
    """A conflict dialog (ui/conflict_dialog.py) no test answers would wait forever offscreen:
    it fails instead. Tests that expect one patch ``ConflictDialog.exec`` themselves."""
    from ui.conflict_dialog import ConflictDialog

    def exec_(dialog) -> int:
        raise AssertionError(f"a conflict dialog was shown and not answered: {dialog.table.rowCount()} rows")

    monkeypatch.setattr(ConflictDialog, "exec", exec_)


@pytest.fixture
def messages() -> RecordingMessages:
    return RecordingMessages()


@pytest.fixture
def ctx(qapp, sqlite_db, tmp_path, messages):
    services = AppServices(load_config(sqlite_db.url), sqlite_db)
    local = LocalSettings(QSettings(str(tmp_path / "local.ini"), QSettings.Format.IniFormat))
    translations = QtTranslations()
    translations.apply("en")
    context = UiContext(services, SyncTaskRunner(messages), messages, local, translations)
    yield context
    translations.apply("en")  # never leave Qt's Chinese catalogue installed for the next test


@pytest.fixture
def admin_actor(ctx):
    return ctx.services.setup().initialize(HOTEL, ADMIN, PASSWORD, "Li Na 李娜", "en")


@pytest.fixture
def admin_session(ctx, admin_actor) -> UserSession:
    return UserSession(ctx, admin_actor)


@pytest.fixture
def session_for(ctx, admin_actor):
    """``session_for("clerk")`` creates a user with that role and logs them in."""

    def make(role: str, username: str | None = None) -> UserSession:
        name = username or f"{role.replace('_', '')}.user"
        ctx.services.users(admin_actor).create(name, PASSWORD, role, f"{role} user")
        return UserSession(ctx, ctx.services.auth().login(name, PASSWORD))

    return make
