"""The data export: one archive of each kind of data, announced by email,
downloaded once by its member through a signed link that expires."""

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from apps.privacy import exports, services
from apps.privacy.models import DataExport

pytestmark = pytest.mark.django_db


def _request(user, django_capture_on_commit_callbacks) -> DataExport:
    with django_capture_on_commit_callbacks(execute=True):
        export = services.export_request(user=user)
    export.refresh_from_db()
    return export


def _link_path(message) -> str:
    found = re.search(r"https?://[^/\s]+(/settings/data/download/\S+/)", message.body)
    assert found, message.body
    return found.group(1)


def _archive(response) -> zipfile.ZipFile:
    # Reading it to the end closes the response (the test client's wrapper),
    # which is when the archive leaves the storage.
    content = b"".join(response.streaming_content)
    return zipfile.ZipFile(io.BytesIO(content))


def test_export_contains_each_kind_of_data(client, world, django_capture_on_commit_callbacks):
    export = _request(world.dora, django_capture_on_commit_callbacks)
    assert export.ready_at is not None and default_storage.exists(export.file_name)
    client.force_login(world.dora)

    response = client.get(_link_path(mail.outbox[-1]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = _archive(response)
    data = json.loads(archive.read("data.json"))
    assert data["profile"]["username"] == "dora"
    assert data["profile"]["display_name"] == "Dora D."
    assert archive.read(data["profile"]["avatar"]) == b"RIFF-avatar-bytes"
    assert {row["email"] for row in data["email_addresses"]} == {
        "dora@example.org",
        "dora.other@example.org",
    }
    assert [post["title"] for post in data["posts"]] == ["Dora's tomatoes"]
    assert "<b>ones</b>" in data["posts"][0]["body_html"]
    assert [comment["body_html"] for comment in data["comments"]] == ["<p>Lovely beans</p>"]
    assert len(data["votes"]["posts"]) == 2 and len(data["votes"]["comments"]) == 2
    assert [row["member"] for row in data["following"]] == ["olivia"]
    assert [row["member"] for row in data["followers"]] == ["bob"]
    assert {row["community"] for row in data["memberships"]} == {"gardening", "dora-club"}
    assert [row["member"] for row in data["blocked_members"]] == ["carla"]
    assert [row["post"] for row in data["saved"]["posts"]] == [world.olivia_post.pk]
    assert [row["comment"] for row in data["saved"]["comments"]] == [world.bob_comment.pk]
    assert [row["community"] for row in data["muted_communities"]] == ["dora-club"]
    assert [row["phrase"] for row in data["keyword_filters"]] == ["slugs"]
    assert data["custom_feeds"] == [
        {
            "name": "Greens",
            "description": "",
            "visibility": "shared",
            "communities": ["gardening"],
            "created": data["custom_feeds"][0]["created"],
        }
    ]
    assert {(m["from"], m["to"]) for m in data["messages"]} == {
        ("dora", "olivia"),
        ("olivia", "dora"),
    }
    assert {"kind": "follow", "site": True, "email": True} in data["notification_settings"]
    assert [token["name"] for token in data["access_tokens"]] == ["feed reader"]
    raw = archive.read("data.json").decode()
    token = world.dora.api_tokens.get()
    assert token.token_hash not in raw and token.prefix not in raw
    # Served once: the file left the storage.
    assert not default_storage.exists(export.file_name)


def test_the_email_is_in_the_members_language(world, django_capture_on_commit_callbacks):
    world.dora.profile.language = "fr"
    world.dora.profile.save()
    _request(world.dora, django_capture_on_commit_callbacks)
    message = mail.outbox[-1]
    html_body, _mimetype = message.alternatives[0]
    assert '<html lang="fr">' in html_body
    assert message.to == ["dora@example.org"]


def test_the_link_works_once(client, world, django_capture_on_commit_callbacks):
    _request(world.dora, django_capture_on_commit_callbacks)
    path = _link_path(mail.outbox[-1])
    client.force_login(world.dora)
    _archive(client.get(path))

    again = client.get(path)

    assert again.status_code == 410
    assert "already been downloaded" in again.content.decode()


def test_an_expired_link_is_refused(client, world, settings, django_capture_on_commit_callbacks):
    _request(world.dora, django_capture_on_commit_callbacks)
    path = _link_path(mail.outbox[-1])
    client.force_login(world.dora)
    settings.QUORUM_EXPORT_LINK_HOURS = 0  # every signature is now too old

    response = client.get(path)

    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert DataExport.objects.get().downloaded_at is None


def test_an_export_past_its_expiry_is_refused_even_with_a_fresh_signature(
    client, world, django_capture_on_commit_callbacks
):
    export = _request(world.dora, django_capture_on_commit_callbacks)
    DataExport.objects.filter(pk=export.pk).update(ready_at=timezone.now() - timedelta(days=30))
    client.force_login(world.dora)
    response = client.get(exports.download_path(export))
    assert response.status_code == 410


def test_a_forged_link_is_not_found(client, world, django_capture_on_commit_callbacks):
    export = _request(world.dora, django_capture_on_commit_callbacks)
    client.force_login(world.dora)
    forged = signing.dumps({"export": export.pk, "member": world.dora.pk}, salt="another")
    url = reverse("privacy:export_download", args=[forged])
    assert client.get(url).status_code == 404
    tampered = exports.download_token(export)[:-2] + "xx"
    assert client.get(reverse("privacy:export_download", args=[tampered])).status_code == 404
    assert DataExport.objects.get().downloaded_at is None


def test_another_members_link_is_not_found(client, world, django_capture_on_commit_callbacks):
    _request(world.dora, django_capture_on_commit_callbacks)
    path = _link_path(mail.outbox[-1])
    client.force_login(world.bob)
    assert client.get(path).status_code == 404
    # Nor can Bob claim Dora's export with a link signed for himself.
    export = DataExport.objects.get()
    with pytest.raises(PermissionDenied):
        services.export_claim(user=world.bob, export_id=export.pk)
    assert DataExport.objects.get().downloaded_at is None


def test_a_visitor_is_sent_to_log_in(client, world, django_capture_on_commit_callbacks):
    _request(world.dora, django_capture_on_commit_callbacks)
    response = client.get(_link_path(mail.outbox[-1]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_second_export_the_same_day_is_refused(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.dora)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("privacy:export_request"))
    assert first.status_code == 302

    second = client.post(reverse("privacy:export_request"))

    assert second.status_code == 403
    assert "one export a day" in second.content.decode()
    assert DataExport.objects.count() == 1


def test_a_new_export_is_possible_the_next_day(world, django_capture_on_commit_callbacks):
    export = _request(world.dora, django_capture_on_commit_callbacks)
    yesterday = timezone.now() - timedelta(days=1, minutes=1)
    DataExport.objects.filter(pk=export.pk).update(created=yesterday)
    newer = _request(world.dora, django_capture_on_commit_callbacks)
    assert newer.pk != export.pk
    # Only the newest archive is kept.
    assert not default_storage.exists(export.file_name)
    assert default_storage.exists(newer.file_name)


def test_the_data_page_shows_the_ready_archive(client, world, django_capture_on_commit_callbacks):
    export = _request(world.dora, django_capture_on_commit_callbacks)
    client.force_login(world.dora)
    page = client.get(reverse("privacy:data")).content.decode()
    assert exports.download_path(export) in page


def test_deleting_the_account_removes_its_archives(world, django_capture_on_commit_callbacks):
    export = _request(world.dora, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.account_delete(actor=world.dora, user=world.dora)
    assert not DataExport.objects.exists()
    assert not default_storage.exists(export.file_name)


def test_purge_deletes_only_expired_archives(world, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    old = _request(world.dora, django_capture_on_commit_callbacks)
    DataExport.objects.filter(pk=old.pk).update(ready_at=timezone.now() - timedelta(days=30))
    fresh = _request(world.bob, django_capture_on_commit_callbacks)

    call_command("purge_data_exports", stdout=io.StringIO())

    assert not default_storage.exists(old.file_name)
    assert default_storage.exists(fresh.file_name)
    assert DataExport.objects.get(pk=old.pk).file_name == ""
