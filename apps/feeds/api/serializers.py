from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.api.inputs import NOT_BLANK_PATTERN, documented_as
from apps.communities.api.serializers import CommunityRefSerializer
from apps.posts.api.serializers import PostQuery

from ..models import DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH, FeedVisibility

# The services trim, check and word every refusal; these only cap what is parsed.
NameField = documented_as(
    serializers.CharField,
    {"type": "string", "pattern": NOT_BLANK_PATTERN, "maxLength": NAME_MAX_LENGTH},
)
DescriptionField = documented_as(
    serializers.CharField, {"type": "string", "maxLength": DESCRIPTION_MAX_LENGTH}
)
# A parsing bound only: the service refuses past QUORUM_CUSTOM_FEED_COMMUNITIES_MAX
# (50 by default) with its own sentence.
COMMUNITIES_INPUT_MAX = 500


class CustomFeedSerializer(serializers.Serializer):
    """One of your feeds. Needs its communities prefetched or costs 1 query."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    slug = serializers.CharField(read_only=True, help_text="Its address on the site: /f/<slug>/.")
    description = serializers.CharField(read_only=True)
    visibility = serializers.ChoiceField(choices=FeedVisibility.choices, read_only=True)
    communities = CommunityRefSerializer(many=True, read_only=True)
    share_url = serializers.SerializerMethodField(
        help_text="The read-only link anyone may open; null while the feed is private."
    )
    url = serializers.SerializerMethodField(help_text="The feed's page on the site (yours only).")
    created = serializers.DateTimeField(read_only=True)

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_share_url(self, feed) -> str | None:
        path = feed.get_share_url()
        return self._absolute(path) if path else None

    @extend_schema_field(serializers.CharField())
    def get_url(self, feed) -> str:
        return self._absolute(feed.get_absolute_url())


def _communities_field(**kwargs) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=100),
        max_length=COMMUNITIES_INPUT_MAX,
        help_text="Community addresses (slugs) you can read; at most 50 by default. An "
        "unknown or unreadable address is a 400 (`unreadable_community`).",
        **kwargs,
    )


class CustomFeedCreateSerializer(serializers.Serializer):
    name = NameField(max_length=NAME_MAX_LENGTH * 4, allow_blank=True)
    description = DescriptionField(
        required=False, allow_blank=True, default="", max_length=DESCRIPTION_MAX_LENGTH * 4
    )
    visibility = serializers.ChoiceField(
        choices=FeedVisibility.choices,
        required=False,
        default=FeedVisibility.PRIVATE,
        help_text="private (only you) or shared (anyone with `share_url`).",
    )
    communities = _communities_field(required=False, default=list)


class CustomFeedUpdateSerializer(serializers.Serializer):
    """Fields to change; the others keep their value. `communities` replaces the set."""

    name = NameField(required=False, max_length=NAME_MAX_LENGTH * 4, allow_blank=True)
    description = DescriptionField(
        required=False, allow_blank=True, max_length=DESCRIPTION_MAX_LENGTH * 4
    )
    visibility = serializers.ChoiceField(choices=FeedVisibility.choices, required=False)
    communities = _communities_field(required=False)


class CustomFeedPostQuery(PostQuery):
    """The posts list's sorts and pages; no filters (the feed is the filter).
    Setting a declared field to None is how DRF removes it from a subclass."""

    community = None  # type: ignore[assignment]
    tag = None  # type: ignore[assignment]
    author = None  # type: ignore[assignment]
    language = None  # type: ignore[assignment]
