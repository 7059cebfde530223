from django.urls import path

from . import views

urlpatterns = [
    path("communities/", views.CommunityList.as_view(), name="community-list"),
    path("communities/<slug:slug>/", views.CommunityDetail.as_view(), name="community-detail"),
    path("communities/<slug:slug>/join/", views.Join.as_view(), name="community-join"),
    path("communities/<slug:slug>/leave/", views.Leave.as_view(), name="community-leave"),
]
