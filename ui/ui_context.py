"""What every window and dialog needs, passed explicitly instead of a global singleton."""

from __future__ import annotations

from dataclasses import dataclass

from hotelcrm.domain.permissions import Permission
from hotelcrm.services.actor import Actor
from hotelcrm.services.app_services import AppServices

from .local_settings import LocalSettings
from .message_service import Messages
from .qt_translations import QtTranslations
from .task_runner import BaseTaskRunner


@dataclass
class UiContext:
    """The open services plus the GUI's shared helpers."""

    services: AppServices
    runner: BaseTaskRunner
    messages: Messages
    local: LocalSettings
    translations: QtTranslations


@dataclass(frozen=True)
class UserSession:
    """A logged-in user: the context plus the actor every service call is made as."""

    ctx: UiContext
    actor: Actor

    def can(self, permission: Permission) -> bool:
        return self.actor.can(permission)
