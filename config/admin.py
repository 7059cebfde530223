"""The admin site Quorum installs in place of Django's default one
(INSTALLED_APPS names `config.admin.QuorumAdminConfig`): the same site, signed
into through the site's own login, with translated names for third-party
models that have none.

The login is allauth's (apps.accounts.views.admin_login): its rate limits,
the second factor and passkeys apply at /admin/login/ as at /accounts/login/.

allauth's Authenticator and UserSession declare no verbose_name, so Django
derives "Authenticators" and "User sessions" from the class names, text no
catalogue can translate; the admin's menu showed it in English in every
language. Setting verbose_name on those models would change allauth's
migration state (makemigrations would want a migration inside allauth), so
the menu is named here instead.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _

UNNAMED_MODELS = {
    ("mfa", "authenticator"): _("Second factors"),
    ("usersessions", "usersession"): _("Signed-in sessions"),
}


class QuorumAdminSite(admin.AdminSite):
    site_header = _("Quorum administration")
    site_title = _("Quorum admin")
    index_title = _("Moderation and site management")
    site_url = "/"

    def login(self, request, extra_context=None):
        from apps.accounts.views import admin_login  # the admin site is built before the apps

        return admin_login(request, extra_context)

    def _build_app_dict(self, request, label=None):
        app_dict = super()._build_app_dict(request, label)
        apps = [app_dict] if label else list(app_dict.values())
        for app in filter(None, apps):
            for model in app["models"]:
                name = UNNAMED_MODELS.get(
                    (model["model"]._meta.app_label, model["model"]._meta.model_name)
                )
                if name is not None:
                    model["name"] = name
        return app_dict


class QuorumAdminConfig(AdminConfig):
    default_site = "config.admin.QuorumAdminSite"
