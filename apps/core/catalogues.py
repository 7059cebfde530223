"""A save at /translate/ takes effect in every web process and on every node.

Django loads a catalogue once per process; gunicorn runs several processes
and production several nodes, which share no filesystem (each container has
its own read-only, root-owned copy of locale/). So a save is published:

- `record_save` (called by apps.core.translators after rosetta saved) stores
  the whole saved .po in a `CatalogueEdit` row and puts its id, the
  catalogue version, in the shared cache (Redis in production; without
  Redis, the "catalogues" alias of files every process of the machine
  shares).
- `CatalogueVersionMiddleware`, in every process, reads that version at most
  every CATALOGUE_CHECK_SECONDS (one cache get; no query) and, when it
  changed, runs `sync`: the latest edit of each language is written, with
  its compiled .mo, into this node's edits directory (LOCALE_EDITS_DIR,
  first in LOCALE_PATHS), and the process's loaded catalogues are reset.
  A process's first request syncs too, so a restarted process or a new node
  starts with the edits. The task worker checks the same way before each
  task (`refresh_before_task`), so the mail it sends follows edits as well.

Two modes (settings.TRANSLATIONS_READ_ONLY):

- A checkout (locale/ writable: `make run`, tests): rosetta edits
  locale/ itself, LOCALE_PATHS is locale/ alone and nothing is written
  elsewhere; other processes only reset their catalogues and read the
  shared files again.
- An image (locale/ read-only): the edits directory holds a copy of every
  catalogue, which rosetta edits (the read-only locale/ is hidden from it:
  ROSETTA_EXCLUDED_PATHS). An edit applies only on a node that ships the
  catalogue it was made on (`base_sha256`); a deploy with a changed
  catalogue for that language supersedes it, so edits made in production
  are downloaded from /translate/ and committed before the next release
  (docs/operations.md).
"""

import gettext as gettext_module
import hashlib
import logging
import os
import tempfile
import threading
import time
from pathlib import Path

import polib
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import to_locale, trans_real

from apps.core.models import CatalogueEdit

logger = logging.getLogger(__name__)

VERSION_KEY = "catalogues:version"
KEEP_EDITS_PER_LANGUAGE = 20
CATALOGUE = Path("LC_MESSAGES") / "django.po"


def version_cache():
    """The shared cache: "catalogues" (files shared by every process of the
    machine) when configured, the default cache (Redis) otherwise."""
    return caches["catalogues" if "catalogues" in settings.CACHES else "default"]


def shipped_dir() -> Path:
    return Path(settings.SHIPPED_LOCALE_DIR)


def edits_dir() -> Path:
    return Path(settings.LOCALE_EDITS_DIR)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def shipped_catalogue(language_code: str) -> Path:
    return shipped_dir() / to_locale(language_code) / CATALOGUE


def edited_catalogue(language_code: str) -> Path:
    return edits_dir() / to_locale(language_code) / CATALOGUE


def translated_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def shipped_sha(language_code: str) -> str:
    path = shipped_catalogue(language_code)
    return sha256(path.read_bytes()) if path.exists() else ""


def reset_loaded_catalogues() -> None:
    """Drop this process's loaded catalogues; the next activation (the next
    request's LocaleMiddleware) reads the files. Unlike the reset `runserver`
    does (django.utils.translation.reloader), the languages active in other
    threads are kept: a page another thread is rendering finishes in its
    language instead of switching to English halfway."""
    gettext_module._translations.clear()  # type: ignore[attr-defined]
    trans_real._translations = {}  # type: ignore[attr-defined]
    trans_real._default = None  # type: ignore[attr-defined]


def _write_atomically(path: Path, data: bytes) -> None:
    """Write `path` so another process of the node never reads half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_catalogue(po_path: Path, po_text: str, mo_data: bytes | None = None) -> bool:
    """Write a .po and its .mo (`mo_data`, or compiled from the text); False
    when the files already held this text (another process of the node
    wrote them)."""
    data = po_text.encode()
    if po_path.exists() and po_path.read_bytes() == data and po_path.with_suffix(".mo").exists():
        return False
    if mo_data is None:
        mo_data = bytes(polib.pofile(po_text).to_binary())
    _write_atomically(po_path.with_suffix(".mo"), mo_data)
    _write_atomically(po_path, data)
    return True


def latest_edits() -> dict[str, tuple[int, str]]:
    """{language: (edit id, base_sha256)} of each language's latest edit:
    one query, without the catalogues' text."""
    latest: dict[str, tuple[int, str]] = {}
    rows = CatalogueEdit.objects.order_by("language", "-id").values_list(
        "language", "id", "base_sha256"
    )
    for language, edit_id, base in rows.iterator():
        latest.setdefault(language, (edit_id, base))
    return latest


