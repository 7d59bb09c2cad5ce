"""Who is calling a service."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from hotelcrm.domain.errors import PermissionDenied
from hotelcrm.domain.permissions import Permission, Role, role_allows


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    role: Role
    display_name: str = ""

    def can(self, permission: Permission) -> bool:
        return role_allows(self.role, permission)

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise PermissionDenied(permission.value, self.role.value)

    @classmethod
    def system(cls) -> Actor:
        """The person at this machine's command line: someone who can already read and write
        the database file (or its connection string) directly, so the CLI acts as admin and
        the audit trail records the operating-system user."""
        try:
            who = getpass.getuser()
        except Exception:  # noqa: BLE001 - no login name in some service contexts
            who = "unknown"
        return cls(user_id=None, username=f"cli:{who}", role=Role.ADMIN, display_name=f"cli:{who}")
