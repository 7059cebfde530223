"""A lived-in inbox for the demo logins (a step of `seed_demo`, after
`seed_moderation`): alice's new post gets replies, someone replies to her
comment, she is @mentioned, followed, and a moderator removes one of her
comments with a reason; bruno gets a reply and a mention, staffmod a
follower; alice and bruno have a conversation.

Everything goes through the services, so the notifications are the ones the
site itself would have made: the services send their events after commit,
and this command's transaction commits at the end of `handle` (a management
command runs outside any transaction), so the notifications receivers run
then, and the unread counters move with them.

Idempotent: each comment is looked for by its text (every sentence here is
written once), the post by its author and title, the conversation by its
pair; what exists is not made again, so a second run creates nothing.
"""

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from apps.accounts.models import User
from apps.comments.models import Comment
from apps.comments.services import comment_body_with_mentions, comment_create
from apps.communities.models import Community
from apps.communities.policies import can_contribute
from apps.demo.content import DEMO_LANGUAGE, demo_titles
from apps.demo.content import books as books_content
from apps.demo.content import python as python_content
from apps.messaging import policies as messaging_policies
from apps.messaging.selectors import conversation_with
from apps.messaging.services import message_send
from apps.moderation.services import comment_remove
from apps.posts.models import Post
from apps.posts.services import post_create
from apps.profiles.models import Profile
from apps.profiles.services import follow_create

POST_TITLE = "Balcony tomatoes, week six: the first ripe one!"
POST_BODY = (
    "<p>Six weeks after planting out, the first cherry tomato turned red this morning. "
    "Two plants in 20-litre pots on a south-west balcony, watered every morning.</p>"
    "<p>Next question: do I pinch out the side shoots on the cherry variety too?</p>"
)
# (username, text): the replies to alice's post, in order.
POST_REPLIES = [
    ("bruno", "Congratulations! Mine are still stubbornly green. Which variety is it?"),
    ("grace7", "On cherry types I leave most side shoots: more trusses, smaller fruit."),
    ("hiro8", "Twenty-litre pots is the secret, I think. Mine sulked in ten-litre ones."),
]
ALICE_ANSWER = "Sungold, from a seed swap last spring. Sweet as sweets."
BRUNO_FOLLOW_UP = "Noted for next year. @alice save me some seeds from the swap?"
MENTION = (
    "This reminds me of a thread in the gardening community: @alice and @bruno compared "
    "watering schedules there and the same idea (measure first, then change one thing) "
    "applies here."
)
SPOILER = "The ending, when Miss Kenton tells him she will stay with her husband, broke me."
SPOILER_REASON = "Spoilers without a warning: see rule 1 (mark them in the title)."
# bruno and alice write to each other, in this order.
MESSAGES = [
    ("bruno", "Hi Alice! Are you still giving away tomato seedlings this year?"),
    ("alice", "Hi Bruno, yes: three Sungold left. Come by on Saturday morning?"),
    ("bruno", "Perfect, I'll bring the pots. Thank you!"),
]


