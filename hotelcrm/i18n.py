"""One catalogue mechanism for every user-visible string: GUI, CLI and PDFs.

Catalogues are JSON files under ``resources/i18n/<lang>/``; every file of a
language is merged into one dictionary (files are split by area so that
several people can add keys without touching the same file). Keys are dotted
ids (``login.title``); values use ``str.format`` placeholders.
"""

from __future__ import annotations

import json
import locale
import os
from functools import cache
from importlib.resources import files
from typing import Any

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}

_current = DEFAULT_LANGUAGE


def normalize_language(value: str | None) -> str | None:
    """Map 'zh', 'zh-CN', 'zh_CN.UTF-8', 'en_US' ... to a supported language."""
    if not value:
        return None
    tag = value.replace("-", "_").split(".")[0].lower()
    if tag.startswith("zh"):
        return "zh_CN"
    if tag.startswith("en"):
        return "en"
    return None


def system_language() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        found = normalize_language(os.environ.get(var))
        if found:
            return found
    try:
        found = normalize_language(locale.getlocale()[0])
    except ValueError:
        found = None
    return found or DEFAULT_LANGUAGE


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All keys of one language; a key defined twice is a packaging error."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    merged: dict[str, str] = {}
    folder = files("resources") / "i18n" / lang
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
        clash = merged.keys() & data.keys()
        if clash:
            raise ValueError(f"{lang}/{entry.name} redefines {sorted(clash)}")
        merged.update(data)
    return merged


def set_language(lang: str | None) -> str:
    global _current
    _current = normalize_language(lang) or system_language()
    return _current


def current_language() -> str:
    return _current


def tr(key: str, /, lang: str | None = None, **params: Any) -> str:
    """The text for ``key`` in ``lang`` (default: the current language).

    A missing key falls back to English, then to the key itself, so a gap in a
    catalogue never crashes a screen (the catalogue test catches gaps)."""
    lang = lang or _current
    text = catalogue(lang).get(key)
    if text is None:
        text = catalogue("en").get(key, key)
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def error_text(error: Exception, lang: str | None = None) -> str:
    """A translated, one-line message for a service error."""
    from hotelcrm.domain.errors import HotelCrmError, ValidationError

    if isinstance(error, ValidationError):
        field = tr(f"field.{error.field}", lang)
        params = {k: v for k, v in error.params.items() if k != "field"}
        return tr(f"error.{error.code}", lang, field=field, **params)
    if isinstance(error, HotelCrmError):
        params = dict(error.params)
        if "entity" in params:
            params["entity"] = tr(f"entity.{params['entity']}", lang)
        if "permission" in params:
            params["permission"] = tr(f"permission.{params['permission']}", lang)
        if "role" in params:
            params["role"] = tr(f"role.{params['role']}", lang)
        return tr(f"error.{error.code}", lang, **params)
    return tr("error.internal", lang)
