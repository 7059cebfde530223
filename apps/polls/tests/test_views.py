from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.communities.tests.conftest import add_member
from apps.polls.models import Poll, PollBallot, PollOption
from apps.polls.services import poll_vote
from apps.posts.models import Post
from apps.posts.tests.factories import make_post
from conftest import make_member

from .factories import make_poll

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def vote_url(post) -> str:
    return reverse("polls:vote", args=[post.community.slug, post.pk])


def submit_url(community) -> str:
    return reverse("polls:submit", args=[community.slug])


def option_ids(poll) -> list[int]:
    return list(poll.options.values_list("pk", flat=True))


def poll_form(**fields) -> dict:
    data = {"title": "Which tomato?", "body": "", "link": "", "tags": "", "language": "en"}
    return {**data, **fields}


# --- creating ------------------------------------------------------------------------


def test_the_submit_page_links_to_the_poll_form(client, member, community):
    client.force_login(member)
    response = client.get(reverse("posts:submit", args=[community.slug]))
    assert submit_url(community) in response.content.decode()


def test_the_poll_form_renders_ten_option_inputs(client, member, community):
    client.force_login(member)
    text = client.get(submit_url(community)).content.decode()
    assert text.count('name="option_') == 10
    assert 'name="closes_at"' in text and 'name="multiple"' in text


def test_publishing_a_poll_makes_the_post_and_its_options(client, member, community):
    client.force_login(member)
    data = poll_form(option_1="Cherry", option_2="", option_3="Roma", multiple="on")
    response = client.post(submit_url(community), data)
    post = Post.objects.get()
    assert response.status_code == 302 and response["Location"] == post.get_absolute_url()
    assert post.poll.multiple is True
    assert [o.text for o in post.poll.options.all()] == ["Cherry", "Roma"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"option_1": "Cherry"}, "at least 2 options"),
        ({"option_1": "Cherry", "option_2": "cherry "}, "different from the others"),
    ],
)
def test_a_refused_poll_publishes_nothing(client, member, community, options, message):
    client.force_login(member)
    response = client.post(submit_url(community), poll_form(**options))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Post.objects.exists() and not Poll.objects.exists()


def test_a_closing_time_in_the_past_is_shown_on_its_field(client, member, community):
    client.force_login(member)
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    data = poll_form(option_1="a", option_2="b", closes_at=past)
    response = client.post(submit_url(community), data)
    assert "The closing time must be in the future." in response.content.decode()
    assert not Post.objects.exists()


def test_a_member_who_cannot_post_gets_a_403(client, banned_member, community):
    client.force_login(banned_member)
    response = client.post(submit_url(community), poll_form(option_1="a", option_2="b"))
    assert response.status_code == 403
    assert not Post.objects.exists()


# --- voting ----------------------------------------------------------------------------


def test_plain_vote_redirects_back_and_counts(client, other_member, post, poll):
    client.force_login(other_member)
    response = client.post(vote_url(post), {"option": option_ids(poll)[1]})
    assert response.status_code == 302 and response["Location"] == post.get_absolute_url()
    assert PollOption.objects.get(pk=option_ids(poll)[1]).votes == 1


def test_htmx_vote_answers_the_results_block(client, other_member, post, poll):
    client.force_login(other_member)
    response = client.post(vote_url(post), {"option": option_ids(poll)[0]}, **HTMX)
    text = response.content.decode()
    assert response.status_code == 200
    assert f'id="poll-{poll.pk}"' in text
    assert "1 vote (100%)" in text and "your choice" in text
    assert "<form" not in text


def test_htmx_refusal_shows_the_reason_in_the_block(client, other_member, post, poll):
    client.force_login(other_member)
    response = client.post(vote_url(post), {"option": option_ids(poll)[:2]}, **HTMX)
    assert response.status_code == 200
    assert "Choose only one option in this poll." in response.content.decode()
    assert not PollBallot.objects.exists()


def test_plain_refusal_is_the_refusal_page(client, other_member, post, poll):
    client.force_login(other_member)
    poll_vote(user=other_member, poll=poll, option_ids=option_ids(poll)[:1])
    response = client.post(vote_url(post), {"option": option_ids(poll)[1]})
    assert response.status_code == 400
    assert "already voted" in response.content.decode()


def test_an_option_that_is_not_a_number_is_refused(client, other_member, post, poll):
    client.force_login(other_member)
    response = client.post(vote_url(post), {"option": "abc"})
    assert response.status_code == 400
    assert not PollBallot.objects.exists()


