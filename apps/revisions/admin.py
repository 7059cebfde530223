"""The edit history in the admin: read-only lists (versions are written by
apps.revisions.services when posts and comments are edited, never by hand)."""

from django.contrib import admin
from django.http import HttpRequest

from .models import CommentRevision, PostRevision


class ReadOnlyAdmin(admin.ModelAdmin):
    list_per_page = 50
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        return [field.name for field in self.model._meta.fields]


@admin.register(PostRevision)
class PostRevisionAdmin(ReadOnlyAdmin):
    list_display = ("post", "number", "title", "editor", "by_moderator", "created")
    list_filter = ("by_moderator",)
    list_select_related = ("post__community", "editor")
    search_fields = ("=post__id", "title")
    raw_id_fields = ("post", "editor")


@admin.register(CommentRevision)
class CommentRevisionAdmin(ReadOnlyAdmin):
    list_display = ("comment", "number", "editor", "by_moderator", "created")
    list_filter = ("by_moderator",)
    list_select_related = ("comment", "editor")
    search_fields = ("=comment__id",)
    raw_id_fields = ("comment", "editor")
