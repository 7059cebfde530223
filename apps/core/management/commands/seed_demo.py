"""`make run`'s demo data: runs each feature's seeding step in order.

Every step is idempotent, so running this twice changes nothing. core does
not import the feature apps: each step is a management command of its own
app, called by name.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

STEPS = [
    "seed_members",  # apps.profiles: members, profiles, follows, demo logins
    "seed_content",  # apps.posts: communities, memberships, posts, tags, post votes
    "seed_discussions",  # apps.comments: threads, comment votes (after seed_content)
    "seed_moderation",  # apps.moderation: reports, removals, bans, the log (last)
]


class Command(BaseCommand):
    help = "Load the demo data set (idempotent)."

    def handle(self, *args, **options):
        for step in STEPS:
            call_command(step, stdout=self.stdout, stderr=self.stderr)
