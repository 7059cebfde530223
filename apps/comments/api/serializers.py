from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.api.inputs import NOT_BLANK_PATTERN, documented_as
from apps.api.pagination import PageQuery
from apps.communities.api.serializers import CommunityRefSerializer
from apps.core.pagination import MAX_RANKED_CURSOR_LENGTH
from apps.posts.api.serializers import LanguageField, post_content_hidden
from apps.profiles.api.serializers import MemberSummarySerializer

from .. import policies, selectors
from ..services import MAX_BODY_LENGTH


def _comment_hidden(comment, user) -> bool:
    """Deleted comments show nothing; removed ones show only to their author
    (as templates/comments/_comment.html does)."""
    return comment.is_deleted or (
        comment.is_removed and not policies.is_comment_author(user, comment)
    )


class _CommentFields(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    author = serializers.SerializerMethodField()
    body_html = serializers.SerializerMethodField(
        help_text="Sanitized HTML; null when deleted, or removed (except for its author)."
    )
    body_text = serializers.SerializerMethodField()
    language = serializers.CharField(
        read_only=True,
        help_text="The language of the body (en, es, fr, de, pt-br, ar, he, pl); "
        "empty on comments older than the field.",
    )
    created = serializers.DateTimeField(read_only=True)
    edited_at = serializers.DateTimeField(read_only=True, allow_null=True)
    score = serializers.IntegerField(read_only=True)
    upvotes = serializers.IntegerField(read_only=True)
    downvotes = serializers.IntegerField(read_only=True)
    is_deleted = serializers.BooleanField(read_only=True)
    is_removed = serializers.BooleanField(read_only=True)

    def _user(self):
        request = self.context.get("request")
        return request.user if request is not None else None

    @extend_schema_field(MemberSummarySerializer(allow_null=True))
    def get_author(self, comment):
        if comment.author is None or _comment_hidden(comment, self._user()):
            return None
        return MemberSummarySerializer(comment.author, context=self.context).data

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_body_html(self, comment) -> str | None:
        return None if _comment_hidden(comment, self._user()) else comment.body_html

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_body_text(self, comment) -> str | None:
        return None if _comment_hidden(comment, self._user()) else comment.body_text


class CommentSerializer(_CommentFields):
    """A comment of a thread, as apps.comments.selectors decorates it (the
    viewer's vote and what the viewer may do with it)."""

    post_id = serializers.IntegerField(read_only=True)
    parent_id = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="The comment this replies to; null on top."
    )
    depth = serializers.IntegerField(read_only=True, help_text="0 for a top-level comment.")
    reply_count = serializers.IntegerField(read_only=True, help_text="Direct replies.")
    has_more_replies = serializers.BooleanField(
        source="continues",
        read_only=True,
        help_text="Replies exist below the depth returned: fetch them with ?root=<id>.",
    )
    user_vote = serializers.SerializerMethodField(help_text="Your vote: 1, -1 or null.")
    can_reply = serializers.BooleanField(read_only=True)
    can_edit = serializers.BooleanField(read_only=True)
    can_delete = serializers.BooleanField(read_only=True)
    can_vote = serializers.BooleanField(read_only=True)
    url = serializers.SerializerMethodField(help_text="The comment's permalink on the site.")

    @extend_schema_field(serializers.ChoiceField(choices=[1, -1], allow_null=True))
    def get_user_vote(self, comment) -> int | None:
        return getattr(comment, "user_vote", None) or None

    @extend_schema_field(serializers.CharField())
    def get_url(self, comment) -> str:
        request = self.context.get("request")
        path = f"{comment.permalink}#comment-{comment.pk}"
        return request.build_absolute_uri(path) if request is not None else path


class CommentPostSerializer(serializers.Serializer):
    """The post a comment was made on (in a member's comment list)."""

    id = serializers.IntegerField(read_only=True)
    title = serializers.SerializerMethodField()
    community = CommunityRefSerializer(read_only=True)
    url = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_title(self, post) -> str | None:
        request = self.context.get("request")
        user = request.user if request is not None else None
        return None if post_content_hidden(post, user) else post.title

    @extend_schema_field(serializers.CharField())
    def get_url(self, post) -> str:
        request = self.context.get("request")
        path = post.get_absolute_url()
        return request.build_absolute_uri(path) if request is not None else path


