"""Errors a user can meet. Each says what went wrong and what to do; adapters translate them
exactly once (HTTP JSON error, form message, DICOM status, HL7 ACK code)."""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """Base class: `message` is shown to the user; `detail` is structured and optional."""

    status_code = 400
    code = "invalid"

    def __init__(self, message: str, detail: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class ValidationFailed(ServiceError):
    status_code = 422
    code = "validation_failed"


class NotAllowed(ServiceError):
    status_code = 403
    code = "forbidden"


class NotFound(ServiceError):
    status_code = 404
    code = "not_found"


class Conflict(ServiceError):
    """Someone else changed the record first, or the state no longer allows the action."""

    status_code = 409
    code = "conflict"
