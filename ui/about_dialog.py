"""Help › About: version, the database in use, and the licences of what we ship."""

from __future__ import annotations

from importlib import metadata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from hotelcrm.i18n import tr

# (component, licence) - names are proper nouns and licence identifiers, not translated.
LICENCES: tuple[tuple[str, str], ...] = (
    ("Qt 6 / PySide6", "LGPL-3.0"),
    ("SQLAlchemy", "MIT"),
    ("Alembic", "MIT"),
    ("ReportLab", "BSD-3-Clause"),
    ("psycopg 3", "LGPL-3.0"),
    ("SQLite (sqlean.py)", "Public domain / Zlib"),
    ("argon2-cffi", "MIT"),
    ("pypinyin", "MIT"),
    ("phonenumbers", "Apache-2.0"),
    ("openpyxl", "MIT"),
    ("platformdirs", "MIT"),
    ("WenQuanYi Micro Hei (文泉驿微米黑)", "Apache-2.0 / GPL-3.0 with font embedding exception"),
)


def app_version() -> str:
    try:
        return metadata.version("hotelcrm")
    except metadata.PackageNotFoundError:
        return "?"


class AboutDialog(QDialog):
    """Read-only; the text is selectable so support can copy the version and database."""

    def __init__(self, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("ui.about.window_title"))
        title = QLabel(tr("app.title"), objectName="dialogTitle", wordWrap=True)
        self.version = QLabel(tr("ui.about.version", version=app_version()))
        self.database = QLabel(tr("ui.about.database", database=database), wordWrap=True)
        for label in (self.version, self.database):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.licences = QTextBrowser()
        rows = "".join(f"<tr><td style='padding-right:16px'>{name}</td><td>{licence}</td></tr>"
                       for name, licence in LICENCES)
        self.licences.setHtml(f"<p>{tr('ui.about.licences_intro')}</p><table>{rows}</table>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.version)
        layout.addWidget(self.database)
        layout.addWidget(QLabel(tr("ui.about.licences"), objectName="sectionTitle"))
        layout.addWidget(self.licences, 1)
        layout.addWidget(buttons)
        self.resize(560, 480)
