"""The GUI's entry point (called by ``main.py`` / the ``hotelcrm`` command)."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtWidgets import QApplication

from hotelcrm import i18n
from hotelcrm.config import Config, load_config
from hotelcrm.services.app_services import AppServices

from .app_controller import AppController
from .app_style import apply_style
from .error_display import error_message
from .local_settings import APPLICATION, ORGANIZATION, LocalSettings
from .message_service import Messages
from .qt_translations import QtTranslations
from .task_runner import TaskRunner

log = logging.getLogger(__name__)


def _start_language(config: Config | None, local: LocalSettings) -> str:
    """--lang / HOTELCRM_LANG, else the last language used on this PC, else the system's."""
    chosen = config.language if config else None
    return i18n.normalize_language(chosen) or local.last_language() or i18n.system_language()


def _install_excepthook(messages: Messages) -> None:
    """A bug in a slot must not end in a traceback on the screen: log it, say so politely."""

    def hook(kind, exc, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        messages.error(QApplication.activeWindow(), error_message(exc))

    sys.excepthook = hook


def _bench_probe(controller: AppController):
    """``hotelcrm bench startup``/``typing`` start the GUI with HOTELCRM_BENCH_PROBE set; only
    then is the bench probe loaded (ui/bench_probe.py)."""
    if not os.environ.get("HOTELCRM_BENCH_PROBE"):
        return None
    from .bench_probe import attach, spec_from_environment

    return attach(controller, spec_from_environment())


def run_gui(database_url: str | None, language: str | None) -> int:
    """Build the application, open the database off the GUI thread, run the event loop.

    Any failure at start is shown as a translated message box and returns 1, never a traceback."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    # Between windows (first run or login -> main window) none is visible for a moment; the
    # controller decides when the application ends.
    app.setQuitOnLastWindowClosed(False)
    apply_style(app)
    messages = Messages()
    local = LocalSettings()
    translations = QtTranslations()
    config: Config | None = None
    try:
        config = load_config(database_url, language)
    except Exception as exc:  # noqa: BLE001 - shown to the user, not raised at them
        translations.apply(_start_language(None, local))
        messages.error(None, error_message(exc))
        return 1
    translations.apply(_start_language(config, local))
    runner = TaskRunner(messages)
    _install_excepthook(messages)
    controller = AppController(lambda: AppServices.open(config), runner, messages, local, translations)
    controller.finished.connect(app.exit)
    probe = _bench_probe(controller)  # noqa: F841 - kept alive while the event loop runs
    controller.start()
    try:
        return app.exec()
    except Exception as exc:  # noqa: BLE001 - last line of defence around the event loop
        messages.error(None, error_message(exc))
        return 1
    finally:
        runner.shutdown()
