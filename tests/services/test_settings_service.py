import pytest

from hotelcrm import i18n
from hotelcrm.domain.errors import Conflict, ValidationError
from hotelcrm.services.settings_service import SettingsService


def test_settings_saved_together_or_not_at_all(db, admin):
    settings = SettingsService(db, admin)
    saved = settings.set_many({"hotel.name": "锦江饭店", "ui.idle_lock_minutes": 5})
    assert (saved.hotel_name, saved.idle_lock_minutes) == ("锦江饭店", 5)
    with pytest.raises(ValidationError) as err:
        settings.set_many({"hotel.name": "Other Hotel", "ui.idle_lock_minutes": 0})
    assert err.value.field == "idle_lock_minutes"
    after = settings.hotel()
    assert (after.hotel_name, after.idle_lock_minutes) == ("锦江饭店", 5)


def test_unknown_setting_is_refused(db, admin):
    with pytest.raises(ValidationError) as err:
        SettingsService(db, admin).set("security.id_hash_key", "guess")
    assert err.value.reason == "unknown_setting"


def test_conflict_message_shows_both_versions():
    text = i18n.error_text(Conflict("user", 7, mine=3, theirs=4), "en")
    assert "your version 3" in text and "theirs 4" in text
    assert "3" in i18n.error_text(Conflict("user", 7, mine=3, theirs=4), "zh_CN")
    stale = i18n.error_text(Conflict("guest", 7), "zh_CN")
    assert "{" not in stale and "宾客档案" in stale
