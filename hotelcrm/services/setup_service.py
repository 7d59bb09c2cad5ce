"""First run: an empty database gets a hotel name and its first administrator."""

from __future__ import annotations

from sqlalchemy import func, select

from hotelcrm.db.engine import Database
from hotelcrm.db.models import User
from hotelcrm.domain.errors import HotelCrmError
from hotelcrm.domain.passwords import hash_password, validate_new_password
from hotelcrm.domain.permissions import Role
from hotelcrm.domain.text_rules import clean_text, clean_username

from .actor import Actor
from .audit_trail import AuditTrail
from .base import retry_transient, write_transaction
from .settings_service import write_setting
from .user_service import check_language


class SetupService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def needs_setup(self) -> bool:
        with self.db.read() as s:
            return not s.scalar(select(func.count()).select_from(User))

    @retry_transient
    def initialize(self, hotel_name: str, admin_username: str, admin_password: str,
                   display_name: str = "", language: str | None = None) -> Actor:
        """Create the first administrator; refused once any user exists."""
        name = clean_username(admin_username)
        hotel = clean_text(hotel_name, "hotel_name", required=True, max_len=200)
        shown = clean_text(display_name, "display_name", max_len=100) or name
        validate_new_password(admin_password)
        check_language(language)
        with write_transaction(self.db, "user") as s:
            if s.scalar(select(func.count()).select_from(User)):
                raise HotelCrmError("already_set_up")
            user = User(username=name, display_name=shown, role=Role.ADMIN.value,
                        password_hash=hash_password(admin_password), language=language)
            s.add(user)
            s.flush()
            actor = Actor(user.id, user.username, Role.ADMIN, shown)
            audit = AuditTrail(s, actor)
            audit.created("user", user.id, {"username": name, "role": "admin", "display_name": shown})
            write_setting(s, audit, "hotel.name", hotel)
            return actor