def test_visitors_are_sent_to_log_in(client, post, poll):
    response = client.post(vote_url(post), {"option": option_ids(poll)[0]})
    assert response.status_code == 302 and "login" in response["Location"]


# --- the block on the post page ----------------------------------------------------------


def test_before_voting_the_page_shows_the_form_not_the_counts(client, other_member, post, poll):
    poll_vote(user=make_member("early"), poll=poll, option_ids=option_ids(poll)[:1])
    client.force_login(other_member)
    text = client.get(post.get_absolute_url()).content.decode()
    assert 'type="radio" name="option"' in text
    assert "1 vote" not in text


def test_a_multiple_choice_poll_has_checkboxes(client, other_member, multi_poll):
    client.force_login(other_member)
    text = client.get(multi_poll.post.get_absolute_url()).content.decode()
    assert 'type="checkbox" name="option"' in text


def test_after_voting_the_page_shows_the_results(client, other_member, post, poll):
    poll_vote(user=other_member, poll=poll, option_ids=option_ids(poll)[2:])
    client.force_login(other_member)
    text = client.get(post.get_absolute_url()).content.decode()
    assert "1 vote (100%)" in text and "0 votes (0%)" in text
    assert "1 member voted." in text


def test_visitors_see_a_login_link_and_no_counts_while_open(client, other_member, post, poll):
    poll_vote(user=other_member, poll=poll, option_ids=option_ids(poll)[:1])
    text = client.get(post.get_absolute_url()).content.decode()
    assert "Log in to vote" in text and "Cherry" in text
    assert "1 vote" not in text and "csrfmiddlewaretoken" not in text.split('id="poll-')[1]


def test_everyone_sees_the_results_once_closed(client, member, other_member, community):
    post = make_post(member, community, title="Closed")
    poll = make_poll(member, post, ["a", "b"], closes_at=timezone.now() + timedelta(hours=1))
    poll_vote(user=other_member, poll=poll, option_ids=option_ids(poll)[:1])
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    text = client.get(post.get_absolute_url()).content.decode()
    assert "This poll is closed." in text and "1 vote (100%)" in text


@pytest.mark.parametrize("voters", [2, 12])
def test_the_poll_block_costs_three_queries_at_most(
    client, member, community, voters, django_assert_max_num_queries
):
    from django.template import Context, Template

    post = make_post(member, community, title="Count me")
    poll = make_poll(member, post, [f"Option {i}" for i in range(10)], multiple=True)
    ids = option_ids(poll)
    for index in range(voters):
        voter = make_member(f"voter{index}")
        add_member(community, voter)
        poll_vote(user=voter, poll=poll, option_ids=ids[: 1 + index % 10])
    poll_vote(user=member, poll=poll, option_ids=ids[:3])
    template = Template("{% load polls %}{% poll_block post %}")
    with django_assert_max_num_queries(3):
        html = template.render(Context({"post": post, "user": member}))
    assert html.count('<li class="poll-result') == 10


def test_a_post_without_a_poll_costs_one_query(member, post, django_assert_num_queries):
    from django.template import Context, Template

    template = Template("{% load polls %}{% poll_block post %}")
    with django_assert_num_queries(1):
        assert template.render(Context({"post": post, "user": member})).strip() == ""


def test_a_post_loaded_by_the_posts_selectors_without_a_poll_costs_nothing(
    member, post, django_assert_num_queries
):
    from django.template import Context, Template

    from apps.posts.selectors import post_for_viewer

    loaded = post_for_viewer(post.pk, member)
    assert loaded.has_poll is False
    with django_assert_num_queries(0):
        Template("{% load polls %}{% poll_block post %}").render(
            Context({"post": loaded, "user": member})
        )


@pytest.mark.parametrize("size", [3, 20])
def test_feed_rows_show_a_poll_badge_without_more_queries(
    client, member, community, size, django_assert_max_num_queries
):
    posts = [make_post(member, community, title=f"Post {i}") for i in range(size)]
    for post in posts[::2]:
        make_poll(member, post, ["Yes", "No"])
    client.force_login(member)
    client.get(community.get_absolute_url())
    with django_assert_max_num_queries(8):
        text = client.get(community.get_absolute_url()).content.decode()
    assert text.count('<span class="badge">Poll</span>') == len(posts[::2])
