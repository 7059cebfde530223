"""`make run`'s demo data: runs each seeding step in order.

Every step is idempotent, so running this twice changes nothing. The steps
are commands of this app (apps.demo, at the top of the layers: it writes
through every feature app's models and services), each usable alone.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

STEPS = [
    "seed_members",  # members, profiles, follows, demo logins
    "seed_content",  # communities, memberships, posts, tags, post votes
    "seed_discussions",  # threads, comment votes (after seed_content)
    "seed_moderation",  # reports, removals, bans, the log
    "seed_inbox",  # replies, a mention, a follower, a removal, a conversation (last)
]


class Command(BaseCommand):
    help = "Load the demo data set (idempotent)."

    def handle(self, *args, **options):
        # The pretend members act in a burst that the per-member rate limits
        # (apps.core.ratelimit) would refuse, and their counters outlive a
        # fresh database: the demo is not a person, so no action limits here.
        with override_settings(QUORUM_RATE_LIMITS_ENABLED=False):
            for step in STEPS:
                call_command(step, stdout=self.stdout, stderr=self.stderr)