class MemberCommentSerializer(_CommentFields):
    """A comment in a member's list, with the post it answers."""

    post = CommentPostSerializer(read_only=True)
    parent_id = serializers.IntegerField(read_only=True, allow_null=True)


class ThreadQuery(PageQuery):
    sort = serializers.ChoiceField(
        choices=list(selectors.SORTS),
        required=False,
        default=selectors.DEFAULT_SORT,
        help_text="The order of siblings at every level: best, top, new, old, controversial.",
    )
    # The query parameter is ?root=. DRF's metaclass moves declared fields into
    # _declared_fields, so Field.root (the root serializer) is not shadowed.
    root = serializers.IntegerField(  # type: ignore[assignment]  # see above
        required=False,
        min_value=1,
        help_text=(
            "Only this comment and its replies (the next levels of a thread cut by depth: "
            "see has_more_replies)."
        ),
    )


# What the service accepts (it refuses a blank or too long body with its own
# message); a body that is only markup, `<script>…</script>`, is refused too.
CommentBodyField = documented_as(
    serializers.CharField,
    {"type": "string", "pattern": NOT_BLANK_PATTERN, "maxLength": MAX_BODY_LENGTH},
)


class CommentCreateSerializer(serializers.Serializer):
    """A new comment; the author is always you."""

    body = CommentBodyField(
        allow_blank=True,
        trim_whitespace=False,
        help_text="Plain text (blank lines: paragraphs) or HTML (sanitized with an allowlist).",
    )
    parent_id = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        help_text="The comment of the same post this replies to; omit for a top-level comment.",
    )
    language = LanguageField(
        required=False,
        allow_blank=True,
        default="",
        help_text="The language of the comment (en, es, fr, de, pt-br, ar, he, pl). Left out: "
        "your profile's language, else the request's. An unknown code is a 400.",
    )


class CommentUpdateSerializer(serializers.Serializer):
    """PATCH: the fields given change; without `body`, nothing does."""

    body = CommentBodyField(required=False, allow_blank=True, trim_whitespace=False)
    language = LanguageField(
        required=False,
        allow_blank=True,
        help_text="The comment's language (en, es, fr, de, pt-br, ar, he, pl).",
    )


# --- saved items ----------------------------------------------------------------------


class SavedQuery(PageQuery):
    kind = serializers.ChoiceField(
        choices=list(selectors.SAVED_KINDS),
        required=False,
        default="all",
        help_text="`posts` or `comments` alone; both by default.",
    )
    cursor = serializers.CharField(
        required=False,
        allow_blank=True,
        # Measured as sent: trimming first would let a longer value through.
        trim_whitespace=False,
        max_length=MAX_RANKED_CURSOR_LENGTH,
        help_text="`next_cursor` of the previous page (a stale or forged one starts over).",
    )

    def validate_cursor(self, value: str) -> str | None:
        # Not PageQuery's check: this list's cursors carry (kind, saved time,
        # id), and junk only means the first page.
        return value or None


class SavedItemSerializer(serializers.Serializer):
    """A post or a comment you saved: `post` is set for both (a comment's
    post is the one it answers), `comment` only for a comment."""

    kind = serializers.ChoiceField(choices=["post", "comment"], read_only=True)
    saved_at = serializers.DateTimeField(read_only=True)
    post = serializers.SerializerMethodField()
    comment = serializers.SerializerMethodField()

    @extend_schema_field(CommentPostSerializer())
    def get_post(self, entry) -> dict:
        return CommentPostSerializer(entry.post, context=self.context).data

    @extend_schema_field(MemberCommentSerializer(allow_null=True))
    def get_comment(self, entry) -> dict | None:
        if entry.comment is None:
            return None
        return MemberCommentSerializer(entry.comment, context=self.context).data
