"""The one error type the core raises, carrying a message for a person and detail for the log."""

from __future__ import annotations

from app.core.redact import printable


class WizardError(Exception):
    """A failure a person can act on.

    ``message`` is shown to the user (the GUI's inline error, the CLI's one paragraph);
    ``detail`` is technical context (error codes, request ids) that goes to the log and to a
    "Details" expander. ``code`` is a stable identifier tests and callers can branch on.
    """

    def __init__(
        self,
        message: str,
        *,
        detail: str = "",
        code: str = "error",
        hint: str = "",
        params: dict[str, str] | None = None,
    ) -> None:
        # A path that is not UTF-8 (Linux) must not make printing or logging the error fail.
        message, detail = printable(message), printable(detail)
        super().__init__(message)
        self.message = message
        self.detail = detail
        self.code = code
        self.hint = hint
        # The values substituted into the message, so the GUI can show a translated message
        # for ``code`` with the same values.
        self.params = dict(params or {})

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class Cancelled(WizardError):
    """The user cancelled; not a failure, callers clean up and stop quietly."""

    def __init__(self, message: str = "Cancelled.") -> None:
        super().__init__(message, code="cancelled")
