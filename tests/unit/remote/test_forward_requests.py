"""``--forward REMOTE[:LOCAL]`` as the user writes it."""

from __future__ import annotations

import pytest

from app.core.errors import WizardError
from app.core.remote.forwards import ForwardInfo, ForwardRequest, parse_forward


def test_a_remote_port_alone_keeps_its_number_here_when_free() -> None:
    assert parse_forward("6006") == ForwardRequest(6006, None)
    assert parse_forward(" 8050:18050 ") == ForwardRequest(8050, 18050)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("tensorboard", "'tensorboard' is not a port to forward."),
        ("6006:", "'6006:' is not a port to forward."),
        ("1:2:3", "'1:2:3' is not a port to forward."),
        ("0", "Port 0 is not between 1 and 65535."),
        ("6006:70000", "Port 70000 is not between 1 and 65535."),
    ],
)
def test_what_is_not_a_port_is_refused_with_the_reason(text: str, said: str) -> None:
    with pytest.raises(WizardError) as refused:
        parse_forward(text)
    assert refused.value.code == "bad-forward"
    assert str(refused.value.message) == said


def test_a_forward_that_had_to_move_says_so() -> None:
    moved = ForwardInfo(6006, 41234, 6006, "http://127.0.0.1:41234/", True)
    assert moved.moved
    assert not ForwardInfo(6006, 6006, 6006, "http://127.0.0.1:6006/", True).moved
