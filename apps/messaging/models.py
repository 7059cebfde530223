"""Private conversations between exactly two members.

A Conversation is the pair, stored in order (`member_low` has the smaller
id), so "one conversation per pair" is a plain unique constraint whoever
writes first. Each member's view of it lives in their own Participant row:
when they last read it, how many messages wait unread (a counter kept with
F() by the send service, so the list page needs no COUNT per row), and
`hidden_before` ("delete for yourself": messages up to then are gone for
them only). `last_message_at` is copied on both rows, so a member's list is
one index walk (participant_list_idx), newest activity first.

Bodies are sanitized HTML (the comment allowlist, apps.core.html) plus
their plain text (previews, the report queue, emails).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Conversation(models.Model):
    member_low = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("member"),
        db_index=False,  # conversation_pair_once leads with it
    )
    member_high = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("member"),
    )
    # Translators: Admin column and field label: the date and time something was created (a past
    # participle, not a verb in the imperative).
    created = models.DateTimeField(_("created"), default=timezone.now)
    last_message = models.ForeignKey(
        "Message",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last message"),
    )

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        constraints = [
            models.UniqueConstraint(
                fields=["member_low", "member_high"], name="conversation_pair_once"
            ),
            models.CheckConstraint(
                condition=Q(member_low__lt=F("member_high")), name="conversation_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"conversation {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("messaging:conversation", args=[self.pk])

    def other_id(self, user_id: int) -> int:
        return self.member_high_id if user_id == self.member_low_id else self.member_low_id


class Participant(models.Model):
    """One member's side of a conversation: what they read and what they hid."""

    conversation = models.ForeignKey(
        Conversation,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("conversation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="conversation_links",
        verbose_name=_("member"),
        db_index=False,  # participant_once and participant_list_idx lead with it
    )
    other = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        # Translators: Admin field: the other member of a private conversation (“conversation
        # with”).
        verbose_name=_("with"),
    )
    last_message_at = models.DateTimeField(_("last message"), default=timezone.now)
    last_read_at = models.DateTimeField(_("last read"), null=True, blank=True)
    unread_count = models.PositiveIntegerField(_("unread messages"), default=0)
    hidden_before = models.DateTimeField(_("deleted up to"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["user", "conversation"], name="participant_once"),
        ]
        indexes = [
            models.Index(fields=["user", "-last_message_at", "-id"], name="participant_list_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.conversation_id}"


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("conversation"),
        db_index=False,  # message_thread_idx leads with it
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="messages_sent",
        verbose_name=_("sender"),
    )
    body_html = models.TextField(_("message"))
    # Translators: A noun: the text of a private message.
    body_text = models.TextField(_("text"))
    # Translators: Admin column and field label: the date and time a private message was sent (a
    # past participle).
    created = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("private message")
        verbose_name_plural = _("private messages")
        indexes = [
            models.Index(fields=["conversation", "-created", "-id"], name="message_thread_idx"),
        ]

    def __str__(self) -> str:
        return f"message {self.pk}"
