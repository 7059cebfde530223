"""`make run`'s demo data: runs each seeding step in order.

Every step is idempotent, so running this twice changes nothing. The steps
are commands of this app (apps.demo, at the top of the layers: it writes
through every feature app's models and services), each usable alone.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

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
        for step in STEPS:
            call_command(step, stdout=self.stdout, stderr=self.stderr)
