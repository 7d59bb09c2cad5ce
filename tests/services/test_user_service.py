from datetime import timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from hotelcrm.db.models import AuditEntry, User
from hotelcrm.domain.errors import AuthError, Conflict, HotelCrmError, PermissionDenied, ValidationError
from hotelcrm.services.auth_service import AccountService, AuthService
from hotelcrm.services.setup_service import SetupService
from hotelcrm.services.user_service import UserService
from tests.conftest import PASSWORD


def audit_count(db, **where):
    with db.read() as s:
        q = select(func.count()).select_from(AuditEntry)
        for k, v in where.items():
            q = q.where(getattr(AuditEntry, k) == v)
        return s.scalar(q)


def test_first_run_creates_admin_once(db):
    setup = SetupService(db)
    assert setup.needs_setup()
    actor = setup.initialize("Grand Hotel", "Boss", PASSWORD, language="en")
    assert actor.role == "admin" and actor.username == "boss"
    assert not setup.needs_setup()
    with pytest.raises(HotelCrmError) as err:
        setup.initialize("Other", "intruder", PASSWORD)
    assert err.value.code == "already_set_up"
    assert audit_count(db, entity="setting", entity_id="hotel.name") == 1


def test_login_and_lockout_after_five_failures(db, make_actor):
    clerk = make_actor("clerk")
    auth = AuthService(db)
    assert auth.login(clerk.username, PASSWORD).user_id == clerk.user_id
    for _ in range(4):
        with pytest.raises(AuthError) as err:
            auth.login(clerk.username, "wrong password")
        assert err.value.code == "auth_failed"
    with pytest.raises(AuthError) as err:
        auth.login(clerk.username, "wrong password")
    assert err.value.code == "account_locked"
    # even the right password is refused while locked
    with pytest.raises(AuthError) as err:
        auth.login(clerk.username, PASSWORD)
    assert err.value.code == "account_locked"
    with db.write() as s:
        user = s.get(User, clerk.user_id)
        user.locked_until = user.locked_until - timedelta(minutes=16)
    assert auth.login(clerk.username, PASSWORD).user_id == clerk.user_id


def test_unknown_user_gets_same_error(db):
    with pytest.raises(AuthError) as err:
        AuthService(db).login("nobody", PASSWORD)
    assert err.value.code == "auth_failed"


@pytest.mark.parametrize("role", ["staff", "clerk", "lobby_manager", "manager"])
def test_only_admins_manage_users(db, make_actor, role):
    actor = make_actor(role)
    service = UserService(db, actor)
    with pytest.raises(PermissionDenied):
        service.list()
    with pytest.raises(PermissionDenied):
        service.create("someone", PASSWORD, "clerk")
    with pytest.raises(PermissionDenied):
        service.reset_password(actor.user_id, "another password")


def test_create_update_is_audited(db, admin):
    users = UserService(db, admin)
    before = audit_count(db)
    info = users.create("li.na", PASSWORD, "clerk", display_name="李娜")
    assert audit_count(db) > before
    updated = users.update(info.id, info.version, role="lobby_manager")
    assert updated.role == "lobby_manager" and updated.version == info.version + 1
    assert audit_count(db, entity="user", entity_id=str(info.id), field="role", action="update") == 1
    with pytest.raises(Conflict):
        users.update(info.id, info.version, display_name="stale")


def test_bad_input_is_refused_and_nothing_stored(db, admin):
    users = UserService(db, admin)
    with pytest.raises(ValidationError) as err:
        users.create("x y", PASSWORD, "clerk")
    assert err.value.field == "username"
    with pytest.raises(ValidationError) as err:
        users.create("short", "abc", "clerk")
    assert err.value.field == "password"
    with pytest.raises(ValidationError):
        users.create("okname", PASSWORD, "king")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(User)) == 0


def test_last_admin_cannot_be_removed(db, admin):
    users = UserService(db, admin)
    boss = users.create("boss", PASSWORD, "admin")
    with pytest.raises(HotelCrmError) as err:
        users.update(boss.id, boss.version, role="clerk")
    assert err.value.code == "last_admin"


def test_change_own_password(db, make_actor):
    clerk = make_actor("clerk")
    account = AccountService(db, clerk)
    with pytest.raises(AuthError):
        account.change_password("wrong", "a new password")
    account.change_password(PASSWORD, "a new password")
    assert AuthService(db).login(clerk.username, "a new password").user_id == clerk.user_id


def test_audit_trail_is_append_only(db, admin):
    UserService(db, admin).create("someone", PASSWORD, "clerk")
    with pytest.raises(DBAPIError, match="append-only|append_only"):
        with db.write() as s:
            s.execute(text("UPDATE audit_log SET actor_name = 'forged'"))
    with pytest.raises(DBAPIError, match="append-only|append_only"):
        with db.write() as s:
            s.execute(text("DELETE FROM audit_log"))
    assert audit_count(db, actor_name="forged") == 0
    assert audit_count(db) > 0
