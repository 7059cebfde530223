"""A small, demo-like site for the i18n tests: members who follow each other,
communities of each visibility with translated names, tagged posts (pinned,
locked, edited, removed, deleted), threads with replies, votes and deletions.

Built through the services where they keep counters right, straight into
the models where a service would only add rules (rate limits) to get past.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from apps.accounts.models import User
from apps.comments.models import Comment
from apps.comments.services import comment_create, comment_delete, comment_vote
from apps.communities.models import Community, Membership, Visibility
from apps.communities.services import community_create, community_join
from apps.core.html import html_to_text
from apps.feeds.models import CustomFeed
from apps.messaging.models import Message
from apps.messaging.services import message_send
from apps.posts.models import KeywordFilter, Post
from apps.posts.services import post_vote
from apps.profiles.models import Profile
from apps.profiles.services import follow_create
from apps.tags.models import Tag
from conftest import make_member


@dataclass
class Site:
    alice: User  # owns "gardening", writes posts and comments
    bruno: User  # member of "gardening", owns "books"
    carmen: User  # a moderator of "gardening"
    gardening: Community
    books: Community  # restricted
    night: Community  # private, alice only
    post: Post  # alice's post in gardening, tagged, with a thread
    other_post: Post  # bruno's post in gardening
    comment: Comment  # the first top-level comment on `post`
    reply: Comment  # bruno's reply to it
    tag: Tag
    message: Message  # bruno's private message to alice


def _post(community, author, title, *, hours_ago=3, **extra) -> Post:
    created = timezone.now() - timedelta(hours=hours_ago)
    post = Post.objects.create(
        community=community,
        author=author,
        title=title,
        slug=extra.pop("slug", "-".join(title.lower().split()[:5])),
        body_html=f"<p>{extra.pop('body', 'Notes from the weekend.')}</p>",
        body_text="Notes from the weekend.",
        created=created,
        last_activity_at=created,
        **extra,
    )
    Community.objects.filter(pk=community.pk).update(post_count=community.post_count + 1)
    return post


def build_site() -> Site:
    alice = make_member("alice")
    bruno = make_member("bruno")
    carmen = make_member("carmen")
    Profile.objects.filter(user=alice).update(
        display_name="Alice Moreau", bio="Gardener and cyclist.", website="https://alice.example"
    )
    Profile.objects.filter(user=carmen).update(display_name="Carmen Ruiz")
    follow_create(follower=bruno, followee=alice)
    follow_create(follower=alice, followee=bruno)
    follow_create(follower=carmen, followee=alice)

    gardening = community_create(
        owner=alice,
        slug="gardening",
        name="Gardening",
        description="Vegetables, herbs and flowers.",
        rules="Be kind to beginners.\nSay where you garden.",
    )
    Community.objects.filter(pk=gardening.pk).update(
        name_es="Jardinería", name_fr="Jardinage", name_de="Gärtnern", name_ar="البستنة"
    )
    books = community_create(
        owner=bruno,
        slug="books",
        name="Book club",
        description="One book a month.",
        visibility=Visibility.RESTRICTED,
    )
    night = community_create(
        owner=alice, slug="night-shift", name="Night shift", visibility=Visibility.PRIVATE
    )
    community_join(user=bruno, community=gardening)
    community_join(user=carmen, community=gardening)
    Membership.objects.filter(community=gardening, user=carmen).update(is_moderator=True)
    community_join(user=alice, community=books)
    gardening.refresh_from_db()

    tag = Tag.objects.create(slug="tomatoes", name="tomatoes")
    Tag.objects.filter(pk=tag.pk).update(name_es="tomates", name_de="Tomaten")
    compost = Tag.objects.create(slug="composting", name="composting")

    post = _post(
        gardening,
        alice,
        "How do you grow tomatoes on a balcony",
        link="https://tomatoes.example/guide",
        edited_at=timezone.now() - timedelta(hours=1),
    )
    post.tags.add(tag, compost)
    Tag.objects.filter(pk__in=[tag.pk, compost.pk]).update(post_count=1)
    other_post = _post(gardening, bruno, "Compost that does not smell", hours_ago=30)
    _post(gardening, alice, "Welcome to the community", hours_ago=100, is_pinned=True)
    _post(gardening, bruno, "Frost is coming", hours_ago=50, is_locked=True)
    _post(gardening, bruno, "Seeds for sale", hours_ago=20, is_removed=True)
    _post(gardening, carmen, "Gone for good", hours_ago=10, is_deleted=True)
    _post(books, bruno, "This month we read poems", hours_ago=5)
    _post(night, alice, "Who is awake", hours_ago=2)

    post_vote(user=bruno, post=post, value=1)
    post_vote(user=carmen, post=post, value=1)
    post_vote(user=alice, post=other_post, value=-1)

    comment = comment_create(author=bruno, post=post, body="Mine grow in big pots.")
    reply = comment_create(author=alice, post=post, body="How big are they?", parent=comment)
    deeper = comment_create(author=bruno, post=post, body="Forty litres.", parent=reply)
    comment_create(author=carmen, post=post, body="Water them every evening.")
    gone = comment_create(author=carmen, post=post, body="Never mind.", parent=deeper)
    comment_delete(actor=carmen, comment=gone)
    removed = comment_create(author=bruno, post=post, body="Buy my fertilizer.")
    Comment.objects.filter(pk=removed.pk).update(is_removed=True)
    comment_vote(user=alice, comment=comment, value=1)
    comment_vote(user=carmen, comment=comment, value=1)
    comment_create(author=alice, post=other_post, body="Add dry leaves.")
    for item in (post, other_post):
        item.refresh_from_db()
    message = message_send(sender=bruno, recipient=alice, body="Do you have spare seeds?")

    return Site(
        alice=alice,
        bruno=bruno,
        carmen=carmen,
        gardening=gardening,
        books=books,
        night=night,
        post=post,
        other_post=other_post,
        comment=comment,
        reply=reply,
        tag=tag,
        message=message,
    )


def user_content() -> list[str]:
    """Every string on the site that members wrote (never translated by us),
    longest first so a name inside a title is not taken out before the title."""
    strings: set[str] = set()
    for user in User.objects.select_related("profile"):
        strings |= {user.username, user.email}
        profile = getattr(user, "profile", None)
        if profile:
            # Bios are stored as sanitized HTML: the page shows their text.
            bio_lines = html_to_text(profile.bio or "").splitlines()
            strings |= {profile.display_name, profile.bio, profile.website, *bio_lines}
    field_names = [f.name for f in Community._meta.get_fields()]
    for community in Community.objects.all():
        strings.add(community.slug)
        for field in field_names:
            if field.startswith(("name", "description", "rules")):
                value = getattr(community, field) or ""
                # Descriptions are stored as sanitized HTML: pages show their text.
                strings |= set(value.splitlines()) | set(html_to_text(value).splitlines())
    for tag in Tag.objects.all():
        strings |= {tag.slug, *(getattr(tag, f"name_{code}") or "" for code in _CODES)}
    for post in Post.objects.all():
        strings |= {post.title, post.slug, post.body_text, post.link, post.link_host}
    for comment in Comment.objects.all():
        strings |= {comment.body_text, comment.path}  # the path shows in the admin
    for message in Message.objects.all():
        strings.add(message.body_text)
    strings |= set(KeywordFilter.objects.values_list("phrase", flat=True))
    for feed in CustomFeed.objects.all():
        strings |= {feed.name, feed.slug, feed.description, feed.share_token}
    return sorted((s.strip() for s in strings if s and s.strip()), key=len, reverse=True)


_CODES = ["en", "es", "fr", "de", "pt_br", "ar"]
