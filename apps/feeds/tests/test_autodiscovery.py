"""<link rel="alternate"> autodiscovery: templates/feeds/_alternate.html
names feeds that answer, and the listings' pages carry it in their <head>."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from .conftest import atom_titles, make_post, rss_titles

pytestmark = pytest.mark.django_db

ALTERNATE = re.compile(
    r'<link rel="alternate" type="application/(?P<kind>rss|atom)\+xml" '
    r'title="(?P<title>[^"]*)" href="(?P<href>[^"]+)">'
)


@pytest.fixture
def tomatoes(poster, community):
    return make_post(poster, community, title="Tomatoes in winter", tags="tomatoes")


def followed(client, html: str) -> dict[str, list[str]]:
    """The titles each advertised feed lists, by format (asserting both are there)."""
    links = {match["kind"]: match["href"] for match in ALTERNATE.finditer(html)}
    assert set(links) == {"rss", "atom"}
    return {
        "rss": rss_titles(client.get(links["rss"])),
        "atom": atom_titles(client.get(links["atom"])),
    }


@pytest.mark.parametrize(
    ("feed", "arg"),
    [
        ("feeds:front", ""),
        ("feeds:community", "gardening"),
        ("feeds:tag", "tomatoes"),
        ("feeds:member", "pablo"),
    ],
)
def test_alternate_links_name_the_listings_rss_and_atom_feeds(client, tomatoes, feed, arg):
    html = render_to_string(
        "feeds/_alternate.html", {"feed": feed, "arg": arg, "title": "Tom & Jerry"}
    )
    assert 'title="Tom &amp; Jerry (RSS)"' in html
    assert followed(client, html) == {"rss": [tomatoes.title], "atom": [tomatoes.title]}


PAGES = {
    "home": lambda: reverse("home"),
    "all": lambda: reverse("posts:all"),
    "community": lambda: reverse("communities:detail", args=["gardening"]),
    "tag": lambda: reverse("tags:detail", args=["tomatoes"]),
    "member": lambda: reverse("posts:by_member", args=["pablo"]),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_listing_pages_advertise_their_feeds(client, tomatoes, page):
    html = client.get(PAGES[page]()).content.decode()
    head = html.split("</head>", 1)[0]
    assert followed(client, head) == {"rss": [tomatoes.title], "atom": [tomatoes.title]}
