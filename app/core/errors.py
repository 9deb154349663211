"""The one error type the core raises, carrying a message for a person and detail for the log."""

from __future__ import annotations

from app.core.redact import printable
from app.core.sentence import NOTHING, QT_TRANSLATE_NOOP, Sentence, verbatim


class WizardError(Exception):
    """A failure a person can act on.

    ``message`` is shown to the user (the GUI's inline error, the CLI's one paragraph);
    ``detail`` is technical context (error codes, request ids) that goes to the log and to a
    "Details" expander. ``code`` is a stable identifier tests and callers can branch on.
    ``message`` and ``hint`` are sentences (:mod:`app.core.sentence`): English here, translated
    by the wizard.
    """

    def __init__(
        self,
        message: Sentence,
        *,
        detail: str = "",
        code: str = "error",
        hint: Sentence = NOTHING,
        params: dict[str, str] | None = None,
    ) -> None:
        # A path that is not UTF-8 (Linux) must not make printing or logging the error fail
        # (a sentence's values are made printable when it is made).
        if not isinstance(message, Sentence):
            message = printable(message)
        detail = printable(detail)
        super().__init__(message)
        self.message = message
        self.detail = detail
        self.code = code
        self.hint = hint
        # The values substituted into the message, so the GUI can show a translated message
        # for ``code`` with the same values.
        self.params = dict(params or {})

    @property
    def sentence(self) -> Sentence:
        """Message and hint as one sentence (what a progress row or the log shows)."""
        message = self.message if isinstance(self.message, Sentence) else verbatim(self.message)
        if not self.hint:
            return message
        return QT_TRANSLATE_NOOP("core", "{message} {hint}").format(message=message, hint=self.hint)

    def __str__(self) -> str:
        # A sentence, so text made of the error is still shown translated.
        return self.sentence


class Cancelled(WizardError):
    """The user cancelled; not a failure, callers clean up and stop quietly."""

    def __init__(self, message: Sentence | None = None) -> None:
        super().__init__(message or QT_TRANSLATE_NOOP("core", "Cancelled."), code="cancelled")
