"""Output shapes of members. Explicit fields only: never another member's
email, password hash, staff flag or last login."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.accounts.models import User
from apps.core.html import html_to_text


def avatar_url(request, user: User) -> str | None:
    profile = getattr(user, "profile", None)
    if profile is None or not profile.avatar:
        return None
    url = profile.avatar.url
    return request.build_absolute_uri(url) if request is not None else url


class MemberSummarySerializer(serializers.Serializer):
    """A member as shown next to their posts and comments. Needs the user
    with its profile loaded (select_related("…__profile"))."""

    username = serializers.CharField(read_only=True)
    display_name = serializers.CharField(source="profile.name", read_only=True)
    avatar_url = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_avatar_url(self, user: User) -> str | None:
        return avatar_url(self.context.get("request"), user)


class ProfileSerializer(serializers.Serializer):
    """A public profile (/u/<username>/)."""

    username = serializers.CharField(read_only=True)
    display_name = serializers.CharField(source="profile.name", read_only=True)
    avatar_url = serializers.SerializerMethodField()
    bio = serializers.SerializerMethodField(help_text="The bio as plain text.")
    bio_html = serializers.CharField(
        source="profile.bio",
        read_only=True,
        help_text="The bio as sanitized HTML (the comments' allowlist), as the site shows it.",
    )
    website = serializers.CharField(source="profile.website", read_only=True)
    karma = serializers.IntegerField(source="profile.karma", read_only=True)
    post_karma = serializers.IntegerField(source="profile.post_karma", read_only=True)
    comment_karma = serializers.IntegerField(source="profile.comment_karma", read_only=True)
    follower_count = serializers.IntegerField(source="profile.follower_count", read_only=True)
    following_count = serializers.IntegerField(source="profile.following_count", read_only=True)
    joined = serializers.DateTimeField(source="date_joined", read_only=True)
    viewer_follows = serializers.SerializerMethodField(
        help_text="Whether you follow this member (false for visitors and yourself)."
    )
    url = serializers.SerializerMethodField(help_text="The profile page on the site.")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_avatar_url(self, user: User) -> str | None:
        return avatar_url(self.context.get("request"), user)

    @extend_schema_field(serializers.CharField())
    def get_bio(self, user: User) -> str:
        return html_to_text(user.profile.bio)

    @extend_schema_field(serializers.BooleanField())
    def get_viewer_follows(self, user: User) -> bool:
        return bool(self.context.get("viewer_follows", False))

    @extend_schema_field(serializers.CharField())
    def get_url(self, user: User) -> str:
        from django.urls import reverse

        path = reverse("profiles:detail", args=[user.username])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class MeSerializer(ProfileSerializer):
    """The signed-in member: their public profile plus what only they see."""

    email = serializers.EmailField(read_only=True)
    language = serializers.CharField(source="profile.language", read_only=True)
    timezone = serializers.CharField(source="profile.timezone", read_only=True)
    reading_languages = serializers.ListField(
        source="profile.reading_languages",
        child=serializers.CharField(),
        read_only=True,
        help_text="The languages your feeds show (set on /settings/); empty: every language.",
    )
    auth = serializers.SerializerMethodField(
        help_text="How this request is authenticated: `token` or `session`."
    )
    scopes = serializers.SerializerMethodField(help_text="The token's scopes; both for a session.")

    @extend_schema_field(serializers.ChoiceField(choices=["token", "session"]))
    def get_auth(self, user: User) -> str:
        return "token" if self.context.get("token") is not None else "session"

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_scopes(self, user: User) -> list[str]:
        token = self.context.get("token")
        return token.scope_list if token is not None else ["read", "write"]


class FollowEntrySerializer(serializers.Serializer):
    """One row of a followers or following list."""

    member = MemberSummarySerializer(read_only=True)
    followed_at = serializers.DateTimeField(source="created", read_only=True)
    viewer_follows = serializers.SerializerMethodField(
        help_text="Whether you follow this member (false for visitors)."
    )

    @extend_schema_field(serializers.BooleanField())
    def get_viewer_follows(self, follow) -> bool:
        return bool(getattr(follow, "viewer_follows", False))


class FollowStateSerializer(serializers.Serializer):
    following = serializers.BooleanField(read_only=True)
    changed = serializers.BooleanField(
        read_only=True, help_text="False when nothing changed (already following, or not)."
    )
    follower_count = serializers.IntegerField(read_only=True)


class BlockEntrySerializer(serializers.Serializer):
    """A member you blocked."""

    member = MemberSummarySerializer(source="blocked", read_only=True)
    blocked_at = serializers.DateTimeField(source="created", read_only=True)


class BlockStateSerializer(serializers.Serializer):
    blocked = serializers.BooleanField(read_only=True)
    changed = serializers.BooleanField(
        read_only=True, help_text="False when nothing changed (already blocked, or not)."
    )
