"""User accounts and roles (administrators)."""

from __future__ import annotations

from sqlalchemy import func, select

from hotelcrm.db.models import User
from hotelcrm.domain.errors import HotelCrmError, NotFound, ValidationError
from hotelcrm.domain.passwords import hash_password, validate_new_password
from hotelcrm.domain.permissions import Permission, Role
from hotelcrm.domain.text_rules import clean_text, clean_username
from hotelcrm.i18n import LANGUAGES

from .base import Service, load_row
from .dto import UserInfo


def user_info(user: User) -> UserInfo:
    return UserInfo(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        language=user.language,
        status=user.status,
        locked_until=user.locked_until,
        last_login_at=user.last_login_at,
        version=user.version,
    )


def parse_role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise ValidationError("role", "unknown_role", value=value) from None


def check_language(value: str | None) -> str | None:
    if value is not None and value not in LANGUAGES:
        raise ValidationError("language", "unknown_language", value=value)
    return value


class UserService(Service):
    """Create, change and lock out users. Only administrators may call it."""

    def list(self) -> list[UserInfo]:
        self._require(Permission.USER_ADMIN)
        with self._read() as s:
            return [user_info(u) for u in s.scalars(select(User).order_by(User.username))]

    def get(self, user_id: int) -> UserInfo:
        self._require(Permission.USER_ADMIN)
        with self._read() as s:
            user = s.get(User, user_id)
            if user is None:
                raise NotFound("user", user_id)
            return user_info(user)

    def create(self, username: str, password: str, role: str, display_name: str = "",
               language: str | None = None) -> UserInfo:
        self._require(Permission.USER_ADMIN)
        name = clean_username(username)
        role_ = parse_role(role)
        shown = clean_text(display_name, "display_name", max_len=100) or name
        validate_new_password(password)
        check_language(language)
        with self._write("user", name) as (s, audit):
            if s.scalar(select(func.count()).select_from(User).where(User.username == name)):
                raise HotelCrmError("username_taken", username=name)
            user = User(username=name, display_name=shown, role=role_.value,
                        password_hash=hash_password(password), language=language, status="active")
            s.add(user)
            s.flush()
            audit.created("user", user.id, {"username": name, "display_name": shown, "role": role_.value,
                                            "language": language})
            return user_info(user)

    def update(self, user_id: int, expected_version: int, *, display_name: str | None = None,
               role: str | None = None, language: str | None = None, active: bool | None = None) -> UserInfo:
        self._require(Permission.USER_ADMIN)
        changes: dict[str, object] = {}
        if display_name is not None:
            changes["display_name"] = clean_text(display_name, "display_name", required=True, max_len=100)
        if role is not None:
            changes["role"] = parse_role(role).value
        if language is not None:
            changes["language"] = check_language(language or None)
        if active is not None:
            changes["status"] = "active" if active else "disabled"
        with self._write("user", user_id) as (s, audit):
            user = self._load(s, user_id, expected_version)
            if user.id == self.actor.user_id and (changes.get("role", "admin") != "admin"
                                                  or changes.get("status") == "disabled"):
                raise HotelCrmError("cannot_demote_self")
            self._keep_one_admin(s, user, changes)
            audit.changed("user", user.id, user, changes)
            s.flush()
            return user_info(user)

    def reset_password(self, user_id: int, new_password: str) -> None:
        self._require(Permission.USER_ADMIN)
        validate_new_password(new_password)
        with self._write("user", user_id) as (s, audit):
            user = self._load(s, user_id)
            user.password_hash = hash_password(new_password)
            user.failed_logins = 0
            user.locked_until = None
            audit.record("reset_password", "user", user.id, field="password_hash", note="value hidden")

    def unlock(self, user_id: int) -> None:
        self._require(Permission.USER_ADMIN)
        with self._write("user", user_id) as (s, audit):
            user = self._load(s, user_id)
            audit.changed("user", user.id, user, {"failed_logins": 0, "locked_until": None})

    @staticmethod
    def _load(s, user_id: int, expected_version: int | None = None) -> User:
        return load_row(s, User, user_id, expected_version, "user")

    @staticmethod
    def _keep_one_admin(s, user: User, changes: dict[str, object]) -> None:
        losing_admin = user.role == "admin" and user.status == "active" and (
            changes.get("role", "admin") != "admin" or changes.get("status", "active") != "active"
        )
        if not losing_admin:
            return
        admins = s.scalar(select(func.count()).select_from(User)
                          .where(User.role == "admin", User.status == "active"))
        if admins <= 1:
            raise HotelCrmError("last_admin")
