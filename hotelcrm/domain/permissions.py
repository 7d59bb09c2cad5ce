"""Roles and what each may do. The services check these; the UI only mirrors them."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    STAFF = "staff"
    CLERK = "clerk"
    LOBBY_MANAGER = "lobby_manager"
    MANAGER = "manager"
    ADMIN = "admin"


class Permission(StrEnum):
    GUEST_READ = "guest.read"
    GUEST_WRITE = "guest.write"
    GUEST_OBSERVE = "guest.observe"
    GUEST_MERGE = "guest.merge"
    ID_REVEAL = "guest.id_reveal"
    SENSITIVE_READ = "guest.sensitive_read"
    STAY_WRITE = "stay.write"
    COMPLAINT_READ = "complaint.read"
    COMPLAINT_RECORD = "complaint.record"  # steps 1-2, link a guest, attach a file (clerks)
    COMPLAINT_WRITE = "complaint.write"
    COMPLAINT_CONFIG = "complaint.config"
    LOYALTY_READ = "loyalty.read"
    LOYALTY_WRITE = "loyalty.write"
    LOYALTY_CONFIG = "loyalty.config"
    LOG_READ = "logbook.read"
    LOG_WRITE = "logbook.write"
    SHIFT_MANAGE = "logbook.shift"
    REPORT_RUN = "report.run"
    REPORT_MANAGER = "report.manager"
    IMPORT_EXPORT = "data.import_export"
    PRIVACY = "privacy.manage"
    BACKUP = "backup.manage"
    USER_ADMIN = "user.admin"
    SETTINGS_ADMIN = "settings.admin"
    AUDIT_READ = "audit.read"
    DEMO_LOAD = "demo.load"


_STAFF = {Permission.GUEST_OBSERVE}
_CLERK = _STAFF | {
    Permission.GUEST_READ,
    Permission.GUEST_WRITE,
    Permission.STAY_WRITE,
    Permission.COMPLAINT_READ,
    Permission.COMPLAINT_RECORD,
    Permission.LOYALTY_READ,
    Permission.LOYALTY_WRITE,
    Permission.LOG_READ,
    Permission.REPORT_RUN,
}
_LOBBY = _CLERK | {
    Permission.COMPLAINT_WRITE,
    Permission.LOG_WRITE,
    Permission.SHIFT_MANAGE,
    Permission.SENSITIVE_READ,
}
_MANAGER = _LOBBY | {
    Permission.GUEST_MERGE,
    Permission.ID_REVEAL,
    Permission.COMPLAINT_CONFIG,
    Permission.LOYALTY_CONFIG,
    Permission.REPORT_MANAGER,
    Permission.IMPORT_EXPORT,
    Permission.PRIVACY,
    Permission.AUDIT_READ,
}
_ADMIN = _MANAGER | {
    Permission.USER_ADMIN,
    Permission.SETTINGS_ADMIN,
    Permission.BACKUP,
    Permission.DEMO_LOAD,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.STAFF: frozenset(_STAFF),
    Role.CLERK: frozenset(_CLERK),
    Role.LOBBY_MANAGER: frozenset(_LOBBY),
    Role.MANAGER: frozenset(_MANAGER),
    Role.ADMIN: frozenset(_ADMIN),
}


def role_allows(role: Role | str, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[Role(role)]
