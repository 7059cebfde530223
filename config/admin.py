"""The admin site Quorum installs in place of Django's default one
(INSTALLED_APPS names `config.admin.QuorumAdminConfig`): the same site, signed
into through the site's own login, with translated names for third-party
models that have none.

The login is allauth's (apps.accounts.views.admin_login): its rate limits,
the second factor and passkeys apply at /admin/login/ as at /accounts/login/.

allauth's Authenticator and UserSession declare no verbose_name, so Django
derives "Authenticators" and "User sessions" from the class names, text no
catalogue can translate; the admin showed it in English in every language.
Declaring verbose_name in their Meta would change allauth's migration state,
so QuorumAdminConfig.ready() gives their options translated names at run time
instead (the migration autodetector reads a model's original Meta, not these).

django-tasks-db marks its model and field names for translation but ships no
catalogue (apps/core/third_party_strings.py lists them for ours); its app
name, its "id" column, two columns of its ModelAdmin and its results' names
are plain English, named here the same way.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _

UNNAMED_MODELS = {
    ("mfa", "authenticator"): (_("Second factor"), _("Second factors")),
    ("usersessions", "usersession"): (_("Signed-in session"), _("Signed-in sessions")),
}


def name_unnamed_models() -> None:
    from django.apps import apps

    for (app_label, model_name), (singular, plural) in UNNAMED_MODELS.items():
        if apps.is_installed(f"allauth.{app_label}"):
            options = apps.get_model(app_label, model_name)._meta
            options.verbose_name, options.verbose_name_plural = singular, plural


class QuorumAdminSite(admin.AdminSite):
    site_header = _("Quorum administration")
    site_title = _("Quorum admin")
    index_title = _("Moderation and site management")
    site_url = "/"

    def login(self, request, extra_context=None):
        from apps.accounts.views import admin_login  # the admin site is built before the apps

        return admin_login(request, extra_context)


def name_task_results_admin(site: admin.AdminSite) -> None:
    """Translated names for django-tasks-db's admin: its app name, its "id"
    column (a field without verbose_name), two columns and the name of a
    result, all plain English in its AppConfig, ModelAdmin and model."""
    from django.apps import apps

    if not apps.is_installed("django_tasks_db"):
        return
    from django_tasks_db.admin import DBTaskResultAdmin
    from django_tasks_db.models import DBTaskResult

    DBTaskResult._meta.app_config.verbose_name = _("Background tasks")

    # The model's own __str__ is Django's "DBTaskResult object (…)".
    def task_result_name(result: DBTaskResult) -> str:
        return f"{result.task_name} · {result.id}"

    DBTaskResult.__str__ = task_result_name  # type: ignore[method-assign,assignment]

    class TaskResultAdmin(DBTaskResultAdmin):
        list_display = tuple(  # type: ignore[assignment]
            "result_id" if name == "id" else name for name in DBTaskResultAdmin.list_display
        )

        def get_readonly_fields(self, request, obj=None):
            fields = super().get_readonly_fields(request, obj)
            return ["result_id" if name == "id" else name for name in fields]

        @admin.display(description=_("ID"))
        def result_id(self, obj: DBTaskResult) -> str:
            return str(obj.id)

        @admin.display(description=_("Task name"))
        def task_name(self, obj: DBTaskResult) -> str:
            return obj.task_name

        @admin.display(description=DBTaskResult._meta.get_field("traceback").verbose_name)
        def formatted_traceback(self, obj: DBTaskResult) -> str:
            return super().formatted_traceback(obj)

        @admin.display(description=DBTaskResult._meta.get_field("run_after").verbose_name)
        def display_run_after(self, obj: DBTaskResult):
            return super().display_run_after(obj)

    if site.is_registered(DBTaskResult):
        site.unregister(DBTaskResult)
    site.register(DBTaskResult, TaskResultAdmin)


class QuorumAdminConfig(AdminConfig):
    default_site = "config.admin.QuorumAdminSite"

    def ready(self) -> None:
        super().ready()
        name_unnamed_models()
        name_task_results_admin(admin.site)
