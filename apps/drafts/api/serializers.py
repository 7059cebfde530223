from rest_framework import serializers

from apps.communities.api.serializers import CommunityRefSerializer
from apps.profiles.languages import language_codes

from ..models import LINK_MAX_LENGTH, TAGS_MAX_LENGTH, TITLE_MAX_LENGTH


class DraftSerializer(serializers.Serializer):
    """One of your drafts, as you typed it (nothing is sanitized until you publish)."""

    id = serializers.IntegerField(read_only=True)
    community = CommunityRefSerializer(read_only=True)
    title = serializers.CharField(read_only=True)
    body = serializers.CharField(read_only=True, help_text="As typed: HTML or plain text.")
    link = serializers.CharField(read_only=True)
    tags = serializers.CharField(read_only=True, help_text="The tags field as typed.")
    language = serializers.CharField(read_only=True, help_text="A content language, or blank.")
    created = serializers.DateTimeField(read_only=True)
    updated = serializers.DateTimeField(read_only=True, help_text="When it was last saved.")


class DraftFieldsSerializer(serializers.Serializer):
    """What a draft holds, as typed: none of it is required or checked but
    its size (the post's rules apply when it is published)."""

    title = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, max_length=TITLE_MAX_LENGTH
    )
    body = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text="As typed. At most QUORUM_DRAFT_MAX_BYTES bytes of UTF-8 (200,000 by "
        "default); over it, a 400 and nothing saved.",
    )
    link = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, max_length=LINK_MAX_LENGTH
    )
    tags = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        max_length=TAGS_MAX_LENGTH,
        help_text="As typed, separated by commas.",
    )
    language = serializers.ChoiceField(
        choices=["", *language_codes()],
        required=False,
        allow_blank=True,
        help_text="A content language (en, es, fr, de, pt-br, ar, he, pl), or blank.",
    )


class DraftCreateSerializer(DraftFieldsSerializer):
    community = serializers.SlugField(
        max_length=40, help_text="The address of a community where you may post."
    )


class DraftUpdateSerializer(DraftFieldsSerializer):
    """Fields to change; the others keep their value."""
