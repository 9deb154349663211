"""The page flow without a window: order, what each page needs, and no way back after launch."""

from __future__ import annotations

import pytest

from app.core.flow import (
    NEW_LAUNCH_STEPS,
    FlowState,
    Mode,
    PageId,
    can_go_back,
    missing,
    next_page,
    steps,
)
from app.core.plan import GroupChoice, KeyChoice


def _walk(state: FlowState) -> list[PageId]:
    page: PageId | None = PageId.WELCOME
    seen: list[PageId] = []
    while page is not None:
        seen.append(page)
        page = next_page(page, state)
    return seen


def test_a_new_launch_visits_every_page_in_order() -> None:
    assert _walk(FlowState(mode=Mode.NEW)) == [PageId.WELCOME, *NEW_LAUNCH_STEPS]


def test_my_instances_needs_only_credentials() -> None:
    assert _walk(FlowState(mode=Mode.INSTANCES)) == [
        PageId.WELCOME,
        PageId.CREDENTIALS,
        PageId.INSTANCES,
    ]


def test_opening_an_instance_goes_through_progress_to_done() -> None:
    state = FlowState(mode=Mode.RESUME, resume_launch_id="250602-abcdef")
    assert _walk(state)[-3:] == [PageId.INSTANCES, PageId.PROGRESS, PageId.DONE]
    assert steps(Mode.RESUME)[-2:] == (PageId.PROGRESS, PageId.DONE)


def test_credentials_page_needs_a_successful_check() -> None:
    state = FlowState()
    assert missing(PageId.CREDENTIALS, state) == ["Check your credentials first."]
    state.account = "123456789012"
    assert missing(PageId.CREDENTIALS, state) == []


@pytest.mark.parametrize(
    ("page", "flag"),
    [(PageId.IMAGE, "image_chosen"), (PageId.GPU, "gpu_chosen"), (PageId.PROGRESS, "launch_ready")],
)
def test_pages_wait_for_their_choice(page: PageId, flag: str) -> None:
    state = FlowState()
    assert missing(page, state)
    setattr(state, flag, True)
    assert missing(page, state) == []


def test_storage_cannot_be_smaller_than_the_image() -> None:
    state = FlowState(min_volume_gib=120)
    state.plan.volume_gib = 100
    assert "at least 120 GiB" in missing(PageId.STORAGE, state)[0]
    state.plan.volume_gib = 120
    assert missing(PageId.STORAGE, state) == []


def test_a_page_only_answers_for_its_own_fields() -> None:
    state = FlowState()
    state.plan.git_repo = "not a url"  # the review page's field
    assert missing(PageId.STORAGE, state) == []
    assert any("Git URL" in problem for problem in missing(PageId.REVIEW, state))


def test_a_repo_url_with_credentials_cannot_be_launched_and_is_not_repeated() -> None:
    state = FlowState()
    for url in ("https://me:ghp_T0ken@github.com/me/x.git", "https://ghp_T0ken@github.com/x"):
        state.plan.git_repo = url
        problems = missing(PageId.REVIEW, state)
        assert any("deploy key" in problem for problem in problems)
        assert not any("ghp_T0ken" in problem for problem in problems)  # shown on screen
    state.plan.git_repo = "git@github.com:me/x.git"
    assert missing(PageId.REVIEW, state) == []


def test_network_rejects_a_bad_range_and_a_missing_group() -> None:
    state = FlowState()
    state.plan.ssh_cidr = "10.0.0.300/8"
    assert "not an IP address range" in missing(PageId.NETWORK, state)[0]
    state.plan.ssh_cidr = None
    state.plan.group_choice = GroupChoice.EXISTING
    assert missing(PageId.NETWORK, state) == ["Choose the existing security group to use."]


def test_an_existing_key_must_be_checked_against_ec2() -> None:
    state = FlowState()
    state.plan.key_choice = KeyChoice.EXISTING
    assert "Choose your private key file" in missing(PageId.KEY_PAIR, state)[0]
    state.plan.key_path, state.plan.existing_key_name = "/keys/mine.pem", "mine"
    assert missing(PageId.KEY_PAIR, state) == [
        "Check that the key file belongs to the EC2 key pair."
    ]
    state.existing_key_verified = True
    assert missing(PageId.KEY_PAIR, state) == []


def test_no_way_back_once_launched() -> None:
    assert can_go_back(PageId.REVIEW)
    assert not can_go_back(PageId.PROGRESS)
    assert not can_go_back(PageId.DONE)