class Command(BaseCommand):
    help = (
        "Give the demo members replies, a mention, a follower, a moderator notice "
        "and a conversation (idempotent)."
    )

    def handle(self, *args, **options):
        if not User.objects.filter(username="alice").exists():
            call_command("seed_moderation", stdout=self.stdout, stderr=self.stderr)
        self.made = 0
        with transaction.atomic():
            alice = User.objects.get(username="alice")
            communities = {
                c.slug: c
                for c in Community.objects.filter(slug__in=["gardening", "python", "books"])
            }
            if "gardening" in communities:
                self._alices_post(alice, communities["gardening"])
            if "python" in communities:
                self._mention(alice, communities["python"])
            if "books" in communities:
                self._removed_comment(alice, communities["books"])
            self._followers(alice)
            self._conversation(alice)
        # The receivers ran at the commit above: the inbox is filled now.
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo inbox ready: {self.made} new posts, comments, messages and actions."
            )
        )
        unread = Profile.objects.filter(user=alice).values_list("unread_notifications", flat=True)
        self.stdout.write(
            f"  alice: {unread.first() or 0} unread in /inbox/, a conversation with bruno "
            "in /messages/"
        )

    # --- helpers ----------------------------------------------------------------------

    def _member(self, username: str, community: Community | None = None) -> User | None:
        """The active member `username`, who may write in `community` if given."""
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None or (community is not None and not can_contribute(user, community)):
            return None
        return user

    def _comment(
        self, author: User | None, post: Post, text: str, parent: Comment | None = None
    ) -> Comment | None:
        """The comment `text` by `author`: made through the service the first
        time, found by its text afterwards."""
        if author is None:
            return None
        body_text = comment_body_with_mentions(text)[1]
        existing = Comment.objects.filter(author=author, body_text=body_text).first()
        if existing is not None:
            return existing
        self.made += 1
        return comment_create(
            author=author, post=post, body=text, parent=parent, language=DEMO_LANGUAGE
        )

    def _open_post(
        self, community: Community, *, not_by: list[Any], about: str = ""
    ) -> Post | None:
        """The demo's post of `community` titled `about` (else its newest) that
        takes comments, by none of `not_by`. Never a post a member wrote."""
        posts = (
            Post.objects.filter(
                community=community,
                title__in=demo_titles(community.slug),
                is_deleted=False,
                is_removed=False,
                is_locked=False,
            )
            .exclude(author__isnull=True)
            .exclude(author__in=not_by)
            .select_related("community", "author")
            .order_by("-created", "-id")
        )
        return posts.filter(title=about).first() or posts.first()

    # --- the inbox --------------------------------------------------------------------

    def _alices_post(self, alice: User, gardening: Community) -> None:
        """Replies to alice's post (grouped: "3 new replies"), then a reply to
        her answer that also mentions her (one notification, the reply)."""
        post = Post.objects.filter(author=alice, title=POST_TITLE).first()
        if post is None:
            post = post_create(
                author=alice,
                community=gardening,
                title=POST_TITLE,
                body=POST_BODY,
                language=DEMO_LANGUAGE,
            )
            self.made += 1
        post.community = gardening
        first = None
        for username, text in POST_REPLIES:
            reply = self._comment(self._member(username, gardening), post, text)
            first = first or reply
        if first is None:
            return
        # alice answers bruno (his inbox: a reply), bruno answers her (hers).
        answer = self._comment(alice, post, ALICE_ANSWER, parent=first)
        if answer is not None:
            self._comment(first.author, post, BRUNO_FOLLOW_UP, parent=answer)

    def _mention(self, alice: User, python: Community) -> None:
        """Someone else names alice (and bruno) in a comment elsewhere."""
        author = self._member("grace7", python) or self._member("hiro8", python)
        if author is None:
            return
        body_text = comment_body_with_mentions(MENTION)[1]
        if Comment.objects.filter(author=author, body_text=body_text).exists():
            return
        bruno = User.objects.filter(username="bruno").first()
        post = self._open_post(
            python, not_by=[alice, author, bruno], about=python_content.POSTS[0].title
        )
        if post is not None:
            self._comment(author, post, MENTION)

    def _removed_comment(self, alice: User, books: Community) -> None:
        """A moderator removes alice's spoiler, with the reason she is told."""
        if not can_contribute(alice, books):
            return
        moderator = books.owner
        body_text = comment_body_with_mentions(SPOILER)[1]
        comment = Comment.objects.filter(author=alice, body_text=body_text).first()
        if comment is None:
            post = self._open_post(books, not_by=[alice], about=books_content.POSTS[1].title)
            if post is None:
                return
            comment = self._comment(alice, post, SPOILER)
        if comment is not None and not comment.is_removed:
            comment = Comment.objects.select_related("post__community").get(pk=comment.pk)
            comment_remove(actor=moderator, comment=comment, reason=SPOILER_REASON)
            self.made += 1

    def _followers(self, alice: User) -> None:
        """At least one follower for alice (seed_members' follow graph usually
        has more), and one for the staff login, whom that graph leaves out."""
        for username in ("grace7", "bruno"):
            follower = self._member(username)
            if follower is not None:
                self.made += follow_create(follower=follower, followee=alice)
                break
        staff = self._member("staffmod")
        if staff is not None:
            self.made += follow_create(follower=alice, followee=staff)

    def _conversation(self, alice: User) -> None:
        bruno = self._member("bruno")
        if bruno is None or conversation_with(alice, bruno) is not None:
            return
        if messaging_policies.message_refusal(bruno, alice) is not None:
            return  # someone blocked someone while playing with the demo
        people = {"alice": alice, "bruno": bruno}
        for username, text in MESSAGES:
            sender = people[username]
            recipient = bruno if sender == alice else alice
            message_send(sender=sender, recipient=recipient, body=text)
            self.made += 1
