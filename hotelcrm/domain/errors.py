"""Typed errors with a code. The code (plus params) is what the UI translates:
the message key is ``error.<code>``; no user-facing text lives here."""

from __future__ import annotations

from typing import Any


class HotelCrmError(Exception):
    """Base of every error the services raise on purpose."""

    code = "internal"

    def __init__(self, code: str | None = None, **params: Any) -> None:
        self.code = code or type(self).code
        self.params = params
        super().__init__(f"{self.code} {params}" if params else self.code)


class ValidationError(HotelCrmError):
    """Bad input: names the field and the reason (both are codes)."""

    code = "validation"

    def __init__(self, field: str, reason: str, **params: Any) -> None:
        super().__init__(f"invalid.{reason}", field=field, **params)
        self.field = field
        self.reason = reason

    def __reduce__(self):
        """Pickled with its field, reason and params (an import's parse worker sends it back)."""
        params = {k: v for k, v in self.params.items() if k != "field"}
        return _validation_error, (self.field, self.reason, params)


def _validation_error(field: str, reason: str, params: dict[str, Any]) -> ValidationError:
    return ValidationError(field, reason, **params)


class PermissionDenied(HotelCrmError):
    code = "permission_denied"

    def __init__(self, permission: str, role: str) -> None:
        super().__init__(permission=permission, role=role)


class NotFound(HotelCrmError):
    code = "not_found"

    def __init__(self, entity: str, key: Any) -> None:
        super().__init__(entity=entity, key=key)


class Conflict(HotelCrmError):
    """Someone else saved a newer version; ``mine`` and ``theirs`` carry both."""

    code = "conflict"

    def __init__(self, entity: str, key: Any, mine: Any = None, theirs: Any = None) -> None:
        if mine is None or theirs is None:  # the database refused a stale save; versions unknown
            super().__init__("conflict_stale", entity=entity, key=key)
        else:
            super().__init__(entity=entity, key=key, mine=mine, theirs=theirs)
        self.mine = mine
        self.theirs = theirs


class Busy(HotelCrmError):
    """The database refused a write for now (PostgreSQL serialization failure or deadlock,
    SQLite still locked after the busy timeout); retried a few times before it reaches the user."""

    code = "busy"

    def __init__(self, entity: str, key: Any = None) -> None:
        super().__init__(entity=entity, key=key)


class AuthError(HotelCrmError):
    code = "auth_failed"


class StorageError(HotelCrmError):
    """The database cannot be used as configured (network share, old SQLite, ...)."""

    code = "storage"
