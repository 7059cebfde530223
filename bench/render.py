"""CPU per request of the pages whose cost is rendering, measured in-process.

    .venv/bin/python bench/render.py [--runs 5] [--profile PAGE]

Builds its own throw-away database (the test settings by default, SQLite in
memory; with DATABASE_URL set, a `test_<name>` database next to it, dropped
at the end), fills it with a front page of 25 rows and two big threads (500
and 2,000 comments, shaped like seed_bench's), then times each page through
the test client: `time.process_time()` around N requests, the median of
`--runs` runs, with the query count of one request and the number of
comments drawn. The post pages show one batch of top-level comments
(QUORUM_COMMENTS_PAGE_ROOTS); "load more" is the htmx answer of the next
batch of the 2,000-comment post, "page 2" the same batch as a whole page
(the link without JavaScript). A signed-in member is used where the
anonymous page cache would answer (members never hit it).
`--profile PAGE` prints a cProfile of that page instead (front, post500,
post2000, load more, vote). It prints figures; it never fails on timing.
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def _member(username: str):
    from allauth.account.models import EmailAddress

    from apps.accounts.models import User
    from apps.profiles.services import profile_create

    user = User.objects.create_user(username=username, email=f"{username}@example.org")
    profile_create(user=user)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _thread(post, members, count: int, rng: random.Random) -> None:
    """`count` comments on `post` as seed_bench draws them: 30 % top-level,
    the rest replying to a random earlier comment; counters consistent."""
    from django.utils import timezone

    from apps.comments.models import Comment, child_path
    from apps.posts.models import Post

    now = timezone.now()
    comments: list[Comment] = []
    for i in range(count):
        parent = None if i == 0 or rng.random() < 0.3 else comments[rng.randrange(i)]
        up, down = rng.randint(0, 40), rng.randint(0, 8)
        comments.append(
            Comment(
                post=post,
                author=members[i % len(members)],
                parent=parent,
                depth=0 if parent is None else parent.depth + 1,
                body_html=f"<p>Comment {i}: some words about growing tomatoes in winter.</p>",
                body_text=f"Comment {i}",
                created=now - timezone.timedelta(minutes=count - i),
                score=up - down,
                upvotes=up,
                downvotes=down,
            )
        )
        if parent is not None:
            parent.reply_count += 1
        Comment.objects.bulk_create([comments[-1]])  # ids are needed for the paths
        comment = comments[-1]
        comment.path = child_path(parent.path if parent is not None else "", comment.pk)
    Comment.objects.bulk_update(comments, ["path", "reply_count"], batch_size=500)
    Post.objects.filter(pk=post.pk).update(comment_count=count)


def build() -> dict:
    from apps.communities.models import Community, Membership
    from apps.posts.services import post_create

    rng = random.Random(13)
    owner = _member("olivia")
    reader = _member("reader")
    members = [_member(f"member{i}") for i in range(40)]
    community = Community.objects.create(
        owner=owner, slug="gardening", name="Gardening", member_count=len(members) + 2
    )
    Membership.objects.create(community=community, user=owner, is_moderator=True)
    for user in [reader, *members]:
        Membership.objects.create(community=community, user=user)
    posts = []
    for i in range(30):
        posts.append(
            post_create(
                author=members[i % len(members)],
                community=community,
                title=f"Tomatoes in winter, take {i}",
                body="<p>Light!</p>",
                link=f"https://example.org/{i}" if i % 3 == 0 else "",
                tags=["tomatoes", "winter"] if i % 2 else ["seeds"],
            )
        )
    _thread(posts[0], members, 500, rng)
    _thread(posts[1], members, 2000, rng)
    return {"reader": reader, "post500": posts[0], "post2000": posts[1], "vote": posts[2]}


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def pages(data: dict) -> dict:
    """name -> (client, method, url, repeat)."""
    reader = _client(data["reader"])
    visitor = _client()
    vote_url = f"/c/gardening/p/{data['vote'].pk}/vote/"
    comment = data["post500"].comments.order_by("pk").first()
    comment_vote_url = f"/c/gardening/p/{data['post500'].pk}/comment/{comment.pk}/vote/"
    big = data["post2000"].get_absolute_url()
    # The first batch's "Load more comments" cursor (None before pagination existed).
    found = re.search(r"after=([-\w]+)", reader.get(big).content.decode())
    after = found.group(1) if found else None
    more = {}
    if after is not None:
        more_url = f"/c/gardening/p/{data['post2000'].pk}/comments/more/?sort=best&after={after}"
        more = {
            "post2000, load more (htmx)": (reader, "htmx", more_url, 3),
            "post2000, page 2 (no JS)": (reader, "get", f"{big}?sort=best&after={after}", 3),
        }
    return {
        # ?bench=1: an unknown parameter the page cache lets through uncached.
        "front, visitor, uncached": (visitor, "get", "/?bench=1", 20),
        "front, member": (reader, "get", "/", 20),
        "post500, member": (reader, "get", data["post500"].get_absolute_url(), 3),
        "post2000, member": (reader, "get", big, 1),
        **more,
        "vote POST, htmx": (reader, "vote", vote_url, 20),
        "comment vote POST, htmx": (reader, "vote", comment_vote_url, 20),
    }


def request(client: Client, method: str, url: str, i: int = 0):
    if method == "vote":
        # Alternate up and clear: every request changes the vote.
        value = "1" if i % 2 == 0 else "0"
        response = client.post(url, {"value": value}, headers={"HX-Request": "true"})
    elif method == "htmx":
        response = client.get(url, headers={"HX-Request": "true"})
    else:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def measure(runs: int, only: str | None) -> None:
    data = build()
    print(f"load average: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    print(f"database: {connection.vendor}")
    print(f"{'page':28} {'queries':>7} {'drawn':>6} {'KB':>6} {'CPU ms/req (median)':>20}  runs")
    for name, (client, method, url, repeat) in pages(data).items():
        if only and only not in name:
            continue
        response = request(client, method, url)  # warm-up (templates, translations)
        with CaptureQueriesContext(connection) as captured:
            response = request(client, method, url, 1)
        queries = len(captured)  # now: the log is a window that later requests move
        size = len(response.content) / 1024
        drawn = response.content.count(b'class="comment-node"')
        results = []
        for _ in range(runs):
            start = time.process_time()
            for i in range(repeat):
                request(client, method, url, i)
            results.append((time.process_time() - start) * 1000 / repeat)
        shown = " ".join(f"{r:.1f}" for r in results)
        median = statistics.median(results)
        print(f"{name:28} {queries:>7} {drawn:>6} {size:>6.0f} {median:>20.1f}  {shown}")


def profile(name: str) -> None:
    import cProfile
    import pstats

    data = build()
    for key, (client, method, url, _repeat) in pages(data).items():
        if name in key:
            request(client, method, url)
            profiler = cProfile.Profile()
            profiler.enable()
            request(client, method, url, 1)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
            return


def show_sql(name: str) -> None:
    data = build()
    for key, (client, method, url, _repeat) in pages(data).items():
        if name in key:
            request(client, method, url)
            with CaptureQueriesContext(connection) as captured:
                request(client, method, url, 1)
            for query in captured.captured_queries:
                print(query["sql"][:300])
            return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", help="pages whose name contains this")
    parser.add_argument("--profile", help="cProfile one page (front, post500, post2000, vote)")
    parser.add_argument("--sql", help="print the queries of one page")
    args = parser.parse_args()
    # Not setup_test_environment(): its instrumented Template.render sends a
    # signal per template and include, a cost the site does not pay.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        if args.sql:
            show_sql(args.sql)
        elif args.profile:
            profile(args.profile)
        else:
            measure(args.runs, args.only)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
