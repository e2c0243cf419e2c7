"""Typed errors of the page pipeline. Messages carry sizes and counts only, never file names or content."""

from __future__ import annotations

from clerk_app.errors import UserFacingError, ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP


class PageError(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "The page could not be processed.")


class UnsupportedFile(PageError):
    message = QT_TRANSLATE_NOOP(
        "errors", "This file is not a picture or PDF the workstation can read. Use JPEG, PNG, TIFF or PDF."
    )


class BrokenImage(PageError):
    message = QT_TRANSLATE_NOOP(
        "errors", "The file is damaged or incomplete (for example a copy that was interrupted). Scan or copy it again."
    )


class ImageTooLarge(PageError):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "The picture is too large ({megapixels} million pixels). Scan at 300 dpi or less, or reduce it first.",
    )


class FileTooLarge(PageError):
    message = QT_TRANSLATE_NOOP("errors", "The file is too large ({size_mb} MB; at most {limit_mb} MB).")


class TooManyPages(PageError):
    message = QT_TRANSLATE_NOOP("errors", "The PDF has {pages} pages; at most {limit} pages can be imported at once.")


class MaterialTooLarge(ValidationError):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "This material would be {total_kb} KB, over its limit of {limit_kb} KB. "
        "Scan in grayscale or black and white, or remove pages that are not needed.",
    )


class DuplicatePage(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "This page is already in the case (material {material}).")
