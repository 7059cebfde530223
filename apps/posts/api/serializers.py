from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.api.inputs import NOT_BLANK_PATTERN, documented_as
from apps.api.pagination import PageQuery
from apps.communities.api.serializers import CommunityRefSerializer
from apps.profiles.api.serializers import MemberSummarySerializer
from apps.profiles.languages import UNKNOWN_LANGUAGE, language_codes
from apps.tags.api.serializers import TagSerializer

from .. import policies, selectors
from ..models import (
    BODY_MAX_LENGTH,
    KEYWORD_FILTER_MAX_LENGTH,
    LINK_MAX_LENGTH,
    MAX_TAGS,
    TITLE_MAX_LENGTH,
)

# Generous input bounds: the services give the precise, translated message
# for every wrong field at once ("at most 300 characters, it has 312"); these
# only cap what is parsed. The schema states the services' rules
# (documented_as), so a client knows them in advance.
TITLE_INPUT_MAX = TITLE_MAX_LENGTH * 4
LINK_INPUT_MAX = LINK_MAX_LENGTH * 2
TAG_INPUT_MAX = 100


class LanguageField(serializers.ChoiceField):
    """A content language: one of the shipped codes, exactly (the schema's
    enum). Anything else is refused with our own translated sentence (code
    `unknown_language`), the one the forms show."""

    def __init__(self, **kwargs):
        super().__init__(choices=language_codes(), **kwargs)

    def to_internal_value(self, data):
        if data == "" and self.allow_blank:
            return ""
        code = str(data)
        if code not in self.choices:
            raise serializers.ValidationError(
                UNKNOWN_LANGUAGE % {"value": code[:20]}, code="unknown_language"
            )
        return code


TitleField = documented_as(
    serializers.CharField,
    {"type": "string", "pattern": NOT_BLANK_PATTERN, "maxLength": TITLE_MAX_LENGTH},
)
BodyField = documented_as(serializers.CharField, {"type": "string", "maxLength": BODY_MAX_LENGTH})
LinkField = documented_as(
    serializers.CharField,
    {
        "oneOf": [
            {"type": "string", "maxLength": 0},
            {
                "type": "string",
                # http or https only.
                "format": "uri",
                "maxLength": LINK_MAX_LENGTH,
            },
        ]
    },
)
# A tag as typed: letters, digits, spaces, hyphens or underscores (“Machine
# Learning”), normalized to a slug of 2 to 40 characters; blank ones are
# skipped. Not a standard format: tests/api/test_schemathesis.py gives the
# fuzzer tags that make such slugs.
TagField = documented_as(
    serializers.CharField, {"type": "string", "format": "tag", "maxLength": TAG_INPUT_MAX}
)


def post_content_hidden(post, user) -> bool:
    """Deleted posts show nothing; removed ones show only to their author (as
    templates/posts/_post_full.html does)."""
    return post.is_deleted or (post.is_removed and not policies.is_author(user, post))


