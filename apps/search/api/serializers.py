from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.communities.api.serializers import CommunityRefSerializer
from apps.posts.api.serializers import post_content_hidden
from apps.profiles.api.serializers import MemberSummarySerializer

from .. import selectors


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class SearchPostSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    community = CommunityRefSerializer(read_only=True)
    author = serializers.SerializerMethodField()
    created = serializers.DateTimeField(read_only=True)
    score = serializers.IntegerField(read_only=True)
    comment_count = serializers.IntegerField(read_only=True)

    @extend_schema_field(MemberSummarySerializer(allow_null=True))
    def get_author(self, post):
        if post.author is None or post.is_deleted:
            return None
        return MemberSummarySerializer(post.author, context=self.context).data


class SearchCommentSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    post_id = serializers.IntegerField(read_only=True)
    post_title = serializers.SerializerMethodField()
    community = CommunityRefSerializer(source="post.community", read_only=True)
    author = MemberSummarySerializer(read_only=True, allow_null=True)
    created = serializers.DateTimeField(read_only=True)
    score = serializers.IntegerField(read_only=True)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_post_title(self, comment) -> str | None:
        request = self.context.get("request")
        user = request.user if request is not None else None
        return None if post_content_hidden(comment.post, user) else comment.post.title


class SearchCommunitySerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    member_count = serializers.IntegerField(read_only=True)


class SearchHitSerializer(serializers.Serializer):
    """One result. `kind` says which of post, comment, community and member
    is set; the others are null. `title_html` and `snippet_html` are escaped
    text with the matches in <mark>."""

    kind = serializers.ChoiceField(choices=["post", "comment", "community", "user"], read_only=True)
    rank = serializers.FloatField(read_only=True)
    title_html = serializers.CharField(source="title", read_only=True)
    snippet_html = serializers.CharField(source="snippet", read_only=True)
    url = serializers.SerializerMethodField(help_text="The result's page on the site.")
    post = serializers.SerializerMethodField()
    comment = serializers.SerializerMethodField()
    community = serializers.SerializerMethodField()
    member = serializers.SerializerMethodField()

    def _of(self, hit, kind: str, serializer_class):
        if hit.kind != kind:
            return None
        return serializer_class(hit.obj, context=self.context).data

    @extend_schema_field(serializers.CharField())
    def get_url(self, hit) -> str:
        from django.urls import reverse

        from apps.comments.links import permalink_url

        request = self.context.get("request")
        obj = hit.obj
        if hit.kind == "comment":
            path = f"{permalink_url(obj.post, obj)}#comment-{obj.pk}"
        elif hit.kind == "user":
            path = reverse("profiles:detail", args=[obj.username])
        else:
            path = obj.get_absolute_url()
        return _absolute(request, path)

    @extend_schema_field(SearchPostSerializer(allow_null=True))
    def get_post(self, hit):
        return self._of(hit, "post", SearchPostSerializer)

    @extend_schema_field(SearchCommentSerializer(allow_null=True))
    def get_comment(self, hit):
        return self._of(hit, "comment", SearchCommentSerializer)

    @extend_schema_field(SearchCommunitySerializer(allow_null=True))
    def get_community(self, hit):
        return self._of(hit, "community", SearchCommunitySerializer)

    @extend_schema_field(MemberSummarySerializer(allow_null=True))
    def get_member(self, hit):
        return self._of(hit, "user", MemberSummarySerializer)


class SearchQuery(serializers.Serializer):
    q = serializers.CharField(
        allow_blank=True,
        max_length=selectors.QUERY_MAX_LENGTH,
        help_text='What to look for: words, "a phrase", or, -word (a blank query finds nothing).',
    )
    type = serializers.ChoiceField(
        choices=list(selectors.TYPES),
        required=False,
        default=selectors.DEFAULT_TYPE,
        help_text="posts, comments, communities or users.",
    )
    community = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text="Posts and comments only."
    )
    tag = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text="Posts and comments only."
    )
    author = serializers.CharField(
        required=False, allow_blank=True, max_length=150, help_text="Posts and comments only."
    )
    t = serializers.ChoiceField(
        choices=list(selectors.PERIODS),
        required=False,
        default=selectors.DEFAULT_PERIOD,
        help_text="Posts and comments from this period only.",
    )
    cursor = serializers.CharField(
        required=False,
        allow_blank=True,
        # Measured as sent: trimming first would let a longer value through.
        trim_whitespace=False,
        max_length=selectors.MAX_CURSOR_LENGTH,
        help_text="`next_cursor` of the previous page (a stale one starts over).",
    )
    page_size = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=selectors.PAGE_SIZE_MAX,
        default=selectors.SEARCH_PAGE_SIZE,
    )
