"""Typed errors of the acceptance flow (English source text, translated for the clerk)."""

from __future__ import annotations

from clerk_app.errors import UserFacingError, ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP


class DraftIncomplete(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "Choose the applicant and the service item before deciding.")


class DecisionNotAllowed(ValidationError):
    message = QT_TRANSLATE_NOOP(
        "errors", "This decision is not valid for the materials as recorded: {reason}"
    )


class RejectionIncomplete(ValidationError):
    message = QT_TRANSLATE_NOOP(
        "errors", "A rejection needs its reason type and reason; where to apply instead when the application is "
        "outside this organ's competence; the legal basis when the reason is another one."
    )


class CaseNotFound(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "No case with this number is stored at this workstation.")


class NotNoticed(ValidationError):
    message = QT_TRANSLATE_NOOP(
        "errors", "Only a case with a one-time notice can be followed by a new acceptance."
    )


class ContradictoryMaterialState(ValidationError):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "“{material}” cannot be {state} and at the same time have its original checked or copies received. "
        "Mark it received instead, or clear the original and the copies first.",
    )


class NotTheOnlineApplicant(ValidationError):
    message = QT_TRANSLATE_NOOP(
        "errors", "This card is not the online application's applicant: the draft keeps the applicant of {number}. "
                  "Start a fresh acceptance (Ctrl+N) for this person."
    )
