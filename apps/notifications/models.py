"""A member's notifications: what happened to them, told once, grouped.

Targets are a few nullable foreign keys (post, comment, community) rather
than a generic foreign key, as in apps.moderation.models: the inbox joins
them with select_related in its one query, and a post or comment that is
deleted for good takes its notifications with it. A private conversation
lives in apps.messaging, which may change under us; its id is enough to
link to it.

Grouping: a notification with a `group_key` ("3 new replies to …") stays
one row while it is unread; the next event of the same group raises its
`count`, moves it to the top (`updated`) and keeps the newest actor and
comment (the entry links to the newest reply). A partial unique constraint
makes "one unread row per group" the database's rule, so two concurrent
replies cannot both create one.

Profile.unread_notifications counts the unread rows (not the events): the
services change it with F() exactly when a row becomes unread or read.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.comments.models import Comment
from apps.communities.models import Community, Visibility
from apps.posts.models import Post

REASON_MAX_LENGTH = 500


class Kind(models.TextChoices):
    POST_REPLY = "post_reply", _("Reply to your post")
    COMMENT_REPLY = "comment_reply", _("Reply to your comment")
    # Translators: A kind of notification (a noun): someone @mentioned you.
    MENTION = "mention", _("Mention")
    FOLLOW = "follow", _("New follower")
    MODERATION = "moderation", _("Moderator action on your content")
    BAN = "ban", _("Community ban")
    MEMBERSHIP = "membership", _("Your membership of a community")
    MEMBERSHIP_REQUEST = "membership_request", _("Members waiting for your approval")
    REPORT = "report", _("Decision on your report")
    MESSAGE = "message", _("Private message")


# Membership notices (Kind.MEMBERSHIP) after which the member is out.
MEMBERSHIP_LOST = frozenset({"refused", "removed"})

# The inbox's filters: the kinds each one shows.
FILTERS: dict[str, tuple[str, ...]] = {
    "all": (),
    "replies": (Kind.POST_REPLY, Kind.COMMENT_REPLY),
    "mentions": (Kind.MENTION,),
    "messages": (Kind.MESSAGE,),
    "moderation": (
        Kind.MODERATION,
        Kind.BAN,
        Kind.MEMBERSHIP,
        Kind.MEMBERSHIP_REQUEST,
        Kind.REPORT,
    ),
}


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)

    def of_filter(self, name: str) -> "NotificationQuerySet":
        kinds = FILTERS.get(name, ())
        return self.filter(kind__in=kinds) if kinds else self


class EventFields(models.Model):
    """What happened and where it leads: the fields an inbox entry and an
    email's line share (one sentence template reads both)."""

    # Translators: A noun: the type of a notification.
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Who caused it; None when the system acted (or their account is gone).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        # Translators: A noun: the member whose action caused a notification.
        verbose_name=_("actor"),
    )
    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("community"),
    )
    post = models.ForeignKey(
        Post,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        # Translators: A noun: a post in a community.
        verbose_name=_("post"),
    )
    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        # Translators: A noun: a comment under a post.
        verbose_name=_("comment"),
    )
    conversation_id = models.PositiveBigIntegerField(_("conversation"), null=True, blank=True)
    # What exactly happened within the kind: the moderation action
    # ("post_removed"…), "banned"/"unbanned", the report decision, what
    # became of a membership ("approved", "refused", "added", "removed").
    verb = models.CharField(_("what happened"), max_length=32, blank=True)
    reason = models.CharField(_("reason"), max_length=REASON_MAX_LENGTH, blank=True)

    class Meta:
        abstract = True

    def target_url(self) -> str:
        """Where the entry leads: the exact comment, the post, the
        conversation, the community or the actor's profile. Needs
        post__community and community loaded (the selectors do)."""
        return target_url(self)


