"""Typed catalog errors. Catalog data is public (no personal data), so messages may name items and fields."""

from __future__ import annotations

from clerk_app.errors import CatalogError
from clerk_app.i18n import QT_TRANSLATE_NOOP


class CatalogFormatError(CatalogError):
    """A catalog document was rejected; nothing of it was stored."""

    message = QT_TRANSLATE_NOOP(
        "errors", "The catalog file was rejected, nothing was changed. {where}: field {field}: {problem}"
    )

    def __init__(self, where: str, field: str, problem: str) -> None:
        super().__init__(where=where, field=field or "-", problem=problem)
        self.where = where
        self.field = field
        self.problem = problem


class CatalogVersionConflict(CatalogFormatError):
    """Same version number, different content: the platform must publish a new version."""


class UnknownCatalogItem(CatalogError):
    message = QT_TRANSLATE_NOOP("errors", "The service item {code} is not in the local catalog.")


class UnknownBundle(CatalogError):
    message = QT_TRANSLATE_NOOP("errors", "The combined service (一件事) {code} is not in the local catalog.")


class UnknownSituationAnswer(CatalogError):
    message = QT_TRANSLATE_NOOP("errors", "The situation answer {question} = {answer} does not fit item {code}.")
