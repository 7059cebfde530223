"""The site's URLs plus the two ceilings the benchmark compares pages with."""

from django.urls import path

from config import urls as site

from . import views

urlpatterns = [
    path("bench/minimal/", views.minimal),
    path("bench/template/", views.template_only),
    *site.urlpatterns,
]
for _name in ("handler400", "handler403", "handler404", "handler500"):
    if hasattr(site, _name):
        globals()[_name] = getattr(site, _name)
