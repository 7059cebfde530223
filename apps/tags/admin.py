from django.conf import settings
from django.contrib import admin
from django.utils import translation
from modeltranslation.admin import TranslationAdmin

from .models import Tag


@admin.register(Tag)
class TagAdmin(TranslationAdmin):
    # TranslationAdmin: one name field per language (apps/tags/translation.py).
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

    def save_model(self, request, obj, form, change):
        # Saved in English, so the original column keeps the English name.
        with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            super().save_model(request, obj, form, change)
