"""Every key exists in every language, and every key the code uses exists."""

import re
from pathlib import Path

import pytest

from hotelcrm import i18n
from hotelcrm.domain.permissions import Permission, Role

ROOT = Path(__file__).resolve().parents[2]
# tr("key" ...) / tr('key' ...) / self.tr_key("key") literals in the sources
KEY_USE = re.compile(r"""\btr\(\s*["']([a-z0-9_]+(?:\.[A-Za-z0-9_\-]+)+)["']""")


def test_languages_have_the_same_keys():
    en, zh = i18n.catalogue("en"), i18n.catalogue("zh_CN")
    assert sorted(en.keys() - zh.keys()) == [], "keys missing in zh_CN"
    assert sorted(zh.keys() - en.keys()) == [], "keys missing in en"


def test_no_empty_values_and_same_placeholders():
    en, zh = i18n.catalogue("en"), i18n.catalogue("zh_CN")
    field = re.compile(r"{(\w+)}")
    for key, text in en.items():
        assert text.strip() and zh[key].strip(), key
        assert set(field.findall(text)) == set(field.findall(zh[key])), key


def test_every_key_used_in_code_exists():
    keys = i18n.catalogue("en").keys()
    missing = set()
    for folder in ("hotelcrm", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            for key in KEY_USE.findall(path.read_text(encoding="utf-8")):
                if key not in keys:
                    missing.add(f"{path.relative_to(ROOT)}: {key}")
    assert sorted(missing) == []


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_role_and_permission_has_a_label(lang):
    cat = i18n.catalogue(lang)
    for role in Role:
        assert f"role.{role.value}" in cat
    for perm in Permission:
        assert f"permission.{perm.value}" in cat


def test_error_text_names_field_and_reason():
    from hotelcrm.domain.errors import ValidationError

    err = ValidationError("username", "required")
    assert i18n.error_text(err, "en") == "User name: required."
    assert i18n.error_text(err, "zh_CN") == "用户名：必填。"


def test_language_detection():
    assert i18n.normalize_language("zh_CN.UTF-8") == "zh_CN"
    assert i18n.normalize_language("en_US") == "en"
    assert i18n.normalize_language("fr_FR") is None
