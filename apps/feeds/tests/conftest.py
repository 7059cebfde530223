"""Feed fixtures: the posts' personas and factories, and XML readers for
RSS 2.0 and Atom 1.0 answers."""

import xml.etree.ElementTree as ET

import pytest

from apps.posts.tests.conftest import (  # noqa: F401 - fixtures used by the tests
    add_member,
    author,
    community,
    make_community,
    make_post,
    owner,
    private_community,
    quick_posts,
)

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


def parse(response) -> ET.Element:
    # The document is the site's own answer, rendered by the feed generator
    # in this test: not untrusted input.
    return ET.fromstring(response.content)  # noqa: S314


def rss_channel(response) -> ET.Element:
    """The <channel> of a valid RSS 2.0 answer (asserts its required parts)."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = parse(response)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel is not None
    for required in ("title", "link", "description"):
        assert channel.findtext(required), required
    for item in channel.iter("item"):
        for required in ("title", "link", "guid", "pubDate", "description"):
            assert item.findtext(required), required
    return channel


def atom_feed(response) -> ET.Element:
    """The <feed> of a valid Atom 1.0 answer (asserts its required parts)."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = parse(response)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{required}"), required
    for entry in root.iter(f"{ATOM}entry"):
        for required in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{required}"), required
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
    return root


# Both parsers assert every item has a title: the "" defaults only type them.
def rss_titles(response) -> list[str]:
    return [item.findtext("title", "") for item in rss_channel(response).iter("item")]


def atom_titles(response) -> list[str]:
    return [
        entry.findtext(f"{ATOM}title", "") for entry in atom_feed(response).iter(f"{ATOM}entry")
    ]


@pytest.fixture
def poster(community):  # noqa: F811
    """A member of the public community, who posts there."""
    from conftest import make_member

    user = make_member("pablo")
    add_member(community, user)
    return user


@pytest.fixture
def reader(community):  # noqa: F811
    """A member of the public community, who builds feeds."""
    from conftest import make_member

    user = make_member("rita")
    add_member(community, user)
    return user
