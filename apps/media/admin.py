"""Uploaded images, read-only for staff: what was uploaded, by whom, whether
a post uses it. Deleting goes through the files too (the orphan service's
rule), never the row alone."""

from django.contrib import admin

from . import services
from .models import Image


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ("file", "uploader", "width", "height", "byte_size", "created", "attached_at")
    list_filter = (("attached_at", admin.EmptyFieldListFilter),)
    list_select_related = ("uploader",)
    search_fields = ("file", "alt", "uploader__username")
    readonly_fields = (
        "uploader",
        "file",
        "width",
        "height",
        "format",
        "byte_size",
        "alt",
        "variants",
        "created",
        "attached_at",
    )
    date_hierarchy = "created"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def delete_model(self, request, obj: Image) -> None:
        services.image_delete(image=obj)

    def delete_queryset(self, request, queryset) -> None:
        for image in queryset:
            services.image_delete(image=image)
