"""What this PC remembers between runs (QSettings): last language, window geometry."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from hotelcrm import i18n

ORGANIZATION = "hotelcrm"
APPLICATION = "hotelcrm"


class LocalSettings:
    """Typed access to the per-PC settings; tests pass their own QSettings file."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings if settings is not None else QSettings(ORGANIZATION, APPLICATION)

    def last_language(self) -> str | None:
        return i18n.normalize_language(str(self._s.value("ui/language", "") or ""))

    def set_last_language(self, language: str) -> None:
        self._s.setValue("ui/language", language)

    def last_username(self) -> str:
        return str(self._s.value("ui/last_username", "") or "")

    def set_last_username(self, username: str) -> None:
        self._s.setValue("ui/last_username", username)

    def window_geometry(self) -> QByteArray | None:
        value = self._s.value("main_window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def window_state(self) -> QByteArray | None:
        value = self._s.value("main_window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._s.setValue("main_window/geometry", geometry)
        self._s.setValue("main_window/state", state)
        self._s.sync()

    def sync(self) -> None:
        self._s.sync()
