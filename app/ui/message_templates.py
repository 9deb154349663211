"""English sentence templates of the core, matched against real messages and re-filled translated.

The core speaks English and fills its sentences with values (``"There is no file {source}."``).
A :class:`MessageTemplate` knows one such sentence: it recognises a filled message, either from
the values the core passed along (``WizardError.params``) or, when those are missing, by reading
them back out of the text; then it fills the translated sentence with the same values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

#: ``{name}`` fields of a template (no format specs: the core's values arrive as text).
FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

#: Looks up the translation of one source text in a context (QCoreApplication.translate).
Lookup = Callable[[str, str], str]

#: Fields whose values are one token (ids, zones, addresses, numbers). Their values never hold
#: a space, so a short template such as "{instance_id} in {zone}" cannot swallow a whole
#: English sentence that happens to contain " in " (and half-translate it).
TOKEN_FIELDS = frozenset(
    {
        "instance_id",
        "group_id",
        "launch_id",
        "zone",
        "address",
        "account",
        "arn",
        "fingerprint",
        "url",
        "local_url",
        "port",
        "seconds",
        "count",
        "vcpus",
    }
)


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks ``source`` for ``pyside6-lupdate`` in ``context``; returns it as it is.

    Qt's own has the same effect but is typed as returning ``object``.
    """
    return source


def qt_lookup(context: str, source: str) -> str:
    return QCoreApplication.translate(context, source)


def _pattern(source: str) -> re.Pattern[str]:
    """A regex that matches ``source`` filled with any values and captures them by name."""
    parts: list[str] = []
    seen: set[str] = set()
    position = 0
    for match in FIELD.finditer(source):
        parts.append(re.escape(source[position : match.start()]))
        name = match.group(1)
        # A value shown twice is the same value twice.
        value = r"\S+?" if name in TOKEN_FIELDS else ".+?"
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>{value})")
        seen.add(name)
        position = match.end()
    parts.append(re.escape(source[position:]))
    return re.compile("".join(parts), re.DOTALL)


#: A field with the spaces around it (a translation sets off Latin values with spaces).
_SPACED_FIELD = re.compile(r"( ?)\{([A-Za-z_][A-Za-z0-9_]*)\}( ?)")
_CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")


def fill(template: str, values: Mapping[str, str]) -> str | None:
    """``template`` with its fields replaced, or ``None`` when a value is missing."""
    missing = [name for name in FIELD.findall(template) if name not in values]
    if missing:
        return None
    return FIELD.sub(lambda m: str(values[m.group(1)]), template)


def fill_translation(template: str, values: Mapping[str, str]) -> str | None:
    """Like :func:`fill`; a value that is itself Chinese drops the spaces that would set it off.

    "系统映像 {image_id} 无法使用" reads well with an AMI id, and "系统映像所选无法使用" with
    the core's translated stand-in for an unknown one.
    """
    if any(name not in values for name in FIELD.findall(template)):
        return None

    def put(match: re.Match[str]) -> str:
        before, name, after = match.groups()
        value = str(values[name])
        if value and _CJK.match(value[0]):
            before = ""
        if value and _CJK.match(value[-1]):
            after = ""
        return f"{before}{value}{after}"

    return _SPACED_FIELD.sub(put, template)


@dataclass(frozen=True)
class MessageTemplate:
    """One English sentence of the core (``source``) in a translation ``context``."""

    context: str
    source: str
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pattern", _pattern(self.source))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(FIELD.findall(self.source)))

    @property
    def literal_length(self) -> int:
        """How much fixed text the template has: longer ones are tried first."""
        return len(FIELD.sub("", self.source))

    def values_in(
        self, text: str, params: Mapping[str, str] | None = None
    ) -> dict[str, str] | None:
        """The values that turn this template into ``text``, or ``None`` if it is another one.

        The core's own ``params`` are preferred (exact even when a value contains the
        template's words); reading the values back out of ``text`` is the fallback.
        """
        if params and fill(self.source, params) == text:
            return {name: str(params[name]) for name in self.names}
        found = self.pattern.fullmatch(text)
        return dict(found.groupdict()) if found else None

    def translated(self, values: Mapping[str, str], lookup: Lookup = qt_lookup) -> str | None:
        """The translation filled with ``values``; ``None`` when there is no translation."""
        target = lookup(self.context, self.source)
        if not target or target == self.source:
            return None
        return fill_translation(target, values)


def by_specificity(templates: Iterable[MessageTemplate]) -> tuple[MessageTemplate, ...]:
    """Templates ordered so that a more specific sentence wins over a more general one."""
    return tuple(sorted(templates, key=lambda t: (-t.literal_length, t.source)))


def translate_with(
    templates: Iterable[MessageTemplate],
    text: str,
    params: Mapping[str, str] | None = None,
    *,
    value_text: Callable[[str], str] = lambda value: value,
    lookup: Lookup = qt_lookup,
) -> str | None:
    """``text`` translated by the first template that recognises it, else ``None``.

    ``value_text`` translates a value that is itself an English phrase of the core (an action
    such as "start the instance"); other values (ids, paths, regions) stay as they are.
    """
    for template in templates:
        values = template.values_in(text, params)
        if values is None:
            continue
        shown = {name: value_text(value) for name, value in values.items()}
        result = template.translated(shown, lookup)
        if result is not None:
            return result
    return None
