"""Staff onboard people from the admin in one step: a translator created
with a verified address logs in at once and reaches /translate/; a group's
page lists and sets its members."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.urls import reverse

from apps.accounts.models import User
from apps.core.translators import TRANSLATORS_GROUP
from conftest import make_member

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-translator-passphrase"


@pytest.fixture
def superuser_client(client):
    admin = User.objects.create_superuser("root_admin", "root@example.org", "x" * 20)
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    client.force_login(admin)
    return client


def add_user(client, **overrides):
    translators = Group.objects.get(name=TRANSLATORS_GROUP)
    data = {
        "username": "tamar",
        "email": "tamar@example.org",
        "email_verified": "on",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "groups": [translators.pk],
    }
    data.update(overrides)
    return client.post(reverse("admin:accounts_user_add"), data)


def test_a_translator_added_in_one_step_logs_in_at_once_and_translates(superuser_client, client):
    response = add_user(superuser_client)
    assert response.status_code == 302, response.content.decode()[-2000:]

    tamar = User.objects.get(username="tamar")
    assert list(tamar.groups.values_list("name", flat=True)) == [TRANSLATORS_GROUP]
    assert EmailAddress.objects.get(user=tamar).verified

    superuser_client.logout()
    login = client.post(reverse("account_login"), {"login": "tamar", "password": PASSWORD})
    assert login.status_code == 302
    assert client.get("/translate/files/project/").status_code == 200


def test_an_unvouched_address_must_be_confirmed_before_logging_in(superuser_client, client):
    add_user(superuser_client, email_verified="")
    assert not EmailAddress.objects.get(user__username="tamar").verified
    superuser_client.logout()
    login = client.post(reverse("account_login"), {"login": "tamar", "password": PASSWORD})
    assert login.status_code == 302
    assert "confirm-email" in login["Location"]


def test_the_add_form_refuses_an_address_already_in_use(superuser_client):
    make_member("nora")
    response = add_user(superuser_client, email="NORA@example.org")
    assert response.status_code == 200
    assert "This email address is already in use." in response.content.decode()
    assert not User.objects.filter(username="tamar").exists()


def test_a_groups_page_lists_and_sets_its_members(superuser_client):
    translators = Group.objects.get(name=TRANSLATORS_GROUP)
    ana, ben = make_member("ana"), make_member("ben")
    ana.groups.add(translators)
    url = reverse("admin:auth_group_change", args=[translators.pk])

    page = superuser_client.get(url).content.decode()
    assert f'<option value="{ana.pk}" selected>' in page

    response = superuser_client.post(url, {"name": translators.name, "members": [ben.pk]})
    assert response.status_code == 302
    assert list(translators.user_set.values_list("username", flat=True)) == ["ben"]
