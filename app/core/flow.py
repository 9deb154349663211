"""The wizard's page flow without Qt: which page follows which, and what each one needs.

Kept free of widgets in the manner of Electrum's ``wizard.py`` so that navigation can be tested
without a window: the Qt pages ask :func:`next_page` where to go and :func:`missing` whether the
user may leave. Validation reuses :meth:`LaunchPlan.problems`, restricted to the fields a page
owns, so the wizard and the command line reject the same things with the same sentences.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum

from app.core.plan import KeyChoice, LaunchPlan
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence


class PageId(StrEnum):
    """Every page of the wizard, in the order of a new launch."""

    WELCOME = "welcome"
    CREDENTIALS = "credentials"
    IMAGE = "image"
    GPU = "gpu"
    STORAGE = "storage"
    NETWORK = "network"
    KEY_PAIR = "key-pair"
    REVIEW = "review"
    PROGRESS = "progress"
    DONE = "done"
    INSTANCES = "instances"


class Mode(StrEnum):
    """What the user chose on the first page."""

    NEW = "new"  # launch a new notebook
    INSTANCES = "instances"  # manage what was launched before
    RESUME = "resume"  # reopen a launch picked in "My instances"
    RELAUNCH = "relaunch"  # launch a plan My instances made (after a move or a spot take-back)


#: The pages of a new launch, in order: the side panel lists these.
NEW_LAUNCH_STEPS: tuple[PageId, ...] = (
    PageId.CREDENTIALS,
    PageId.IMAGE,
    PageId.GPU,
    PageId.STORAGE,
    PageId.NETWORK,
    PageId.KEY_PAIR,
    PageId.REVIEW,
    PageId.PROGRESS,
    PageId.DONE,
)
_MANAGE_STEPS: tuple[PageId, ...] = (PageId.CREDENTIALS, PageId.INSTANCES)
_RESUME_STEPS: tuple[PageId, ...] = (
    PageId.CREDENTIALS,
    PageId.INSTANCES,
    PageId.PROGRESS,
    PageId.DONE,
)

# The plan fields each page sets; its Next button checks only these.
_PAGE_FIELDS: dict[PageId, tuple[str, ...]] = {
    PageId.IMAGE: ("image_id", "flavour"),
    PageId.GPU: ("instance_type", "market"),
    PageId.STORAGE: ("volume_gib", "volume_type", "delete_volume_on_termination"),
    PageId.NETWORK: ("group_choice", "existing_group_id", "ssh_cidr", "allow_wide_cidr", "access"),
    PageId.KEY_PAIR: ("key_choice", "key_type", "key_path", "existing_key_name", "ppk_version"),
}

#: Pages after which there is no way back: the launch has started or is over.
_NO_BACK: frozenset[PageId] = frozenset({PageId.PROGRESS, PageId.DONE})


@dataclass
class FlowState:
    """What the pages have gathered so far, as far as navigation cares."""

    mode: Mode = Mode.NEW
    plan: LaunchPlan = field(default_factory=LaunchPlan)
    account: str | None = None  # set by a successful credentials check, cleared on change
    image_chosen: bool = False
    min_volume_gib: int | None = None  # the chosen image's root volume
    gpu_chosen: bool = False
    existing_key_verified: bool = False  # the .pem matches the EC2 key pair
    launch_ready: bool = False  # the launch (or resume) reached "ready"
    resume_launch_id: str | None = None


def steps(mode: Mode) -> tuple[PageId, ...]:
    """The pages the side panel lists for ``mode``, in order."""
    if mode is Mode.INSTANCES:
        return _MANAGE_STEPS
    if mode in (Mode.RESUME, Mode.RELAUNCH):
        return _RESUME_STEPS
    return NEW_LAUNCH_STEPS


def next_page(page: PageId, state: FlowState) -> PageId | None:
    """The page after ``page``, or ``None`` when ``page`` is the last one."""
    if page is PageId.WELCOME:
        return PageId.CREDENTIALS
    if page is PageId.CREDENTIALS:
        return PageId.IMAGE if state.mode is Mode.NEW else PageId.INSTANCES
    if page is PageId.INSTANCES:
        return PageId.PROGRESS if state.mode in (Mode.RESUME, Mode.RELAUNCH) else None
    if page is PageId.DONE:
        return None
    order = NEW_LAUNCH_STEPS
    return order[order.index(page) + 1]


def can_go_back(page: PageId) -> bool:
    """Whether Back is offered on ``page`` (never once a launch has started)."""
    return page not in _NO_BACK


def missing(page: PageId, state: FlowState) -> list[Sentence]:
    """What the user still has to do on ``page`` before Next, as sentences; empty when done."""
    needs: list[Sentence] = []
    if page is PageId.CREDENTIALS and state.account is None:
        needs.append(QT_TRANSLATE_NOOP("core", "Check your credentials first."))
    elif page is PageId.IMAGE and not state.image_chosen:
        needs.append(QT_TRANSLATE_NOOP("core", "Choose a machine image."))
    elif page is PageId.GPU and not state.gpu_chosen:
        needs.append(QT_TRANSLATE_NOOP("core", "Choose a GPU type."))
    elif page is PageId.INSTANCES and state.mode is Mode.RESUME and not state.resume_launch_id:
        needs.append(QT_TRANSLATE_NOOP("core", "Choose the instance to open."))
    elif page is PageId.PROGRESS and not state.launch_ready:
        needs.append(QT_TRANSLATE_NOOP("core", "Wait until the notebook is ready."))
    plan = state.plan
    if (
        page is PageId.KEY_PAIR
        and plan.key_choice is KeyChoice.EXISTING
        and plan.key_path
        and plan.existing_key_name
        and not state.existing_key_verified
    ):
        needs.append(
            QT_TRANSLATE_NOOP("core", "Check that the key file belongs to the EC2 key pair.")
        )
    needs.extend(page_problems(page, state))
    return needs


def page_problems(page: PageId, state: FlowState) -> list[Sentence]:
    """Problems with the plan fields ``page`` sets (every field on the review page)."""
    if page is PageId.REVIEW:
        return state.plan.problems(min_volume_gib=state.min_volume_gib)
    fields = _PAGE_FIELDS.get(page)
    if not fields:
        return []
    # A default plan is valid, so any problem of this mix comes from the page's own fields.
    values = {name: getattr(state.plan, name) for name in fields}
    probe = dataclasses.replace(LaunchPlan(), **values)
    min_volume = state.min_volume_gib if page is PageId.STORAGE else None
    return probe.problems(min_volume_gib=min_volume)
