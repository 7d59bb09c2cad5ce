"""Log in, lock out after repeated failures, change one's own password."""

from __future__ import annotations

from functools import cache

from sqlalchemy import select

from hotelcrm.db.engine import Database
from hotelcrm.db.models import User, utcnow
from hotelcrm.domain import passwords
from hotelcrm.domain.errors import AuthError
from hotelcrm.domain.permissions import Role

from .actor import Actor
from .audit_trail import AuditTrail
from .base import Service, retry_transient, write_transaction


class AuthService:
    """Called before anyone is logged in, so it takes no actor."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @retry_transient
    def login(self, username: str, password: str) -> Actor:
        """The actor for a correct password. Five wrong passwords lock the account for
        15 minutes; the error does not say whether the user exists."""
        name = (username or "").strip().lower()
        now = utcnow()
        with write_transaction(self.db, "user") as s:
            user = s.scalar(select(User).where(User.username == name))
            anonymous = Actor(None, name or "?", Role.STAFF)
            audit = AuditTrail(s, anonymous)
            if user is None or user.status != "active":
                passwords.verify_password(_dummy_hash(), password or "")  # same time either way
                audit.record("login_failed", "user", None, note=name[:64])
                failure = AuthError("auth_failed")
            elif passwords.is_locked(user.locked_until, now):
                audit.record("login_locked", "user", user.id)
                failure = AuthError("account_locked", until=user.locked_until)
            elif not passwords.verify_password(user.password_hash, password or ""):
                user.failed_logins, user.locked_until = passwords.after_failure(user.failed_logins, now)
                audit.record("login_failed", "user", user.id)
                failure = (AuthError("account_locked", until=user.locked_until)
                           if user.locked_until else AuthError("auth_failed"))
            else:
                user.failed_logins = 0
                user.locked_until = None
                user.last_login_at = now
                if passwords.needs_rehash(user.password_hash):
                    user.password_hash = passwords.hash_password(password)
                actor = Actor(user.id, user.username, Role(user.role), user.display_name)
                AuditTrail(s, actor).record("login", "user", user.id)
                return actor
        raise failure

    def user_language(self, username: str) -> str | None:
        with self.db.read() as s:
            return s.scalar(select(User.language).where(User.username == (username or "").strip().lower()))


@cache
def _dummy_hash() -> str:
    """Made at the first failed login, not at import: hashing costs ~0.3 s of the start."""
    return passwords.hash_password("not a real password, only for constant-time failures")


class AccountService(Service):
    """What a logged-in user may do to their own account."""

    def change_password(self, old_password: str, new_password: str) -> None:
        passwords.validate_new_password(new_password, "new_password")
        with self._write("user", self.actor.user_id) as (s, audit):
            user = s.get(User, self.actor.user_id)
            if user is None or not passwords.verify_password(user.password_hash, old_password):
                raise AuthError("wrong_password")
            user.password_hash = passwords.hash_password(new_password)
            audit.record("change_password", "user", user.id, field="password_hash", note="value hidden")

    def verify_password(self, password: str) -> bool:
        """Unlock the idle screen: checks the password of the logged-in user."""
        with self._read() as s:
            user = s.get(User, self.actor.user_id)
            return user is not None and user.status == "active" and passwords.verify_password(
                user.password_hash, password)
