"""The start path stays light (DESIGN.md §7, start ≤ 1.5 s): in a fresh process, opening a
database at head and showing the administrator's main window (every area in the navigation)
imports neither Alembic, nor the other areas' pages, nor the libraries only some actions use."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from hotelcrm.config import sqlite_url
from hotelcrm.db.engine import Database
from hotelcrm.services.setup_service import SetupService
from tests.conftest import PASSWORD
from tests.ui.conftest import ADMIN, HOTEL

ROOT = Path(__file__).resolve().parents[2]
LATER = ("alembic", "mako", "reportlab", "openpyxl", "pypinyin", "phonenumbers",
         "ui.complaint_page", "ui.logbook_page", "ui.loyalty_page", "ui.report_centre_page", "ui.user_admin_page",
         "ui.guest_card_view", "ui.first_run_dialog", "ui.import_dialog", "ui.export_dialog")

CHILD = """
import json, sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
import ui.app  # the entry point's own imports
from hotelcrm.config import load_config
from hotelcrm.services.app_services import AppServices
from ui.local_settings import LocalSettings
from ui.main_window import MainWindow
from ui.qt_translations import QtTranslations
from ui.task_runner import SyncTaskRunner
from ui.ui_context import UiContext, UserSession

url, user, password, ini, later = sys.argv[1:6]
class Quiet:
    def error(self, parent, text): print("error:", text, file=sys.stderr)
    info = error
    def confirm(self, parent, text): return False
app = QApplication([])
services = AppServices.open(load_config(url))
actor = services.auth().login(user, password)
ctx = UiContext(services, SyncTaskRunner(Quiet()), Quiet(), LocalSettings(QSettings(ini, QSettings.Format.IniFormat)),
                QtTranslations())
window = MainWindow(UserSession(ctx, actor), services.settings(actor).hotel())
window.show()
app.processEvents()
print(json.dumps({"areas": window.visible_areas(), "built": list(window.pages),
                  "loaded": sorted(m for m in json.loads(later) if m in sys.modules)}))
window.close()
services.close()
"""


def test_the_main_window_shows_without_the_modules_that_can_wait(sqlite_template, tmp_path):
    path = tmp_path / "hotel.db"
    shutil.copyfile(sqlite_template, path)
    db = Database.open(sqlite_url(path))
    try:
        SetupService(db).initialize(HOTEL, ADMIN, PASSWORD, "Li Na 李娜", "en")
    finally:
        db.dispose()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOTELCRM_DATA_DIR": str(tmp_path / "data")}
    argv = [sys.executable, "-c", CHILD, sqlite_url(path), ADMIN, PASSWORD, str(tmp_path / "local.ini"),
            json.dumps(LATER)]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=180, env=env)
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout.strip().splitlines()[-1])
    assert doc["areas"] == ["guests", "complaints", "logbook", "loyalty", "reports", "admin"]
    assert doc["built"] == ["guests"]
    assert doc["loaded"] == []
