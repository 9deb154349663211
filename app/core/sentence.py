"""A sentence of the core: English text that knows how to be translated.

The core speaks English: the CLI prints it and the log records it. The wizard shows the same
sentence in the user's language, so a :class:`Sentence` is the English text (a ``str``, filled
in) that also carries its English ``template`` and the ``params`` filled into it. It is written
where the core says it, marked for ``pyside6-lupdate`` by the call that makes it::

    QT_TRANSLATE_NOOP("core", "There is no file {source}.").format(source=name)

lupdate reads ``QT_TRANSLATE_NOOP("core", "<literal>")`` (and ``.format(...)`` after it), but
not a call with more arguments, a variable or another context name. A value that is itself a
sentence (an action such as "start the instance", a reason, a state) stays a :class:`Sentence`,
so the wizard translates it too. ``app.ui.sentences.shown`` does the translating.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

from app.core.redact import printable

#: The one translation context of every sentence of the core.
CONTEXT = "core"

#: ``{name}`` fields of a template (no format specs: values are filled in as text).
FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def fields(template: str) -> frozenset[str]:
    """The names of the ``{fields}`` in ``template``."""
    return frozenset(FIELD.findall(template))


def fill(template: str, params: Mapping[str, object]) -> str:
    """``template`` with its fields replaced; a field without a value stays as written."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(params[name]) if name in params else match.group(0)

    return FIELD.sub(value, template)


class Sentence(str):
    """English text (the ``str`` value) with its ``template`` and ``params`` for translation."""

    template: str
    params: dict[str, object]

    def __new__(cls, template: str, params: Mapping[str, object] | None = None) -> Sentence:
        # A value is kept as a sentence, or as text that prints (a non-UTF-8 path on Linux
        # must not make printing or logging fail).
        values: dict[str, object] = {
            name: value if isinstance(value, Sentence) else printable(str(value))
            for name, value in (params or {}).items()
        }
        self = super().__new__(cls, fill(template, values))
        self.template = template
        self.params = values
        return self

    def __getnewargs__(self) -> tuple[str, dict[str, object]]:  # type: ignore[override]
        # copy, deepcopy (dataclasses.asdict) and pickle rebuild the sentence, not a str.
        return (self.template, self.params)

    def format(self, *args: object, **params: object) -> Sentence:
        """This sentence with ``params`` filled in (keyword arguments only)."""
        if args:
            raise TypeError("Sentence.format takes keyword arguments only")
        return Sentence(self.template, {**self.params, **params})

    def __repr__(self) -> str:
        return f"Sentence({self.template!r}, {self.params!r})"


def QT_TRANSLATE_NOOP(context: Literal["core"], source: str) -> Sentence:
    """Marks ``source`` for ``pyside6-lupdate`` in ``context`` and makes it a sentence.

    Qt's name, so lupdate finds it without any configuration; the context is always "core".
    """
    return Sentence(source)


def verbatim(text: str) -> Sentence:
    """Text the core relays but did not write (a line of a remote script): shown as it is."""
    return Sentence("{text}", {"text": text})


def recognise(text: str, known: tuple[Sentence, ...]) -> Sentence:
    """``text`` (written elsewhere from one of the ``known`` templates) as that sentence.

    For English that arrives from outside the core, such as the notebook script's progress
    lines; text that fits none of them is relayed :func:`verbatim`.
    """
    for sentence in known:
        pattern = "".join(
            f"(?P<{part}>.+)" if index % 2 else re.escape(part)
            for index, part in enumerate(FIELD.split(sentence.template))
        )
        found = re.fullmatch(pattern, text, re.DOTALL)
        if found:
            return sentence.format(**found.groupdict())
    return verbatim(text)


#: The empty sentence (no hint, nothing to say).
NOTHING = Sentence("")
