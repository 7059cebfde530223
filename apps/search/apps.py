from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "apps.search"
    # Translators: A noun (the search page and the search field's label) and the search button (a
    # verb, imperative).
    verbose_name = _("Search")
