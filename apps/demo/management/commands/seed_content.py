"""Demo communities, memberships, posts, tags and votes (a step of `seed_demo`,
after `seed_members`).

The posts are the hand-written ones of apps/demo/content (titles and bodies
about the same thing, some in Spanish, French or German), with a picture
drawn by Pillow (apps.demo.images, stored through apps.media) and polls
(apps.polls' services). Idempotent: communities and memberships are created
only when missing, and a demo post only when its community has no post of
that title; posts members wrote are never touched. Counters are then
recomputed from the rows, so they are exact whatever ran before. Posts and
votes are bulk-created, with score, up/down counts, hot and karma computed
consistently from the votes created.
"""

import html
import random
from collections import defaultdict
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from apps.accounts.models import User
from apps.communities.models import Ban, Community, Membership, Visibility
from apps.core.html import html_to_text, rich_text_html, sanitize_post_html
from apps.demo.content import (
    COMMUNITIES,
    DEMO_LANGUAGE,
    POSTS,
    TRANSLATED_COMMUNITY_NAMES,
    TRANSLATED_TAG_NAMES,
    DemoPoll,
    DemoPost,
    demo_titles,
    welcome_title,
)
from apps.demo.images import drawing_png
from apps.media.models import Image
from apps.media.services import image_from_bytes, images_attach
from apps.polls.services import poll_create, poll_vote
from apps.posts.models import Post, PostVote
from apps.posts.ranking import hot
from apps.posts.services import post_slug
from apps.profiles.models import Profile
from apps.tags.models import Tag

DAYS = 21
PINNED = {"gardening", "python", "announcements"}