class Notification(EventFields):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    # Translators: A noun: the key grouping similar notifications.
    group_key = models.CharField(_("group"), max_length=64, blank=True)
    # Translators: A noun: how many events a grouped notification stands for.
    count = models.PositiveIntegerField(_("count"), default=1)
    # Translators: Admin column and field label: the date and time a notification was read (a past
    # participle).
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # Translators: Admin column and field label: the date and time something was created (a past
    # participle, not a verb in the imperative).
    created = models.DateTimeField(_("created"), auto_now_add=True)
    # The last event of the group: the inbox's order.
    # Translators: Admin column and field label: the date and time something was last updated (a
    # past participle).
    updated = models.DateTimeField(_("updated"), default=timezone.now)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            # One unread row per group: the next event of the group counts in it.
            models.UniqueConstraint(
                fields=["recipient", "group_key"],
                condition=Q(read_at__isnull=True) & ~Q(group_key=""),
                name="notifications_one_unread_per_group",
            ),
            # Each kind has the target its entry links to.
            models.CheckConstraint(
                condition=~Q(kind__in=["post_reply", "comment_reply"]) | Q(comment__isnull=False),
                name="notifications_reply_has_comment",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["mention", "moderation"]) | Q(post__isnull=False),
                name="notifications_content_has_post",
            ),
            models.CheckConstraint(
                condition=~Q(kind="ban") | Q(community__isnull=False),
                name="notifications_ban_has_community",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["membership", "membership_request"])
                | Q(community__isnull=False),
                name="notifications_membership_has_community",
            ),
            models.CheckConstraint(
                condition=~Q(kind="message") | Q(conversation_id__isnull=False),
                name="notifications_message_has_conversation",
            ),
            models.CheckConstraint(condition=Q(count__gte=1), name="notifications_count_positive"),
        ]
        indexes = [
            # The inbox: newest activity first, keyset on (updated, id).
            models.Index(fields=["recipient", "-updated", "-id"], name="notifications_inbox_idx"),
            # Filters and "mark all read" touch the unread rows of one member.
            models.Index(
                fields=["recipient", "kind", "-updated", "-id"], name="notifications_kind_idx"
            ),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notifications_unread_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """How a member wants one kind told: on the site (an inbox entry) and/or
    by email. A missing row means the defaults (apps.notifications.preferences),
    so only members who changed something, or were emailed, have rows.

    The row also keeps the kind's email rhythm: `last_emailed` (at most one
    email per kind per QUORUM_NOTIFICATION_EMAIL_MINUTES) and `digest_due`
    (set while a digest task is queued, so a burst queues one task, not one
    per event; apps.notifications.digests)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("member"),
    )
    # Translators: A noun: the type of a notification.
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    site = models.BooleanField(_("on the site"), default=True)
    email = models.BooleanField(_("by email"), default=False)
    last_emailed = models.DateTimeField(_("last emailed"), null=True, blank=True)
    digest_due = models.DateTimeField(_("digest due"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notifications_one_pref_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: site={self.site} email={self.email}"


class DigestEntry(EventFields):
    """One event waiting for the next email of its kind. Separate from
    Notification on purpose: a member may take a kind by email only (no
    inbox entry), and grouped inbox rows lose the single events a digest
    lists. The digest task deletes the entries it sent."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("recipient"),
    )
    # Translators: Admin column and field label: the date and time something was created (a past
    # participle, not a verb in the imperative).
    created = models.DateTimeField(_("created"), default=timezone.now)

    # One event: the inbox sentences (notifications/_sentence.html) read `count`.
    count = 1

    class Meta:
        verbose_name = _("email digest entry")
        verbose_name_plural = _("email digest entries")
        indexes = [
            models.Index(fields=["recipient", "kind", "id"], name="notifications_digest_idx")
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id} (email)"


def target_url(item: EventFields) -> str:
    """Where a notification (or an email's line about one event) leads: the
    exact comment, the post, the conversation, the community or the actor's
    profile. Needs post__community and community loaded."""
    from apps.comments.links import permalink_url

    if item.comment_id is not None and item.post is not None:
        return permalink_url(item.post, item.comment_id)
    if item.post is not None:
        return item.post.get_absolute_url()
    if item.conversation_id is not None:
        try:
            return reverse("messaging:conversation", args=[item.conversation_id])
        except NoReverseMatch:  # messaging not wired (yet): the inbox itself
            return reverse("notifications:inbox")
    if item.community is not None:
        if item.kind == Kind.MEMBERSHIP_REQUEST:
            return reverse("moderation:members", args=[item.community.slug])
        # Out of a private community, its page is a 404: the page to ask again.
        if (
            item.kind == Kind.MEMBERSHIP
            and item.verb in MEMBERSHIP_LOST
            and item.community.visibility == Visibility.PRIVATE
        ):
            return reverse("communities:request", args=[item.community.slug])
        return item.community.get_absolute_url()
    if item.actor is not None:
        return reverse("profiles:detail", args=[item.actor.username])
    return reverse("notifications:inbox")
