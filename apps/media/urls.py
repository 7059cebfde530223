from django.urls import path

from . import views

app_name = "media"

urlpatterns = [
    path("images/upload/", views.upload, name="upload"),
]