class Command(BaseCommand):
    help = "Create demo communities, posts, tags and votes (idempotent)."

    def handle(self, *args, **options):
        members = self._members()
        rng = random.Random(2026)
        with transaction.atomic():
            existing = set(
                Community.objects.filter(slug__in=_slugs()).values_list("slug", flat=True)
            )
            communities = self._communities(members)
            # Only the communities made now get members: whoever joined since
            # (members or not of the demo) changes nothing on a second run.
            self._memberships(
                rng, members, {slug: c for slug, c in communities.items() if slug not in existing}
            )
            self._ban(communities, members)
            created_posts, created_votes = self._posts(communities)
            self._recount(communities)
            self._translate_names()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {len(communities)} communities, "
                f"{created_posts} new posts, {created_votes} new votes."
            )
        )

    # --- people and communities -----------------------------------------------------------

    def _members(self) -> dict[str, User]:
        def load():
            return {
                user.username: user for user in User.objects.filter(is_active=True).order_by("id")
            }

        members = load()
        if "alice" not in members:
            call_command("seed_members", stdout=self.stdout, stderr=self.stderr)
            members = load()
        return members

    def _communities(self, members: dict[str, User]) -> dict[str, Community]:
        fallback = members.get("alice") or next(iter(members.values()))
        existing = {c.slug: c for c in Community.objects.filter(slug__in=_slugs())}
        for spec in COMMUNITIES:
            if spec["slug"] in existing:
                continue
            owner = members.get(spec["owner"], fallback)
            community = Community(
                slug=spec["slug"],
                name=spec["name"],
                description=rich_text_html(spec["description"]),
                rules=spec["rules"],
                visibility=spec.get("visibility", Visibility.PUBLIC),
                owner=owner,
                created=timezone.now() - timedelta(days=DAYS + 10),
            )
            community.full_clean()
            community.save()
            existing[community.slug] = community
        return existing

    def _memberships(self, rng, members: dict[str, User], communities) -> None:
        people = [user for user in members.values() if not user.is_staff]
        rows = []
        for spec in COMMUNITIES:
            community = communities.get(spec["slug"])
            if community is None:
                continue
            rows.append(Membership(community=community, user=community.owner, is_moderator=True))
            if community.visibility == Visibility.PRIVATE:
                # Alice is in; Bruno is not, so his login shows what outsiders see.
                others = [user for user in people if user.username not in ("alice", "bruno")]
                chosen = [user for user in people if user.username == "alice"]
                chosen += rng.sample(others, k=min(6, len(others)))
                rows += [Membership(community=community, user=user) for user in chosen]
                continue
            restricted = community.visibility == Visibility.RESTRICTED
            share = 0.4 if restricted else rng.uniform(0.3, 0.75)
            chosen = [user for user in people if rng.random() < share]
            for index, user in enumerate(chosen):
                rows.append(
                    Membership(
                        community=community,
                        user=user,
                        # One appointed moderator per community; in the restricted
                        # one, a few approved posters and everyone else reading.
                        is_moderator=index == 0,
                        is_approved=not restricted or index < 4,
                    )
                )
        # Alice and Bruno, the demo logins, see a lively front page.
        for slug in ("gardening", "python", "books", "astronomy"):
            for username in ("alice", "bruno"):
                if username in members and slug in communities:
                    rows.append(Membership(community=communities[slug], user=members[username]))
        Membership.objects.bulk_create(rows, ignore_conflicts=True)

    def _ban(self, communities, members: dict[str, User]) -> None:
        """One ban to show in the admin and the community pages."""
        target = members.get("ximena24")
        community = communities["cycling"]
        if target is not None and not Ban.objects.filter(community=community, user=target).exists():
            Ban.objects.create(
                community=community,
                user=target,
                banned_by=community.owner,
                reason="Advertising parts of unknown origin, twice.",
            )

    # --- posts and votes ----------------------------------------------------------------------

    def _posts(self, communities) -> tuple[int, int]:
        """The demo's own posts (apps/demo/content) that are not there yet,
        found by community and title: a post a member wrote is never touched,
        and a second run finds every demo post and makes nothing."""
        now = timezone.now()
        banned = set(Ban.objects.values_list("community_id", "user_id"))
        by_id = {community.pk: community for community in communities.values()}
        can_post: dict[int, list[int]] = defaultdict(list)
        for membership in Membership.objects.filter(community__in=by_id).order_by("id"):
            community = by_id[membership.community_id]
            if (community.pk, membership.user_id) in banned:
                continue
            if community.visibility == Visibility.RESTRICTED and not (
                membership.is_approved or membership.is_moderator
            ):
                continue
            can_post[community.pk].append(membership.user_id)
        usernames = dict(User.objects.values_list("username", "pk"))

        tags = self._tags()
        made: list[tuple[Post, list[str], list[tuple[int, int]], DemoPost | None]] = []
        for spec in COMMUNITIES:
            community = communities[spec["slug"]]
            existing = set(
                Post.objects.filter(
                    community=community, title__in=demo_titles(spec["slug"])
                ).values_list("title", flat=True)
            )
            authors = can_post[community.pk] or [community.owner_id]
            if spec["slug"] in PINNED and welcome_title(spec["name"]) not in existing:
                made.append((self._welcome(spec, community, now), [], [], None))
            for demo in POSTS.get(spec["slug"], []):
                if demo.title in existing:
                    continue
                # Seeded by the title: the same author and votes on every fresh database.
                rng = random.Random(f"{spec['slug']}:{demo.title}")
                author_id = usernames.get(demo.author) or rng.choice(authors)
                created = now - timedelta(hours=demo.hours_ago, minutes=rng.randint(0, 50))
                quality = min(1.0, max(0.0, demo.reception + rng.uniform(-0.1, 0.1)))
                pool = [user_id for user_id in can_post[community.pk] if user_id != author_id]
                voters = rng.sample(pool, k=int(len(pool) * rng.uniform(0.15, 0.6)))
                votes = [(user_id, 1 if rng.random() < quality else -1) for user_id in voters]
                up = sum(1 for _user, value in votes if value == 1)
                body, thumbnail = self._body(demo, author_id)
                post = Post(
                    community=community,
                    author_id=author_id,
                    title=demo.title,
                    slug=post_slug(demo.title),
                    body_html=body,
                    body_text=html_to_text(body),
                    language=demo.language,
                    link=demo.link,
                    thumbnail=thumbnail,
                    created=created,
                    last_activity_at=created,
                    score=up - (len(votes) - up),
                    upvotes=up,
                    downvotes=len(votes) - up,
                    hot=hot(up - (len(votes) - up), created),
                )
                made.append((post, list(demo.tags), votes, demo))
        if not made:
            return 0, 0

        posts = [post for post, _tags, _votes, _demo in made]
        Post.objects.bulk_create(posts, batch_size=500)
        through = Post.tags.through
        through.objects.bulk_create(
            [
                through(post_id=post.pk, tag_id=tags[slug].pk)
                for post, slugs, _votes, _demo in made
                for slug in slugs
            ],
            batch_size=1000,
        )
        vote_rows = [
            PostVote(post_id=post.pk, user_id=user_id, value=value, created=post.created)
            for post, _slugs, votes, _demo in made
            for user_id, value in votes
        ]
        PostVote.objects.bulk_create(vote_rows, batch_size=1000)

        karma: dict[int, int] = defaultdict(int)
        for post in posts:
            if post.author_id is not None:  # always set here; the column is nullable
                karma[post.author_id] += post.score
        for user_id, delta in karma.items():
            if delta:
                Profile.objects.filter(user_id=user_id).update(post_karma=F("post_karma") + delta)
        for post, _slugs, _votes, written in made:
            if written is not None and written.poll is not None:
                self._poll(post, written.poll, can_post[post.community_id])
        return len(posts), len(vote_rows)

    def _body(self, demo: DemoPost, author_id: int) -> tuple[str, Image | None]:
        """The post's sanitized body, with its drawing in place of `{image}`
        (stored through apps.media like an upload, kept for good)."""
        figure, image = "", None
        if demo.image is not None:
            image = image_from_bytes(
                data=drawing_png(demo.image.kind), uploader=User.objects.get(pk=author_id)
            )
            image.alt = demo.image.alt
            image.save(update_fields=["alt"])
            figure = (
                f'<figure><img src="{html.escape(image.file.url)}" alt="{html.escape(image.alt)}"'
                f' width="{image.width}" height="{image.height}"></figure>'
            )
        body = sanitize_post_html(demo.body.replace("{image}", figure))
        if image is not None:
            images_attach(html=body, user=None)
        return body, image

    def _poll(self, post: Post, demo: DemoPoll, voters: list[int]) -> None:
        """The post's poll, made by its author, and the demo members' ballots,
        through apps.polls' services (their refusals are skipped: a member
        banned meanwhile simply does not vote)."""
        post = Post.objects.select_related("community", "author").get(pk=post.pk)
        if post.author is None:  # always set here; the column is nullable
            return
        poll = poll_create(
            actor=post.author, post=post, options=list(demo.options), multiple=demo.multiple
        )
        options = list(poll.options.order_by("position").values_list("pk", flat=True))
        rng = random.Random(f"poll:{post.title}")
        people = [user_id for user_id in voters if user_id != post.author_id]
        rng.shuffle(people)
        # Most members vote, in the proportions the content gives.
        people = people[: max(2, len(people) * 3 // 4)]
        users = User.objects.in_bulk(people)
        for user_id in people:
            index = rng.choices(range(len(options)), weights=demo.votes)[0]
            chosen = [options[index]]
            if demo.multiple and rng.random() < 0.3:
                chosen.append(options[rng.randrange(len(options))])
            try:
                poll_vote(user=users[user_id], poll=poll, option_ids=chosen)
            except (ValidationError, PermissionDenied):
                continue

    def _welcome(self, spec, community, now) -> Post:
        created = now - timedelta(days=DAYS)
        rules = "".join(f"<li>{html.escape(rule)}</li>" for rule in spec["rules"].splitlines())
        body = sanitize_post_html(
            f"<p>Welcome to <strong>{html.escape(spec['name'])}</strong>! "
            f"{html.escape(spec['description'])}</p>"
            f"<h3>House rules</h3><ol>{rules}</ol>"
            "<p>Introduce yourself in the comments and tell us what brought you here.</p>"
        )
        title = welcome_title(spec["name"])
        return Post(
            community=community,
            author_id=community.owner_id,
            title=title,
            slug=post_slug(title),
            body_html=body,
            body_text=html_to_text(body),
            language=DEMO_LANGUAGE,
            created=created,
            last_activity_at=created,
            is_pinned=True,
            is_locked=spec["slug"] == "announcements",
            hot=hot(0, created),
        )

    def _tags(self) -> dict[str, Tag]:
        wanted = {slug for spec in COMMUNITIES for slug in spec["tags"]}
        existing = {tag.slug: tag for tag in Tag.objects.filter(slug__in=wanted)}
        missing = [Tag(slug=slug, name=slug) for slug in sorted(wanted - set(existing))]
        Tag.objects.bulk_create(missing, ignore_conflicts=True)
        return {tag.slug: tag for tag in Tag.objects.filter(slug__in=wanted)}

    def _translate_names(self) -> None:
        """Translated names for a few communities and tags, where none is set
        yet (a translator's edit in the admin is never overwritten)."""
        for model, names in (
            (Community, TRANSLATED_COMMUNITY_NAMES),
            (Tag, TRANSLATED_TAG_NAMES),
        ):
            for slug, translations in names.items():
                for language, name in translations.items():
                    field = f"name_{language.replace('-', '_')}"
                    model.objects.filter(slug=slug).filter(
                        Q(**{f"{field}__isnull": True}) | Q(**{field: ""})
                    ).update(**{field: name})

    # --- counters --------------------------------------------------------------------------------

    def _recount(self, communities) -> None:
        """member_count, post_count and Tag.post_count from the rows themselves."""
        for community in Community.objects.filter(pk__in=[c.pk for c in communities.values()]):
            Community.objects.filter(pk=community.pk).update(
                member_count=Membership.objects.filter(community=community).count(),
                post_count=Post.objects.filter(community=community, is_deleted=False).count(),
            )
        wanted = {slug for spec in COMMUNITIES for slug in spec["tags"]}
        live = Count("posts", filter=Q(posts__is_deleted=False))
        for tag in Tag.objects.filter(slug__in=wanted).annotate(live=live):
            Tag.objects.filter(pk=tag.pk).update(post_count=tag.live)


def _slugs() -> list[str]:
    return [spec["slug"] for spec in COMMUNITIES]
