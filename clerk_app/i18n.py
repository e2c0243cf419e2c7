"""Translation hook for Qt-free code.

Messages shown to the clerk are written in English in the source and translated to Simplified Chinese through Qt's
translation mechanism. Code below ``ui`` must not import Qt, so it marks strings with ``QT_TRANSLATE_NOOP`` (which
``pyside6-lupdate`` extracts) and asks :func:`translate` for the text at display time. ``main.py`` installs
``QCoreApplication.translate`` as the translator once a Qt application (GUI or CLI) exists.
"""

from __future__ import annotations

from collections.abc import Callable

Translator = Callable[[str, str], str]


def _identity(_context: str, text: str) -> str:
    return text


_translator: Translator = _identity


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for extraction into the ``context`` translation context; returns it unchanged."""
    del context
    return text


def install_translator(translator: Translator) -> None:
    global _translator
    _translator = translator


def translate(context: str, text: str) -> str:
    return _translator(context, text)
