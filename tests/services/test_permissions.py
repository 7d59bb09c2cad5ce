"""Every service method refuses a caller whose role lacks the permission, whatever the caller
(DESIGN.md §2.7); every change it makes leaves an audit row. One table for all services; later
issues add their methods to CALLS."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hotelcrm.db.models import AuditEntry
from hotelcrm.domain.errors import AuthError, PermissionDenied
from hotelcrm.domain.permissions import Permission, Role, role_allows
from hotelcrm.services.audit_service import AuditService
from hotelcrm.services.auth_service import AuthService
from hotelcrm.services.settings_service import SettingsService
from hotelcrm.services.user_service import UserService
from tests.conftest import PASSWORD

# (name, permission, call(db, actor, target_user_id)); None = any logged-in user.
CALLS = [
    ("users.list", Permission.USER_ADMIN, lambda db, a, uid: UserService(db, a).list()),
    ("users.get", Permission.USER_ADMIN, lambda db, a, uid: UserService(db, a).get(uid)),
    ("users.create", Permission.USER_ADMIN,
     lambda db, a, uid: UserService(db, a).create(f"new{a.role.value}", PASSWORD, "clerk")),
    ("users.update", Permission.USER_ADMIN,
     lambda db, a, uid: UserService(db, a).update(uid, UserService(db, a).get(uid).version, display_name="X")),
    ("users.reset_password", Permission.USER_ADMIN,
     lambda db, a, uid: UserService(db, a).reset_password(uid, "another password")),
    ("users.unlock", Permission.USER_ADMIN, lambda db, a, uid: UserService(db, a).unlock(uid)),
    ("settings.set", Permission.SETTINGS_ADMIN,
     lambda db, a, uid: SettingsService(db, a).set("ui.idle_lock_minutes", 5)),
    ("settings.hotel", None, lambda db, a, uid: SettingsService(db, a).hotel()),
    ("audit.entries", Permission.AUDIT_READ, lambda db, a, uid: AuditService(db, a).entries()),
]


def _audit_rows(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry))


@pytest.mark.parametrize("role", [r.value for r in Role])
@pytest.mark.parametrize(("name", "permission", "call"), CALLS, ids=[c[0] for c in CALLS])
def test_role_table(db, make_actor, role, name, permission, call):
    target = make_actor("staff")
    actor = make_actor(role)
    allowed = permission is None or role_allows(role, permission)
    before = _audit_rows(db)
    if allowed:
        call(db, actor, target.user_id)
    else:
        with pytest.raises(PermissionDenied) as err:
            call(db, actor, target.user_id)
        assert err.value.params == {"permission": permission.value, "role": role}
        assert _audit_rows(db) == before, "a refused call changed something"


@pytest.mark.parametrize("name", ["users.create", "users.update", "users.reset_password", "users.unlock",
                                  "settings.set"])
def test_every_change_is_audited(db, make_actor, admin, name):
    target = make_actor("clerk")
    call = next(c for n, _, c in CALLS if n == name)
    if name == "users.unlock":  # unlocking an unlocked account changes nothing, so lock it first
        for _ in range(5):
            with pytest.raises(AuthError):
                AuthService(db).login(target.username, "wrong password")
    before = _audit_rows(db)
    call(db, admin, target.user_id)
    assert _audit_rows(db) > before


def test_roles_are_nested():
    """Each role can do what the one below it can (the desk hierarchy)."""
    order = [Role.STAFF, Role.CLERK, Role.LOBBY_MANAGER, Role.MANAGER, Role.ADMIN]
    for lower, higher in zip(order, order[1:], strict=False):
        for permission in Permission:
            if role_allows(lower, permission):
                assert role_allows(higher, permission), (lower, higher, permission)
    assert [p for p in Permission if role_allows(Role.STAFF, p)] == [Permission.GUEST_OBSERVE]
