"""Pinyin keys of many names at once (the index build): ``name_keys`` answers one name at a time
through pypinyin, which costs ~0.3 ms; here the readings of a surname and of a given name are
remembered apart (a hotel's guests share a few hundred surnames and some thousands of given
names) and combined exactly as ``name_keys.pinyin_readings`` combines them, so the keys are
the same (a unit test compares them)."""

from __future__ import annotations

from functools import lru_cache
from itertools import product

from hotelcrm.domain.name_keys import MAX_VARIANTS, has_han, pinyin_readings

_CACHE_MAX = 300_000
_parts: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = {}


def _readings(family: str, given: str) -> tuple[tuple[str, ...], ...]:
    """``pinyin_readings(family, given)`` from the remembered readings of each part: the full
    product is lexicographic in the parts, so the first MAX_VARIANTS combinations are the same."""
    parts = []
    for key in ((family, ""), ("", given)):
        found = _parts.get(key)
        if found is None:
            if len(_parts) >= _CACHE_MAX:
                _parts.clear()
            found = _parts[key] = pinyin_readings(*key)
        parts.append(found)
    readings: list[tuple[str, ...]] = []
    for first, second in product(*parts):
        readings.append(first + second)
        if len(readings) >= MAX_VARIANTS:
            break
    return tuple(readings)


@lru_cache(maxsize=8192)  # an import asks twice per new card (its pinyin, then its search row)
def keys_and_spelling(family: str, given: str) -> tuple[tuple[str, ...], str]:
    """(``name_keys.pinyin_keys``, ``name_keys.display_pinyin``) of a name."""
    if not (has_han(family) or has_han(given)):
        return (), ""
    readings = _readings(family, given)
    keys: dict[str, None] = {}
    for reading in readings:
        keys["".join(reading)] = None
    for reading in readings:
        keys["".join(s[0] for s in reading)] = None
    if not readings:
        return tuple(keys), ""
    n_family = len(_parts[(family, "")][0]) if family else 0
    spelled = " ".join(p for p in ("".join(readings[0][:n_family]).capitalize(),
                                   "".join(readings[0][n_family:]).capitalize()) if p)
    return tuple(keys), spelled