def sync() -> int:
    """Bring this node's edits directory (an image's) to the latest edits;
    returns the version (latest edit id, 0 without edits)."""
    latest = latest_edits()
    version = max((edit_id for edit_id, _base in latest.values()), default=0)
    for language in translated_languages():
        shipped = shipped_catalogue(language)
        if not shipped.exists():
            continue
        edit = latest.get(language)
        text = None
        if edit is not None and edit[1] == sha256(shipped.read_bytes()):
            text = CatalogueEdit.objects.values_list("po_text", flat=True).get(pk=edit[0])
        elif edit is not None:
            logger.warning(
                "translations: edit #%s of %s was made on another catalogue than this "
                "release ships; the shipped one is used",
                edit[0],
                language,
            )
        if text is not None:
            write_catalogue(edited_catalogue(language), text)
            continue
        # No edit for this release: a copy of the shipped catalogue (its .mo
        # was compiled at build time), which /translate/ can edit.
        shipped_mo = shipped.with_suffix(".mo")
        write_catalogue(
            edited_catalogue(language),
            shipped.read_text(),
            shipped_mo.read_bytes() if shipped_mo.exists() else None,
        )
    return version


class _ProcessState:
    """What this process last applied and when it last looked."""

    def __init__(self) -> None:
        self.version: int | None = None
        self.checked_at = 0.0
        self.lock = threading.Lock()


state = _ProcessState()


def published_version() -> int | None:
    try:
        value = version_cache().get(VERSION_KEY)
    except Exception:  # a cache outage must not take pages down
        logger.warning("translations: catalogue version unreadable", exc_info=True)
        return None
    return int(value) if value is not None else None


def publish(version: int) -> None:
    try:
        version_cache().set(VERSION_KEY, version, timeout=None)
    except Exception:
        logger.warning("translations: catalogue version not published", exc_info=True)


def refresh(*, force: bool = False) -> bool:
    """Apply the edits if the published version differs from this process's;
    at most every CATALOGUE_CHECK_SECONDS unless forced. True when the
    catalogues were reset."""
    now = time.monotonic()
    if not force and state.checked_at and now - state.checked_at < settings.CATALOGUE_CHECK_SECONDS:
        return False
    with state.lock:
        first = not state.checked_at
        state.checked_at = now
        published = published_version()
        if not settings.TRANSLATIONS_READ_ONLY:
            # A checkout: the files are shared and already saved; the version
            # only says "read them again". No query, nothing to write.
            changed = not first and published != state.version
            state.version = published
        else:
            if not first and published is not None and published == state.version:
                return False
            # First request of the process, a new version, or a cache that
            # lost the key (flushed, restarted): the database decides, and
            # the cache gets its answer.
            version = sync()
            if published != version:
                publish(version)
            changed = state.version != version
            state.version = version
    if changed:
        reset_loaded_catalogues()
    return changed


def record_save(*, language_code: str, po_path: Path, user=None) -> CatalogueEdit:
    """Publish a catalogue rosetta just saved at `po_path`: stored for every
    process and node, and in effect at once in this one."""
    with transaction.atomic():
        edit = CatalogueEdit.objects.create(
            language=language_code,
            po_text=po_path.read_text(),
            base_sha256=shipped_sha(language_code),
            saved_by=user if getattr(user, "is_authenticated", False) else None,
        )
        stale = CatalogueEdit.objects.filter(language=language_code).order_by("-id")[
            KEEP_EDITS_PER_LANGUAGE:
        ]
        CatalogueEdit.objects.filter(pk__in=list(stale.values_list("pk", flat=True))).delete()

        def published() -> None:
            publish(edit.pk)
            with state.lock:
                if settings.TRANSLATIONS_READ_ONLY:
                    write_catalogue(edited_catalogue(language_code), edit.po_text)
                state.version = edit.pk
                state.checked_at = time.monotonic()

        transaction.on_commit(published)
    reset_loaded_catalogues()
    return edit


class CatalogueVersionMiddleware:
    """Every process picks up /translate/ saves made by any other (module
    docstring). Costs one cache get every CATALOGUE_CHECK_SECONDS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            refresh()
        except Exception:  # never fail a page because an edit could not be applied
            logger.exception("translations: catalogue edits not applied")
        return self.get_response(request)


def refresh_before_task(sender, **kwargs) -> None:
    """The task worker (task_started): mail it sends uses the latest edits
    too, with the same check every CATALOGUE_CHECK_SECONDS."""
    try:
        refresh()
    except Exception:
        logger.exception("translations: catalogue edits not applied")
