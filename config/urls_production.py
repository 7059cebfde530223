"""Production URLs: the site's, plus /metrics for the internal network
(config/observability.py decides who may read it; nginx refuses it outright)."""

from django.urls import path

from config.observability import metrics
from config.urls import handler400, handler404, handler500
from config.urls import urlpatterns as site_urlpatterns

__all__ = ["handler400", "handler404", "handler500", "urlpatterns"]

urlpatterns = [
    path("metrics", metrics, name="prometheus-metrics"),
    *site_urlpatterns,
]
