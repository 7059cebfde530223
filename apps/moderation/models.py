"""Reports, the moderation log and site-wide suspensions.

Report targets: three nullable foreign keys (post, comment, member) and a
check constraint that exactly one is set, rather than a generic foreign key.
Real foreign keys keep referential integrity (a report cannot point at a row
that does not exist), make "one OPEN report per member per target" three
plain partial unique constraints, and let every list join its targets with
select_related (a GenericForeignKey needs a prefetch per content type and
cannot be filtered or joined in SQL). A fourth kind, a private message
(apps.messaging), is one more column and one more constraint: its reports
have no community, so only staff moderators see them, in the admin's queue
(with the message's text); its recipient alone may report it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.comments.models import Comment
from apps.communities.models import Community
from apps.messaging.models import Message
from apps.posts.models import Post

REASON_MAX_LENGTH = 500
DETAILS_MAX_LENGTH = 1000


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    HARASSMENT = "harassment", _("Harassment or bullying")
    HATE = "hate", _("Hate speech")
    VIOLENCE = "violence", _("Violence or threats")
    SEXUAL = "sexual", _("Sexual content")
    MISINFORMATION = "misinformation", _("False or misleading information")
    PERSONAL_INFO = "personal_info", _("Personal information shared without consent")
    RULES = "rules", _("Breaks the community's rules")
    IMPERSONATION = "impersonation", _("Impersonation")
    OTHER = "other", _("Something else")


class ReportStatus(models.TextChoices):
    # Translators: A report's status (an adjective): not handled yet.
    OPEN = "open", _("Open")
    # Translators: A report's status (a past participle): a moderator acted on it.
    RESOLVED = "resolved", _("Resolved")
    # Translators: A report's status (a past participle): a moderator decided no action was needed.
    DISMISSED = "dismissed", _("Dismissed")


class TargetKind(models.TextChoices):
    # Translators: A noun: a post in a community.
    POST = "post", _("post")
    # Translators: A noun: a comment under a post.
    COMMENT = "comment", _("comment")
    MEMBER = "member", _("member")
    MESSAGE = "message", _("private message")


def target_kind(target) -> str:
    """ "post", "comment", "member" or "message" for a Post, a Comment, a
    User or a private Message."""
    if isinstance(target, Post):
        return TargetKind.POST
    if isinstance(target, Comment):
        return TargetKind.COMMENT
    if isinstance(target, Message):
        return TargetKind.MESSAGE
    if getattr(target, "_meta", None) and target._meta.label == settings.AUTH_USER_MODEL:
        return TargetKind.MEMBER
    raise TypeError(f"cannot report {type(target).__name__}")


def target_q(target) -> Q:
    """The filter selecting rows (reports, log entries) about `target`."""
    return Q(**{target_kind(target): target})


class ReportQuerySet(models.QuerySet):
    def open(self) -> "ReportQuerySet":
        return self.filter(status=ReportStatus.OPEN)

    def about(self, target) -> "ReportQuerySet":
        return self.filter(target_q(target))


class Report(models.Model):
    """A member's report about a post, a comment or another member."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports_made",
        verbose_name=_("reported by"),
    )
    post = models.ForeignKey(
        Post,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        # Translators: A noun: a post in a community.
        verbose_name=_("post"),
    )
    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        # Translators: A noun: a comment under a post.
        verbose_name=_("comment"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports_received",
        verbose_name=_("member"),
    )
    # A private message, reported by its recipient: staff moderators only.
    message = models.ForeignKey(
        Message,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("private message"),
    )
    # The community whose queue shows the report (the post's community);
    # None for reports about a member or a message, which go to staff
    # moderators.
    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("community"),
        db_index=False,  # report_open_idx and report_community_idx lead with it
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    # Translators: A noun: what the reporter wrote about a report.
    details = models.TextField(_("details"), max_length=DETAILS_MAX_LENGTH, blank=True)
    status = models.CharField(
        # Translators: A noun: the state of a report or application.
        _("status"),
        max_length=10,
        choices=ReportStatus.choices,
        default=ReportStatus.OPEN,
    )
    # Translators: Admin column and field label: the date and time a report was made (a past
    # participle).
    created = models.DateTimeField(_("reported"), default=timezone.now)
    # Translators: Admin column and field label: the date and time a report was resolved or
    # dismissed (a past participle).
    resolved_at = models.DateTimeField(_("closed"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    note = models.CharField(_("moderator's note"), max_length=REASON_MAX_LENGTH, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        # Translators: A noun: a report sent to moderators.
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(post__isnull=False, comment__isnull=True, member__isnull=True)
                    | Q(post__isnull=True, comment__isnull=False, member__isnull=True)
                    | Q(post__isnull=True, comment__isnull=True, member__isnull=False)
                )
                & Q(message__isnull=True)
                | Q(
                    post__isnull=True,
                    comment__isnull=True,
                    member__isnull=True,
                    message__isnull=False,
                ),
                name="report_exactly_one_target",
            ),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.OPEN, resolved_at__isnull=True)
                | (~Q(status=ReportStatus.OPEN) & Q(resolved_at__isnull=False)),
                name="report_closed_has_time",
            ),
            # One OPEN report per member per target; once it is closed the
            # member may report again (the content may have changed).
            models.UniqueConstraint(
                fields=["reporter", "post"],
                condition=Q(status=ReportStatus.OPEN),
                name="report_open_once_post",
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=Q(status=ReportStatus.OPEN),
                name="report_open_once_comment",
            ),
            models.UniqueConstraint(
                fields=["reporter", "member"],
                condition=Q(status=ReportStatus.OPEN),
                name="report_open_once_member",
            ),
            models.UniqueConstraint(
                fields=["reporter", "message"],
                condition=Q(status=ReportStatus.OPEN),
                name="report_open_once_message",
            ),
        ]
        indexes = [
            # A community's queue: its open reports, oldest first.
            models.Index(
                fields=["community", "created"],
                condition=Q(status=ReportStatus.OPEN),
                name="report_open_idx",
            ),
            # The staff queue (every open report) and the admin's lists.
            models.Index(
                fields=["created"],
                condition=Q(status=ReportStatus.OPEN),
                name="report_open_all_idx",
            ),
            models.Index(fields=["community", "-created", "-id"], name="report_community_idx"),
            models.Index(fields=["status", "-created", "-id"], name="report_status_idx"),
            models.Index(fields=["-created", "-id"], name="report_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"report {self.pk} ({self.get_reason_display()})"

    @property
    def kind(self) -> str:
        if self.post_id:
            return TargetKind.POST
        if self.comment_id:
            return TargetKind.COMMENT
        if self.message_id:
            return TargetKind.MESSAGE
        return TargetKind.MEMBER

    @property
    def target(self):
        return getattr(self, self.kind)

    @property
    def is_open(self) -> bool:
        return self.status == ReportStatus.OPEN


class Action(models.TextChoices):
    REPORT_RESOLVED = "report_resolved", _("resolved reports")
    REPORT_DISMISSED = "report_dismissed", _("dismissed reports")
    POST_REMOVED = "post_removed", _("removed a post")
    POST_RESTORED = "post_restored", _("restored a post")
    COMMENT_REMOVED = "comment_removed", _("removed a comment")
    COMMENT_RESTORED = "comment_restored", _("restored a comment")
    POST_LOCKED = "post_locked", _("locked a post")
    POST_UNLOCKED = "post_unlocked", _("unlocked a post")
    POST_PINNED = "post_pinned", _("pinned a post")
    POST_UNPINNED = "post_unpinned", _("unpinned a post")
    # An edit of someone else's words (apps.moderation.receivers; the
    # versions are in apps.revisions).
    POST_EDITED = "post_edited", _("edited a post")
    COMMENT_EDITED = "comment_edited", _("edited a comment")
    MEMBER_BANNED = "member_banned", _("banned a member")
    MEMBER_UNBANNED = "member_unbanned", _("lifted a ban")
    MEMBER_SUSPENDED = "member_suspended", _("suspended a member")
    MEMBER_UNSUSPENDED = "member_unsuspended", _("lifted a suspension")
    MEMBER_APPROVED = "member_approved", _("approved a member")
    MEMBER_REFUSED = "member_refused", _("refused a request")
    MEMBER_ADDED = "member_added", _("added a member")
    MEMBER_REMOVED = "member_removed", _("removed a member")
    MODERATOR_APPOINTED = "moderator_appointed", _("appointed a moderator")
    MODERATOR_REMOVED = "moderator_removed", _("removed a moderator")
    OWNERSHIP_TRANSFERRED = "ownership_transferred", _("transferred ownership")


# Written like every other action, but left out of the public logs: a
# report's existence and a moderator's note about it are between the
# reporter and the moderators.
PRIVATE_ACTIONS = frozenset({Action.REPORT_RESOLVED, Action.REPORT_DISMISSED})


class ModerationActionQuerySet(models.QuerySet):
    def public(self) -> "ModerationActionQuerySet":
        return self.exclude(action__in=PRIVATE_ACTIONS)


class ModerationAction(models.Model):
    """One line of the moderation log. Written by every moderation service
    in the transaction of the action itself; never edited."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_actions",
        verbose_name=_("moderator"),
        db_index=False,  # modaction_actor_idx leads with it
    )
    # True when the actor used staff powers (not a moderator of the community
    # in question): public logs then say "staff" instead of their name.
    # Translators: Admin field: whether a moderation action was taken by the site's staff (an
    # adverbial phrase).
    as_staff = models.BooleanField(_("as staff"), default=False)
    # Translators: A noun: a moderation action.
    action = models.CharField(_("action"), max_length=32, choices=Action.choices)
    community = models.ForeignKey(
        Community,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_actions",
        verbose_name=_("community"),
        db_index=False,  # modaction_community_idx leads with it
    )
    post = models.ForeignKey(
        Post,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        # Translators: A noun: a post in a community.
        verbose_name=_("post"),
    )
    comment = models.ForeignKey(
        Comment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        # Translators: A noun: a comment under a post.
        verbose_name=_("comment"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_actions_received",
        verbose_name=_("member"),
    )
    # What the target was called when the action happened (title, excerpt,
    # username), for the admin once the target is gone or changed.
    # Translators: A noun: what a moderation action was about (a post, a comment, a member…).
    target_label = models.CharField(_("target"), max_length=300, blank=True)
    reason = models.CharField(_("reason"), max_length=REASON_MAX_LENGTH, blank=True)
    # Translators: Admin column and field label: the date and time a ban or suspension ends (“until
    # …”).
    expires_at = models.DateTimeField(_("until"), null=True, blank=True)
    # Translators: Admin column and field label: the date and time a moderation action was taken (a
    # noun).
    created = models.DateTimeField(_("time"), default=timezone.now)

    objects = ModerationActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation log")
        default_permissions = ("view",)
        permissions = [
            ("moderate_everywhere", _("Can moderate every community (staff moderator)")),
            ("suspend_member", _("Can suspend members site-wide")),
        ]
        # Each filter of the logs is an index scan in keyset order.
        indexes = [
            models.Index(fields=["-created", "-id"], name="modaction_recent_idx"),
            models.Index(fields=["community", "-created", "-id"], name="modaction_community_idx"),
            models.Index(fields=["actor", "-created", "-id"], name="modaction_actor_idx"),
            models.Index(fields=["action", "-created", "-id"], name="modaction_action_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.actor or '-'} {self.action} {self.target_label}"

    @property
    def kind(self) -> str | None:
        if self.post_id:
            return TargetKind.POST
        if self.comment_id:
            return TargetKind.COMMENT
        if self.member_id:
            return TargetKind.MEMBER
        return None


class SuspensionQuerySet(models.QuerySet):
    def active(self) -> "SuspensionQuerySet":
        return self.filter(lifted_at__isnull=True)


class Suspension(models.Model):
    """A site-wide suspension: the member's account is inactive (no login,
    sessions ended) until a staff moderator lifts it or it expires."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="suspensions",
        verbose_name=_("member"),
    )
    suspended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("suspended by"),
    )
    reason = models.CharField(_("reason"), max_length=REASON_MAX_LENGTH)
    # Translators: Admin column and field label: the date and time a member was suspended (a past
    # participle).
    created = models.DateTimeField(_("suspended"), default=timezone.now)
    expires_at = models.DateTimeField(
        # Translators: Admin column and field label: the date and time a suspension ends (a verb,
        # 3rd person).
        _("ends"),
        null=True,
        blank=True,
        help_text=_("Empty: until lifted by hand."),
    )
    # Translators: Admin column and field label: the date and time a suspension was ended early (a
    # past participle).
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lifted by"),
    )

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(lifted_at__isnull=True),
                name="suspension_active_once",
            ),
        ]
        indexes = [
            models.Index(fields=["-created", "-id"], name="suspension_recent_idx"),
            # lift_expired_suspensions: the active ones with an end.
            models.Index(
                fields=["expires_at"],
                condition=Q(lifted_at__isnull=True, expires_at__isnull=False),
                name="suspension_expiring_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} suspended"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None
