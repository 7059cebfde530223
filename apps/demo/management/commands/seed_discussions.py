"""Demo comment threads and comment votes (a step of `seed_demo`, after
`seed_content` has made communities and posts).

The threads are the hand-written replies of apps/demo/content: each answers
the post or the comment it sits under, in its own language, by a member of
the community (the post's author where the text says so). Only the demo's
own posts take them (found by community and title), and only while they have
no comment at all: a post a member wrote never gets a demo comment or vote,
and a second run creates nothing. Fast: comments are inserted with bulk_create one tree level
at a time (a reply needs its parent's id), paths are written once every id is
known, votes are one bulk_create, and the counters (score, upvotes,
downvotes, reply_count, the post's comment_count and last_activity_at, the
authors' comment_karma) are computed in Python from the same data, so they
agree with the rows exactly as the services would have left them.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from apps.comments.models import Comment, CommentVote, child_path
from apps.comments.services import comment_body
from apps.communities.models import Ban, Membership, Visibility
from apps.demo.content import DEMO_LANGUAGE, POSTS, DemoPost, DemoReply
from apps.posts.models import Post
from apps.profiles.models import Profile


@dataclass(eq=False)
class Node:
    post: Post
    author_id: int
    created: datetime
    text: str
    language: str
    parent: "Node | None" = None
    depth: int = 0
    children: list["Node"] = field(default_factory=list)
    votes: list[tuple[int, int]] = field(default_factory=list)
    deleted: bool = False
    edited: bool = False
    obj: Comment | None = None  # made by Command._insert

    @property
    def comment(self) -> Comment:
        """The Comment row, once _insert has made it."""
        assert self.obj is not None, "Command._insert makes the comment first"
        return self.obj


class Command(BaseCommand):
    help = "Create the demo's comment threads and comment votes on the demo's posts (idempotent)."

    def handle(self, *args, **options):
        plan = self._plan()
        if not plan:
            self.stdout.write("Demo discussions: already there (or no demo posts yet).")
            return
        eligible = self._eligible_members([post for post, _demo in plan])
        now = timezone.now()
        nodes: list[Node] = []
        for post, demo in plan:
            people = eligible[post.community_id]
            if len(people) < 2:
                continue
            rng = random.Random(f"{post.community.slug}:{demo.title}")
            nodes += self._discussion(rng, post, demo, people, now)
        if not nodes:
            self.stdout.write("Demo discussions: nobody to discuss with yet.")
            return
        with transaction.atomic():
            self._insert(nodes)
            votes = self._insert_votes(nodes)
            self._update_counters(nodes)
        deepest = max(node.depth for node in nodes) + 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo discussions ready: {len(nodes)} comments on {len(plan)} posts "
                f"(deepest thread: {deepest} levels), {votes} comment votes."
            )
        )

    def _plan(self) -> list[tuple[Post, DemoPost]]:
        """(post, its demo content) for each demo post still without any
        comment (deleted ones count: a thread that was there stays gone)."""
        plan: list[tuple[Post, DemoPost]] = []
        for slug, demos in POSTS.items():
            by_title = {demo.title: demo for demo in demos if demo.replies}
            posts = (
                Post.objects.filter(
                    community__slug=slug,
                    title__in=by_title,
                    is_deleted=False,
                    is_removed=False,
                    author__isnull=False,
                )
                .exclude(Exists(Comment.objects.filter(post=OuterRef("pk"))))
                .select_related("community")
                .order_by("id")
            )
            plan += [(post, by_title[post.title]) for post in posts]
        return plan

    # --- who may take part ----------------------------------------------------------

    def _eligible_members(self, posts: list[Post]) -> dict[int, list[int]]:
        """Member ids who may comment and vote in each community: everyone in
        public ones, approved members in restricted ones, members in private
        ones; never the banned."""
        communities = {post.community_id: post.community for post in posts}
        everyone = list(
            Profile.objects.filter(user__is_active=True)
            .order_by("user_id")
            .values_list("user_id", flat=True)
        )
        members = defaultdict(list)
        for community_id, user_id, approved, moderator in Membership.objects.filter(
            community_id__in=communities
        ).values_list("community_id", "user_id", "is_approved", "is_moderator"):
            if communities[community_id].visibility != Visibility.RESTRICTED or (
                approved or moderator
            ):
                members[community_id].append(user_id)
        banned = defaultdict(set)
        for community_id, user_id in (
            Ban.objects.active()
            .filter(community_id__in=communities)
            .values_list("community_id", "user_id")
        ):
            banned[community_id].add(user_id)
        eligible = {}
        for community_id, community in communities.items():
            pool = everyone if community.visibility == Visibility.PUBLIC else members[community_id]
            eligible[community_id] = [uid for uid in pool if uid not in banned[community_id]]
        return eligible

    # --- the discussions, in memory ----------------------------------------------------

    def _discussion(self, rng, post: Post, demo: DemoPost, people: list[int], now) -> list[Node]:
        """The post's replies as nodes, each with its writer, time and votes."""
        assert post.author_id is not None  # _plan picks posts with an author
        writers = {"op": post.author_id}
        nodes: list[Node] = []

        def writer(spec: DemoReply, parent: Node | None) -> int:
            if spec.who in writers:
                return writers[spec.who]
            answered = parent.author_id if parent is not None else post.author_id
            taken = {answered, post.author_id, *writers.values()}
            choices = [uid for uid in people if uid not in taken] or people
            author_id = rng.choice(choices)
            if spec.who:
                writers[spec.who] = author_id
            return author_id

        def add(spec: DemoReply, parent: Node | None) -> None:
            start = parent.created if parent is not None else post.created
            node = Node(
                post=post,
                author_id=writer(spec, parent),
                created=min(start + timedelta(minutes=3 + rng.expovariate(1 / 150)), now),
                text=spec.text,
                language=spec.language or post.language or DEMO_LANGUAGE,
                parent=parent,
                depth=parent.depth + 1 if parent is not None else 0,
            )
            if parent is not None:
                parent.children.append(node)
            nodes.append(node)
            for child in spec.replies:
                add(child, node)

        for spec in demo.replies:
            add(spec, None)
        for node in nodes:
            voters = [uid for uid in people if uid != node.author_id]
            upvote_share = rng.choice([0.95, 0.9, 0.8, 0.7])
            for uid in rng.sample(voters, k=min(len(voters), int(rng.expovariate(1 / 4)))):
                node.votes.append((uid, 1 if rng.random() < upvote_share else -1))
        return nodes

    # --- rows ----------------------------------------------------------------------------

    def _insert(self, nodes: list[Node]) -> None:
        by_depth = defaultdict(list)
        for node in nodes:
            by_depth[node.depth].append(node)
        for depth in sorted(by_depth):
            level = by_depth[depth]
            for node in level:
                body_html, body_text = comment_body(_as_paragraph(node.text))
                ups = sum(1 for _, value in node.votes if value == 1)
                downs = len(node.votes) - ups
                node.obj = Comment(
                    post=node.post,
                    author_id=node.author_id,
                    parent=node.parent.comment if node.parent is not None else None,
                    depth=node.depth,
                    body_html="" if node.deleted else body_html,
                    body_text="" if node.deleted else body_text,
                    language=node.language,
                    created=node.created,
                    edited_at=node.created + timedelta(minutes=7) if node.edited else None,
                    is_deleted=node.deleted,
                    deleted_at=self._deleted_at(node) if node.deleted else None,
                    score=ups - downs,
                    upvotes=ups,
                    downvotes=downs,
                    reply_count=len(node.children),
                )
            # bulk_create sets the ids (PostgreSQL and SQLite both return them).
            Comment.objects.bulk_create([node.comment for node in level], batch_size=500)
            for node in level:
                parent_path = node.parent.comment.path if node.parent is not None else ""
                node.comment.path = child_path(parent_path, node.comment.pk)
        Comment.objects.bulk_update([node.comment for node in nodes], ["path"], batch_size=500)

    @staticmethod
    def _deleted_at(node: Node) -> datetime:
        # After its replies: a deleted comment takes no new ones.
        return max([node.created, *(child.created for child in node.children)]) + timedelta(
            minutes=30
        )

    def _insert_votes(self, nodes: list[Node]) -> int:
        votes = [
            CommentVote(
                comment=node.comment,
                user_id=user_id,
                value=value,
                created=node.created + timedelta(minutes=30),
            )
            for node in nodes
            for user_id, value in node.votes
        ]
        CommentVote.objects.bulk_create(votes, batch_size=1000)
        return len(votes)

    def _update_counters(self, nodes: list[Node]) -> None:
        karma: dict[int, int] = defaultdict(int)
        shown: dict[int, int] = defaultdict(int)
        latest: dict[int, datetime] = {}
        posts = {}
        for node in nodes:
            karma[node.author_id] += node.comment.score
            posts[node.post.pk] = node.post
            if not node.deleted:
                shown[node.post.pk] += 1
            latest[node.post.pk] = max(latest.get(node.post.pk, node.created), node.created)
        for author_id, points in karma.items():
            if points:
                Profile.objects.filter(user_id=author_id).update(
                    comment_karma=F("comment_karma") + points
                )
        for post_id in posts:
            Post.objects.filter(pk=post_id).update(
                comment_count=F("comment_count") + shown[post_id],
                last_activity_at=Greatest(F("last_activity_at"), Value(latest[post_id])),
            )


def _as_paragraph(text: str) -> str:
    """A reply written with inline HTML (<code>, <em>) as one paragraph, as
    the editor would send it; plain text is left to comment_body."""
    if "<" in text and not text.lstrip().startswith("<p>"):
        return f"<p>{text}</p>"
    return text