class PostSerializer(serializers.Serializer):
    """A post. Needs the post from apps.posts.selectors.feed_queryset (or
    the same joins): community, author profile, user_vote and tags loaded.
    A deleted post keeps its place with title, body, link, tags and author
    null; a removed one shows them to its author only."""

    id = serializers.IntegerField(read_only=True)
    community = CommunityRefSerializer(read_only=True)
    author = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    slug = serializers.CharField(read_only=True)
    body_html = serializers.SerializerMethodField(
        help_text="Sanitized HTML (an allowlist of tags; links get rel=nofollow)."
    )
    body_text = serializers.SerializerMethodField(help_text="The body as plain text.")
    link = serializers.SerializerMethodField()
    tags = serializers.SerializerMethodField()
    language = serializers.CharField(
        read_only=True,
        help_text="The language of the title and body (en, es, fr, de, pt-br, ar, he, pl); "
        "empty on posts older than the field.",
    )
    created = serializers.DateTimeField(read_only=True)
    edited_at = serializers.DateTimeField(read_only=True, allow_null=True)
    last_activity_at = serializers.DateTimeField(read_only=True)
    score = serializers.IntegerField(read_only=True)
    upvotes = serializers.IntegerField(read_only=True)
    downvotes = serializers.IntegerField(read_only=True)
    comment_count = serializers.IntegerField(read_only=True)
    is_pinned = serializers.BooleanField(read_only=True)
    is_locked = serializers.BooleanField(read_only=True)
    is_deleted = serializers.BooleanField(read_only=True)
    is_removed = serializers.BooleanField(read_only=True)
    removal_reason = serializers.SerializerMethodField(
        help_text="Why moderators removed it: shown to its author only."
    )
    user_vote = serializers.SerializerMethodField(help_text="Your vote: 1, -1 or null.")
    url = serializers.SerializerMethodField(help_text="The post's page on the site.")

    def _user(self):
        request = self.context.get("request")
        return request.user if request is not None else None

    def _hidden(self, post) -> bool:
        return post_content_hidden(post, self._user())

    @extend_schema_field(MemberSummarySerializer(allow_null=True))
    def get_author(self, post):
        if post.is_deleted or post.author is None:
            return None
        return MemberSummarySerializer(post.author, context=self.context).data

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_title(self, post) -> str | None:
        return None if self._hidden(post) else post.title

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_body_html(self, post) -> str | None:
        return None if self._hidden(post) else post.body_html

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_body_text(self, post) -> str | None:
        return None if self._hidden(post) else post.body_text

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_link(self, post) -> str | None:
        return None if self._hidden(post) else post.link

    @extend_schema_field(TagSerializer(many=True))
    def get_tags(self, post) -> list:
        if self._hidden(post):
            return []
        # What TagSerializer(..., many=True) calls: a list serializer, whose .data is
        # a list (drf-stubs take the many=True call for a single TagSerializer).
        return TagSerializer.many_init(post.tags.all(), context=self.context).data

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_removal_reason(self, post) -> str | None:
        if post.is_removed and not post.is_deleted and policies.is_author(self._user(), post):
            return post.removal_reason
        return None

    @extend_schema_field(serializers.ChoiceField(choices=[1, -1], allow_null=True))
    def get_user_vote(self, post) -> int | None:
        return getattr(post, "user_vote", None) or None

    @extend_schema_field(serializers.CharField())
    def get_url(self, post) -> str:
        request = self.context.get("request")
        path = post.get_absolute_url()
        return request.build_absolute_uri(path) if request is not None else path


class PostQuery(PageQuery):
    sort = serializers.ChoiceField(
        choices=list(selectors.SORTS),
        required=False,
        default=selectors.DEFAULT_SORT,
        help_text="hot, new, top, controversial or active.",
    )
    t = serializers.ChoiceField(
        choices=list(selectors.PERIODS),
        required=False,
        default=selectors.DEFAULT_PERIOD,
        help_text="The period of `top` and `controversial` (ignored by the other sorts).",
    )
    community = serializers.SlugField(
        required=False, max_length=40, help_text="Only posts of this community (its address)."
    )
    tag = serializers.CharField(
        required=False, max_length=TAG_INPUT_MAX, help_text="Only posts with this tag (slug)."
    )
    author = serializers.CharField(
        required=False, max_length=150, help_text="Only posts by this member (username)."
    )
    language = LanguageField(
        required=False,
        help_text="Only posts in this language (en, es, fr, de, pt-br, ar, he, pl); "
        "an unknown code is a 400.",
    )


