"""Writes for polls. Keyword-only, atomic, validated; the rules are
apps.polls.policies.

`poll_create` adds a poll to a post its author just wrote (the submit
page and the API call it in the transaction of `post_create`, so a refused
poll publishes nothing). `poll_vote` writes one ballot: the database's
unique constraint on (poll, member) decides between two votes sent at once,
and the counters move with F() in the same transaction.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.accounts.types import Actor
from apps.communities.models import Community
from apps.core.refusals import raise_refusal
from apps.posts import services as post_services
from apps.posts.models import Post

from . import policies, selectors
from .models import Poll, PollBallot, PollOption, PollVote


@dataclass(frozen=True)
class PollInput:
    options: list[str]
    multiple: bool
    closes_at: datetime | None


def clean_option(text: str | None) -> str:
    """An option on one line: whitespace trimmed and collapsed."""
    return " ".join((text or "").split())


def clean_poll_input(
    *, options: Sequence[str], multiple: bool = False, closes_at: datetime | None = None
) -> PollInput:
    """The poll's input checked, or one ValidationError naming each wrong
    field (`options`, `closes_at`). No query: the submit page calls it
    before publishing the post."""
    cleaned = [clean_option(option) for option in options]
    errors: dict[str, ValidationError] = {}
    for field, refusal in (
        ("options", policies.options_refusal(cleaned)),
        ("closes_at", policies.closes_at_refusal(closes_at)),
    ):
        if refusal is not None:
            errors[field] = ValidationError(refusal[1], code=refusal[0])
    if errors:
        raise ValidationError(errors)
    return PollInput(options=cleaned, multiple=bool(multiple), closes_at=closes_at)


@transaction.atomic
def poll_create(
    *,
    actor: Actor,
    post: Post,
    options: list[str],
    multiple: bool = False,
    closes_at: datetime | None = None,
) -> Poll:
    """Add a poll to `post` (its author only; one poll per post): 2 to 10
    distinct options, single or multiple choice, optionally closing at
    `closes_at`. Nothing is saved when anything is refused."""
    raise_refusal(policies.poll_create_refusal(actor, post))
    data = clean_poll_input(options=options, multiple=multiple, closes_at=closes_at)
    try:
        with transaction.atomic():
            poll = Poll.objects.create(post=post, multiple=data.multiple, closes_at=data.closes_at)
    except IntegrityError:
        message = _("This post already has a poll.")
        raise ValidationError({"options": ValidationError(message, code="exists")}) from None
    PollOption.objects.bulk_create(
        PollOption(poll=poll, text=text, position=position)
        for position, text in enumerate(data.options, start=1)
    )
    return poll


@transaction.atomic
def post_with_poll_create(
    *,
    author: User,
    community: Community,
    poll: PollInput,
    idempotency_key: str = "",
    client_ip: str | None = None,
    **post_fields: Any,
) -> Post:
    """Publish a post carrying a poll (the post's title is its question), in
    one transaction: a refused poll publishes nothing. `poll` comes from
    clean_poll_input (the submit page checks it first, to show every mistake
    at once); `post_fields` are post_create's (title, body, link, tags,
    language). The same request sent twice returns the first post, which
    already has its poll."""
    post = post_services.post_create(
        author=author,
        community=community,
        idempotency_key=idempotency_key,
        client_ip=client_ip,
        **post_fields,
    )
    if not selectors.has_poll(post):
        poll_create(
            actor=author,
            post=post,
            options=poll.options,
            multiple=poll.multiple,
            closes_at=poll.closes_at,
        )
    return post


def _option_ids(raw: Iterable[int | str]) -> list[int]:
    """The chosen ids, each once, in the order sent; something that is not
    an id is refused as an option of another poll."""
    ids: list[int] = []
    for value in raw:
        try:
            option_id = int(value)
        except (TypeError, ValueError):
            option_id = 0
        if option_id not in ids:
            ids.append(option_id)
    return ids


@transaction.atomic
def poll_vote(*, user: User, poll: Poll, option_ids: list[int]) -> Poll:
    """Cast `user`'s ballot on `poll` (its post and community loaded): one
    option, or several on a multiple-choice poll, once. Refused when the
    member may not vote (policies.vote_refusal), has voted already, or
    chose no option, an option of another poll or several on a
    single-choice poll; nothing is counted then. Returns the poll with its
    new counts."""
    raise_refusal(policies.vote_refusal(user, poll), input_codes=policies.INPUT_REFUSALS)
    chosen = _option_ids(option_ids)
    poll_option_ids = set(poll.options.values_list("pk", flat=True))
    raise_refusal(
        policies.choice_refusal(poll, chosen, poll_option_ids),
        input_codes=policies.INPUT_REFUSALS,
    )
    try:
        with transaction.atomic():
            ballot = PollBallot.objects.create(poll=poll, user=user)
    except IntegrityError:
        code, message = policies.already_voted()
        raise ValidationError(message, code=code) from None
    PollVote.objects.bulk_create(PollVote(ballot=ballot, option_id=pk) for pk in chosen)
    # The poll's row first: its lock orders concurrent ballots, so the option
    # rows are never locked in two orders at once (no deadlock).
    Poll.objects.filter(pk=poll.pk).update(voter_count=F("voter_count") + 1)
    PollOption.objects.filter(pk__in=chosen).update(votes=F("votes") + 1)
    poll.refresh_from_db(fields=["voter_count"])
    return poll
