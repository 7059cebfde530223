from django.urls import path

from . import views

urlpatterns = [
    path("images/", views.ImageUpload.as_view(), name="image-upload"),
]
