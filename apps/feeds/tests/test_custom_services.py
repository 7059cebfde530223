"""Custom feeds' services: what they save, and every refusal saving nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.feeds import services
from apps.feeds.models import CustomFeed, CustomFeedCommunity, FeedVisibility

from .conftest import make_community

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> dict[str, list[str | None]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def test_member_builds_a_feed_of_several_communities(reader, community, owner):
    other = make_community(owner, "python")
    feed = services.custom_feed_create(
        owner=reader,
        name="  My Garden ",
        description="Plants",
        communities=["gardening", "C/Python", "gardening"],
    )
    assert feed.name == "My Garden"
    assert feed.slug == "my-garden"
    assert feed.visibility == FeedVisibility.PRIVATE
    assert set(feed.communities.all()) == {community, other}
    assert len(feed.share_token) >= 32


def test_feed_slugs_are_unique_per_owner_and_never_reserved(reader, other_member):
    first = services.custom_feed_create(owner=reader, name="News")
    renamed = services.custom_feed_update(
        actor=reader,
        feed=first,
        name="Old news",
        description="",
        visibility="private",
        communities=[],
    )
    assert renamed.slug == "news"  # a rename keeps the address
    second = services.custom_feed_create(owner=reader, name="News")
    assert second.slug == "news-2"
    assert services.custom_feed_create(owner=other_member, name="News").slug == "news"
    assert services.custom_feed_create(owner=reader, name="S").slug == "s-2"
    assert services.custom_feed_create(owner=reader, name="☀☀").slug == "feed"


def test_private_community_of_others_is_refused_and_nothing_is_saved(
    reader, community, private_community
):
    with pytest.raises(ValidationError) as error:
        services.custom_feed_create(
            owner=reader, name="Mine", communities=["gardening", "secret-garden"]
        )
    assert codes(error.value) == {"communities": ["unreadable_community"]}
    assert "c/secret-garden" in error.value.messages[0]
    assert not CustomFeed.objects.exists()
    assert not CustomFeedCommunity.objects.exists()


def test_unknown_and_private_communities_get_the_same_sentence(reader, private_community):
    messages = []
    for slug in ("secret-garden", "nowhere"):
        with pytest.raises(ValidationError) as error:
            services.custom_feed_create(owner=reader, name="Mine", communities=[slug])
        messages.append(error.value.messages[0].replace(slug, "X"))
    assert messages[0] == messages[1]


def test_members_of_a_private_community_may_add_it(owner, private_community):
    feed = services.custom_feed_create(owner=owner, name="Secret", communities=["secret-garden"])
    assert list(feed.communities.all()) == [private_community]


@pytest.mark.parametrize("name", ["", "   "])
def test_empty_name_is_refused(reader, name):
    with pytest.raises(ValidationError) as error:
        services.custom_feed_create(owner=reader, name=name)
    assert codes(error.value) == {"name": ["blank_name"]}
    assert not CustomFeed.objects.exists()


def test_every_wrong_field_is_refused_at_once(reader, private_community):
    with pytest.raises(ValidationError) as error:
        services.custom_feed_create(
            owner=reader, name="n" * 61, description="d" * 501, communities=["secret-garden"]
        )
    assert codes(error.value) == {
        "name": ["name_too_long"],
        "description": ["description_too_long"],
        "communities": ["unreadable_community"],
    }
    assert not CustomFeed.objects.exists()


def test_duplicate_name_in_any_case_is_refused(reader):
    services.custom_feed_create(owner=reader, name="Tech")
    with pytest.raises(ValidationError) as error:
        services.custom_feed_create(owner=reader, name="TECH")
    assert codes(error.value) == {"name": ["duplicate_name"]}
    assert CustomFeed.objects.count() == 1


def test_renaming_onto_another_feed_is_refused(reader):
    services.custom_feed_create(owner=reader, name="Tech")
    other = services.custom_feed_create(owner=reader, name="Food")
    with pytest.raises(ValidationError):
        services.custom_feed_update(
            actor=reader,
            feed=other,
            name="tech",
            description="",
            visibility="private",
            communities=[],
        )
    other.refresh_from_db()
    assert other.name == "Food"


def test_too_many_communities_is_refused(reader, owner, settings):
    settings.QUORUM_CUSTOM_FEED_COMMUNITIES_MAX = 2
    for slug in ("one", "two", "three"):
        make_community(owner, slug)
    with pytest.raises(ValidationError) as error:
        services.custom_feed_create(owner=reader, name="Many", communities=["one", "two", "three"])
    assert codes(error.value) == {"communities": ["too_many_communities"]}
    feed = services.custom_feed_create(owner=reader, name="Two", communities=["one", "two"])
    with pytest.raises(ValidationError):
        services.custom_feed_community_add(
            actor=reader, feed=feed, community=make_community(owner, "four")
        )
    assert feed.communities.count() == 2


def test_too_many_feeds_is_refused(reader, settings):
    settings.QUORUM_CUSTOM_FEEDS_MAX = 2
    services.custom_feed_create(owner=reader, name="A")
    services.custom_feed_create(owner=reader, name="B")
    with pytest.raises(ValidationError) as error:
        services.custom_feed_create(owner=reader, name="C")
    assert error.value.code == "too_many_feeds"
    assert CustomFeed.objects.filter(owner=reader).count() == 2


def test_only_the_owner_changes_shares_or_deletes_a_feed(reader, other_member):
    feed = services.custom_feed_create(owner=reader, name="Mine")
    with pytest.raises(PermissionDenied):
        services.custom_feed_update(
            actor=other_member,
            feed=feed,
            name="Theirs",
            description="",
            visibility="shared",
            communities=[],
        )
    with pytest.raises(PermissionDenied):
        services.custom_feed_share_reset(actor=other_member, feed=feed)
    with pytest.raises(PermissionDenied):
        services.custom_feed_delete(actor=other_member, feed=feed)
    feed.refresh_from_db()
    assert feed.name == "Mine"


def test_update_replaces_the_communities_and_shares(owner, community, private_community):
    feed = services.custom_feed_create(
        owner=owner, name="Mine", communities=["gardening", "secret-garden"]
    )
    feed = services.custom_feed_update(
        actor=owner,
        feed=feed,
        name="Mine",
        description="",
        visibility="shared",
        communities=["secret-garden"],
    )
    assert list(feed.communities.all()) == [private_community]
    assert feed.is_shared


def test_held_community_stays_after_leaving_it(reader, owner, private_community):
    from apps.communities.models import Membership

    from .conftest import add_member

    add_member(private_community, reader)
    feed = services.custom_feed_create(owner=reader, name="Mine", communities=["secret-garden"])
    Membership.objects.filter(user=reader, community=private_community).delete()
    services.custom_feed_update(
        actor=reader,
        feed=feed,
        name="Renamed",
        description="",
        visibility="private",
        communities=["secret-garden"],
    )
    assert list(feed.communities.all()) == [private_community]


def test_share_reset_changes_the_token(reader):
    feed = services.custom_feed_create(owner=reader, name="Mine", visibility="shared")
    old = feed.share_token
    services.custom_feed_share_reset(actor=reader, feed=feed)
    feed.refresh_from_db()
    assert feed.share_token != old


def test_unknown_visibility_is_refused(reader):
    with pytest.raises(ValidationError) as error:
        services.custom_feed_create(owner=reader, name="Mine", visibility="public")
    assert codes(error.value) == {"visibility": ["invalid_choice"]}


def test_add_and_remove_one_community(reader, community, private_community):
    feed = services.custom_feed_create(owner=reader, name="Mine")
    assert services.custom_feed_community_add(actor=reader, feed=feed, community=community)
    assert not services.custom_feed_community_add(actor=reader, feed=feed, community=community)
    with pytest.raises(ValidationError):
        services.custom_feed_community_add(actor=reader, feed=feed, community=private_community)
    assert services.custom_feed_community_remove(actor=reader, feed=feed, community=community)
    assert not services.custom_feed_community_remove(actor=reader, feed=feed, community=community)
    assert not feed.communities.exists()
