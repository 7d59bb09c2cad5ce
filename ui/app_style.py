"""The application's look: a calm light theme and a font that renders Chinese everywhere."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

ACCENT = "#1f5f8b"
ICONS = Path(str(files("resources") / "icons")).as_posix()
STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: #f4f6f8; }}
QLabel#pageTitle {{ font-size: 17pt; font-weight: 600; color: #1d2a35; }}
QLabel#sectionTitle {{ font-size: 12pt; font-weight: 600; color: #1d2a35; }}
QLabel#dialogTitle {{ font-size: 14pt; font-weight: 600; color: #1d2a35; }}
QLabel#subtitle, QLabel#hint {{ color: #5b6b78; }}
QLabel#formError {{ color: #a61b1b; background: #fdecec; border: 1px solid #f1b5b5;
                    border-radius: 4px; padding: 6px 8px; }}
QFrame#card {{ background: #ffffff; border: 1px solid #dde3e8; border-radius: 6px; }}
QListWidget#navigation {{ background: #1d2a35; color: #dfe7ee; border: none; outline: 0;
                          font-size: 11pt; padding-top: 8px; }}
QListWidget#navigation::item {{ padding: 10px 14px; border-left: 3px solid transparent; }}
QListWidget#navigation::item:selected {{ background: #2b3d4c; color: #ffffff;
                                         border-left: 3px solid #5fa8d3; }}
QListWidget#navigation::item:hover:!selected {{ background: #243442; }}
QLineEdit, QComboBox, QSpinBox {{ padding: 4px 6px; border: 1px solid #c3ccd4; border-radius: 4px;
                                  background: #ffffff; min-height: 20px; }}
QComboBox::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right; width: 22px;
                        border: none; border-left: 1px solid #dde3e8; }}
QComboBox::down-arrow {{ image: url({ICONS}/chevron-down.svg); width: 10px; height: 6px; }}
QComboBox QAbstractItemView {{ background: #ffffff; border: 1px solid #c3ccd4;
                               selection-background-color: #d6e7f3; selection-color: #1d2a35; }}
QSpinBox::up-button, QSpinBox::down-button {{ subcontrol-origin: padding; width: 20px; border: none;
                                              border-left: 1px solid #dde3e8; background: #f7f9fa; }}
QSpinBox::up-button {{ subcontrol-position: top right; border-top-right-radius: 4px; }}
QSpinBox::down-button {{ subcontrol-position: bottom right; border-bottom-right-radius: 4px; }}
QSpinBox::up-button:hover, QSpinBox::down-button:hover {{ background: #e8eef3; }}
QSpinBox::up-arrow {{ image: url({ICONS}/chevron-up.svg); width: 9px; height: 5px; }}
QSpinBox::down-arrow {{ image: url({ICONS}/chevron-down.svg); width: 9px; height: 5px; }}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus {{ border: 1px solid {ACCENT}; }}
QLineEdit[invalid="true"], QComboBox[invalid="true"], QSpinBox[invalid="true"] {{
    border: 1px solid #c62828; background: #fff6f6; }}
QPushButton {{ padding: 5px 14px; border: 1px solid #b7c2cc; border-radius: 4px; background: #ffffff;
               min-width: 64px; min-height: 20px; }}
QPushButton:hover {{ background: #eef3f7; }}
QPushButton:default {{ background: {ACCENT}; color: #ffffff; border-color: {ACCENT}; }}
QPushButton:default:hover {{ background: #184d72; }}
QPushButton:disabled {{ color: #9aa6b0; background: #f1f3f5; border-color: #d5dbe0; }}
QTableView {{ background: #ffffff; border: 1px solid #dde3e8; gridline-color: #edf0f3;
              selection-background-color: #d6e7f3; selection-color: #1d2a35;
              alternate-background-color: #f8fafb; }}
QHeaderView::section {{ background: #eef2f5; border: none; border-bottom: 1px solid #dde3e8;
                        border-right: 1px solid #e3e8ec; padding: 5px 8px; font-weight: 600; }}
QGroupBox {{ font-weight: 600; border: 1px solid #dde3e8; border-radius: 6px; margin-top: 14px;
             background: #ffffff; padding: 12px 10px 10px 10px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; }}
QStatusBar {{ background: #e9edf1; color: #34434f; }}
QStatusBar QLabel {{ padding: 0 8px; }}
"""

# Tabs of the Guests page, the guest card and the complaint settings.
TAB_STYLE = """
QTabWidget::pane { border: 1px solid #dde3e8; border-radius: 6px; background: #f9fafb; top: -1px; }
QTabBar::tab { padding: 7px 18px; border: 1px solid #dde3e8; border-bottom: none; background: #eef2f5;
               border-top-left-radius: 5px; border-top-right-radius: 5px; margin-right: 2px; }
QTabBar::tab:selected { background: #f9fafb; font-weight: 600; color: #1f5f8b; }
QLabel#cardStatus { color: #ffffff; background: #5b6b78; border-radius: 4px; padding: 2px 8px; }
"""

_CJK_FAMILIES = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC",
                 "Source Han Sans SC")


def apply_style(app: QApplication) -> None:
    """Fusion style (the same on every platform), our sheet, and CJK-capable fonts right after
    the system font in the fallback list, so 汉字 never render as boxes while Latin text keeps
    the system's Latin glyphs (a CJK font first would draw "…" as a centred "⋯")."""
    app.setStyle("Fusion")
    available = set(QFontDatabase.families())
    font = QFont(app.font())
    families = [f for f in _CJK_FAMILIES if f in available]
    if families:
        font.setFamilies([*font.families(), *families])
    font.setPointSize(max(font.pointSize(), 10))
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
