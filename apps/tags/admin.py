"""Staff's admin for tags: made, renamed and deleted through the services,
which keep the slug normalized, never write the post count (the post
services count) and tell the feed cache."""

from django.contrib import admin
from django.db import transaction

from apps.core.translated_admin import TranslatedFieldsAdmin

from . import services
from .models import Tag


@admin.register(Tag)
class TagAdmin(TranslatedFieldsAdmin):
    # TranslatedFieldsAdmin: one name field per language (apps/tags/translation.py),
    # each with its lang and dir.
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

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            return form

        class CreateForm(form):
            def clean_slug(self) -> str:
                # The form's own uniqueness check then sees the normalized slug.
                return services.normalize_tag(self.cleaned_data.get("slug", ""))

        return CreateForm

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            names = {f: data[f] for f in form.changed_data if f in services.name_fields()}
            services.tag_update(actor=request.user, tag=obj, names=names)
            return
        names = {f: data[f] for f in services.name_fields() if data.get(f)}
        tag = services.tag_create(actor=request.user, slug=obj.slug, names=names)
        obj.pk, obj.created, obj._state.adding = tag.pk, tag.created, False

    def delete_model(self, request, obj):
        services.tag_delete(actor=request.user, tag=obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for tag in queryset:
                services.tag_delete(actor=request.user, tag=tag)
