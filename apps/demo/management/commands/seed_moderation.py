"""Demo moderation (the last step of `seed_demo`, after the content): open
reports in the queues, a removed post and comment, a ban, a lock, a pin, a
dismissed report, a report about a member for the staff queue, and a staff
moderator login ("Moderators" group) for the admin.

Everything goes through apps.moderation.services, so the log is exactly
what the site would have written. Idempotent: each step looks for what it
made last time (its log entry or its report) and does nothing if found.
"""

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.comments.models import Comment
from apps.communities.models import Ban, Community, Membership
from apps.demo.management.commands.seed_members import DEMO_PASSWORD
from apps.moderation import services
from apps.moderation.groups import moderators_group
from apps.moderation.models import Action, ModerationAction, Report, ReportReason
from apps.posts.models import Post
from apps.posts.selectors import PINNED_MAX
from apps.profiles.services import profile_create

STAFF_MODERATOR = "samira"


class Command(BaseCommand):
    help = "Create demo reports, removals, bans and log entries (idempotent)."

    def handle(self, *args, **options):
        communities = {c.slug: c for c in Community.objects.filter(slug__in=self._slugs())}
        if len(communities) < len(self._slugs()):
            call_command("seed_content", stdout=self.stdout, stderr=self.stderr)
            communities = {c.slug: c for c in Community.objects.filter(slug__in=self._slugs())}
        self.made = 0
        with transaction.atomic():
            staff = self._staff_moderator()
            self._gardening(communities["gardening"])
            self._python(communities["python"])
            self._books(communities["books"])
            self._member_report()
        self.stdout.write(
            self.style.SUCCESS(f"Demo moderation ready: {self.made} new reports and actions.")
        )
        self.stdout.write(
            f"  staff moderator: {staff.username}  ({staff.email})  -> /admin/ "
            "(the Moderators group)"
        )

    def _slugs(self) -> list[str]:
        return ["gardening", "python", "books"]

    # --- people ---------------------------------------------------------------------

    def _staff_moderator(self) -> User:
        email = f"{STAFF_MODERATOR}@example.org"
        user, created = User.objects.get_or_create(
            username=STAFF_MODERATOR,
            defaults={"email": email, "password": make_password(DEMO_PASSWORD), "is_staff": True},
        )
        if created:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            profile = profile_create(user=user)
            profile.display_name = "Samira (staff moderator)"
            profile.save(update_fields=["display_name"])
            self.made += 1
        user.groups.add(moderators_group())
        return user

    def _bystanders(self, community: Community, *, exclude: set[int | None]) -> list[User]:
        """Members of `community` who may report there, in a stable order.
        `exclude` takes authors' ids as they come (nullable, though _posts
        picks posts with an author); a None matches no one, as in any `__in`."""
        excluded = {user_id for user_id in exclude if user_id is not None}
        banned = Ban.objects.filter(community=community).values("user_id")
        return list(
            User.objects.filter(memberships__community=community, is_active=True, is_staff=False)
            .exclude(pk__in=excluded)
            .exclude(pk__in=banned)
            .exclude(pk=community.owner_id)
            .order_by("id")[:6]
        )

    def _posts(self, community: Community) -> list[Post]:
        return list(
            Post.objects.filter(
                community=community, is_deleted=False, is_removed=False, is_pinned=False
            )
            .exclude(author=community.owner)
            .exclude(author__isnull=True)
            .select_related("community")
            .order_by("id")[:8]
        )

    def _done(self, community: Community | None, action: str) -> bool:
        return ModerationAction.objects.filter(community=community, action=action).exists()

    def _report(self, reporter: User, target, reason: str, details: str = "") -> Report | None:
        kind = "member" if isinstance(target, User) else type(target).__name__.lower()
        if Report.objects.filter(reporter=reporter, **{kind: target}).exists():
            return None
        report = services.report_create(
            reporter=reporter, target=target, reason=reason, details=details
        )
        self.made += 1
        return report

    # --- communities -------------------------------------------------------------------

    def _gardening(self, community: Community) -> None:
        owner = community.owner
        posts = self._posts(community)
        if len(posts) < 5:
            return
        if not self._done(community, Action.POST_REMOVED):
            services.post_remove(
                actor=owner,
                post=posts[0],
                reason="Advertising a seed shop: see rule 3 (no selling without the OK).",
            )
            self.made += 1
            posts = posts[1:]
        first, second, third = posts[0], posts[1], posts[2]
        people = self._bystanders(
            community, exclude={first.author_id, second.author_id, third.author_id}
        )
        if len(people) < 3:
            return
        self._report(people[0], first, ReportReason.SPAM, "Same link posted in three threads.")
        self._report(people[1], first, ReportReason.RULES, "Selling seeds without asking.")
        self._report(people[2], second, ReportReason.MISINFORMATION, "This will kill the plants.")
        comment = (
            Comment.objects.filter(post__community=community, is_deleted=False, is_removed=False)
            .exclude(author__in=[people[0].pk, owner.pk])
            .exclude(author__isnull=True)
            .select_related("post__community")
            .order_by("id")
            .first()
        )
        if comment is not None:
            self._report(people[0], comment, ReportReason.HARASSMENT, "Mocking a beginner.")
        if not self._done(community, Action.REPORT_DISMISSED):
            report = self._report(people[1], third, ReportReason.OTHER, "Not sure it's allowed?")
            if report is not None:
                services.report_dismiss(
                    actor=owner, report=report, note="Allowed: it is a swap, not a sale."
                )

    def _python(self, community: Community) -> None:
        owner = community.owner
        posts = self._posts(community)
        if posts and not self._done(community, Action.POST_LOCKED):
            services.post_lock(actor=owner, post=posts[-1], reason="The thread went off the rails.")
            self.made += 1
        if not self._done(community, Action.COMMENT_REMOVED):
            comment = (
                Comment.objects.filter(
                    post__community=community, is_deleted=False, is_removed=False
                )
                .exclude(author=owner)
                .select_related("post__community")
                .order_by("-id")
                .first()
            )
            if comment is not None:
                services.comment_remove(
                    actor=owner, comment=comment, reason="Personal attack: be kind, see rule 1."
                )
                self.made += 1
        if posts:
            people = self._bystanders(community, exclude={posts[0].author_id})
            if people:
                self._report(people[-1], posts[0], ReportReason.SPAM, "Affiliate links.")

    def _books(self, community: Community) -> None:
        owner = community.owner
        if not self._done(community, Action.MEMBER_BANNED):
            target = (
                Membership.objects.filter(community=community, is_moderator=False)
                .exclude(user=owner)
                .exclude(user__username__in=["alice", "bruno"])
                .order_by("-id")
                .first()
            )
            if target is not None:
                services.member_ban(
                    actor=owner,
                    community=community,
                    member=target.user,
                    reason="Spoilers without warning, again.",
                    expires_at=timezone.now() + timedelta(days=7),
                )
                self.made += 1
        if not self._done(community, Action.POST_PINNED):
            pinned = Post.objects.filter(community=community, is_pinned=True).count()
            posts = self._posts(community)
            if posts and pinned < PINNED_MAX:
                services.post_pin(actor=owner, post=posts[0], reason="Book club of the month.")
                self.made += 1

    def _member_report(self) -> None:
        reporter = User.objects.filter(username="bruno").first()
        target = (
            User.objects.filter(is_active=True, is_staff=False)
            .exclude(username__in=["alice", "bruno"])
            .order_by("-id")
            .first()
        )
        if reporter is not None and target is not None:
            self._report(
                reporter,
                target,
                ReportReason.IMPERSONATION,
                "Uses the name and photo of a well-known author.",
            )
