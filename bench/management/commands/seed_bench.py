"""`manage.py seed_bench [--scale S] [--reset]`: a large synthetic data set, fast.

A benchmark tool, not part of the site: it is registered only under
bench.settings (`DJANGO_SETTINGS_MODULE=bench.settings`), and bench/ is kept
out of the production image (.dockerignore).

Default size (scale 1): 10k communities, 200k members, 1M posts, 5M comments,
20M votes (12M on posts, 8M on comments), with skew: community sizes and
member activity follow Zipf laws (a few huge communities, a long tail),
words follow a Zipf law (frequent and rare search terms), most posts have a
few comments and some threads have 500 and 2,000. `--scale 0.01` is a quick
check; `--scale 0.001` runs in the test suite in seconds.

How it is fast (PostgreSQL only):
- Rows are generated in Python with every counter already computed (scores
  from the votes drawn, hot from ranking.hot, comment and reply counts,
  member and post counts, karma), then streamed as text through COPY
  (psycopg 3's cursor.copy). bulk_create was about 10x slower.
- The tables' secondary indexes and unique constraints are dropped first
  and built again after the load (one sort per index instead of millions
  of inserts into b-trees); foreign keys are not checked row by row
  (session_replication_role = replica, when the role may set it) since the
  generator only writes ids that exist. The search triggers keep running
  (ENABLE ALWAYS for the load) so every row gets its tsvector.
- Two cores, both busy: posts (with their votes, tags, comments and comment
  votes) are cut into `--workers` id ranges, each loaded by its own process
  on its own connection (ids are planned up front, so no coordination is
  needed), and the indexes are rebuilt two at a time.
- A failure leaves a partial data set (the indexes and triggers are put
  back in any case): run again with --reset.

It prints a progress bar and rows/s for each phase and overall.
"""

import json
import multiprocessing
import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from itertools import accumulate

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from django.db.models import JSONField

from apps.comments.models import PATH_SEGMENT_WIDTH, Comment, CommentVote
from apps.communities.models import Community, Membership
from apps.posts.models import Post, PostVote
from apps.posts.ranking import hot
from apps.profiles.models import Profile
from apps.tags.models import Tag

BASE = {
    "communities": 10_000,
    "members": 200_000,
    "posts": 1_000_000,
    "comments": 5_000_000,
    "post_votes": 12_000_000,
    "comment_votes": 8_000_000,
    "tags": 2_000,
}
BIG_THREADS = (2000, 2000, 500, 500, 500)
PASSWORD = "bench-password-123"  # noqa: S105 - synthetic accounts on a bench database
DAYS = 365
CHUNK = 20_000
_B36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def _split(text: str) -> list[str]:
    return text.split()


COMMON = _split(
    "garden tomato python music travel coffee bike photo recipe history science space "
    "movie book game code design health money sport river mountain winter summer city "
    "dog cat bread cheese wine beer tea rain snow sun moon star ocean forest island "
    "train car plane boat road bridge house kitchen window door light night morning "
    "school teacher student market price job office team project idea question answer "
    "problem solution story news video camera phone computer server database network "
    "learning language word letter paper paint color sound voice song guitar piano "
    "drum dance film theater museum art painting drawing poem novel author reader "
    "library history war peace law court vote party leader country border map route "
    "walk run swim climb jump ride fly build break fix clean cook bake grow plant seed "
    "flower tree leaf root fruit apple orange lemon berry salad soup pasta rice bean "
    "meat fish chicken egg milk butter sugar salt pepper spice herb oil fire water "
    "earth air stone sand glass metal wood cloth wool silk cotton leather rubber plastic"
)
SYLLABLES = _split(
    "ka ri to mi sa lo ne vu da pe zo ru fi ga mo te la bi no su ke ho ya wi "
    "xe qu ar el in on us ol an en ti co pa re do ma li ve"
)
FIRST = _split(
    "ana bruno carla diego elena fabio greta hugo irene jonas karla lucas marta nico "
    "olga pablo queta rosa samir tania ugo vera walter ximena yusuf zoe amara bodhi "
    "celia dario emeka farah goran hana ivan jamal keiko lars mina oskar priya rafael"
)
LAST = _split(
    "okafor silva novak tanaka garcia muller rossi dubois kowalski haddad nguyen "
    "petrov larsen moreau ibrahim santos costa fischer bauer lopez kim park chen"
)