class PostCreateSerializer(serializers.Serializer):
    """What a new post is made of. The author is always you; score, counters
    and dates are not inputs (unknown fields are ignored)."""

    community = serializers.SlugField(max_length=40, help_text="The community's address.")
    title = TitleField(max_length=TITLE_INPUT_MAX, allow_blank=True)
    body = BodyField(
        required=False,
        allow_blank=True,
        default="",
        trim_whitespace=False,
        help_text="HTML (sanitized with an allowlist) or plain text (blank lines: paragraphs).",
    )
    link = LinkField(
        required=False,
        allow_blank=True,
        default="",
        max_length=LINK_INPUT_MAX,
        help_text="An http(s) address the post is about.",
    )
    tags = serializers.ListField(
        child=TagField(max_length=TAG_INPUT_MAX, allow_blank=True),
        required=False,
        default=list,
        # Counted as sent (the service counts distinct tags): exactly the schema's maxItems.
        max_length=MAX_TAGS,
        help_text="Up to 5 tags; normalized (“Machine Learning” → machine-learning).",
    )
    language = LanguageField(
        required=False,
        allow_blank=True,
        default="",
        help_text="The language of the post (en, es, fr, de, pt-br, ar, he, pl). Left out: "
        "your profile's language, else the request's. An unknown code is a 400.",
    )


class PostUpdateSerializer(serializers.Serializer):
    """Fields to change; the others keep their value."""

    title = TitleField(required=False, max_length=TITLE_INPUT_MAX, allow_blank=True)
    body = BodyField(required=False, allow_blank=True, trim_whitespace=False)
    link = LinkField(required=False, allow_blank=True, max_length=LINK_INPUT_MAX)
    tags = serializers.ListField(
        child=TagField(max_length=TAG_INPUT_MAX, allow_blank=True),
        required=False,
        max_length=MAX_TAGS,
        help_text="The new set of tags (replaces the old one).",
    )
    language = LanguageField(
        required=False,
        allow_blank=True,
        help_text="The post's language (en, es, fr, de, pt-br, ar, he, pl).",
    )


class VoteSerializer(serializers.Serializer):
    value = serializers.ChoiceField(
        choices=[(1, "up"), (-1, "down"), (0, "clear")],
        help_text="1 (up), -1 (down) or 0 (clear your vote).",
    )


class VoteResultSerializer(serializers.Serializer):
    score = serializers.IntegerField(read_only=True)
    upvotes = serializers.IntegerField(read_only=True)
    downvotes = serializers.IntegerField(read_only=True)
    user_vote = serializers.ChoiceField(choices=[1, -1], allow_null=True, read_only=True)


# --- saved posts, mutes, keyword filters -------------------------------------------------


class SaveStateSerializer(serializers.Serializer):
    saved = serializers.BooleanField(read_only=True)
    changed = serializers.BooleanField(
        read_only=True, help_text="False when nothing changed (already saved, or not)."
    )


class MuteStateSerializer(serializers.Serializer):
    muted = serializers.BooleanField(read_only=True)
    changed = serializers.BooleanField(
        read_only=True, help_text="False when nothing changed (already muted, or not)."
    )


class MuteSerializer(serializers.Serializer):
    """A community you muted."""

    community = CommunityRefSerializer(read_only=True)
    muted_at = serializers.DateTimeField(source="created", read_only=True)


class KeywordFilterSerializer(serializers.Serializer):
    """A word or phrase whose posts are hidden from your feeds."""

    id = serializers.IntegerField(read_only=True)
    phrase = serializers.CharField(read_only=True)
    created = serializers.DateTimeField(read_only=True)


# The service trims, checks and words every refusal; this only caps what is parsed.
PhraseField = documented_as(
    serializers.CharField,
    {"type": "string", "pattern": NOT_BLANK_PATTERN, "maxLength": KEYWORD_FILTER_MAX_LENGTH},
)


class KeywordFilterCreateSerializer(serializers.Serializer):
    phrase = PhraseField(
        max_length=KEYWORD_FILTER_MAX_LENGTH * 4,
        allow_blank=True,
        trim_whitespace=False,
        help_text=(
            "Matched in any case, as plain text, against post titles; at most "
            f"{KEYWORD_FILTER_MAX_LENGTH} characters."
        ),
    )
