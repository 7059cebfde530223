"""`seed_bench --scale 0.001` (bench/management/commands, registered under
bench.settings only; here its Command is called directly) loads quickly and leaves every
denormalized counter equal to what it counts (PostgreSQL only: COPY)."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from apps.posts.models import Post
from apps.posts.services import post_create
from bench.management.commands.seed_bench import Command as SeedBench

# The data is loaded (and committed) once for the module; each test then runs
# in a transaction that is rolled back, so the tests cannot disturb it.
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL: seed_bench loads with COPY"
)
pytestmark = [postgres_only, pytest.mark.django_db]


def rows(sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def schema() -> set[tuple]:
    return set(
        rows(
            """SELECT tablename, indexname, indexdef FROM pg_indexes
               WHERE schemaname = 'public'"""
        )
    ) | set(rows("SELECT tgrelid::regclass::text, tgname, tgenabled FROM pg_trigger"))


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """One load for the module (about a second at this scale)."""
    with django_db_blocker.unblock():
        before = schema()
        call_command(SeedBench(), scale=0.001, workers=1, verbosity=0)
        yield before
        # Empty only what the command loaded (CASCADE reaches rows that point
        # at them); rows made by migrations — the Site, groups, content
        # types — must survive for the tests that run after this module.
        tables = ", ".join(model._meta.db_table for model in SeedBench()._tables())
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")


def test_it_loads_the_scaled_sizes(seeded):
    counts = dict(
        rows(
            """SELECT 'posts', count(*) FROM posts_post
               UNION ALL SELECT 'comments', count(*) FROM comments_comment
               UNION ALL SELECT 'post votes', count(*) FROM posts_postvote
               UNION ALL SELECT 'comment votes', count(*) FROM comments_commentvote
               UNION ALL SELECT 'members', count(*) FROM accounts_user
               UNION ALL SELECT 'communities', count(*) FROM communities_community"""
        )
    )
    assert counts["posts"] == 1000
    assert counts["members"] == 200
    assert counts["communities"] == 10
    assert 4500 <= counts["comments"] <= 5500
    assert counts["post votes"] > 5000 and counts["comment votes"] > 3000
    # The big threads: some posts carry 500 comments.
    assert rows("SELECT max(comment_count) FROM posts_post")[0][0] == 500


def test_post_scores_are_the_sums_of_their_votes(seeded):
    assert not rows(
        """SELECT p.id FROM posts_post p
           LEFT JOIN (SELECT post_id, sum(value) AS score,
                             count(*) FILTER (WHERE value = 1) AS up,
                             count(*) FILTER (WHERE value = -1) AS down
                      FROM posts_postvote GROUP BY post_id) v ON v.post_id = p.id
           WHERE p.score <> coalesce(v.score, 0) OR p.upvotes <> coalesce(v.up, 0)
              OR p.downvotes <> coalesce(v.down, 0)"""
    )
    assert rows("SELECT count(*) FROM posts_post WHERE score <> 0")[0][0] > 100


def test_comment_counts_and_scores_are_counted(seeded):
    assert not rows(
        """SELECT p.id FROM posts_post p
           LEFT JOIN (SELECT post_id, count(*) AS n FROM comments_comment
                      WHERE NOT is_deleted AND NOT is_removed GROUP BY post_id) c
             ON c.post_id = p.id
           WHERE p.comment_count <> coalesce(c.n, 0)"""
    )
    assert not rows(
        """SELECT c.id FROM comments_comment c
           LEFT JOIN (SELECT comment_id, sum(value) AS score FROM comments_commentvote
                      GROUP BY comment_id) v ON v.comment_id = c.id
           LEFT JOIN (SELECT parent_id, count(*) AS n FROM comments_comment
                      GROUP BY parent_id) r ON r.parent_id = c.id
           WHERE c.score <> coalesce(v.score, 0) OR c.reply_count <> coalesce(r.n, 0)"""
    )


def test_threads_are_well_formed_trees(seeded):
    assert not rows(
        """SELECT c.id FROM comments_comment c
           LEFT JOIN comments_comment parent ON parent.id = c.parent_id
           WHERE length(c.path) <> 8 * (c.depth + 1)
              OR (c.parent_id IS NULL AND c.depth <> 0)
              OR (c.parent_id IS NOT NULL AND (parent.post_id <> c.post_id
                  OR c.path NOT LIKE parent.path || '%'))"""
    )


def test_community_tag_and_karma_counters(seeded):
    assert not rows(
        """SELECT c.id FROM communities_community c
           WHERE c.member_count <> (SELECT count(*) FROM communities_membership m
                                    WHERE m.community_id = c.id)
              OR c.post_count <> (SELECT count(*) FROM posts_post p
                                  WHERE p.community_id = c.id AND NOT p.is_deleted)"""
    )
    assert not rows(
        """SELECT t.id FROM tags_tag t
           WHERE t.post_count <> (SELECT count(*) FROM posts_post_tags pt WHERE pt.tag_id = t.id)"""
    )
    assert not rows(
        """SELECT pr.user_id FROM profiles_profile pr
           WHERE pr.post_karma <> (SELECT coalesce(sum(score), 0) FROM posts_post
                                   WHERE author_id = pr.user_id)
              OR pr.comment_karma <> (SELECT coalesce(sum(score), 0) FROM comments_comment
                                      WHERE author_id = pr.user_id)"""
    )
    # Nobody votes on their own posts or comments (karma skips self-votes).
    assert not rows(
        """SELECT v.id FROM posts_postvote v JOIN posts_post p ON p.id = v.post_id
           WHERE v.user_id = p.author_id"""
    )


def test_one_vote_per_member_and_item(seeded):
    assert not rows("SELECT post_id, user_id FROM posts_postvote GROUP BY 1, 2 HAVING count(*) > 1")
    assert not rows(
        "SELECT comment_id, user_id FROM comments_commentvote GROUP BY 1, 2 HAVING count(*) > 1"
    )


def test_schema_is_restored_and_search_vectors_filled(seeded):
    assert schema() == seeded
    assert not rows("SELECT id FROM posts_post WHERE search_vector IS NULL")
    assert not rows("SELECT id FROM comments_comment WHERE search_vector IS NULL")


def test_the_site_keeps_working_on_top(seeded):
    post = Post.objects.select_related("community", "author").order_by("id").first()
    community = post.community
    author = community.memberships.order_by("id").first().user
    new = post_create(author=author, community=community, title="After the seed")
    assert new.pk > Post.objects.exclude(pk=new.pk).order_by("-id").first().pk


def test_refuses_a_database_with_content(seeded):
    with pytest.raises(CommandError, match="--reset"):
        call_command(SeedBench(), scale=0.001, workers=1, verbosity=0)
