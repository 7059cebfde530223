"""The admin names third-party models and columns in the page's language:
django-tasks-db's (whose strings our catalogue translates, and whose app name
and the rest of whose admin config/admin.py names) and allauth's models
without names of their own."""

import pytest
from django.conf import settings
from django.utils import timezone, translation

from .site import user_content
from .visible_text import untranslated_text

pytestmark = pytest.mark.django_db

BRAND = [settings.SITE_NAME, "Pseudo", "https://"]
# Django's admin hard-codes a few English words itself (boolean icons' alt
# text, the search icon, the auto "ID" column); rosetta's entries are named by
# the rosetta part of this work.
NOT_OURS = ["Rosetta", "Translations", "True", "False", "Search", "ID"]


@pytest.fixture
def task_result():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="apps.notifications.tasks.send_digest",
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )


@pytest.fixture
def staff_client(client):
    from conftest import make_member

    client.force_login(make_member("stella", is_staff=True, is_superuser=True))
    return client


def task_data(task) -> list[str]:
    """What a task result shows of itself: data, not words."""
    fields = [task.id, task.task_name, task.task_path, task.backend_name, task.queue_name]
    data = [str(task), *map(str, fields), '{"args": [], "kwargs": {}}']
    return sorted(data, key=len, reverse=True)  # the task's path before its name


PAGES = {
    "index": lambda task: "/admin/",
    "tasks-app": lambda task: "/admin/django_tasks_database/",
    "task-results": lambda task: "/admin/django_tasks_database/dbtaskresult/",
    "task-result": lambda task: f"/admin/django_tasks_database/dbtaskresult/{task.pk}/change/",
    "authenticators": lambda task: "/admin/mfa/authenticator/",
    "user-sessions": lambda task: "/admin/usersessions/usersession/",
}


@pytest.mark.parametrize("name", PAGES)
def test_third_party_admin_pages_are_fully_translatable(
    staff_client, site, task_result, pseudo_locale, name
):
    url = PAGES[name](task_result)
    response = staff_client.get(url, HTTP_ACCEPT_LANGUAGE=pseudo_locale)
    assert response.status_code == 200, (url, response.status_code)
    problems = untranslated_text(
        response.content.decode(),
        page_language=pseudo_locale,
        allowed=[*user_content(), *BRAND, *NOT_OURS, *task_data(task_result)],
    )
    assert not problems, f"{url}: text not marked for translation: {problems}"


def test_the_task_admin_columns_are_labelled_in_the_pages_language():
    from django.contrib import admin
    from django.contrib.admin.utils import label_for_field
    from django_tasks_db.models import DBTaskResult

    model_admin = admin.site._registry[DBTaskResult]
    with translation.override("fr"):
        labels = {
            name: str(label_for_field(name, DBTaskResult, model_admin))
            for name in ("task_name", "formatted_traceback", "display_run_after")
        }
        assert labels == {
            "task_name": translation.gettext("Task name"),
            "formatted_traceback": translation.gettext("traceback"),
            "display_run_after": translation.gettext("run after"),
        }
        from django.apps import apps

        app_name = str(apps.get_app_config("django_tasks_database").verbose_name)
        assert app_name == translation.gettext("Background tasks")
