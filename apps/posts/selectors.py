"""Reads for posts. Each function says what it costs in queries."""

from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Value
from django.shortcuts import get_object_or_404

from .models import Post, PostVote


def with_user_vote(queryset: QuerySet, user) -> QuerySet:
    """Annotate each post with `user_vote` (+1, -1 or None) inside the same
    query: no per-row lookups on feeds."""
    if user is None or not user.is_authenticated:
        return queryset.annotate(user_vote=Value(None, output_field=IntegerField()))
    vote = PostVote.objects.filter(post=OuterRef("pk"), user=user).values("value")[:1]
    return queryset.annotate(user_vote=Subquery(vote, output_field=IntegerField()))


def post_for_page(*, community_slug: str, post_id: int, viewer) -> Post:
    """The post of a post page, with its community, author profile and the
    viewer's vote (1 query) and tags (1 query). 404 when the viewer may not
    see it, exactly as when it does not exist."""
    queryset = with_user_vote(
        Post.objects.visible_to(viewer).select_related("community", "author__profile"), viewer
    ).prefetch_related("tags")
    return get_object_or_404(queryset, pk=post_id, community__slug=community_slug)
