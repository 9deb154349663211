"""A sentence of the core prints its English and keeps what the wizard needs to translate it."""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle

import pytest

from app.core.errors import Cancelled, WizardError
from app.core.sentence import (
    QT_TRANSLATE_NOOP,
    Sentence,
    fields,
    recognise,
    verbatim,
)


def test_a_sentence_is_its_english_filled_in() -> None:
    action = QT_TRANSLATE_NOOP("core", "start the instance")
    sentence = QT_TRANSLATE_NOOP("core", "Could not {action}: {reason} ({count})").format(
        action=action, reason="boom", count=3
    )
    assert sentence == "Could not start the instance: boom (3)"
    assert isinstance(sentence, str)
    assert sentence.template == "Could not {action}: {reason} ({count})"
    assert fields(sentence.template) == {"action", "reason", "count"}
    # A value that is a sentence keeps its template; other values are kept as text.
    assert isinstance(sentence.params["action"], Sentence)
    assert sentence.params["action"].template == "start the instance"
    assert sentence.params["count"] == "3"


def test_format_adds_values_and_takes_keywords_only() -> None:
    half = QT_TRANSLATE_NOOP("core", "{a} and {b}").format(a="1")
    assert half == "1 and {b}"  # a value not given yet stays as written
    assert half.format(b="2") == "1 and 2"
    with pytest.raises(TypeError):
        half.format("2")


def test_a_sentence_survives_copies_pickles_and_json() -> None:
    sentence = QT_TRANSLATE_NOOP("core", "Deleting key pair {key_name}").format(key_name="k1")

    @dataclasses.dataclass
    class Holder:
        message: str

    for twin in (
        copy.copy(sentence),
        copy.deepcopy(sentence),
        pickle.loads(pickle.dumps(sentence)),  # noqa: S301 (our own bytes)
        dataclasses.asdict(Holder(sentence))["message"],
    ):
        assert isinstance(twin, Sentence)
        assert (twin, twin.template, twin.params) == (sentence, sentence.template, sentence.params)
    assert json.dumps({"m": sentence}) == '{"m": "Deleting key pair k1"}'


def test_joining_with_plain_text_gives_plain_text() -> None:
    # What mypy then refuses where a Sentence is required.
    assert type(QT_TRANSLATE_NOOP("core", "Ready") + "!") is str


def test_a_value_that_is_not_utf8_still_prints() -> None:
    sentence = QT_TRANSLATE_NOOP("core", "There is no file {source}.").format(
        source="/tmp/caf\udce9"
    )
    assert sentence == "There is no file /tmp/caf\\xe9."
    sentence.encode("utf-8")


def test_an_error_prints_message_then_hint_and_stays_a_sentence() -> None:
    error = WizardError(
        QT_TRANSLATE_NOOP("core", "No AWS region was chosen."),
        hint=QT_TRANSLATE_NOOP("core", "Pick a region."),
        code="no-region",
    )
    assert str(error) == "No AWS region was chosen. Pick a region."
    assert isinstance(str(error), Sentence)
    assert str(WizardError(QT_TRANSLATE_NOOP("core", "Alone."))) == "Alone."
    assert str(Cancelled()) == "Cancelled."


def test_remote_lines_are_recognised_or_relayed_as_they_are() -> None:
    known = (
        QT_TRANSLATE_NOOP("core", "starting Jupyter"),
        QT_TRANSLATE_NOOP("core", "cloning {repository}"),
    )
    found = recognise("cloning https://example.org/r.git", known)
    assert (found.template, found.params) == (
        "cloning {repository}",
        {"repository": "https://example.org/r.git"},
    )
    assert recognise("starting Jupyter", known).template == "starting Jupyter"
    other = recognise("something {odd}", known)
    assert other == "something {odd}"
    assert other.template == verbatim("x").template == "{text}"
