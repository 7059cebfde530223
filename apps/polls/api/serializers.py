from rest_framework import serializers

from apps.api.inputs import NOT_BLANK_PATTERN, documented_as
from apps.posts.api.serializers import PostCreateSerializer, PostSerializer

from ..models import MAX_OPTIONS, MIN_OPTIONS, OPTION_MAX_LENGTH


class PollOptionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    text = serializers.CharField(read_only=True)
    position = serializers.IntegerField(read_only=True)
    votes = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Null until you voted or the poll closed."
    )
    percent = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Share of the voters who chose it (rounded); null while votes is.",
    )


class PollSerializer(serializers.Serializer):
    """A post's poll. The counts show once you voted or the poll closed,
    as on the site. Give it apps.polls.api.views.poll_data(poll)."""

    id = serializers.IntegerField(read_only=True)
    post_id = serializers.IntegerField(read_only=True)
    question = serializers.CharField(read_only=True, help_text="The post's title.")
    multiple = serializers.BooleanField(
        read_only=True, help_text="Whether a ballot may choose several options."
    )
    closes_at = serializers.DateTimeField(read_only=True, allow_null=True)
    is_closed = serializers.BooleanField(read_only=True)
    voter_count = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Null until you voted or the poll closed."
    )
    your_choices = serializers.ListField(
        child=serializers.IntegerField(),
        read_only=True,
        allow_null=True,
        help_text="The ids of the options you chose; null while you have not voted.",
    )
    options = PollOptionSerializer(many=True, read_only=True)


OptionField = documented_as(
    serializers.CharField,
    {"type": "string", "pattern": NOT_BLANK_PATTERN, "maxLength": OPTION_MAX_LENGTH},
)


class PollCreateSerializer(PostCreateSerializer):
    """A post (its title is the question) with its poll."""

    options = serializers.ListField(
        child=OptionField(max_length=OPTION_MAX_LENGTH * 4, allow_blank=True),
        min_length=MIN_OPTIONS,
        max_length=MAX_OPTIONS,
        help_text="2 to 10 options, each different from the others (in any case, once "
        "trimmed), at most 200 characters.",
    )
    multiple = serializers.BooleanField(
        required=False, default=False, help_text="Members may choose several options."
    )
    closes_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text="When the poll stops taking votes (in the future); null: never.",
    )


class PollVoteSerializer(serializers.Serializer):
    options = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        max_length=MAX_OPTIONS,
        help_text="The ids of the options you choose: one, or several on a multiple-choice "
        "poll. You vote once.",
    )


class PostWithPollSerializer(serializers.Serializer):
    post = PostSerializer(read_only=True)
    poll = PollSerializer(read_only=True)
