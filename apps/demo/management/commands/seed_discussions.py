"""Demo comment threads and comment votes (a step of `seed_demo`, after
`seed_content` has made communities and posts).

Idempotent: only posts without any comment get a discussion, so a second run
creates nothing. Fast: comments are inserted with bulk_create one tree level
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
from typing import TYPE_CHECKING, TypedDict

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from apps.comments.models import Comment, CommentVote, child_path
from apps.comments.services import comment_body
from apps.communities.models import Ban, Membership, Visibility
from apps.demo.content import DEMO_LANGUAGE
from apps.posts.models import Post
from apps.profiles.models import Profile

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

OPENERS = [
    "Honestly, ",
    "I think ",
    "From my experience, ",
    "Funny you mention it: ",
    "Not sure I agree, but ",
    "Counterpoint: ",
    "Small correction: ",
    "Came here to say this. ",
    "Same here! ",
    "",
    "",
    "",
]
SENTENCES = [
    "the first version is never the one that sticks, so it pays to start small",
    "I tried exactly this last spring and it took twice as long as I planned",
    "the documentation covers it, but only if you already know what to look for",
    "the trick is to measure before changing anything",
    "our local library runs a free workshop on this every other month",
    "most of the advice online assumes you have far more time than anyone does",
    "it depends a lot on the climate where you live",
    "the cheap option worked fine for me for three years",
    "I would wait for the next release before switching",
    "we had the same discussion at work and ended up doing nothing, which was the right call",
    "there is a great chapter about this in an old book my grandmother gave me",
    "people underestimate how much the boring parts matter",
    "after a week it became second nature",
    "the hardest part was convincing everyone else to try it",
    "I keep a notebook for exactly this and it has saved me more than once",
    "the results surprised me, honestly",
    "the numbers in the article look off by a factor of ten",
    "it works, but only when nobody is in a hurry",
    "I'd love to see a follow-up once you have tried it for a month",
    "this is the kind of thread that makes me glad I joined",
    "my neighbour swears by the opposite approach",
    "you can get most of the benefit with a tenth of the effort",
    "nobody tells you about the maintenance afterwards",
    "the second attempt went much better once I slowed down",
    "the original source is worth reading in full",
    "it is less about the tools and more about the habit",
    "I'm still on the fence, but this thread is pushing me towards trying it",
    "the beginner guides skip the one step that actually matters",
]
CLOSERS = [
    ".",
    ".",
    ".",
    "!",
    " — just my two cents.",
    ". Happy to be proven wrong.",
    ". Does anyone have a source?",
    ". YMMV.",
]
SHORT_REPLIES = [
    "This.",
    "Thanks, that helped a lot!",
    "Do you have a link for that?",
    "Exactly what I was going to say.",
    "Fair point, I hadn't thought of that.",
    "Saving this thread.",
    "Could you explain the second part a bit more?",
    "Ha, same thing happened to me.",
    "I respectfully disagree, but good write-up.",
    "Great question.",
    "¡Muy buen punto! Lo probaré este fin de semana.",
    "Gracias por compartirlo, me ha sido muy útil.",
]
ARGUMENT = [
    "I don't think that's right at all.",
    "Why not? The numbers back it up.",
    "Which numbers? The article only cites one survey.",
    "One survey is still more than zero surveys.",
    "A bad survey can be worse than none: it gives false confidence.",
    "OK, but then what would convince you?",
    "A proper study with a control group, for a start.",
    "That exists, it's linked at the bottom of the post.",
    "Huh. I missed that. Reading it now.",
    "Fair enough, it is more convincing than I expected.",
    "Glad we got there in the end!",
    "This is the most civil argument I've seen here in weeks.",
]


MAX_PER_POST = 250


class _CommentsAnnotation(TypedDict):
    has_comments: bool  # Exists(...) annotated in Command.handle


@dataclass(eq=False)
class Node:
    post: Post
    author_id: int
    created: datetime
    text: str
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
    help = "Create demo comment threads and comment votes on the demo posts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--comments", type=int, default=2000, help="about how many")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        posts = list(
            Post.objects.filter(is_deleted=False, is_removed=False)
            .annotate(has_comments=Exists(Comment.objects.filter(post=OuterRef("pk"))))
            .select_related("community")
            .order_by("id")
        )
        eligible = self._eligible_members(posts)
        posts = [post for post in posts if len(eligible[post.community_id]) >= 2]
        plan = self._plan(posts, options["comments"], options["seed"])
        if not plan:
            self.stdout.write("Demo discussions: already there (or no posts to discuss yet).")
            return
        now = timezone.now()
        nodes = []
        for post, count, argument in plan:
            rng = random.Random(f"{options['seed']}:{post.pk}")
            nodes += self._discussion(rng, post, eligible[post.community_id], count, argument, now)
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

    def _plan(
        self, posts: "list[WithAnnotations[Post, _CommentsAnnotation]]", total: int, seed: int
    ) -> list[tuple[Post, int, bool]]:
        """(post, how many comments, whether it gets a long argument) for each
        post still without comments. Each post's share comes from its own
        seeded generator and the whole set of posts, so a second run plans the
        same numbers and finds nothing left to do: idempotent."""
        # A few busy posts, many quiet ones; none so busy that its page is a wall.
        weights = {
            post.pk: random.Random(f"{seed}:{post.pk}:weight").lognormvariate(0, 1)
            for post in posts
        }
        if not weights:
            return []
        scale = total / sum(weights.values())
        busiest = set(sorted(weights, key=weights.__getitem__, reverse=True)[:3])
        plan: list[tuple[Post, int, bool]] = []
        for post in posts:
            count = min(MAX_PER_POST, round(weights[post.pk] * scale))
            if post.has_comments or count == 0:
                continue
            plan.append((post, count, post.pk in busiest))
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

    def _discussion(self, rng, post, people, count, argument, now) -> list[Node]:
        nodes = self._thread(rng, post, people, count, now)
        if argument:  # a long back-and-forth, 10+ levels deep
            nodes += self._argument(rng, post, people, nodes, now)
        for node in nodes:
            node.deleted = rng.random() < 0.02
            node.edited = not node.deleted and rng.random() < 0.05
            voters = [uid for uid in people if uid != node.author_id]
            upvote_share = rng.choice([0.95, 0.85, 0.75, 0.6, 0.5])
            for uid in rng.sample(voters, k=min(len(voters), int(rng.expovariate(1 / 4)))):
                node.votes.append((uid, 1 if rng.random() < upvote_share else -1))
        return nodes

    def _thread(self, rng, post, people, count, now) -> list[Node]:
        thread: list[Node] = []
        for _ in range(count):
            parent = None
            if thread and rng.random() > 0.3:
                # Replies favour recent comments, as a live discussion does.
                parent = thread[-1 - min(len(thread) - 1, int(rng.expovariate(1 / 6)))]
            thread.append(self._node(rng, post, people, parent, self._text(rng, parent), now))
        return thread

    def _argument(self, rng, post, people, thread, now) -> list[Node]:
        first, second = rng.sample(people, k=2)
        parent = rng.choice(thread) if thread else None
        chain = []
        for step, text in enumerate(ARGUMENT):
            author = first if step % 2 == 0 else second
            node = self._node(rng, post, people, parent, text, now, author_id=author)
            chain.append(node)
            parent = node
        return chain

    def _node(self, rng, post, people, parent, text, now, author_id=None) -> Node:
        if author_id is None:
            choices = [uid for uid in people if parent is None or uid != parent.author_id]
            author_id = rng.choice(choices or people)
        start = parent.created if parent is not None else post.created
        created = min(start + timedelta(minutes=1 + rng.expovariate(1 / 240)), now)
        node = Node(
            post=post,
            author_id=author_id,
            created=created,
            text=text,
            parent=parent,
            depth=parent.depth + 1 if parent is not None else 0,
        )
        if parent is not None:
            parent.children.append(node)
        return node

    def _text(self, rng, parent) -> str:
        if parent is not None and rng.random() < 0.3:
            return rng.choice(SHORT_REPLIES)
        paragraphs = []
        for _ in range(1 if rng.random() < 0.75 else 2):
            sentences = []
            for _ in range(rng.randint(1, 3)):
                opener = rng.choice(OPENERS)
                sentence = opener + rng.choice(SENTENCES) + rng.choice(CLOSERS)
                sentences.append(sentence[0].upper() + sentence[1:])
            paragraphs.append(" ".join(sentences))
        return "\n\n".join(paragraphs)

    # --- rows ----------------------------------------------------------------------------

    def _insert(self, nodes: list[Node]) -> None:
        by_depth = defaultdict(list)
        for node in nodes:
            by_depth[node.depth].append(node)
        for depth in sorted(by_depth):
            level = by_depth[depth]
            for node in level:
                body_html, body_text = comment_body(node.text)
                ups = sum(1 for _, value in node.votes if value == 1)
                downs = len(node.votes) - ups
                node.obj = Comment(
                    post=node.post,
                    author_id=node.author_id,
                    parent=node.parent.comment if node.parent is not None else None,
                    depth=node.depth,
                    body_html="" if node.deleted else body_html,
                    body_text="" if node.deleted else body_text,
                    language=DEMO_LANGUAGE,
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
