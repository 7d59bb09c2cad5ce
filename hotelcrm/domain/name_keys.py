"""Pinyin keys of a Chinese name for search and matching (DESIGN.md §5).

pypinyin reads a character as in running text, which is wrong for several surnames (曾 is "zeng"
as a surname, "ceng" as an adverb). Clerks type either, so every reading of those surnames is a
key, and ü is accepted as v, u or yu (吕 lv / lu / lyu).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import product

# Surnames whose reading differs from the common one, and surnames clerks spell more than one way.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "曾": ("zeng", "ceng"),
    "单": ("shan", "dan"),
    "解": ("xie", "jie"),
    "仇": ("qiu", "chou"),
    "区": ("ou", "qu"),
    "朴": ("piao", "pu"),
    "覃": ("qin", "tan"),
    "查": ("zha", "cha"),
    "吕": ("lv", "lu", "lyu"),
    "盖": ("ge", "gai"),
    "乐": ("yue", "le"),
    "尉": ("yu", "wei"),
    "缪": ("miao", "mou"),
    "黑": ("he", "hei"),
    "万": ("wan", "mo"),
}
MAX_VARIANTS = 12
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NOT_KEY = re.compile(r"[^a-z0-9]+")


def has_han(text: str | None) -> bool:
    return bool(text) and _HAN.search(text) is not None


def latin_key(text: str | None) -> str:
    """Lower-case ASCII letters and digits only: 'José Núñez-Li' → 'josenunezli'."""
    if not text:
        return ""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_KEY.sub("", plain.lower())


def _u_variants(syllable: str) -> tuple[str, ...]:
    if "v" not in syllable:
        return (syllable,)
    return (syllable, syllable.replace("v", "u"), syllable.replace("v", "yu"))


def _syllables(text: str) -> list[tuple[str, ...]]:
    """Each character's readings; non-Han runs (Latin letters in a name) are kept as one unit."""
    from pypinyin import lazy_pinyin  # ~0.6 s of dictionaries: loaded at first use, not at start

    return [_u_variants(latin_key(s)) for s in lazy_pinyin(text, errors=lambda chars: [chars]) if latin_key(s)]


@lru_cache(maxsize=4096)
def pinyin_readings(family_name: str, given_name: str) -> tuple[tuple[str, ...], ...]:
    """Every plausible syllable sequence of a name, the surname's readings first."""
    family = family_name or ""
    first = family[:1]
    parts: list[tuple[str, ...]] = []
    if first in SURNAME_READINGS:
        parts.append(tuple(dict.fromkeys(v for r in SURNAME_READINGS[first] for v in _u_variants(r))))
        family = family[1:]
    parts += _syllables(family) + _syllables(given_name or "")
    readings: list[tuple[str, ...]] = []
    for combo in product(*parts):
        readings.append(combo)
        if len(readings) >= MAX_VARIANTS:
            break
    return tuple(readings)


def pinyin_keys(family_name: str, given_name: str) -> tuple[str, ...]:
    """Full pinyin ('zengguofan') and initials ('zgf') for every reading; empty for a name
    without Chinese characters."""
    if not (has_han(family_name) or has_han(given_name)):
        return ()
    keys: dict[str, None] = {}
    for reading in pinyin_readings(family_name, given_name):
        keys["".join(reading)] = None
    for reading in pinyin_readings(family_name, given_name):
        keys["".join(s[0] for s in reading)] = None
    return tuple(keys)


def display_pinyin(family_name: str, given_name: str) -> str:
    """The usual spelling for the card: 'Zeng Guofan' (first reading, surname apart)."""
    readings = pinyin_readings(family_name, given_name)
    if not readings or not (has_han(family_name) or has_han(given_name)):
        return ""
    reading = readings[0]
    n_family = len(pinyin_readings(family_name, "")[0]) if family_name else 0
    family = "".join(reading[:n_family]).capitalize()
    given = "".join(reading[n_family:]).capitalize()
    return " ".join(p for p in (family, given) if p)
