import pytest

from conftest import make_member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize(
    "url", ["/admin/accounts/user/", "/admin/profiles/profile/", "/admin/profiles/follow/"]
)
def test_admin_lists_do_not_query_per_row(client, count, url, django_assert_max_num_queries):
    admin = make_member("root", is_staff=True, is_superuser=True)
    people = [make_member(f"person{i}") for i in range(count)]
    from apps.profiles.services import follow_create

    for person in people:
        follow_create(follower=person, followee=admin)
    client.force_login(admin)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
