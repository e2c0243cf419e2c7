"""Loading the Simplified Chinese translations (``ui/i18n/*.qm``, compiled from the ``.ts`` files by
``scripts/i18n.sh``). One ``.ts`` per area keeps parallel work apart; all of them are installed."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger("onewindow.i18n")

I18N_DIR = Path(__file__).with_name("i18n")


def load_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install every translation for ``language``; the returned list must be kept alive by the caller."""
    installed: list[QTranslator] = []
    if language.startswith("en"):
        return installed
    qt_base = QTranslator(app)
    if qt_base.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_base)
        installed.append(qt_base)
    for qm in sorted(I18N_DIR.glob(f"*_{language}.qm")):
        translator = QTranslator(app)
        if translator.load(str(qm)):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("could not load translation %s", qm.name)
    return installed
