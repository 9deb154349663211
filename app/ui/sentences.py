"""The core's sentences in the user's language: the one place the wizard translates them.

A :class:`~app.core.sentence.Sentence` carries its English template and its values. Its
template is looked up in the core's context; a translation whose ``{fields}`` differ from the
template's is not used (it would lose a value or fail): the English is shown and the mismatch
logged. Values that are sentences themselves (an action, a reason, a state) are translated the
same way before they are filled in.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication

from app.core.errors import WizardError
from app.core.sentence import CONTEXT, Sentence, fields, fill

log = logging.getLogger(__name__)

#: Looks up the translation of one source text in a context (QCoreApplication.translate).
Lookup = Callable[[str, str], str]

#: A field with the spaces around it (a translation sets off Latin values with spaces).
_SPACED_FIELD = re.compile(r"( ?)\{([A-Za-z_][A-Za-z0-9_]*)\}( ?)")
_CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")


def qt_lookup(context: str, source: str) -> str:
    return QCoreApplication.translate(context, source)


def shown(text: str, lookup: Lookup = qt_lookup) -> str:
    """``text`` as the wizard shows it: a sentence of the core in the user's language.

    Text that is not a :class:`Sentence` is looked up as it is (a fixed phrase).
    """
    if not isinstance(text, Sentence):
        return lookup(CONTEXT, text) if text else text
    template = text.template
    translated = lookup(CONTEXT, template) if template else template
    if fields(translated) != fields(template):
        log.warning("translation of %r dropped: its fields differ (%r)", template, translated)
        translated = template
    values = {
        name: shown(value, lookup) if isinstance(value, Sentence) else str(value)
        for name, value in text.params.items()
    }
    if translated == template:  # English, or no translation: exactly what the core printed
        return fill(template, values)
    return fill_translation(translated, values)


def fill_translation(template: str, values: Mapping[str, str]) -> str:
    """``template`` with its fields filled; a Chinese value drops the spaces that set it off.

    "系统映像 {image_id} 无法使用" reads well with an AMI id, and "系统映像所选无法使用" with
    the core's translated stand-in for an unknown one. A field without a value stays as written.
    """

    def put(match: re.Match[str]) -> str:
        before, name, after = match.groups()
        if name not in values:
            return match.group(0)
        value = values[name]
        if value and _CJK.match(value[0]):
            before = ""
        if value and _CJK.match(value[-1]):
            after = ""
        return f"{before}{value}{after}"

    return _SPACED_FIELD.sub(put, template)


# Sentences in Chinese end with a full-width stop and need no space before the next one.
_NO_SPACE_AFTER = re.compile(r"[\u3000-\u303f\uff00-\uffef]$")


def error_text(error: WizardError) -> str:
    """What the wizard shows for ``error``: its message, then what to do about it."""
    message, hint = shown(error.message), shown(error.hint)
    if not hint:
        return message
    joiner = "" if _NO_SPACE_AFTER.search(message) else " "
    return f"{message}{joiner}{hint}"
