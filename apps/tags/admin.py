from django.contrib import admin

from .models import Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("slug", "name", "post_count", "created")
    list_filter = ("created",)
    search_fields = ("slug", "name")
    readonly_fields = ("post_count", "created")
    ordering = ("slug",)
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        # The slug is the tag's identity (and its URL): set once.
        if obj is not None:
            return (*self.readonly_fields, "slug")
        return self.readonly_fields
