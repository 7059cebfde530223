"""Every moderation action, whatever the front-end: the site's views, the
admin's actions and forms, the API.

Each service is keyword-only, typed and atomic. It asks its policy first
(PermissionDenied, or ValidationError for a refusal about the input, with
the policy's translated reason), then checks its input, and only then
writes: the change and one ModerationAction, in the same transaction — a
refused action writes nothing. Writing the log line sends the action's event
once the transaction commits (apps.moderation.events): the feed cache and
notifications subscribe to those, the services call neither.

One module per subject; callers keep `from apps.moderation import services`
and `services.post_remove(...)`, re-exported here.

Lock order, the same as apps.comments.services so that no two services wait
on each other in a circle: post row → comment row → community row → user
row. Rows are locked with `of=("self",)` so a select_related join does not
lock the community along with every post.
"""

from .bans import member_ban, member_unban
from .members import member_add, member_remove, membership_approve, membership_refuse
from .post_flags import (
    FLAG_ACTIONS,
    FlagAction,
    post_flag_set,
    post_lock,
    post_pin,
    post_unlock,
    post_unpin,
)
from .removals import comment_remove, comment_restore, post_remove, post_restore
from .reports import report_create, report_dismiss, report_resolve
from .shared import clean_reason, target_label
from .suspensions import member_suspend, member_unsuspend, suspensions_lift_expired
from .team import moderator_appoint, moderator_remove, ownership_transfer

__all__ = [
    "FLAG_ACTIONS",
    "FlagAction",
    "clean_reason",
    "comment_remove",
    "comment_restore",
    "member_add",
    "member_ban",
    "member_remove",
    "member_suspend",
    "member_unban",
    "member_unsuspend",
    "membership_approve",
    "membership_refuse",
    "moderator_appoint",
    "moderator_remove",
    "ownership_transfer",
    "post_flag_set",
    "post_lock",
    "post_pin",
    "post_remove",
    "post_restore",
    "post_unlock",
    "post_unpin",
    "report_create",
    "report_dismiss",
    "report_resolve",
    "suspensions_lift_expired",
    "target_label",
]
