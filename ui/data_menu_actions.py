"""File-menu actions for data: Export… (IMPORT_EXPORT), Back up now… and Restore… (BACKUP).
A restore replaces the database; ``restored`` then asks the application to start over at the
login (the schema may need an upgrade, every open screen shows old data)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from hotelcrm.domain.backup_rules import manual_name
from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr

from .ui_context import UserSession


class DataMenuActions(QObject):
    """The file choosers are attributes so that tests can answer them."""

    restored = Signal()

    def __init__(self, session: UserSession, window: QWidget, menu: QMenu) -> None:
        super().__init__(window)
        self.session = session
        self.window = window
        self.export_action = self.backup_action = self.restore_action = None
        if session.can(Permission.IMPORT_EXPORT):
            self.export_action = menu.addAction(tr("export.ui.menu"))
            self.export_action.triggered.connect(self.export)
        if session.can(Permission.BACKUP):
            self.backup_action = menu.addAction(tr("backup.ui.menu_backup"))
            self.backup_action.triggered.connect(self.back_up)
            self.restore_action = menu.addAction(tr("backup.ui.menu_restore"))
            self.restore_action.triggered.connect(self.restore)
        self.choose_save = self._choose_save
        self.choose_open = self._choose_open

    def _backups(self):
        return self.session.ctx.services.backups(self.session.actor)

    def _default_backup(self) -> str:
        config = self.session.ctx.services.config
        stem = Path(config.database_url.rsplit("/", 1)[-1]).stem or "hotelcrm"
        return str(config.backup_dir / manual_name(stem, datetime.now()))

    def _choose_save(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.window, tr("backup.ui.save_title"), suggested,
                                              tr("backup.ui.filter"))
        return path or None

    def _choose_open(self, folder: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.window, tr("backup.ui.open_title"), folder, tr("backup.ui.filter"))
        return path or None

    def export(self) -> None:
        from .export_dialog import ExportDialog  # with the CSV rules and phonenumbers: at first use

        ExportDialog.ask(self.session, self.window)

    def back_up(self) -> None:
        if not self.session.ctx.services.config.is_sqlite:
            self.session.ctx.messages.error(self.window, tr("error.backup_postgresql"))
            return
        path = self.choose_save(self._default_backup())
        if not path:
            return
        backups = self._backups()
        self.session.ctx.runner.run(lambda: backups.backup(path), parent=self.window, label=tr("backup.ui.working"),
                                    on_success=lambda info: self.session.ctx.messages.info(
                                        self.window, tr("backup.ui.done", path=str(info.path),
                                                        size=f"{info.size_bytes / 1_048_576:.1f}")))

    def restore(self) -> None:
        if not self.session.ctx.services.config.is_sqlite:
            self.session.ctx.messages.error(self.window, tr("error.restore_postgresql"))
            return
        path = self.choose_open(str(self.session.ctx.services.config.backup_dir))
        if not path:
            return
        backups = self._backups()
        self.session.ctx.runner.run(lambda: backups.check(path), parent=self.window, label=tr("backup.ui.checking"),
                                    on_success=lambda revision: self._confirm_restore(path, revision))

    def _confirm_restore(self, path: str, revision: str) -> None:
        if not self.session.ctx.messages.confirm(self.window, tr("backup.ui.confirm_restore", path=path,
                                                                 revision=revision)):
            return
        backups = self._backups()
        self.session.ctx.runner.run(lambda: backups.restore(path), parent=self.window,
                                    label=tr("backup.ui.restoring"), on_success=self._restored)

    def _restored(self, info) -> None:
        self.session.ctx.messages.info(self.window, tr("backup.ui.restored", path=str(info.path),
                                                       previous=str(info.previous)))
        self.restored.emit()
