from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

SLUG_MIN_LENGTH = 3
SLUG_MAX_LENGTH = 40

# Lowercase ASCII letters, digits and single inner hyphens, 3 to 40 characters:
# the address is part of every URL of the community, so it stays plain.
community_slug_validator = RegexValidator(
    r"\A[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,39}\Z",
    _("Use 3 to 40 lowercase letters, digits and hyphens; start and end with a letter or digit."),
    code="invalid_slug",
)


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone reads, members post")
    RESTRICTED = "restricted", _("Restricted: anyone reads, approved members post")
    PRIVATE = "private", _("Private: only members read and post")


class CommunityQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CommunityQuerySet":
        """Communities `user` may read: public and restricted ones, and private
        ones they belong to. The one rule every listing and count uses."""
        if user is not None and user.is_authenticated:
            if user.is_staff:
                return self
            member = Membership.objects.filter(community=OuterRef("pk"), user=user)
            return self.filter(~Q(visibility=Visibility.PRIVATE) | Exists(member))
        return self.exclude(visibility=Visibility.PRIVATE)

    def with_membership(self, user) -> "CommunityQuerySet":
        """Annotate `is_member` (the viewer's membership) in the same query."""
        if user is None or not user.is_authenticated:
            return self.annotate(is_member=models.Value(False, output_field=models.BooleanField()))
        member = Membership.objects.filter(community=OuterRef("pk"), user=user)
        return self.annotate(is_member=Exists(member))


class Community(models.Model):
    slug = models.SlugField(
        _("address"),
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        validators=[community_slug_validator],
        error_messages={"unique": _("A community with this address already exists.")},
        help_text=_("Part of the community's web address: /c/<address>/. It cannot change."),
    )
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    rules = models.TextField(_("rules"), max_length=5000, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_communities",
        verbose_name=_("owner"),
    )
    # Denormalized counters, only ever changed with F() by the services:
    # member_count = Membership rows; post_count = posts not deleted by their author.
    member_count = models.PositiveIntegerField(_("members"), default=0)
    post_count = models.PositiveIntegerField(_("posts"), default=0)
    # Translators: Admin column and field label: the date and time something was created (a past
    # participle, not a verb in the imperative).
    created = models.DateTimeField(_("created"), default=timezone.now)

    objects = CommunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        constraints = [
            # "Python" and "python" would be two pages that look the same.
            models.UniqueConstraint(
                Lower("slug"),
                name="community_slug_ci_unique",
                violation_error_message=_("A community with this address already exists."),
            ),
        ]
        indexes = [
            models.Index(fields=["-member_count", "-id"], name="community_members_idx"),
            models.Index(fields=["-created", "-id"], name="community_new_idx"),
            models.Index(fields=["name", "id"], name="community_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("communities:detail", args=[self.slug])


class Membership(models.Model):
    """A member of a community; moderators are members with is_moderator.
    The owner is always a moderator member too."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("community")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("member"),
    )
    is_moderator = models.BooleanField(_("moderator"), default=False)
    is_approved = models.BooleanField(
        _("approved to post"),
        default=True,
        help_text=_("Restricted communities: only approved members may post."),
    )
    # Translators: Admin column and field label: the date and time a member joined (a past
    # participle).
    created = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="membership_once"),
        ]
        indexes = [
            models.Index(fields=["user", "community"], name="membership_user_idx"),
            # The Members page: a community's members, newest first (keyset),
            # and those of a restricted community waiting for approval.
            models.Index(fields=["community", "-created", "-id"], name="membership_list_idx"),
            models.Index(
                fields=["community", "-created", "-id"],
                condition=Q(is_approved=False),
                name="membership_pending_idx",
            ),
            models.Index(
                fields=["community"],
                condition=Q(is_moderator=True),
                name="membership_moderators_idx",
            ),
        ]

    def __str__(self) -> str:
        # Translators: Admin label of a membership; %(member)s is a username, %(community)s a
        # community's name.
        return gettext("%(member)s in %(community)s") % {
            "member": self.user,
            "community": self.community,
        }


class BanQuerySet(models.QuerySet):
    def active(self, at=None) -> "BanQuerySet":
        at = at or timezone.now()
        return self.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=at))


class Ban(models.Model):
    """A member banned from one community: cannot post, comment or vote there."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="bans", verbose_name=_("community")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_bans",
        verbose_name=_("member"),
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    # Translators: Admin column and field label: the date and time something stops being valid (a
    # verb, 3rd person).
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    banned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("banned by"),
    )
    # Translators: Admin column and field label: the date and time something was created (a past
    # participle, not a verb in the imperative).
    created = models.DateTimeField(_("created"), default=timezone.now)

    objects = BanQuerySet.as_manager()

    class Meta:
        # Translators: A noun: a member's ban from a community.
        verbose_name = _("ban")
        verbose_name_plural = _("bans")
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="ban_once"),
        ]

    def __str__(self) -> str:
        # Translators: Admin label of a ban; %(member)s is a username, %(community)s a community's
        # name.
        return gettext("%(member)s banned from %(community)s") % {
            "member": self.user,
            "community": self.community,
        }

    @property
    def is_active(self) -> bool:
        return self.expires_at is None or self.expires_at > timezone.now()


class JoinRequest(models.Model):
    """A member asking to join a private community, waiting for one of its
    moderators (apps.communities.services.membership_approve makes it a
    membership, membership_refuse drops it). A restricted community needs
    no request: its new members hold a membership with is_approved False.
    A request gives no right to read: the private community stays closed
    until it becomes a membership."""

    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("community"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("member"),
    )
    # Translators: Admin column and field label: the date and time something was asked for (a past
    # participle).
    created = models.DateTimeField(_("requested"), default=timezone.now)

    class Meta:
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="join_request_once"),
        ]
        indexes = [
            # The Members page: a community's requests, newest first (keyset).
            models.Index(fields=["community", "-created", "-id"], name="join_request_queue_idx"),
        ]

    def __str__(self) -> str:
        # Translators: Admin label of a join request; %(member)s is a username, %(community)s a
        # community's name.
        return gettext("%(member)s asks to join %(community)s") % {
            "member": self.user,
            "community": self.community,
        }
