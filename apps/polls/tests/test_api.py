from datetime import UTC, datetime, timedelta

import pytest
from rest_framework.test import APIClient

from apps.api.services import token_create
from apps.polls.models import Poll, PollBallot
from apps.polls.services import poll_vote
from apps.posts.models import Post
from conftest import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _api_rates(settings):
    rates = {"anon": "10000/min", "member": "10000/min", "member_write": "10000/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


def api_for(user) -> APIClient:
    _token, raw = token_create(user=user, name="tests", scopes=("read", "write"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def option_ids(poll) -> list[int]:
    return list(poll.options.values_list("pk", flat=True))


def test_publishing_a_post_with_a_poll(member, community):
    closes = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    response = api_for(member).post(
        "/api/v1/polls/",
        {
            "community": "gardening",
            "title": "Which tomato?",
            "options": ["Cherry", "Roma"],
            "multiple": True,
            "closes_at": closes,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["post"]["title"] == "Which tomato?"
    assert body["poll"]["question"] == "Which tomato?" and body["poll"]["multiple"] is True
    assert [o["text"] for o in body["poll"]["options"]] == ["Cherry", "Roma"]
    assert body["poll"]["options"][0]["votes"] is None


@pytest.mark.parametrize(
    "options", [["Cherry", "cherry"], ["Cherry", "  "], [f"o{i}" for i in range(11)], ["one"]]
)
def test_a_refused_poll_publishes_no_post(member, community, options):
    response = api_for(member).post(
        "/api/v1/polls/",
        {"community": "gardening", "title": "Which?", "options": options},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"].get("options")
    assert not Post.objects.exists() and not Poll.objects.exists()


def test_reading_a_poll_hides_counts_until_you_vote(other_member, post, poll):
    poll_vote(user=make_member("early"), poll=poll, option_ids=option_ids(poll)[:1])
    api = api_for(other_member)
    before = api.get(f"/api/v1/posts/{post.pk}/poll/").json()
    assert before["voter_count"] is None and before["your_choices"] is None
    voted = api.post(
        f"/api/v1/posts/{post.pk}/poll/vote/", {"options": option_ids(poll)[1:2]}, format="json"
    )
    assert voted.status_code == 200, voted.json()
    assert voted.json()["voter_count"] == 2
    assert voted.json()["your_choices"] == option_ids(poll)[1:2]
    assert [o["votes"] for o in voted.json()["options"]] == [1, 1, 0]


def test_voting_twice_is_a_400(other_member, post, poll):
    api = api_for(other_member)
    url = f"/api/v1/posts/{post.pk}/poll/vote/"
    assert api.post(url, {"options": option_ids(poll)[:1]}, format="json").status_code == 200
    again = api.post(url, {"options": option_ids(poll)[1:2]}, format="json")
    assert again.status_code == 400
    assert PollBallot.objects.count() == 1


def test_a_post_without_a_poll_is_a_404(member, post):
    assert api_for(member).get(f"/api/v1/posts/{post.pk}/poll/").status_code == 404


def test_banned_member_gets_a_403(banned_member, post, poll):
    response = api_for(banned_member).post(
        f"/api/v1/posts/{post.pk}/poll/vote/", {"options": option_ids(poll)[:1]}, format="json"
    )
    assert response.status_code == 403
