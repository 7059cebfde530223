"""Signals moderation sends, after the transaction commits, for the apps
above it (notifications) and for the feed cache to subscribe to.

Every logged action sends exactly one of them, chosen by its kind
(`SIGNAL_OF_ACTION`), with what a notification needs:

    sender=ModerationAction
    action       the ModerationAction (the log line, public or not)
    kind         its Action value ("post_removed", "member_banned", ...)
    community_id the community's id, None for site-wide suspensions
    actor        the moderator (a User), None when the system acted
                 (a suspension that ran out)
    target       the Post (community loaded), the Comment (post and
                 community loaded) or the User acted on
    target_user  the member affected: the author of the post or comment
                 (None once the account is gone), or the member banned,
                 suspended, appointed...
    reason       the moderator's reason ("" when none was given)

`suspension_changed` adds `suspension` (the Suspension made or lifted, with
its end). `report_decided` adds `decision` (ReportStatus.RESOLVED or DISMISSED),
`report` (the report the moderator decided from), `reporters` (every member
whose open report about the target the decision closed; the decision is
about the target, not one copy) and `note` (the same text as `reason`).

Which change pages (apps.moderation.apps subscribes the feed cache):
content_moderated (removed, restored, locked, pinned, edited posts and comments)
and membership_moderated (bans take a moderator's role away; the
community's page lists its moderators and owner).
"""

from django.dispatch import Signal

from .models import Action

# Posts and comments removed or restored, posts locked, unlocked, pinned, unpinned;
# posts and comments edited by someone other than their author (post_edited,
# comment_edited: logged by apps.moderation.receivers, told to nobody).
content_moderated = Signal()
# Members banned or unbanned; requests approved or refused, members added or
# removed by a moderator; moderators appointed or removed; ownership handed over.
membership_moderated = Signal()
# Site-wide suspensions made or lifted (community_id is None).
suspension_changed = Signal()
# Reports resolved or dismissed (private: the public log leaves them out).
report_decided = Signal()

SIGNAL_OF_ACTION: dict[str, Signal] = {
    Action.POST_REMOVED: content_moderated,
    Action.POST_RESTORED: content_moderated,
    Action.COMMENT_REMOVED: content_moderated,
    Action.COMMENT_RESTORED: content_moderated,
    Action.POST_LOCKED: content_moderated,
    Action.POST_UNLOCKED: content_moderated,
    Action.POST_PINNED: content_moderated,
    Action.POST_UNPINNED: content_moderated,
    Action.POST_EDITED: content_moderated,
    Action.COMMENT_EDITED: content_moderated,
    Action.MEMBER_BANNED: membership_moderated,
    Action.MEMBER_UNBANNED: membership_moderated,
    Action.MEMBER_APPROVED: membership_moderated,
    Action.MEMBER_REFUSED: membership_moderated,
    Action.MEMBER_ADDED: membership_moderated,
    Action.MEMBER_REMOVED: membership_moderated,
    Action.MODERATOR_APPOINTED: membership_moderated,
    Action.MODERATOR_REMOVED: membership_moderated,
    Action.OWNERSHIP_TRANSFERRED: membership_moderated,
    Action.MEMBER_SUSPENDED: suspension_changed,
    Action.MEMBER_UNSUSPENDED: suspension_changed,
    Action.REPORT_RESOLVED: report_decided,
    Action.REPORT_DISMISSED: report_decided,
}
