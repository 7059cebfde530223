"""A bad link on the submit form gets one clear message, not two."""

import pytest

from apps.posts.forms import PostForm
from apps.profiles.forms import ProfileForm


@pytest.mark.parametrize("link", ["not a url", "javascript:alert(1)", "ftp://example.org/x"])
def test_a_bad_link_gets_one_message(link):
    form = PostForm(data={"title": "A title", "link": link, "body": "", "tags": ""})
    assert not form.is_valid()
    assert form.errors["link"] == ["Enter a web address starting with http:// or https://."]


def test_a_web_link_is_accepted_with_https_assumed():
    form = PostForm(data={"title": "A title", "link": "example.org/page", "body": "", "tags": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["link"] == "https://example.org/page"


@pytest.mark.django_db
def test_a_bad_website_on_the_profile_gets_one_message():
    form = ProfileForm(data={"website": "javascript:alert(1)"})
    assert not form.is_valid()
    assert form.errors["website"] == ["Enter a web address starting with http:// or https://."]
