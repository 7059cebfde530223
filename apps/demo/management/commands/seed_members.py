"""Demo members with profiles and follows (a step of `seed_demo`).

Idempotent: running it again creates nothing new. Later features extend
this command with their own data.
"""

import random

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction

from apps.accounts.models import User
from apps.core.html import rich_text_html
from apps.profiles.models import Profile
from apps.profiles.services import follow_create, profile_create

DEMO_PASSWORD = "quorum-demo-2026"  # noqa: S105 - printed on purpose for local demos

FIRST_NAMES = [
    "Alice",
    "Bruno",
    "Chiara",
    "Dmitri",
    "Esther",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kemal",
    "Lena",
    "Mateo",
    "Nadia",
    "Oskar",
    "Priya",
    "Quentin",
    "Rosa",
    "Samir",
    "Tove",
    "Ugo",
    "Valeria",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoe",
    "Amara",
    "Björn",
    "Camille",
    "Diego",
    "Elif",
    "Femi",
    "Giulia",
    "Hannah",
    "Ivan",
    "Jia",
    "Kofi",
    "Leila",
    "Marek",
    "Noor",
    "Olga",
    "Pablo",
    "Rania",
    "Sven",
    "Tariq",
    "Uma",
    "Viktor",
    "Yara",
    "Zainab",
    "Lucas",
]
LAST_NAMES = [
    "Moreau",
    "Silva",
    "Rossi",
    "Ivanova",
    "Cohen",
    "Haddad",
    "Hopper",
    "Tanaka",
    "García",
    "Berg",
    "Yılmaz",
    "Fischer",
    "López",
    "Khalil",
    "Lund",
    "Sharma",
]
BIOS = [
    "Gardener, cyclist and occasional baker of very flat bread.",
    "I write about cities, trains and the people who keep them running.",
    "Amateur astronomer. Ask me about the Moon.",
    "Teacher by day, chess blunderer by night.",
    "Learning Arabic one verb at a time.",
    "Photographer of doors, windows and cats sitting in them.",
    'Backend developer. <a href="https://www.postgresql.org/">Postgres</a> fan. '
    "<strong>Tea</strong> over coffee.",
    "Reading my way through every Booker shortlist.",
    "",
]
TIME_ZONES = [
    "Europe/Paris",
    "America/Sao_Paulo",
    "Asia/Tokyo",
    "Africa/Cairo",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "",
]
LANGUAGES = ["en", "es", ""]


def demo_username(index: int) -> str:
    """The username of the demo's member number `index` (from 0)."""
    if index < 2:
        return ("alice", "bruno")[index]
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    return f"{first.lower().replace('ö', 'o').replace('ı', 'i')}{index + 1}"


def demo_usernames(count: int = 1000) -> list[str]:
    """The usernames seed_members gives its first `count` members: how later
    steps tell the demo's accounts from people who signed up."""
    return [demo_username(index) for index in range(count)]


class Command(BaseCommand):
    help = "Create demo members, profiles and follows (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=50)

    def handle(self, *args, **options):
        rng = random.Random(2026)
        # Hash once: Argon2 is deliberately slow, and every demo member shares it.
        password_hash = make_password(DEMO_PASSWORD)
        with transaction.atomic():
            members = self._members(rng, options["members"], password_hash)
            staff = self._staff(password_hash)
            # Its own generator: the follow graph is the same on every run.
            follows = self._follows(random.Random(7), members)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready: {len(members)} members, {follows} new follows.")
        )
        self.stdout.write(f"Demo logins (username or email, password for all: {DEMO_PASSWORD}):")
        self.stdout.write(f"  member:  {members[0].username}  ({members[0].email})")
        self.stdout.write(f"  member:  {members[1].username}  ({members[1].email})")
        self.stdout.write(f"  staff:   {staff.username}  ({staff.email})  -> /admin/")

    def _members(self, rng, count, password_hash) -> list[User]:
        members = []
        for index in range(count):
            first = FIRST_NAMES[index % len(FIRST_NAMES)]
            last = LAST_NAMES[index % len(LAST_NAMES)]
            username = demo_username(index)
            user = self._user(username, password_hash)
            if not Profile.objects.filter(user=user).exists():
                profile = profile_create(
                    user=user,
                    language=rng.choice(LANGUAGES),
                    timezone=rng.choice(TIME_ZONES),
                )
                profile.display_name = f"{first} {last}"
                # Stored as the profile service stores it: the comments' HTML.
                profile.bio = rich_text_html(rng.choice(BIOS))
                profile.save(update_fields=["display_name", "bio"])
            members.append(user)
        return members

    def _user(self, username: str, password_hash: str, **extra) -> User:
        email = f"{username}@example.org"
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": email, "password": password_hash, **extra}
        )
        if created:
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    def _staff(self, password_hash: str) -> User:
        user = self._user("staffmod", password_hash, is_staff=True, is_superuser=True)
        if not Profile.objects.filter(user=user).exists():
            profile_create(user=user)
            Profile.objects.filter(user=user).update(display_name="Site staff")
        return user

    def _follows(self, rng, members) -> int:
        created = 0
        for follower in members:
            for followee in rng.sample(members, k=min(8, len(members))):
                if followee.pk != follower.pk and follow_create(
                    follower=follower, followee=followee
                ):
                    created += 1
        return created
