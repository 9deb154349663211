"""Check the credentials: a session, the account it belongs to, the region enabled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.progress import Progress
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

if TYPE_CHECKING:
    from app.core.launch.context import LaunchContext


def run(ctx: LaunchContext, progress: Progress) -> Sentence:
    from app.core.aws.identity import check_identity
    from app.core.aws.regions import require_region_enabled
    from app.core.aws.session import Credentials, make_session

    credentials = ctx.credentials or Credentials(profile=ctx.plan.profile)
    session = ctx.session = make_session(credentials, ctx.region)
    identity = check_identity(session, ctx.region)
    # STS may answer for a region the account has not enabled (the global endpoint); EC2
    # would then refuse every call as bad credentials.
    require_region_enabled(session, ctx.region)
    return QT_TRANSLATE_NOOP("core", "Account {account} ({arn})").format(
        account=identity.account, arn=identity.arn
    )
