"""File → Import… for users who may import (IMPORT_EXPORT)."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr

from .ui_context import UserSession


def add_import_action(session: UserSession, window: QWidget, menu: QMenu) -> QAction | None:
    if not session.can(Permission.IMPORT_EXPORT):
        return None
    action = menu.addAction(tr("import.ui.menu"))
    action.triggered.connect(lambda: _ask(session, window))
    return action


def _ask(session: UserSession, window: QWidget) -> None:
    from .import_dialog import ImportDialog  # with the CSV/XLSX readers: at first use, not at start

    ImportDialog.ask(session, window)
