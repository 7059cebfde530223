"""Output shapes of notifications. The member's own: never another's."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.api.pagination import PageQuery
from apps.profiles.api.serializers import MemberSummarySerializer

from ..models import FILTERS, Kind, Notification


class NotificationQuery(PageQuery):
    filter = serializers.ChoiceField(
        choices=list(FILTERS),
        required=False,
        default="all",
        help_text="all, replies, mentions, messages or moderation.",
    )


class NotificationSerializer(serializers.Serializer):
    """Needs actor__profile, post__community and community loaded
    (apps.notifications.selectors.inbox_page does)."""

    id = serializers.IntegerField(read_only=True)
    kind = serializers.ChoiceField(choices=Kind.choices, read_only=True)
    verb = serializers.CharField(
        read_only=True,
        help_text=(
            "What exactly happened within the kind: the moderation action (post_removed, "
            "post_restored, post_locked, post_unlocked, comment_removed, comment_restored), "
            "banned or unbanned, the report decision (resolved or dismissed); else empty."
        ),
    )
    actor = MemberSummarySerializer(read_only=True, allow_null=True)
    count = serializers.IntegerField(
        read_only=True, help_text="Events grouped in this entry (3 replies to one post)."
    )
    reason = serializers.CharField(read_only=True, help_text="The moderator's reason or note.")
    post_id = serializers.IntegerField(read_only=True, allow_null=True)
    comment_id = serializers.IntegerField(read_only=True, allow_null=True)
    community = serializers.SerializerMethodField()
    is_read = serializers.BooleanField(read_only=True)
    created = serializers.DateTimeField(read_only=True)
    updated = serializers.DateTimeField(read_only=True, help_text="The latest event of the group.")
    url = serializers.SerializerMethodField(help_text="Where the entry leads on the site.")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_community(self, notification: Notification) -> str | None:
        community = notification.community
        if community is None and notification.post is not None:
            community = notification.post.community
        return community.slug if community is not None else None

    @extend_schema_field(serializers.CharField())
    def get_url(self, notification: Notification) -> str:
        path = notification.target_url()
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class UnreadCountSerializer(serializers.Serializer):
    unread = serializers.IntegerField(read_only=True)


class MarkReadResultSerializer(serializers.Serializer):
    changed = serializers.IntegerField(
        read_only=True, help_text="How many notifications this call marked read."
    )
    unread = serializers.IntegerField(read_only=True, help_text="Unread notifications left.")
