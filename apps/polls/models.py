"""A poll in a post: its options and the members' ballots.

One `PollBallot` per member and poll (a unique constraint: two votes sent
at once make one ballot), one `PollVote` per ballot and option (unique
too): a single-choice poll takes one option per ballot (the service's
rule), a multiple-choice poll any of its options once each. The counters
(`Poll.voter_count`, `PollOption.votes`) move with F() in the transaction
that writes the ballot, so they stay exact under concurrent votes.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.posts.models import Post

MIN_OPTIONS = 2
MAX_OPTIONS = 10
OPTION_MAX_LENGTH = 200


class Poll(models.Model):
    post = models.OneToOneField(
        Post, on_delete=models.CASCADE, related_name="poll", verbose_name=_("post")
    )
    # Translators: Label of a poll's setting: members may choose several options.
    multiple = models.BooleanField(_("multiple choice"), default=False)
    # Translators: Label of the date and time after which a poll takes no more votes.
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    # Members who voted (one ballot each), the base of the percentages.
    voter_count = models.PositiveIntegerField(_("voters"), default=0)
    # Translators: Admin column and field label: the date and time something was created (a past
    # participle, not a verb in the imperative).
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        # Translators: A noun: a question with options that members vote on.
        verbose_name = _("poll")
        verbose_name_plural = _("polls")

    def __str__(self) -> str:
        return self.post.title if self.post_id else f"#{self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.closes_at is not None and self.closes_at <= timezone.now()


class PollOption(models.Model):
    poll = models.ForeignKey(
        Poll, on_delete=models.CASCADE, related_name="options", verbose_name=_("poll")
    )
    # Translators: A noun: one of the answers of a poll.
    text = models.CharField(_("option"), max_length=OPTION_MAX_LENGTH)
    position = models.PositiveSmallIntegerField(_("position"))
    votes = models.PositiveIntegerField(_("votes"), default=0)

    class Meta:
        verbose_name = _("poll option")
        verbose_name_plural = _("poll options")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "position"], name="poll_option_position")
        ]

    def __str__(self) -> str:
        return self.text

    def percent_of(self, total: int) -> int:
        """This option's share of `total` voters, rounded, for the results bars."""
        return round(100 * self.votes / total) if total else 0


class PollBallot(models.Model):
    """A member's vote on a poll: one per member and poll."""

    poll = models.ForeignKey(
        Poll, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("poll")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="poll_ballots",
        verbose_name=_("member"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("poll ballot")
        verbose_name_plural = _("poll ballots")
        constraints = [models.UniqueConstraint(fields=["poll", "user"], name="poll_ballot_once")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.poll_id}"


class PollVote(models.Model):
    """One option chosen on a ballot."""

    ballot = models.ForeignKey(
        PollBallot, on_delete=models.CASCADE, related_name="votes", verbose_name=_("ballot")
    )
    option = models.ForeignKey(
        PollOption, on_delete=models.CASCADE, related_name="+", verbose_name=_("option")
    )

    class Meta:
        verbose_name = _("poll vote")
        verbose_name_plural = _("poll votes")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "option"], name="poll_vote_once_per_option")
        ]

    def __str__(self) -> str:
        return f"{self.ballot_id} → {self.option_id}"
