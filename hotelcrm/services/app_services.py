"""The one object the GUI and the CLI hold: the open database plus service factories."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hotelcrm.config import Config
from hotelcrm.db.engine import Database

from . import maintenance_service
from .actor import Actor
from .audit_service import AuditService
from .auth_service import AccountService, AuthService
from .settings_service import SettingsService
from .setup_service import SetupService
from .user_service import UserService

if TYPE_CHECKING:
    from .demo_service import DemoService


@dataclass
class AppServices:
    config: Config
    db: Database

    @classmethod
    def open(cls, config: Config, *, migrate: bool = True) -> AppServices:
        db = maintenance_service.open_database(config)
        if migrate and maintenance_service.needs_upgrade(db):
            maintenance_service.upgrade(db, config)
        return cls(config, db)

    @property
    def backend(self) -> str:
        return self.db.backend

    def setup(self) -> SetupService:
        return SetupService(self.db)

    def auth(self) -> AuthService:
        return AuthService(self.db)

    def users(self, actor: Actor) -> UserService:
        return UserService(self.db, actor)

    def account(self, actor: Actor) -> AccountService:
        return AccountService(self.db, actor)

    def settings(self, actor: Actor) -> SettingsService:
        return SettingsService(self.db, actor)

    def audit(self, actor: Actor) -> AuditService:
        return AuditService(self.db, actor)

    def demo(self, actor: Actor) -> DemoService:
        # Imported on demand: pypinyin's dictionaries take a third of a second to load.
        from .demo_service import DemoService

        return DemoService(self.db, actor)

    def close(self) -> None:
        self.db.dispose()
