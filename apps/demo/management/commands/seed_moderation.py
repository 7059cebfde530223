"""Demo moderation (the last step of `seed_demo`, after the content): open
reports in the queues, a removed post and comment, a ban, a lock, a pin, a
dismissed report, a report about a member for the staff queue, and a staff
moderator login ("Moderators" group) for the admin.

Everything goes through apps.moderation.services, so the log is exactly
what the site would have written. Only the demo's own posts and comments are
reported or moderated (apps/demo/content names the ones written to deserve
it: an advert, bad advice, a personal attack); posts members wrote are never
touched. Idempotent: each step looks for what it made last time (its log
entry or its report) and does nothing if found.
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
from apps.demo.content import demo_titles, gardening, python
from apps.demo.management.commands.seed_members import DEMO_PASSWORD, demo_usernames
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
        """The demo's own posts of `community` that moderators may still act on."""
        return list(
            Post.objects.filter(
                community=community,
                title__in=demo_titles(community.slug),
                is_deleted=False,
                is_removed=False,
                is_pinned=False,
            )
            .exclude(author=community.owner)
            .exclude(author__isnull=True)
            .select_related("community")
            .order_by("id")
        )

    def _post(self, community: Community, title: str) -> Post | None:
        """The demo's post `title` (removed or not: who its author is decides
        who reports, the same on every run)."""
        return (
            Post.objects.filter(community=community, title=title, is_deleted=False)
            .exclude(author__isnull=True)
            .select_related("community")
            .order_by("id")
            .first()
        )

    def _comment(self, community: Community, text: str) -> Comment | None:
        """The demo's comment `text` in `community`, if still shown."""
        return (
            Comment.objects.filter(
                post__community=community,
                post__title__in=demo_titles(community.slug),
                body_text=text,
                is_deleted=False,
                is_removed=False,
            )
            .select_related("post__community")
            .first()
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
        advert = self._post(community, gardening.ADVERT_TITLE)
        advice = self._post(community, gardening.BAD_ADVICE_TITLE)
        swap = self._post(community, gardening.SWAP_TITLE)
        authors = {post.author_id for post in (advert, advice, swap) if post is not None}
        people = self._bystanders(community, exclude=authors)
        if len(people) < 4:
            return
        if (
            advert is not None
            and not advert.is_removed
            and not self._done(community, Action.POST_REMOVED)
        ):
            # Reported twice, then removed: the removal closes both reports.
            self._report(people[0], advert, ReportReason.SPAM, "Same link posted in three threads.")
            self._report(people[1], advert, ReportReason.RULES, "Selling seeds without asking.")
            services.post_remove(
                actor=owner,
                post=advert,
                reason="Advertising a seed shop: see rule 3 (no selling without the OK).",
            )
            self.made += 1
        if advice is not None and not advice.is_removed:
            self._report(people[2], advice, ReportReason.MISINFORMATION, "Diesel poisons the soil.")
            self._report(people[3], advice, ReportReason.OTHER, "Dangerous, and illegal here.")
        rude = self._comment(community, gardening.RUDE_REPLY)
        if rude is not None and rude.author_id != people[0].pk:
            self._report(people[0], rude, ReportReason.HARASSMENT, "Mocking a beginner.")
        if (
            swap is not None
            and not swap.is_removed
            and not self._done(community, Action.REPORT_DISMISSED)
        ):
            report = self._report(people[1], swap, ReportReason.OTHER, "Not sure it's allowed?")
            if report is not None:
                services.report_dismiss(
                    actor=owner, report=report, note="Allowed: it is a swap, not a sale."
                )

    def _python(self, community: Community) -> None:
        owner = community.owner
        heated = self._post(community, python.HEATED_TITLE)
        if (
            heated is not None
            and not heated.is_removed
            and not self._done(community, Action.POST_LOCKED)
        ):
            services.post_lock(actor=owner, post=heated, reason="The thread went off the rails.")
            self.made += 1
        attack = self._comment(community, python.PERSONAL_ATTACK)
        if attack is not None and not self._done(community, Action.COMMENT_REMOVED):
            services.comment_remove(
                actor=owner, comment=attack, reason="Personal attack: be kind, see rule 1."
            )
            self.made += 1
        affiliate = self._post(community, python.AFFILIATE_TITLE)
        if affiliate is not None and not affiliate.is_removed:
            people = self._bystanders(community, exclude={affiliate.author_id})
            if people:
                self._report(people[-1], affiliate, ReportReason.SPAM, "Affiliate links.")

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
        """bruno reports one of the demo's members (never someone who signed up)."""
        reporter = User.objects.filter(username="bruno").first()
        if reporter is None or Report.objects.filter(reporter=reporter, member__isnull=False):
            return
        target = (
            User.objects.filter(is_active=True, is_staff=False, username__in=demo_usernames()[2:])
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
