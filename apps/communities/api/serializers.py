from dataclasses import dataclass
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.accounts.models import User
from apps.api.pagination import PageQuery
from apps.core.html import html_to_text
from apps.profiles.api.serializers import MemberSummarySerializer

from .. import selectors
from ..models import Community, Visibility


class CommunityRefSerializer(serializers.Serializer):
    """A community named inside another object (a post's community)."""

    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class CommunitySerializer(serializers.Serializer):
    """A row of the directory. Needs `is_member` annotated (with_membership)."""

    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    description = serializers.SerializerMethodField(help_text="The description as plain text.")
    description_html = serializers.CharField(
        source="description",
        read_only=True,
        help_text="The description as sanitized HTML (the comments' allowlist), as the site "
        "shows it.",
    )
    visibility = serializers.ChoiceField(choices=Visibility.choices, read_only=True)
    member_count = serializers.IntegerField(read_only=True)
    post_count = serializers.IntegerField(read_only=True)
    created = serializers.DateTimeField(read_only=True)
    is_member = serializers.BooleanField(read_only=True, help_text="Whether you are a member.")
    url = serializers.SerializerMethodField(help_text="The community's page on the site.")

    @extend_schema_field(serializers.CharField())
    def get_description(self, community) -> str:
        return html_to_text(community.description)

    @extend_schema_field(serializers.CharField())
    def get_url(self, community) -> str:
        request = self.context.get("request")
        path = community.get_absolute_url()
        return request.build_absolute_uri(path) if request is not None else path


class StandingSerializer(serializers.Serializer):
    """What you are, and may do, in a community."""

    is_member = serializers.BooleanField(read_only=True)
    is_moderator = serializers.BooleanField(read_only=True)
    is_banned = serializers.BooleanField(read_only=True)
    can_contribute = serializers.BooleanField(
        read_only=True, help_text="You may post, comment and vote here."
    )
    can_join = serializers.BooleanField(read_only=True)
    can_leave = serializers.BooleanField(read_only=True)


@dataclass(frozen=True)
class CommunityPage:
    """What CommunityDetailSerializer shows: a community with its moderators
    and the viewer's standing there. The community's own fields and methods
    (slug, rules, get_absolute_url…) are read through to it."""

    community: Community
    moderators: list[User]
    standing: selectors.Standing

    @property
    def is_member(self) -> bool:
        return self.standing.is_member

    def __getattr__(self, name: str) -> Any:
        # Only called for names the wrapper lacks; never the dunders that
        # copy and pickle probe for.
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.community, name)


class CommunityDetailSerializer(CommunitySerializer):
    """A community's about page: rules, owner, moderators and your standing.
    Serializes a CommunityPage."""

    rules = serializers.SerializerMethodField(help_text="One rule per item.")
    owner = MemberSummarySerializer(read_only=True)
    moderators = MemberSummarySerializer(many=True, read_only=True)
    standing = StandingSerializer(read_only=True)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_rules(self, community) -> list[str]:
        return [line.strip() for line in community.rules.splitlines() if line.strip()]


class MembershipStateSerializer(serializers.Serializer):
    is_member = serializers.BooleanField(read_only=True)
    changed = serializers.BooleanField(
        read_only=True, help_text="False when nothing changed (already a member, or not)."
    )
    member_count = serializers.IntegerField(read_only=True)
    can_contribute = serializers.BooleanField(
        read_only=True,
        help_text="False in a restricted community until a moderator approves you.",
    )


class DirectoryQuery(PageQuery):
    sort = serializers.ChoiceField(
        choices=selectors.DIRECTORY_SORTS,
        required=False,
        default=selectors.DEFAULT_DIRECTORY_SORT,
        help_text="members (most first), new (newest first) or name (A to Z).",
    )
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=selectors.QUERY_MAX_LENGTH,
        help_text="Only communities whose name or address contains this text.",
    )
