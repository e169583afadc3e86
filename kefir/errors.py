"""The application's own exceptions.

Services and adapters raise these; `kefir.api.errors` is the one place that maps each
`code` to an HTTP status and renders the contract's error shape.
"""
from __future__ import annotations


class ConfigError(RuntimeError):
    """A setting is missing or malformed; start-up stops with this sentence."""


class AppError(Exception):
    code = "internal_error"
    message = "Something went wrong on our side."

    def __init__(self, message: str | None = None, *, details: dict | None = None,
                 retry_after: int | None = None):
        super().__init__(message or self.message)
        self.message = message or self.message
        self.details = details or {}
        self.retry_after = retry_after


class BadRequest(AppError):
    code = "bad_request"
    message = "The request could not be understood."


class InvalidCursor(AppError):
    code = "invalid_cursor"
    message = "The cursor is not valid for this query."


class ValidationFailed(AppError):
    code = "validation_error"
    message = "Some fields are not valid."


class Unauthorized(AppError):
    code = "unauthorized"
    message = "A valid access token is required."


class InvalidCode(AppError):
    code = "invalid_code"
    message = "That code is not right; check the email and try again."


class SessionExpired(AppError):
    code = "session_expired"
    message = "This sign-in has expired; ask for a new code."


class Forbidden(AppError):
    code = "forbidden"
    message = "This is not yours to change."


class NotFound(AppError):
    code = "not_found"
    message = "Not found."


class Conflict(AppError):
    code = "conflict"
    message = "The request conflicts with the current state."


class LimitReached(AppError):
    """A per-account or per-batch cap; `details.limit` names the number, and any other
    details say more (the pending archive's id, for one)."""
    code = "limit_reached"
    message = "A limit has been reached."

    def __init__(self, message: str, *, limit: int, **details):
        super().__init__(message, details={"limit": limit, **details})


class InvalidState(AppError):
    code = "invalid_state"
    message = "This is not possible in the resource's current state."


class VersionConflict(AppError):
    code = "version_conflict"
    message = "The resource was changed by someone else; reload it and try again."


class RateLimited(AppError):
    code = "rate_limited"
    message = "Too many requests; try again later."


class ServiceUnavailable(AppError):
    code = "service_unavailable"
    message = "A service we depend on is busy or down; try again shortly."


class ConditionFailed(Exception):
    """A conditional DynamoDB write found the item in another state (store-internal).
    From a transaction, `args[0]` lists each operation's cancellation reason."""

    def failed_at(self) -> set[int]:
        """Indexes of the transaction's operations whose condition failed."""
        reasons = self.args[0] if self.args and isinstance(self.args[0], list) else []
        return {i for i, reason in enumerate(reasons) if reason == "ConditionalCheckFailed"}


class IdempotencyKeyReused(AppError):
    code = "idempotency_key_reused"
    message = ("This Idempotency-Key was already used with a different request; "
               "use a new key for a new request.")


class IdempotencyInProgress(AppError):
    code = "idempotency_in_progress"
    message = "A request with this Idempotency-Key is still being processed; retry shortly."
