"""Full-text and trigram search DDL on other apps' tables (PostgreSQL only).

apps.search owns no table. It adds to the tables of posts and comments a
stored `search_vector` tsvector, kept current on write by a trigger, with a
GIN index; and trigram (pg_trgm) GIN indexes on community and member names.
Why a trigger rather than a generated column: PostgreSQL recomputes a stored
generated column on every UPDATE of the row, so each vote (an UPDATE of
score and hot) would re-parse the whole post body; the trigger fires only
when title or body_text is in the UPDATE and their value changed.

On SQLite every operation is a no-op: search falls back to icontains there.
The column is invisible to Django's models (they never select it), so other
apps' models and migrations do not change.
"""

from django.db import migrations

# The text search configuration every vector and query uses (selectors.py
# has the same constant). English stemming; other languages still match
# word for word.
CONFIG = "english"

FORWARD = f"""
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- posts: title (weight A) and body text (weight B)
ALTER TABLE posts_post ADD COLUMN IF NOT EXISTS search_vector tsvector;
CREATE OR REPLACE FUNCTION search_post_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.title IS NOT DISTINCT FROM OLD.title
       AND NEW.body_text IS NOT DISTINCT FROM OLD.body_text THEN
        RETURN NEW;
    END IF;
    NEW.search_vector :=
        setweight(to_tsvector('{CONFIG}'::regconfig, coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('{CONFIG}'::regconfig, coalesce(NEW.body_text, '')), 'B');
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS search_post_vector_trg ON posts_post;
CREATE TRIGGER search_post_vector_trg
    BEFORE INSERT OR UPDATE OF title, body_text ON posts_post
    FOR EACH ROW EXECUTE FUNCTION search_post_vector();
UPDATE posts_post SET search_vector =
    setweight(to_tsvector('{CONFIG}'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('{CONFIG}'::regconfig, coalesce(body_text, '')), 'B');
CREATE INDEX IF NOT EXISTS search_post_vector_idx ON posts_post USING gin (search_vector);

-- comments: body text (weight B)
ALTER TABLE comments_comment ADD COLUMN IF NOT EXISTS search_vector tsvector;
CREATE OR REPLACE FUNCTION search_comment_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.body_text IS NOT DISTINCT FROM OLD.body_text THEN
        RETURN NEW;
    END IF;
    NEW.search_vector :=
        setweight(to_tsvector('{CONFIG}'::regconfig, coalesce(NEW.body_text, '')), 'B');
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS search_comment_vector_trg ON comments_comment;
CREATE TRIGGER search_comment_vector_trg
    BEFORE INSERT OR UPDATE OF body_text ON comments_comment
    FOR EACH ROW EXECUTE FUNCTION search_comment_vector();
UPDATE comments_comment SET search_vector =
    setweight(to_tsvector('{CONFIG}'::regconfig, coalesce(body_text, '')), 'B');
CREATE INDEX IF NOT EXISTS search_comment_vector_idx
    ON comments_comment USING gin (search_vector);

-- names: trigram indexes, so typos still find them (small tables only)
CREATE INDEX IF NOT EXISTS search_community_name_trgm_idx
    ON communities_community USING gin (name gin_trgm_ops);
CREATE INDEX IF NOT EXISTS search_community_slug_trgm_idx
    ON communities_community USING gin (slug gin_trgm_ops);
CREATE INDEX IF NOT EXISTS search_user_username_trgm_idx
    ON accounts_user USING gin (username gin_trgm_ops);
CREATE INDEX IF NOT EXISTS search_profile_display_name_trgm_idx
    ON profiles_profile USING gin (display_name gin_trgm_ops);
"""

BACKWARD = """
DROP INDEX IF EXISTS search_profile_display_name_trgm_idx;
DROP INDEX IF EXISTS search_user_username_trgm_idx;
DROP INDEX IF EXISTS search_community_slug_trgm_idx;
DROP INDEX IF EXISTS search_community_name_trgm_idx;
DROP TRIGGER IF EXISTS search_comment_vector_trg ON comments_comment;
DROP FUNCTION IF EXISTS search_comment_vector();
DROP INDEX IF EXISTS search_comment_vector_idx;
ALTER TABLE comments_comment DROP COLUMN IF EXISTS search_vector;
DROP TRIGGER IF EXISTS search_post_vector_trg ON posts_post;
DROP FUNCTION IF EXISTS search_post_vector();
DROP INDEX IF EXISTS search_post_vector_idx;
ALTER TABLE posts_post DROP COLUMN IF EXISTS search_vector;
"""


def _run(sql: str):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return  # SQLite: search uses icontains, nothing to build
        schema_editor.execute(sql, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("profiles", "0001_initial"),
        ("communities", "0001_initial"),
        ("posts", "0001_initial"),
        ("comments", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False),
    ]
