"""Reads of polls. `poll_for_post` draws the poll block of a post page in at
most 3 queries whatever the number of options and voters."""

from django.db.models import IntegerField, OuterRef, Subquery
from django.http import Http404

from apps.accounts.types import Actor
from apps.posts.models import Post

from .models import Poll, PollBallot, PollVote


def poll_for_post(post: Post, viewer: Actor) -> Poll | None:
    """`post`'s poll or None, with its options (`poll.options.all()`,
    prefetched) and what the viewer chose (`poll.viewer_choices`: a set of
    option ids, None while they have not voted). 1 query without a poll, 2
    with one, 3 once the viewer voted."""
    queryset = Poll.objects.filter(post_id=post.pk).prefetch_related("options")
    if viewer.is_authenticated:
        ballot = PollBallot.objects.filter(poll=OuterRef("pk"), user_id=viewer.pk).values("pk")
        queryset = queryset.annotate(
            viewer_ballot=Subquery(ballot[:1], output_field=IntegerField())
        )
    poll = queryset.first()
    if poll is None:
        return None
    poll.post = post
    ballot_id = getattr(poll, "viewer_ballot", None)
    poll.viewer_choices = (  # type: ignore[attr-defined]
        None
        if ballot_id is None
        else set(PollVote.objects.filter(ballot_id=ballot_id).values_list("option_id", flat=True))
    )
    return poll


def poll_for_viewer(post: Post, viewer: Actor) -> Poll:
    """`poll_for_post`, or 404 when the post has none."""
    poll = poll_for_post(post, viewer)
    if poll is None:
        raise Http404
    return poll


def has_poll(post: Post) -> bool:
    return Poll.objects.filter(post_id=post.pk).exists()
