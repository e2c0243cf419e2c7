"""Shared pieces of the sandbox's routes: typed API errors as JSON {code, message, details}, path parameters."""

from typing import Annotated, Any

from fastapi import Path as PathParam

from sandbox.models import SHA256_PATTERN, UUID_PATTERN, ErrorBody

CaseId = Annotated[str, PathParam(pattern=UUID_PATTERN)]
Sha = Annotated[str, PathParam(pattern=SHA256_PATTERN)]


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None,
                 **details: Any) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details, self.headers = status, code, message, details, headers


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The error answers an operation documents besides its own: auth, validation, overload, failure."""
    return {s: {"model": ErrorBody} for s in (*statuses, 401, 422, 429, 500, 503)}
