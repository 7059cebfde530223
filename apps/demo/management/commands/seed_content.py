"""Demo communities, memberships, posts, tags and votes (a step of `seed_demo`,
after `seed_members`).

Idempotent: communities and memberships are created only when missing, and
posts only for a data set that has none yet; counters are then recomputed
from the rows, so they are exact whatever ran before. Fast: everything is
bulk-created (about 300 posts and a few thousand votes in a few seconds on
SQLite), with score, up/down counts, hot and karma computed consistently
from the votes created.
"""

import html
import random
from collections import defaultdict
from datetime import timedelta

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from apps.accounts.models import User
from apps.communities.models import Ban, Community, Membership, Visibility
from apps.core.html import html_to_text, sanitize_post_html
from apps.demo.content import (
    COMMUNITIES,
    DEMO_LANGUAGE,
    GENERIC_CLOSERS,
    GENERIC_OPENERS,
    TRANSLATED_COMMUNITY_NAMES,
    TRANSLATED_TAG_NAMES,
)
from apps.posts.models import Post, PostVote
from apps.posts.ranking import hot
from apps.posts.services import post_slug
from apps.profiles.models import Profile
from apps.tags.models import Tag

DAYS = 21
PINNED = {"gardening", "python", "announcements"}


class Command(BaseCommand):
    help = "Create demo communities, posts, tags and votes (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=300, help="about how many posts")

    def handle(self, *args, **options):
        members = self._members()
        rng = random.Random(2026)
        now = timezone.now()
        with transaction.atomic():
            communities = self._communities(members)
            self._memberships(rng, members, communities)
            self._ban(communities, members)
            created_posts, created_votes = 0, 0
            if not Post.objects.filter(community__in=communities.values()).exists():
                created_posts, created_votes = self._posts(rng, now, communities, options["posts"])
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
                description=spec["description"],
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
            community = communities[spec["slug"]]
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
                if username in members:
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

    def _posts(self, rng, now, communities, total: int) -> tuple[int, int]:
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

        tags = self._tags()
        weights = {spec["slug"]: (0.4 if spec.get("visibility") else 1.0) for spec in COMMUNITIES}
        scale = total / sum(weights.values())

        posts: list[Post] = []
        post_tags: list[list[str]] = []
        post_voters: list[list[tuple[int, int]]] = []
        for spec in COMMUNITIES:
            community = communities[spec["slug"]]
            authors = can_post[community.pk] or [community.owner_id]
            count = max(3, round(weights[spec["slug"]] * scale))
            titles: set[str] = set()
            if spec["slug"] in PINNED:
                post, chosen = self._welcome(spec, community, now)
                posts.append(post)
                post_tags.append(chosen)
                post_voters.append([])
            for _index in range(count):
                title = _title(rng, spec, titles)
                created = now - timedelta(seconds=DAYS * 86400 * rng.random() ** 1.6 + 60)
                author_id = rng.choice(authors)
                quality = rng.choice([0.5, 0.55, 0.7, 0.8, 0.9, 0.95])
                pool = [user_id for user_id in can_post[community.pk] if user_id != author_id]
                voters = rng.sample(pool, k=int(len(pool) * rng.random() ** 1.5))
                votes = [(user_id, 1 if rng.random() < quality else -1) for user_id in voters]
                up = sum(1 for _user, value in votes if value == 1)
                down = len(votes) - up
                body = sanitize_post_html(_body(rng, spec))
                edited = rng.random() < 0.1
                posts.append(
                    Post(
                        community=community,
                        author_id=author_id,
                        title=title,
                        slug=post_slug(title),
                        body_html=body,
                        body_text=html_to_text(body),
                        # The demo's words are English, whatever the author's profile says.
                        language=DEMO_LANGUAGE,
                        link=rng.choice(spec["links"]) if rng.random() < 0.2 else "",
                        created=created,
                        edited_at=(
                            min(now, created + timedelta(hours=rng.randint(1, 20)))
                            if edited
                            else None
                        ),
                        last_activity_at=min(
                            now, created + timedelta(minutes=rng.randint(0, 2 * 24 * 60))
                        ),
                        score=up - down,
                        upvotes=up,
                        downvotes=down,
                        hot=hot(up - down, created),
                    )
                )
                tag_count = rng.randint(0, min(3, len(spec["tags"])))
                post_tags.append(rng.sample(spec["tags"], k=tag_count))
                post_voters.append(votes)

        Post.objects.bulk_create(posts, batch_size=500)
        if not all(post.pk for post in posts):  # backends without RETURNING ids
            posts = list(Post.objects.filter(community__in=communities.values()).order_by("id"))

        through = Post.tags.through
        through.objects.bulk_create(
            [
                through(post_id=post.pk, tag_id=tags[slug].pk)
                for post, slugs in zip(posts, post_tags, strict=True)
                for slug in slugs
            ],
            batch_size=1000,
        )
        vote_rows = [
            PostVote(post_id=post.pk, user_id=user_id, value=value, created=post.created)
            for post, voters in zip(posts, post_voters, strict=True)
            for user_id, value in voters
        ]
        PostVote.objects.bulk_create(vote_rows, batch_size=1000)

        karma: dict[int, int] = defaultdict(int)
        for post in posts:
            if post.author_id is not None:  # always set here; the column is nullable
                karma[post.author_id] += post.score
        for user_id, delta in karma.items():
            if delta:
                Profile.objects.filter(user_id=user_id).update(post_karma=F("post_karma") + delta)
        return len(posts), len(vote_rows)

    def _welcome(self, spec, community, now) -> tuple[Post, list[str]]:
        created = now - timedelta(days=DAYS)
        rules = "".join(f"<li>{html.escape(rule)}</li>" for rule in spec["rules"].splitlines())
        body = sanitize_post_html(
            f"<p>Welcome to <strong>{html.escape(spec['name'])}</strong>! "
            f"{html.escape(spec['description'])}</p>"
            f"<h3>House rules</h3><ol>{rules}</ol>"
            "<p>Introduce yourself in the comments and tell us what brought you here.</p>"
        )
        title = f"Welcome to {spec['name']}: read this first"
        post = Post(
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
        return post, []

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


def _title(rng, spec, taken: set[str]) -> str:
    for _attempt in range(30):
        pattern = rng.choice(spec["titles"])
        title = pattern.format(
            a=rng.choice(spec["a"]), b=rng.choice(spec["b"]), c=rng.choice(spec["c"])
        )
        title = title[0].upper() + title[1:]
        if title not in taken:
            taken.add(title)
            return title
    return title


def _paragraph(rng, sentences: list[str]) -> str:
    text = " ".join(html.escape(sentence) for sentence in sentences)
    if rng.random() < 0.3:
        words = text.split(" ")
        start = rng.randrange(max(1, len(words) - 3))
        tag = rng.choice(["strong", "em"])
        words[start] = f"<{tag}>{words[start]}"
        words[min(start + 2, len(words) - 1)] += f"</{tag}>"
        text = " ".join(words)
    return f"<p>{text}</p>"


def _body(rng, spec) -> str:
    parts = []
    opener = rng.choice(GENERIC_OPENERS)
    if opener:
        parts.append(f"<p>{html.escape(opener)}</p>")
    # Each sentence at most once per post: two paragraphs from one shuffled pool.
    pool = rng.sample(spec["sentences"], k=len(spec["sentences"]))
    first, second = rng.randint(2, 3), rng.randint(1, 3)
    parts.append(_paragraph(rng, pool[:first]))
    if rng.random() < 0.2:
        heading = rng.choice(["What I tried", "Details", "Background"])
        parts.append(f"<h3>{heading}</h3>")
    if rng.random() < 0.45:
        tag = rng.choice(["ul", "ol"])
        items = rng.sample(spec["items"], k=min(len(spec["items"]), rng.randint(3, 4)))
        lis = "".join(f"<li>{html.escape(item)}</li>" for item in items)
        parts.append(f"<{tag}>{lis}</{tag}>")
    if spec.get("code") and rng.random() < 0.6:
        parts.append(f"<pre><code>{html.escape(rng.choice(spec['code']))}</code></pre>")
    if rng.random() < 0.5 and pool[first : first + second]:
        parts.append(_paragraph(rng, pool[first : first + second]))
    if rng.random() < 0.25:
        parts.append(f"<blockquote><p>{html.escape(spec['quote'])}</p></blockquote>")
    if rng.random() < 0.3:
        url = rng.choice(spec["links"])
        host = url.split("//")[1].split("/")[0]
        parts.append(f'<p>More on this: <a href="{html.escape(url)}">{html.escape(host)}</a>.</p>')
    if rng.random() < 0.06:
        parts.append(
            "<table><thead><tr><th>Week</th><th>Result</th></tr></thead><tbody>"
            "<tr><td>1</td><td>Slow start</td></tr><tr><td>2</td><td>Better</td></tr>"
            "<tr><td>3</td><td>Finally working</td></tr></tbody></table>"
        )
    closer = rng.choice(GENERIC_CLOSERS)
    if closer:
        parts.append(f"<p>{html.escape(closer)}</p>")
    return "".join(parts)
