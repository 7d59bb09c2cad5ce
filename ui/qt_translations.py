"""Qt's own strings (QMessageBox / QDialogButtonBox buttons, context menus) in the chosen language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from hotelcrm import i18n

# Qt ships its catalogues under these names; English needs none.
_QT_CATALOGUES = {"zh_CN": "qtbase_zh_CN"}
_QT_LOCALES = {"zh_CN": QLocale(QLocale.Language.Chinese, QLocale.Country.China),
               "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)}


class QtTranslations:
    """Owns the installed QTranslator; switching languages swaps it, which makes Qt send a
    LanguageChange event to every widget (standard buttons re-translate themselves)."""

    def __init__(self) -> None:
        self._translator: QTranslator | None = None
        self.language: str | None = None

    def apply(self, language: str) -> str:
        """Make ``language`` current for our catalogues and Qt's; returns the language used."""
        language = i18n.set_language(language)
        if language == self.language:
            return language
        app = QCoreApplication.instance()
        if self._translator is not None and app is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        name = _QT_CATALOGUES.get(language)
        if name and app is not None:
            translator = QTranslator()
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if translator.load(name, folder):
                app.installTranslator(translator)
                self._translator = translator
        QLocale.setDefault(_QT_LOCALES[language])
        self.language = language
        return language
