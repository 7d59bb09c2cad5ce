"""Labels of structured preferences: keys from the catalogues, values from the pick-lists
(``PreferenceOptionInfo`` rows, which administrators extend with both languages' labels)."""

from __future__ import annotations

from collections.abc import Iterable

from hotelcrm.i18n import catalogue, current_language, tr
from hotelcrm.services.guest_dto import PreferenceOptionInfo


def key_label(key: str) -> str:
    """``pref.key.<key>`` if the catalogues have it, else the key made readable."""
    wanted = f"pref.key.{key}"
    if wanted in catalogue(current_language()) or wanted in catalogue("en"):
        return tr(wanted)
    return key.replace("_", " ").capitalize()


class PreferenceLabels:
    """Looks up what the pick-lists offer; values without an option (free text) show as typed."""

    def __init__(self, options: Iterable[PreferenceOptionInfo] = ()) -> None:
        self.options = list(options)
        self._by_value = {(o.pref_group, o.pref_key, o.value): o for o in self.options}

    def value_label(self, group: str, key: str, value: str) -> str:
        option = self._by_value.get((group, key, value))
        if option is None:
            return value
        return option.label_zh if current_language() == "zh_CN" else option.label_en

    def text(self, group: str, key: str, value: str) -> str:
        return tr("ui.pref.item", key=key_label(key), value=self.value_label(group, key, value))

    def keys(self, group: str) -> list[str]:
        return list(dict.fromkeys(o.pref_key for o in self.options if o.pref_group == group))

    def values(self, group: str, key: str) -> list[PreferenceOptionInfo]:
        return [o for o in self.options if o.pref_group == group and o.pref_key == key]
