from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher, Type

from hotelcrm.domain import passwords
from hotelcrm.domain.errors import ValidationError
from tests.conftest import PRODUCTION_HASHER


def test_production_hasher_is_argon2id_with_library_defaults(monkeypatch):
    assert PRODUCTION_HASHER.type is Type.ID
    assert PRODUCTION_HASHER.time_cost == PasswordHasher().time_cost
    assert PRODUCTION_HASHER.memory_cost == PasswordHasher().memory_cost
    monkeypatch.setattr(passwords, "_hasher", PRODUCTION_HASHER)
    digest = passwords.hash_password("correct horse 42")
    assert digest.startswith("$argon2id$")
    assert passwords.verify_password(digest, "correct horse 42")
    assert not passwords.verify_password(digest, "Correct horse 42")
    assert not passwords.verify_password("not a hash", "x")


def test_five_failures_lock_for_fifteen_minutes():
    now = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    failed, locked = 0, None
    for _ in range(4):
        failed, locked = passwords.after_failure(failed, now)
        assert locked is None
    failed, locked = passwords.after_failure(failed, now)
    assert locked == now + timedelta(minutes=15) and failed == 0
    assert passwords.is_locked(locked, now + timedelta(minutes=14, seconds=59))
    assert not passwords.is_locked(locked, now + timedelta(minutes=15))


@pytest.mark.parametrize(("password", "reason"), [("short", "too_short"), (" padded pass ", "surrounding_space"),
                                                  ("x" * 300, "too_long")])
def test_new_password_rules(password, reason):
    with pytest.raises(ValidationError) as err:
        passwords.validate_new_password(password)
    assert err.value.reason == reason
