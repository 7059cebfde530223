"""Applications in the approval mode: staff decide them through the services,
from the site's queue and from the admin; the applicant is emailed."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.accounts.models import User
from apps.profiles.models import Profile
from apps.profiles.services import profile_create
from apps.registration import services
from apps.registration.models import Application, ApplicationStatus

pytestmark = pytest.mark.django_db


def apply(username: str, *, language: str = "", answer: str = "I grow tomatoes.") -> Application:
    user = User.objects.create_user(
        username=username, email=f"{username}@example.org", password="pw-long-enough-1"
    )
    profile_create(user=user, language=language)
    return services.application_create(user=user, answer=answer, question="Why?")


def test_application_makes_the_account_inactive():
    application = apply("ann")
    application.user.refresh_from_db()
    assert not application.user.is_active
    assert application.status == ApplicationStatus.PENDING


def test_approval_activates_and_emails_the_applicant(decider, django_capture_on_commit_callbacks):
    application = apply("ann")
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(actor=decider, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.decided_by == decider and application.decided_at
    assert User.objects.get(username="ann").is_active
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ann@example.org"]
    assert "approved" in message.subject
    assert "/accounts/login/" in message.body


def test_refusal_keeps_the_account_inactive_and_emails(decider, django_capture_on_commit_callbacks):
    application = apply("ann")
    with django_capture_on_commit_callbacks(execute=True):
        services.application_refuse(actor=decider, application=application)
    assert not User.objects.get(username="ann").is_active
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.REFUSED
    assert len(mail.outbox) == 1
    assert "decided not to open an account" in mail.outbox[0].body


def test_decision_email_is_in_the_applicants_language(
    decider, django_capture_on_commit_callbacks, monkeypatch
):
    from django.utils import translation

    seen = []
    real = translation.override

    def spy(language, *args, **kwargs):
        seen.append(language)
        return real(language, *args, **kwargs)

    monkeypatch.setattr("apps.registration.emails.translation.override", spy)
    application = apply("ana", language="es")
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(actor=decider, application=application)
    assert seen == ["es"]
    assert mail.outbox[0].to == ["ana@example.org"]


def test_decision_email_falls_back_to_the_site_language(
    decider, django_capture_on_commit_callbacks, monkeypatch
):
    from django.utils import translation

    seen = []
    real = translation.override
    monkeypatch.setattr(
        "apps.registration.emails.translation.override",
        lambda language, *a, **k: seen.append(language) or real(language, *a, **k),
    )
    application = apply("ann", language="")
    with django_capture_on_commit_callbacks(execute=True):
        services.application_refuse(actor=decider, application=application)
    assert seen == ["en"]


@pytest.mark.parametrize("persona", ["member", "staff_member"])
def test_only_staff_with_the_permission_decide(request, persona):
    actor = request.getfixturevalue(persona)
    application = apply("ann")
    with pytest.raises(PermissionDenied):
        services.application_approve(actor=actor, application=application)
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.PENDING
    assert not User.objects.get(username="ann").is_active


def test_superuser_decides(db):
    root = User.objects.create_superuser("root", "root@example.org", "pw-long-enough-1")
    application = apply("ann")
    services.application_approve(actor=root, application=application)
    assert User.objects.get(username="ann").is_active


def test_a_decided_application_cannot_be_decided_again(decider):
    application = apply("ann")
    services.application_refuse(actor=decider, application=application)
    with pytest.raises(ValidationError):
        services.application_approve(actor=decider, application=application)
    assert not User.objects.get(username="ann").is_active


def test_answer_over_the_limit_is_refused_by_the_service(settings):
    settings.QUORUM_REGISTRATION_ANSWER_MAX_LENGTH = 10
    with pytest.raises(ValidationError) as caught:
        apply("ann", answer="x" * 11)
    assert caught.value.message_dict["answer"]
    assert not Application.objects.exists()


# --- the site's queue ---------------------------------------------------------------------------


def test_queue_lists_pending_applications_for_deciders(client, decider):
    apply("ann", answer="Tomatoes & <b>beans</b>")
    decided = apply("bob")
    services.application_refuse(actor=decider, application=decided)
    client.force_login(decider)
    response = client.get(reverse("registration:applications"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "ann" in page and "Tomatoes &amp; &lt;b&gt;beans&lt;/b&gt;" in page
    assert "Approve bob" not in page


@pytest.mark.parametrize("persona", ["member", "staff_member"])
def test_queue_is_refused_to_others(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("registration:applications")).status_code == 403


def test_queue_asks_visitors_to_sign_in(client):
    response = client.get(reverse("registration:applications"))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_approving_from_the_queue(client, decider, django_capture_on_commit_callbacks):
    application = apply("ann")
    client.force_login(decider)
    url = reverse("registration:decide", args=[application.pk, "approve"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert User.objects.get(username="ann").is_active
    assert len(mail.outbox) == 1


def test_refusing_from_the_queue(client, decider):
    application = apply("ann")
    client.force_login(decider)
    client.post(reverse("registration:decide", args=[application.pk, "refuse"]))
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.REFUSED


def test_member_cannot_approve_by_posting(client, member):
    application = apply("ann")
    client.force_login(member)
    response = client.post(reverse("registration:decide", args=[application.pk, "approve"]))
    assert response.status_code == 403
    assert "Only staff members allowed to decide applications" in response.content.decode()
    assert not User.objects.get(username="ann").is_active


def test_deciding_twice_from_the_queue_says_so(client, decider):
    application = apply("ann")
    client.force_login(decider)
    client.post(reverse("registration:decide", args=[application.pk, "approve"]))
    response = client.post(reverse("registration:decide", args=[application.pk, "refuse"]))
    assert response.status_code == 400
    assert "already been decided" in response.content.decode()
    assert User.objects.get(username="ann").is_active


def test_unknown_decision_is_not_found(client, decider):
    application = apply("ann")
    client.force_login(decider)
    response = client.post(reverse("registration:decide", args=[application.pk, "delete"]))
    assert response.status_code == 404


@pytest.mark.parametrize("size", [3, 30])
def test_queue_query_count_does_not_grow(client, decider, size, django_assert_max_num_queries):
    for index in range(size):
        apply(f"applicant{index}")
    client.force_login(decider)
    client.get(reverse("registration:applications"))
    # session, user + profile, permissions (2), the option row, the page
    with django_assert_max_num_queries(7):
        response = client.get(reverse("registration:applications"))
    assert response.content.decode().count("Approve applicant") == min(size, 25)


def test_queue_pages_with_a_cursor(client, decider):
    for index in range(27):
        apply(f"applicant{index}")
    client.force_login(decider)
    first = client.get(reverse("registration:applications"))
    cursor = first.context["page"].next_cursor
    assert cursor
    second = client.get(reverse("registration:applications"), {"cursor": cursor})
    assert len(second.context["page"].items) == 2


# --- the admin --------------------------------------------------------------------------------


def test_admin_action_approves_through_the_service(
    client, decider, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Permission

    decider.user_permissions.add(
        Permission.objects.get(content_type__app_label="registration", codename="view_application")
    )
    application = apply("ann")
    client.force_login(decider)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:registration_application_changelist"),
            {"action": "approve", "_selected_action": [application.pk]},
            follow=True,
        )
    assert response.status_code == 200
    assert "1 application approved." in response.content.decode()
    assert User.objects.get(username="ann").is_active
    assert len(mail.outbox) == 1


def test_admin_refuse_action_through_the_service(client, decider):
    from django.contrib.auth.models import Permission

    decider.user_permissions.add(
        Permission.objects.get(content_type__app_label="registration", codename="view_application")
    )
    application = apply("ann")
    client.force_login(decider)
    client.post(
        reverse("admin:registration_application_changelist"),
        {"action": "refuse", "_selected_action": [application.pk]},
    )
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.REFUSED


def test_admin_offers_no_decision_to_staff_without_the_permission(client):
    from django.contrib.auth.models import Permission

    from conftest import make_member

    viewer = make_member("vera", is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(content_type__app_label="registration", codename="view_application")
    )
    application = apply("ann")
    client.force_login(viewer)
    page = client.get(reverse("admin:registration_application_changelist"))
    assert page.status_code == 200
    assert 'value="approve"' not in page.content.decode()
    client.post(
        reverse("admin:registration_application_changelist"),
        {"action": "approve", "_selected_action": [application.pk]},
    )
    assert not User.objects.get(username="ann").is_active
    assert Profile.objects.filter(user__username="ann").exists()