def _segment(pk: int) -> str:
    digits = ""
    while pk:
        pk, remainder = divmod(pk, 36)
        digits = _B36[remainder] + digits
    return digits.rjust(PATH_SEGMENT_WIDTH, "0")


def _zipf_cum(n: int, s: float) -> list[float]:
    return list(accumulate(1.0 / (rank**s) for rank in range(1, n + 1)))


def _ts(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat()


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    words = list(COMMON)
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen and len(word) > 3:
            seen.add(word)
            words.append(word)
    return words


class _Copier:
    """COPY of one table: the columns we write, then every other concrete
    field of the model (others' new columns) with its default, constant per
    table."""

    def __init__(self, cursor, model, columns: list[str], progress):
        self.cursor = cursor
        self.table = model._meta.db_table
        self.progress = progress
        concrete = list(model._meta.concrete_fields)
        by_column = {f.column: f for f in concrete}
        missing = [c for c in columns if c not in by_column]
        if missing:
            raise CommandError(f"{self.table} has no column(s) {missing}")
        # Serial primary keys we do not write are left to the database.
        extra = [f for f in concrete if f.column not in columns and not f.db_returning]
        self.extra_suffix = ""
        for field in extra:
            value = field.get_default()
            if isinstance(field, JSONField):
                # get_db_prep_save wraps JSON in a driver adapter; COPY wants the text.
                value = json.dumps(value)
            else:
                value = field.get_db_prep_save(value, connection)
            self.extra_suffix += "\t" + _text(value)
        self.columns = columns + [f.column for f in extra]
        self.rows = 0
        self._buffer: list[str] = []
        self._copy_cm = None
        self._copy = None

    def __enter__(self):
        from psycopg.copy import QueuedLibpqWriter

        cols = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        # The queued writer sends from a thread: Python generates the next
        # chunk while PostgreSQL parses this one (two cores busy, not one).
        self._copy_cm = self.cursor.copy(
            f"COPY {self.table} ({cols}) FROM STDIN", writer=QueuedLibpqWriter(self.cursor)
        )
        self._copy = self._copy_cm.__enter__()
        return self

    def add(self, line: str) -> None:
        self._buffer.append(line)
        if len(self._buffer) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if self._buffer:
            suffix = self.extra_suffix
            if suffix:
                data = (suffix + "\n").join(self._buffer) + suffix + "\n"
            else:
                data = "\n".join(self._buffer) + "\n"
            self._copy.write(data.encode())
            self.rows += len(self._buffer)
            self._buffer = []
            self.progress(self.table, self.rows)

    def __exit__(self, *exc):
        if exc[0] is None:
            self.flush()
        return self._copy_cm.__exit__(*exc)


def _text(value) -> str:
    """A Python value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


# The command of the running load, for the worker processes (fork).
_COMMAND = None


def _run_partition(part: tuple[int, int, int, int]) -> dict:
    return _COMMAND._partition(part)


class Command(BaseCommand):
    help = "Load a large synthetic data set with PostgreSQL COPY (benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1 = 1M posts; 0.01 quick")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--workers", type=int, default=2, help="loader processes (cores)")
        parser.add_argument(
            "--reset", action="store_true", help="empty the content tables first (TRUNCATE)"
        )

    # --- plumbing ---------------------------------------------------------------------

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("seed_bench needs PostgreSQL (it loads with COPY).")
        scale = options["scale"]
        if not 0 < scale <= 10:
            raise CommandError("--scale must be in (0, 10].")
        self.workers = max(1, min(options["workers"], 8))
        self.seed = options["seed"]
        self.rng = random.Random(self.seed)
        self.size = {key: max(int(value * scale), 10) for key, value in BASE.items()}
        self.verbosity = options["verbosity"]
        self.started = time.monotonic()
        self._last_print = 0.0
        self.total_rows = 0
        self.now = time.time()
        tables = self._tables()
        with connection.cursor() as cursor:
            if options["reset"]:
                names = ", ".join(m._meta.db_table for m in tables)
                cursor.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
            elif any(m.objects.exists() for m in (Post, Community)):
                raise CommandError("The database has content: run with --reset to replace it.")
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            self.superuser = bool(cursor.fetchone()[0])
        with transaction.atomic():
            self._prepare(tables)
        try:
            self._load()
        finally:
            with transaction.atomic():
                self._restore_triggers()
            self._rebuild(tables)
        elapsed = time.monotonic() - self.started
        self._say(
            f"seed_bench: {self.total_rows:,} rows in {elapsed:.1f} s = "
            f"{self.total_rows / elapsed:,.0f} rows/s overall (scale {scale}, "
            f"{self.workers} workers)",
            style=self.style.SUCCESS,
        )

    def _say(self, text: str, style=None) -> None:
        if self.verbosity:
            if self._last_print:
                sys.stderr.write("\r" + " " * 100 + "\r")
                sys.stderr.flush()
                self._last_print = 0.0
            self.stdout.write(style(text) if style else text)

    def _progress(self, table: str, rows: int, *, done: bool = False) -> None:
        if not self.verbosity:
            return
        now = time.monotonic()
        if not done and now - self._last_print < 0.5:
            return
        self._last_print = now
        rate = rows / max(now - self._phase_started, 1e-6)
        width = 30
        filled = min(int(width * rows / max(self._phase_total, 1)), width)
        bar = "#" * filled + "." * (width - filled)
        sys.stderr.write(f"\r  {table[:24]:<24} [{bar}] {rows:>11,} rows {rate:>9,.0f}/s ")
        sys.stderr.flush()

    def _phase(self, name: str, total: int) -> None:
        self._phase_started = time.monotonic()
        self._phase_total = total

    def _phase_end(self, name: str, rows: int) -> None:
        elapsed = time.monotonic() - self._phase_started
        self.total_rows += rows
        if rows:
            self._say(f"  {name}: {rows:,} rows in {elapsed:.1f} s ({rows / elapsed:,.0f} rows/s)")
        else:
            self._say(f"  {name}: {elapsed:.1f} s")

    def _tables(self) -> list:
        from allauth.account.models import EmailAddress

        return [
            apps.get_model("accounts", "User"),
            Profile,
            EmailAddress,
            Community,
            Membership,
            Tag,
            Post,
            Post.tags.through,
            PostVote,
            Comment,
            CommentVote,
        ]

    def _session(self, cursor) -> None:
        """Per loading connection, inside its transaction."""
        cursor.execute("SET LOCAL synchronous_commit = off")
        if self.superuser:
            # Foreign keys are not checked row by row: the generator only
            # writes ids that exist. (Needs a superuser; otherwise checked.)
            cursor.execute("SET LOCAL session_replication_role = replica")

    def _prepare(self, tables) -> None:
        """Drop secondary indexes and unique constraints (kept to rebuild);
        keep the search triggers firing under session_replication_role."""
        self.rebuild: list[tuple[str, str, str]] = []
        with connection.cursor() as cursor:
            for model in tables:
                table = model._meta.db_table
                cursor.execute(
                    """
                    SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid),
                           c.conname, pg_get_constraintdef(c.oid)
                    FROM pg_index i
                    LEFT JOIN pg_constraint c
                        ON c.conindid = i.indexrelid AND c.contype IN ('u', 'x')
                    WHERE i.indrelid = %s::regclass AND NOT i.indisprimary
                    """,
                    [table],
                )
                for index_name, index_def, constraint, constraint_def in cursor.fetchall():
                    if constraint:
                        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{constraint}"')
                        sql = f'ALTER TABLE {table} ADD CONSTRAINT "{constraint}" {constraint_def}'
                    else:
                        cursor.execute(f"DROP INDEX {index_name}")
                        sql = index_def
                    self.rebuild.append((table, index_name, sql))
            self.triggers = []
            cursor.execute(
                "SELECT tgrelid::regclass::text, tgname FROM pg_trigger "
                "WHERE NOT tgisinternal AND tgname LIKE 'search%%'"
            )
            for table, trigger in cursor.fetchall():
                cursor.execute(f'ALTER TABLE {table} ENABLE ALWAYS TRIGGER "{trigger}"')
                self.triggers.append((table, trigger))

    def _restore_triggers(self) -> None:
        with connection.cursor() as cursor:
            for table, trigger in self.triggers:
                cursor.execute(f'ALTER TABLE {table} ENABLE TRIGGER "{trigger}"')

    def _rebuild(self, tables) -> None:
        """Indexes back (biggest tables first, `workers` at a time), then
        sequences past the loaded ids and fresh planner statistics."""
        self._phase("indexes", len(self.rebuild))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname, pg_relation_size(oid) FROM pg_class WHERE relkind = 'r'"
            )
            sizes = dict(cursor.fetchall())
        jobs = sorted(self.rebuild, key=lambda job: -sizes.get(job[0], 0))
        done = 0

        def build(job) -> None:
            nonlocal done
            _table, name, sql = job
            began = time.monotonic()
            with connection.cursor() as cursor:
                cursor.execute("SET maintenance_work_mem = '512MB'")
                cursor.execute(sql)
            done += 1
            if self.verbosity > 1:
                self._say(f"    {name}: {time.monotonic() - began:.2f} s")
            self._progress("indexes", done, done=True)

        self._in_threads(build, jobs)
        self._phase_end("indexes", 0)
        self._phase("analyze", len(tables))
        with connection.cursor() as cursor:
            for model in tables:
                table, pk = model._meta.db_table, model._meta.pk
                if pk.db_returning:
                    cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk.column])
                    sequence = cursor.fetchone()[0]
                    if sequence:
                        cursor.execute(
                            f"SELECT setval(%s, COALESCE((SELECT MAX({pk.column}) FROM {table}), 0)"  # noqa: S608
                            " + 1, false)",
                            [sequence],
                        )

        def analyze(model) -> None:
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {model._meta.db_table}")

        self._in_threads(analyze, sorted(tables, key=lambda m: -sizes.get(m._meta.db_table, 0)))
        self._phase_end("analyze", 0)

    def _in_threads(self, function, jobs) -> None:
        """Run `function` over `jobs` on `workers` connections at once (one
        thread each: Django connections are per thread), or in this thread
        when there is one worker (inside a test's transaction, for one)."""
        if self.workers == 1:
            for job in jobs:
                function(job)
            return

        def run(job):
            try:
                function(job)
            finally:
                connection.close()

        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            for future in [pool.submit(run, job) for job in jobs]:
                future.result()

    # --- the data -----------------------------------------------------------------------

    def _load(self) -> None:
        self.vocab = _vocabulary(self.rng)
        self.vocab_cum = _zipf_cum(len(self.vocab), 1.0)
        with transaction.atomic(), connection.cursor() as wrapper:
            cursor = wrapper.cursor  # psycopg 3's own cursor: copy()
            self._session(cursor)
            self._users(cursor)
            self._communities(cursor)
            self._write_communities(cursor)
            self._tags(cursor)
            self._write_tags(cursor)
        self._content()
        with transaction.atomic(), connection.cursor() as wrapper:
            cursor = wrapper.cursor
            self._session(cursor)
            self._profiles(cursor)
            self._counts(cursor)

    def _content(self) -> None:
        """Posts, votes, tags, comments and comment votes, by post id range."""
        global _COMMAND
        n = self.size["posts"]
        self.comment_plan = self._plan_comments(n)
        expected = (
            n
            + sum(self.comment_plan)
            + self.size["post_votes"]
            + self.size["comment_votes"]
            + n * 7 // 6
        )
        bounds = [n * index // self.workers for index in range(self.workers + 1)]
        first_comment = [0]
        for count in self.comment_plan:
            first_comment.append(first_comment[-1] + count)
        parts = [
            (index, bounds[index], bounds[index + 1], first_comment[bounds[index]] + 1)
            for index in range(self.workers)
        ]
        self._phase("posts, comments, votes", expected)
        self.post_count = dict.fromkeys(self.community_ids, 0)
        self.tag_counts = dict.fromkeys(self.tag_ids, 0)
        self.post_karma: dict[int, int] = {}
        self.comment_karma: dict[int, int] = {}
        if self.workers == 1:
            self.counter = None
            results = [self._partition(part) for part in parts]
        else:
            _COMMAND = self
            context = multiprocessing.get_context("fork")
            self.counter = context.Value("q", 0)
            connections.close_all()  # each process opens its own connection
            with context.Pool(self.workers) as pool:
                pending = pool.map_async(_run_partition, parts)
                while not pending.ready():
                    pending.wait(0.5)
                    self._progress("posts, comments, votes", self.counter.value, done=True)
                results = pending.get()
            _COMMAND = None
        rows = 0
        for result in results:
            rows += result["rows"]
            for key in ("post_count", "tag_counts", "post_karma", "comment_karma"):
                target = getattr(self, key)
                for item, value in result[key].items():
                    target[item] = target.get(item, 0) + value
        self._phase_end("posts, comments, votes", rows)

    def _partition(self, part: tuple[int, int, int, int]) -> dict:
        index, start, end, comment_start = part
        self.rng = random.Random(self.seed * 1000 + index + 1)
        self.part_rows = 0
        self.result = {
            "post_count": {},
            "tag_counts": {},
            "post_karma": {},
            "comment_karma": {},
        }
        try:
            with transaction.atomic(), connection.cursor() as wrapper:
                cursor = wrapper.cursor
                self._session(cursor)
                self._posts(cursor, start, end)
                self._comments(cursor, start, end, comment_start)
        finally:
            if self.workers > 1:
                connection.close()
        self.result["rows"] = self.part_rows
        return self.result

    def _count(self, table: str, rows: int) -> None:
        """Progress of a loading partition (shared counter across processes)."""
        self.part_rows += rows
        if self.counter is not None:
            with self.counter.get_lock():
                self.counter.value += rows
        else:
            self._progress("posts, comments, votes", self.part_rows)

    def _counts(self, cursor) -> None:
        """Post counts of communities and tags, known once the posts are drawn."""
        for table, counts in (
            (Community._meta.db_table, self.post_count),
            (Tag._meta.db_table, self.tag_counts),
        ):
            ids, values = list(counts), list(counts.values())
            cursor.execute(
                f"UPDATE {table} AS t SET post_count = v.count "  # noqa: S608 - a model's table
                "FROM unnest(%s::bigint[], %s::integer[]) AS v(id, count) WHERE t.id = v.id",
                [ids, values],
            )

    def _words(self, count: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.vocab_cum, k=count)

    def _pick_members(self, k: int) -> list[int]:
        return self.rng.choices(self.member_ids, cum_weights=self.member_cum, k=k)

    # --- generators -----------------------------------------------------------------

    def _users(self, cursor) -> None:
        from allauth.account.models import EmailAddress

        User = apps.get_model("accounts", "User")
        rng, n = self.rng, self.size["members"]
        password = make_password(PASSWORD)
        joined = _ts(self.now - DAYS * 86400 - 86400)
        self.member_ids = list(range(1, n + 1))
        # Activity skew: a few members write most posts, comments and votes.
        self.member_cum = _zipf_cum(n, 0.8)
        self._phase("users", n)
        with _Copier(
            cursor,
            User,
            ["id", "password", "is_superuser", "username", "first_name", "last_name", "email",
             "is_staff", "is_active", "date_joined"],
            self._progress,
        ) as copier:  # fmt: skip
            for pk in self.member_ids:
                first = FIRST[pk % len(FIRST)]
                username = f"{first}{pk}"
                copier.add(
                    f"{pk}\t{password}\tf\t{username}\t\t\t{username}@bench.example\tf\tt\t{joined}"
                )
        self._phase_end("users", n)
        self._phase("emails", n)
        with _Copier(
            cursor, EmailAddress, ["id", "user_id", "email", "verified", "primary"], self._progress
        ) as copier:
            for pk in self.member_ids:
                copier.add(f"{pk}\t{pk}\t{FIRST[pk % len(FIRST)]}{pk}@bench.example\tt\tt")
        self._phase_end("emails", n)
        self.names = {}
        for pk in self.member_ids:
            self.names[pk] = (
                f"{FIRST[pk % len(FIRST)].title()} {LAST[(pk // len(FIRST)) % len(LAST)].title()}"
                if rng.random() < 0.6
                else ""
            )

    def _communities(self, cursor) -> None:
        rng, n = self.rng, self.size["communities"]
        members = self.size["members"]
        # Community size skew: Zipf over rank; the first ones are huge.
        self.community_cum = _zipf_cum(n, 1.1)
        self.community_ids = list(range(1, n + 1))
        # Memberships: every member joins 1 + geometric(mean ~4) communities.
        member_sets: dict[int, set[int]] = {c: set() for c in self.community_ids}
        owners = {c: self._pick_members(1)[0] for c in self.community_ids}
        for community, owner in owners.items():
            member_sets[community].add(owner)
        for user in self.member_ids:
            joins = 1 + min(int(rng.expovariate(0.25)), 60)
            for community in rng.choices(
                self.community_ids, cum_weights=self.community_cum, k=joins
            ):
                member_sets[community].add(user)
        self.community_members = {c: sorted(s) for c, s in member_sets.items()}
        self.community_created = {
            c: self.now - DAYS * 86400 - rng.random() * 30 * 86400 for c in self.community_ids
        }
        self.community_slugs = {}
        self._community_rows = []
        for community in self.community_ids:
            words = self._words(2)
            name = f"{words[0].title()} {words[1].title()} {community}"
            slug = f"{words[0][:15]}-{words[1][:15]}-{community}".lower()
            self.community_slugs[community] = slug
            self._community_rows.append((community, slug, name, owners[community]))
        del members

    def _write_communities(self, cursor) -> None:
        fields = {f.column for f in Community._meta.concrete_fields}
        columns = ["id", "slug", "name", "description", "rules", "visibility", "owner_id",
                   "member_count", "post_count", "created"]  # fmt: skip
        translated = [c for c in ("name_en", "description_en", "rules_en") if c in fields]
        columns += translated
        n = len(self._community_rows)
        self._phase("communities", n)
        with _Copier(cursor, Community, columns, self._progress) as copier:
            for community, slug, name, owner in self._community_rows:
                description = " ".join(self._words(12)).capitalize() + "."
                rules = "Be kind.\nStay on topic."
                visibility = "private" if community % 97 == 0 else "public"
                extra = {"name_en": name, "description_en": description, "rules_en": rules}
                tail = "".join("\t" + _text(extra[c]) for c in translated)
                copier.add(
                    f"{community}\t{slug}\t{name}\t{description}\t{_text(rules)}\t{visibility}\t"
                    f"{owner}\t{len(self.community_members[community])}\t"
                    f"0\t{_ts(self.community_created[community])}{tail}"
                )
        self._phase_end("communities", n)
        total = sum(len(m) for m in self.community_members.values())
        self._phase("memberships", total)
        pk = 0
        with _Copier(
            cursor,
            Membership,
            ["id", "community_id", "user_id", "is_moderator", "is_approved", "created"],
            self._progress,
        ) as copier:
            for community, member_list in self.community_members.items():
                created = _ts(self.community_created[community] + 3600)
                owner = self._community_rows[community - 1][3]
                for user in member_list:
                    pk += 1
                    moderator = "t" if user == owner else "f"
                    copier.add(f"{pk}\t{community}\t{user}\t{moderator}\tt\t{created}")
        self._phase_end("memberships", total)

    def _tags(self, cursor) -> None:
        n = self.size["tags"]
        self.tag_ids = list(range(1, n + 1))
        self.tag_cum = _zipf_cum(n, 1.0)
        self.tag_counts = dict.fromkeys(self.tag_ids, 0)
        self.tag_slugs = {}
        seen = set()
        for tag in self.tag_ids:
            word = self.vocab[tag % len(self.vocab)]
            slug = word if word not in seen else f"{word}-{tag}"
            seen.add(slug)
            self.tag_slugs[tag] = slug

    def _write_tags(self, cursor) -> None:
        fields = {f.column for f in Tag._meta.concrete_fields}
        columns = ["id", "slug", "name", "post_count", "created"]
        translated = ["name_en"] if "name_en" in fields else []
        n = len(self.tag_ids)
        created = _ts(self.now - DAYS * 86400)
        self._phase("tags", n)
        with _Copier(cursor, Tag, columns + translated, self._progress) as copier:
            for tag in self.tag_ids:
                slug = self.tag_slugs[tag]
                tail = f"\t{slug}" if translated else ""
                copier.add(f"{tag}\t{slug}\t{slug}\t{self.tag_counts[tag]}\t{created}{tail}")
        self._phase_end("tags", n)

    def _copier(self, cursor, model, columns: list[str]) -> _Copier:
        """A COPY whose progress feeds the partition's shared counter."""
        seen = {"rows": 0}

        def progress(table: str, rows: int) -> None:
            self._count(table, rows - seen["rows"])
            seen["rows"] = rows

        return _Copier(cursor, model, columns, progress)

    def _post_created(self, index: int) -> float:
        """Posts are spread evenly over DAYS, ids in date order (as in life)."""
        n = self.size["posts"]
        step = DAYS * 86400 / n
        return self.now - DAYS * 86400 + index * step + (index * 7919 % 1000) / 1000 * step

    def _posts(self, cursor, start: int, end: int) -> None:
        """Posts start+1..end with their votes and tags; counters on the way."""
        rng = self.rng
        members = self.size["members"]
        mean_votes = self.size["post_votes"] / self.size["posts"]
        stride = 1_000_003 if members % 1_000_003 else 999_983
        count_posts = end - start
        communities = rng.choices(self.community_ids, cum_weights=self.community_cum, k=count_posts)
        authors = self._pick_members(count_posts)
        post_count = self.result["post_count"]
        tag_counts = self.result["tag_counts"]
        karma = self.result["post_karma"]
        self.post_meta = {}
        # One COPY at a time per connection: votes and tags wait in memory.
        vote_lines: list[str] = []
        tag_lines: list[str] = []
        # fmt: off
        columns = ["id", "community_id", "author_id", "title", "slug", "body_html", "body_text",
                   "link", "created", "last_activity_at", "is_deleted", "is_removed", "is_locked",
                   "is_pinned", "score", "upvotes", "downvotes", "comment_count", "hot"]
        # fmt: on
        with self._copier(cursor, Post, columns) as copier:
            for offset in range(count_posts):
                index = start + offset
                pk = index + 1
                created = self._post_created(index)
                community = communities[offset]
                author = authors[offset]
                # In a private community the author is one of its members.
                if community % 97 == 0:
                    author = self.community_members[community][0]
                post_count[community] = post_count.get(community, 0) + 1
                split = rng.randint(4, 10)
                words = self._words(split + rng.randint(15, 70))
                title = " ".join(words[:split]).capitalize()
                body = " ".join(words[split:]).capitalize() + "."
                # Votes: heavy-tailed count, distinct voters, never the author.
                count = min(int(rng.paretovariate(1.6) * mean_votes * 0.375), members - 1)
                share = rng.choice((0.55, 0.7, 0.8, 0.9, 0.95))
                up = down = 0
                voter = rng.randrange(members)
                stamp = _ts(created + 3600)
                for _ in range(count):
                    user = voter % members + 1
                    voter += stride
                    if user == author:
                        user = voter % members + 1
                        voter += stride
                    if rng.random() < share:
                        up += 1
                        vote_lines.append(f"1\t{stamp}\t{pk}\t{user}")
                    else:
                        down += 1
                        vote_lines.append(f"-1\t{stamp}\t{pk}\t{user}")
                score = up - down
                karma[author] = karma.get(author, 0) + score
                tags = {
                    rng.choices(self.tag_ids, cum_weights=self.tag_cum)[0]
                    for _ in range(rng.choice((0, 1, 1, 2, 3)))
                }
                for tag in tags:
                    tag_counts[tag] = tag_counts.get(tag, 0) + 1
                    tag_lines.append(f"{pk}\t{tag}")
                comments = self.comment_plan[index]
                last = min(created + comments * 600, self.now)
                copier.add(
                    f"{pk}\t{community}\t{author}\t{title}\t{'-'.join(words[:6])[:80]}\t"
                    f"<p>{body}</p>\t{body}\t\t{_ts(created)}\t{_ts(last)}\tf\tf\tf\tf\t"
                    f"{score}\t{up}\t{down}\t{comments}\t{hot(score, _dt(created))}"
                )
        # Vote and tag ids come from their identity columns.
        with self._copier(cursor, PostVote, ["value", "created", "post_id", "user_id"]) as copier:
            for line in vote_lines:
                copier.add(line)
        del vote_lines
        with self._copier(cursor, Post.tags.through, ["post_id", "tag_id"]) as copier:
            for line in tag_lines:
                copier.add(line)

    def _plan_comments(self, n: int) -> list[int]:
        """How many comments each post gets: most a few, a long tail, and the
        BIG_THREADS (2,000 and 500) on public posts of recent months."""
        rng = self.rng
        total = self.size["comments"]
        big = [size for size in BIG_THREADS if size * 10 <= total]
        budget = total - sum(big)
        mean = budget / n
        plan = [min(int(rng.paretovariate(1.4) * mean * 0.29), 400) for _ in range(n)]
        scale = budget / max(sum(plan), 1)
        plan = [int(count * scale + rng.random()) for count in plan]
        for offset, size in enumerate(big):
            plan[n - 1 - (offset + 1) * max(n // 50, 1)] = size
        return plan

    def _comments(self, cursor, start: int, end: int, comment_start: int) -> None:
        """The comments of posts start+1..end, ids from comment_start, as
        trees (materialized paths), with their votes."""
        rng = self.rng
        members = self.size["members"]
        total = sum(self.comment_plan[start:end])
        mean_votes = self.size["comment_votes"] / max(sum(self.comment_plan), 1)
        stride = 1_000_003 if members % 1_000_003 else 999_983
        karma = self.result["comment_karma"]
        vote_lines: list[str] = []
        comment_pk = comment_start - 1
        authors = self._pick_members(total + 1)
        next_author = 0
        columns = ["id", "post_id", "author_id", "parent_id", "path", "depth", "body_html",
                   "body_text", "created", "is_deleted", "is_removed", "score", "upvotes",
                   "downvotes", "reply_count"]  # fmt: skip
        with self._copier(cursor, Comment, columns) as copier:
            for index in range(start, end):
                count = self.comment_plan[index]
                if not count:
                    continue
                post = index + 1
                created = self._post_created(index)
                first = comment_pk + 1
                paths: list[str] = []
                depths: list[int] = []
                replies = [0] * count
                rows = []
                words = self._words(count * 14)
                for i in range(count):
                    comment_pk += 1
                    if i == 0 or rng.random() < 0.3:
                        parent = "\\N"
                        path = _segment(comment_pk)
                        depth = 0
                    else:
                        j = rng.randrange(i)
                        if depths[j] >= 200:
                            j = 0
                        parent = first + j
                        replies[j] += 1
                        path = paths[j] + _segment(comment_pk)
                        depth = depths[j] + 1
                    paths.append(path)
                    depths.append(depth)
                    author = authors[next_author]
                    next_author += 1
                    text = " ".join(words[i * 14 : i * 14 + rng.randint(5, 14)]).capitalize()
                    stamp = min(created + (i + 1) * 600, self.now)
                    votes = (
                        min(int(rng.expovariate(1 / mean_votes) + 0.5), 2000) if mean_votes else 0
                    )
                    up = down = 0
                    voter = rng.randrange(members)
                    when = _ts(stamp + 60)
                    for _ in range(votes):
                        user = voter % members + 1
                        voter += stride
                        if user == author:
                            user = voter % members + 1
                            voter += stride
                        if rng.random() < 0.8:
                            up += 1
                            vote_lines.append(f"1\t{when}\t{comment_pk}\t{user}")
                        else:
                            down += 1
                            vote_lines.append(f"-1\t{when}\t{comment_pk}\t{user}")
                    score = up - down
                    karma[author] = karma.get(author, 0) + score
                    rows.append(
                        f"{comment_pk}\t{post}\t{author}\t{parent}\t{path}\t{depth}\t"
                        f"<p>{text}</p>\t{text}\t{_ts(stamp)}\tf\tf\t{score}\t{up}\t{down}\t"
                    )
                for i, row in enumerate(rows):
                    copier.add(f"{row}{replies[i]}")
        with self._copier(
            cursor, CommentVote, ["value", "created", "comment_id", "user_id"]
        ) as copier:
            for line in vote_lines:
                copier.add(line)

    def _profiles(self, cursor) -> None:
        n = self.size["members"]
        created = _ts(self.now - DAYS * 86400 - 86400)
        self._phase("profiles", n)
        with _Copier(
            cursor,
            Profile,
            ["user_id", "display_name", "bio", "avatar", "website", "language", "timezone",
             "follower_count", "following_count", "post_karma", "comment_karma", "created",
             "updated"],
            self._progress,
        ) as copier:  # fmt: skip
            for pk in self.member_ids:
                copier.add(
                    f"{pk}\t{self.names[pk]}\t\t\t\t\t\t0\t0\t{self.post_karma.get(pk, 0)}\t"
                    f"{self.comment_karma.get(pk, 0)}\t{created}\t{created}"
                )
        self._phase_end("profiles", n)


def _dt(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)
